"""The loaded-language lens: a hand-made key, quotations, opinion signals, rewrites."""

from __future__ import annotations

import pytest

from medialit.corpus import Article
from medialit.language import (
    find_loaded_language,
    language_summary,
    lexicon,
    loaded_html,
    neutral_rewrite,
    opinion_signals,
)

# Loaded words in the author's own voice, marked by reading each paragraph (not from the detector).
HAND_KEY = {
    ("A", 1): {"battleground", "erupted", "aggressive", "spiraled", "full-scale", "unprecedented"},
    ("A", 6): set(),  # a factual paragraph: nothing should be flagged
    ("B", 2): {"battleground", "fierce"},
    ("C", 6): {"To be honest", "insurgent", "enemy"},
    ("C", 19): {"one thing is certain", "war zone"},
    ("D", 1): {"heroically", "brutal", "repression", "far-right"},
    ("D", 2): {"unstoppable", "uprising", "massive"},
    ("D", 9): {"The straw that broke the camel's back", "savage", "militarised", "war operation"},
    ("E", 1): {"exploded", "massive"},
    ("E", 13): {"subdue", "vicious", "dictatorial"},
}


def _found(article, paragraph_number):
    paragraph = article.paragraph(paragraph_number)
    return {
        t.text
        for t in find_loaded_language(article)
        if t.voice == "author" and paragraph.start <= t.start < paragraph.end
    }


def test_precision_and_recall_on_the_hand_key(by_id):
    hits = found_total = key_total = 0
    for (article_id, number), key in HAND_KEY.items():
        found = _found(by_id[article_id], number)
        hits += len(found & key)
        found_total += len(found)
        key_total += len(key)
    precision, recall = hits / found_total, hits / key_total
    print(
        f"\nloaded language, hand key of {key_total} words in 10 paragraphs: "
        f"precision {precision:.2f}, recall {recall:.2f}"
    )
    assert precision >= 0.8 and recall >= 0.8


def test_words_inside_quotations_are_never_the_authors(articles):
    from medialit.corpus import find_quotations

    for article in articles:
        quotes = find_quotations(article.text)
        for t in find_loaded_language(article):
            if any(q.start <= t.start < q.end for q in quotes):
                assert t.voice == "quoted", t


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mayor called the plan “a total disaster for our city.”", [("disaster", "quoted")]),
        (
            "He said the ‘invaders’ were ‘thugs’, but Trump’s aides disagreed.",
            [("invaders", "quoted"), ("thugs", "quoted")],
        ),
        (
            'Critics said the "draconian" rule would cause chaos.',
            [("draconian", "quoted"), ("chaos", "attributed paraphrase")],
        ),
        (
            "“This is a crisis. It is a catastrophe,” she said. The brutal crackdown continued.",
            [
                ("crisis", "quoted"),
                ("catastrophe", "quoted"),
                ("brutal", "author"),
                ("crackdown", "author"),
            ],
        ),
        ("The workers’ union slammed the deal.", [("slammed", "author")]),
        (
            "According to officials, the mob stormed the building.",
            [("mob", "attributed paraphrase"), ("stormed", "attributed paraphrase")],
        ),
    ],
)
def test_voice_on_unseen_sentences(text, expected):
    found = find_loaded_language(Article.from_text(text, id="unseen"))
    assert [(t.text, t.voice) for t in found] == expected


def test_quotations_spanning_sentences():
    text = Article.from_text(
        "“We will not be silenced. This regime is a tyranny,” the leader said. "
        "Officials disagreed.",
        id="q",
    )
    assert {(t.text, t.voice) for t in find_loaded_language(text)} == {
        ("regime", "quoted"),
        ("tyranny", "quoted"),
    }


def test_apostrophes_do_not_open_quotations():
    text = Article.from_text(
        "The country’s brutal winter and the workers’ savage hours made news.", id="a"
    )
    assert [t.voice for t in find_loaded_language(text)] == ["author", "author"]


def test_lexicon_is_large_documented_and_uses_semeval_names():
    from medialit.language import TECHNIQUES

    entries = lexicon()
    assert len(entries) >= 300
    assert {e.technique for e in entries} <= set(TECHNIQUES)
    assert all(e.explanation and 1 <= e.intensity <= 3 for e in entries)
    assert len({e.term.lower() for e in entries}) == len(entries)


def test_opinion_signals_on_unseen_text():
    text = Article.from_text(
        "We must act now! Do you really believe them? I think not. Join us on Saturday.\n"
        "“We are ready,” our source said.",
        id="o",
    )
    signals = opinion_signals(text)
    assert signals["exclamations"] == 1 and signals["rhetorical_questions"] == 1
    assert signals["call_to_action"] >= 2 and signals["second_person"] == 1
    assert signals["first_person"] >= 2


def test_opinion_signals_separate_the_column_from_the_wire_report(by_id):
    assert opinion_signals(by_id["B"]) == {
        "first_person": 0,
        "second_person": 0,
        "rhetorical_questions": 0,
        "call_to_action": 0,
        "exclamations": 0,
    }
    assert opinion_signals(by_id["C"])["rhetorical_questions"] >= 3
    assert opinion_signals(by_id["D"])["call_to_action"] >= 3


def test_summary_ranks_author_voice_density(articles):
    density = {a.id: language_summary(a)["author_per_100_words"] for a in articles}
    assert density["D"] > density["E"] > density["A"] > density["B"]
    b = language_summary(articles[1])
    assert b["quoted_per_100_words"] > b["author_per_100_words"]


def test_neutral_rewrite_leaves_no_lexicon_term():
    sentence = (
        "The brutal crackdown by the far-right regime has spiraled into chaos, critics slammed."
    )
    rewritten = neutral_rewrite(sentence)
    assert (
        rewritten
        == "The harsh enforcement operation by the right-wing government has escalated into "
        "disorder, critics criticised."
    )
    assert find_loaded_language(Article.from_text(rewritten, id="r")) == []


def test_html_view_has_legend_tooltips_and_styles(by_id):
    page = loaded_html(by_id["D"])
    assert "title=" in page and "Neutral:" in page and "text-decoration:underline" in page
    assert "Loaded_Language" in page and "<b>Bold</b>" in page
