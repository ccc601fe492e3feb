"""Readability scores come from textstat; the kit's part is the bands and their readings."""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest

from medialit.corpus import Article
from medialit.paths import datasets_dir
from medialit.readability import (
    MEASURES,
    band_for,
    describe_readability,
    readability,
    readability_table,
)

EASY = Article.from_text(
    "The dog ran to the park. It was a sunny day. The kids played ball. Then they went home.",
    id="easy",
)
HARD = Article.from_text(
    "Notwithstanding the aforementioned jurisdictional considerations, the administrative "
    "determination, promulgated following extensive intergovernmental consultation, "
    "substantially reconfigured the operational responsibilities of municipal authorities.",
    id="hard",
)


def test_band_table_covers_every_measure_without_gaps():
    ranges = defaultdict(list)
    with open(datasets_dir() / "reference" / "readability_bands.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            assert row["reading"] and row["source"], row
            ranges[row["measure"]].append((float(row["low"]), float(row["high"])))
    assert set(ranges) == {m.bands for m in MEASURES}
    for measure, spans in ranges.items():
        spans.sort()
        for (_, high), (low, _) in zip(spans, spans[1:], strict=False):
            assert high == low, f"gap or overlap in {measure} bands at {high}/{low}"


@pytest.mark.parametrize(
    ("bands", "value", "band"),
    [
        ("flesch_reading_ease", 95, "very easy"),
        ("flesch_reading_ease", 65, "plain English"),
        ("flesch_reading_ease", 12, "very difficult"),
        ("flesch_reading_ease", -20, "very difficult"),
        ("grade", 12.9, "high school"),
        ("grade", 13.0, "college"),
        ("dale_chall", 4.9, "grade 4 and below"),
        ("words_per_sentence", 31, "long sentences"),
    ],
)
def test_band_edges(bands, value, band):
    assert band_for(bands, value).band == band


def test_unseen_easy_text_scores_easier_than_unseen_hard_text():
    easy, hard = readability(EASY), readability(HARD)
    assert easy["flesch_reading_ease"].value > hard["flesch_reading_ease"].value + 50
    for key in ("flesch_kincaid_grade", "gunning_fog", "dale_chall", "words_per_sentence"):
        assert easy[key].value < hard[key].value, key
    assert easy["words_per_sentence"].value == pytest.approx(4.8)  # 19 words, 4 sentences


def test_headings_do_not_count_as_sentences():
    with_heading = Article.from_text("A headline here\n\n" + EASY.text, id="h")
    assert readability(with_heading)["words_per_sentence"].value == 4.8


def test_every_score_has_a_reading_for_learners(articles):
    for article in articles:
        text = describe_readability(article)
        assert text.startswith(f"Article {article.id}:")
        assert len(text.splitlines()) == len(MEASURES) + 1


def test_table_has_a_row_per_article_and_bands_on_request(articles):
    table = readability_table(articles, with_bands=True)
    assert list(table.index) == list("ABCDE")
    assert "Flesch reading ease: band" in table.columns
    assert table["Words per sentence"].between(5, 60).all()


def test_the_fast_dictionary_gives_textstats_own_scores(articles):
    """The kit reads CMUdict its own, faster way; the scores must be exactly textstat's."""
    import json
    import subprocess
    import sys

    from medialit.readability import readability

    texts = [" ".join(s.text for s in a.sentences if s.kind == "body") for a in articles]
    script = (
        "import json, sys, textstat\n"
        "texts = json.load(sys.stdin)\n"
        "print(json.dumps([[textstat.flesch_reading_ease(t), textstat.flesch_kincaid_grade(t),"
        " textstat.gunning_fog(t), textstat.smog_index(t)] for t in texts]))\n"
    )
    plain = subprocess.run(
        [sys.executable, "-c", script], input=json.dumps(texts), capture_output=True, text=True,
        check=True,
    )
    expected = json.loads(plain.stdout)
    for article, values in zip(articles, expected, strict=True):
        scores = readability(article)
        keys = ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index")
        assert [scores[k].value for k in keys] == [round(v, 1) for v in values], article.id


def test_a_score_beyond_every_band_reads_as_the_nearest_end():
    from medialit.corpus import Article
    from medialit.readability import readability

    run_on = Article.from_text(" ".join(["the committee considered the proposal"] * 200))
    scores = readability(run_on)
    assert scores["flesch_reading_ease"].value < 0
    assert scores["flesch_reading_ease"].band == min(
        (b for b in _bands_of("flesch_reading_ease")), key=lambda b: b.low
    ).band


def _bands_of(measure):
    from medialit.readability import _bands

    return [b for b in _bands() if b.measure == measure]
