"""The corpus: verbatim articles, offsets that round-trip, sentences split as a reader would."""

from __future__ import annotations

import hashlib

import pytest

from medialit.corpus import (
    Article,
    article_records,
    count_words,
    load_articles,
    load_folder,
    load_paths,
    read_article_file,
    split_sentences,
)
from medialit.errors import (
    ArticleNotFoundError,
    ArticleTooLargeError,
    EmptyArticleError,
    NoArticlesError,
    NotTextError,
)
from medialit.paths import datasets_dir

# sha256 of ../shared/seeds/000…004, recorded when the files were copied: the kit's copies must
# stay byte-for-byte identical so that offsets mean the same thing everywhere.
SEED_SHA256 = {
    "A": "a705c420f6c367e89ce26bdadfe0287c1755f1e792d6a246595995670f70cec8",
    "B": "fcc67cb714bc574bbe70f01a5c6ee0b91871bff02ada9f1862353f68bcb46a3a",
    "C": "7a7607392d88db2aa2394724f9c94b52d974e371a4977c2725a6756e586940a2",
    "D": "c2553a31f52f563cbbdd5889b1bab61863153b20d6087a74e40f0c531e6327a7",
    "E": "488ab9c04cd14848278ff58fb294042e6e1d1ad48a2626b83f2986936b7e795b",
}

# Counted by hand, sentence by sentence (see tests/README.md for the conventions):
# (body sentences, heading lines, paragraphs).
HAND_COUNTS = {
    "A": (37, 2, 19),
    "B": (15, 1, 9),
    "C": (43, 5, 19),  # headline + 4 one-line question sub-heads
    "D": (69, 4, 37),
    "E": (21, 0, 21),
}


@pytest.mark.parametrize("article_id", sorted(SEED_SHA256))
def test_bundled_files_are_verbatim_copies_of_the_seeds(article_id):
    data = (datasets_dir() / "articles" / f"{article_id}.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == SEED_SHA256[article_id]


def test_loader_only_trims_surrounding_whitespace(articles):
    for article in articles:
        raw = (datasets_dir() / "articles" / f"{article.id}.txt").read_text(encoding="utf-8")
        assert article.text == raw.strip()


def test_offsets_round_trip_for_every_paragraph_and_sentence(articles):
    for article in articles:
        spans = [*article.paragraphs, *article.sentences]
        assert spans
        for span in spans:
            assert article.text[span.start : span.end] == span.text
            assert span.text == span.text.strip() and span.text


def test_sentences_lie_inside_their_paragraph_in_order(articles):
    for article in articles:
        previous_end = -1
        for sentence in article.sentences:
            paragraph = article.paragraph(sentence.paragraph)
            assert paragraph.start <= sentence.start < sentence.end <= paragraph.end
            assert sentence.start >= previous_end
            previous_end = sentence.end


@pytest.mark.parametrize("article_id", sorted(HAND_COUNTS))
def test_sentence_and_paragraph_counts_match_the_hand_count(by_id, article_id):
    body, headings, paragraphs = HAND_COUNTS[article_id]
    article = by_id[article_id]
    assert sum(s.kind == "body" for s in article.sentences) == body
    assert sum(s.kind == "heading" for s in article.sentences) == headings
    assert len(article.paragraphs) == paragraphs


def test_known_hard_boundaries_in_the_five(by_id):
    c_texts = [s.text for s in by_id["C"].sentences]
    # "L.A." ends a sentence here; the next one starts "Multiple outlets".
    assert any(t.endswith("under siege in L.A.") for t in c_texts)
    assert any(t.startswith("Multiple outlets, including AP News") for t in c_texts)
    # A quotation with full stops inside, attributed after it, is one sentence.
    a_texts = [s.text for s in by_id["A"].sentences]
    assert any(
        t.startswith("“This is not governance. This is provocation.")
        and t.endswith("Kaine tweeted.")
        for t in a_texts
    )
    # E's dateline is not part of its first sentence.
    assert by_id["E"].sentences[0].text.startswith("LOS ANGELES, the second largest city")


def test_title_and_dateline_come_only_from_the_text(by_id):
    assert by_id["C"].title == (
        "Trump Orders Crackdown in Los Angeles, Calling City ‘Occupied’ by Migrants and Criminals"
    )
    assert by_id["E"].dateline.text == "date 2025-06-09" and by_id["E"].date == "2025-06-09"
    for article_id in "ABD":
        assert by_id[article_id].title is None and by_id[article_id].date is None


def test_articles_csv_agrees_with_the_texts(by_id):
    records = article_records()
    assert [r.id for r in records] == list("ABCDE")
    for record in records:
        article = by_id[record.id]
        assert record.words == article.words
        assert record.title == (article.title or "")
        assert record.dateline == (article.dateline.text if article.dateline else "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gov. Gavin Newsom spoke on Monday. Sen. Alex Padilla was removed from the room.",
            ["Gov. Gavin Newsom spoke on Monday.", "Sen. Alex Padilla was removed from the room."],
        ),
        (
            "The U.S. Army sent troops. Mr. Smith, a resident, disagreed.",
            ["The U.S. Army sent troops.", "Mr. Smith, a resident, disagreed."],
        ),
        (
            "Officials in L.A. said the curfew would end. Dr. Jones was not consulted.",
            ["Officials in L.A. said the curfew would end.", "Dr. Jones was not consulted."],
        ),
        (
            "Prices rose 3.5 percent in the U.S. The Fed held rates steady.",
            ["Prices rose 3.5 percent in the U.S.", "The Fed held rates steady."],
        ),
        (
            "“We will not leave. We are home,” said Maria Lopez. The crowd cheered.",
            ["“We will not leave. We are home,” said Maria Lopez.", "The crowd cheered."],
        ),
        (
            "He said: “Stop.” Then he left! Did anyone follow? No.",
            ["He said: “Stop.”", "Then he left!", "Did anyone follow?", "No."],
        ),
        (
            "The agency cited U.S. Customs and Border Protection data. It showed 1,200 arrests.",
            [
                "The agency cited U.S. Customs and Border Protection data.",
                "It showed 1,200 arrests.",
            ],
        ),
        ("", []),
    ],
)
def test_unseen_sentences_split_like_a_reader_would(text, expected):
    assert [text[s:e] for s, e in split_sentences(text)] == expected


def test_wire_dateline_and_markdown_title_in_a_teachers_file():
    article = Article.from_text(
        "# Council backs bus plan\n\n"
        "SPRINGFIELD (AP) — The council voted on Tuesday. It passed 7–2.",
        id="t",
    )
    assert article.title == "Council backs bus plan"
    assert article.dateline.text == "SPRINGFIELD (AP)"
    assert [s.text for s in article.sentences if s.kind == "body"] == [
        "The council voted on Tuesday.",
        "It passed 7–2.",
    ]


def test_line_endings_and_byte_order_mark_are_normalised():
    article = Article.from_text("\ufeffOne line.\r\nTwo line.\r\n", id="crlf")
    assert article.text == "One line.\nTwo line."
    assert len(article.paragraphs) == 2


@pytest.mark.parametrize(
    ("text", "words"),
    [("", 0), ("2,500 troops", 2), ("America’s second-largest city", 3), ("U.S. officials", 2)],
)
def test_count_words(text, words):
    assert count_words(text) == words


# --- bad input through the API (the command is tested in test_cli.py) -----------------------


def test_empty_and_blank_text_is_refused_with_advice(tmp_path):
    for content in ("", "   \n\n  ", "— … —"):
        path = tmp_path / "empty.txt"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(EmptyArticleError, match="has no words"):
            read_article_file(path)
    with pytest.raises(EmptyArticleError):
        Article.from_text("", id="x")


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(b"%PDF-1.7\x00\x01\x02 binary")
    with pytest.raises(NotTextError, match="binary file"):
        read_article_file(path)


def test_non_utf8_file_is_refused_with_the_fix(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Café crème on the Champs-Élysées.".encode("latin-1"))
    with pytest.raises(NotTextError, match="UTF-8"):
        read_article_file(path)


def test_large_file_is_refused_before_reading_and_limit_is_configurable(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("Word. " * 2000, encoding="utf-8")
    with pytest.raises(ArticleTooLargeError, match="limit"):
        read_article_file(path, max_bytes=1000)
    assert read_article_file(path, max_bytes=20_000).words == 2000


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(ArticleNotFoundError):
        read_article_file(tmp_path / "nope.txt")
    with pytest.raises(ArticleNotFoundError):
        load_folder(tmp_path / "nope")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF")
    with pytest.raises(NoArticlesError, match=r"no \.txt or \.md"):
        load_folder(tmp_path)


def test_folder_loading_reads_txt_and_md_in_name_order(tmp_path):
    (tmp_path / "b.md").write_text("# Title B\n\nBody of b.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Body of a.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    articles = load_folder(tmp_path)
    assert [a.id for a in articles] == ["a", "b"]
    assert articles[1].title == "Title B"


def test_same_file_name_in_two_folders_gets_distinct_ids(tmp_path):
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(f"Story from {folder}.", encoding="utf-8")
    ids = [a.id for a in load_paths([tmp_path / "one", tmp_path / "two" / "story.txt"])]
    assert ids == ["story", "story-2"]


def test_load_articles_selects_by_id():
    assert [a.id for a in load_articles(["E", "A"])] == ["E", "A"]
    with pytest.raises(KeyError, match="unknown article"):
        load_articles(["Z"])
