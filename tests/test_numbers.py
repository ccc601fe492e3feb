"""The number lens on the five articles (against a hand-made key) and on unseen sentences."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from medialit.corpus import Article
from medialit.numbers import compare_claims, find_quantities, quantity_table, within_article_checks

# Every quantity written with digits, by hand, with its value.
DIGITS = {
    "A": [2500, 1200, 36, 400],
    "B": [1_000_000, 2000],
    "C": [],  # only years (2020, 2026) and "9/11": no quantity
    "D": [
        72179,
        10000,
        70,
        300,
        2000,
        19,
        10000,
        20000,
        4100,
        700,
        56,
        10000,
        90,
        30,
        65_000_000,
        38_000_000,
        4_000_000,
        15_000_000,
    ],
    "E": [100, 2000, 37e12],
}
# Every vague quantity, by hand, as written.
VAGUE = {
    "A": ["thousands", "numerous", "several", "dozens", "several"],
    "B": [],
    "C": [],
    "D": [
        "tens of thousands",
        "dozens",
        "thousands",
        "Hundreds",
        "dozens",
        "dozens",
        "millions",
        "numerous",
    ],
    "E": ["Thousands", "tens of millions"],
}
NOT_QUANTITIES = re.compile(r"\b(?:1965|1807|2020|2026|2025|June 14|5 April|9/11)\b")


@pytest.mark.parametrize("article_id", "ABCDE")
def test_every_digit_quantity_is_found_with_its_value(by_id, article_id):
    found = [q for q in find_quantities(by_id[article_id]) if re.search(r"\d", q.text)]
    assert Counter(q.value for q in found) == Counter(float(v) for v in DIGITS[article_id])


@pytest.mark.parametrize("article_id", "ABCDE")
def test_every_vague_quantity_is_flagged_vague(by_id, article_id):
    found = find_quantities(by_id[article_id])
    vague = [by_id[article_id].text[q.start : q.end] for q in found if q.precision == "vague"]
    assert sorted(v.lower() for v in vague) == sorted(v.lower() for v in VAGUE[article_id])
    for q in found:
        if q.precision == "vague":
            assert q.low is not None and q.high is not None and q.low < q.high


def test_no_date_year_or_ordinal_is_a_quantity(articles):
    for article in articles:
        for q in find_quantities(article):
            assert not NOT_QUANTITIES.search(q.text), q
            assert article.text[q.start : q.end] == q.text
            assert "second" not in q.text.lower() and "first" not in q.text.lower()


def test_precision_topics_and_time_frames_in_the_five(by_id):
    a = {q.text: q for q in find_quantities(by_id["A"])}
    assert (
        a["approximately 2,500"].precision == "approximate"
        and a["approximately 2,500"].scope == "active-duty"
    )
    assert a["over 400"].precision == "lower bound" and a["over 400"].high is None
    assert a["over 400"].topic == "arrests" and a["over 400"].time_frame == "since Sunday"
    assert a["over 1,200"].topic == "detentions" and a["at least 36"].topic == "injuries"
    b = {q.text: q for q in find_quantities(by_id["B"])}
    assert b["more than a dozen"].value == 12 and b["more than a dozen"].topic == "arrests"
    assert b["1 million"].topic == "deportations" and "first year" in b["1 million"].time_frame
    e = {q.text: q for q in find_quantities(by_id["E"])}
    assert e["nearly $37 trillion"].topic == "money" and e["nearly $37 trillion"].high == 37e12
    assert e["around 100"].time_frame == "initially"
    d = [q for q in find_quantities(by_id["D"]) if q.topic == "troops"]
    assert {q.scope for q in d} >= {"National Guard", "Marines", "unspecified, at a border"}


def test_attribution_is_recorded(by_id):
    a = {q.text: q for q in find_quantities(by_id["A"])}
    assert a["over 400"].attributed and a["over 400"].attributed_in == "sentence"
    assert a["approximately 2,500"].attributed_in == "paragraph"
    # D names a source for only one figure ("two Democratic leaders" Trump "threatened" to imprison)
    assert [q.text for q in find_quantities(by_id["D"]) if q.attributed] == ["two"]


UNSEEN = [
    ("Police said 1,250 people were detained.", [("1,250", 1250, "exact", "detentions")]),
    ("The fund holds $4.5 billion.", [("$4.5 billion", 4.5e9, "exact", "money")]),
    ("Turnout rose 12.5% this year.", [("12.5%", 12.5, "exact", "percentages")]),
    ("About 300 protesters marched on Sunday.", [("About 300", 300, "approximate", "protesters")]),
    ("More than 40 people were injured.", [("More than 40", 40, "lower bound", "injuries")]),
    ("Up to 5,000 troops could be sent.", [("Up to 5,000", 5000, "upper bound", "troops")]),
    ("Nearly two dozen arrests were made.", [("Nearly two dozen", 24, "approximate", "arrests")]),
    ("Dozens of cities joined the strike.", [("Dozens", 56.0, "vague", "cities")]),
    (
        "Tens of thousands marched in the capital.",
        [("Tens of thousands", 44721.0, "vague", "protesters")],
    ),
    ("It happened at 5 p.m. on June 3, 2024, after the 2020 law.", []),
    ("The Act of 1807 was invoked after 9/11 in the 1960s.", []),
    ("He finished second; it was the first time in the city's second-largest district.", []),
    (
        "Thirty days of enforcement began, and one million people watched.",
        [("Thirty", 30, "exact", "other"), ("one million", 1e6, "exact", "other")],
    ),
    ("Only 7 officers were hurt.", [("Only 7", 7, "exact", "injuries")]),
    ("Since January, 500 people have been deported.", [("500", 500, "exact", "deportations")]),
]


@pytest.mark.parametrize(("text", "expected"), UNSEEN, ids=[t[:30] for t, _ in UNSEEN])
def test_unseen_sentences(text, expected):
    found = find_quantities(Article.from_text(text, id="unseen"))
    got = [(q.text, q.value, q.precision, q.topic) for q in found]
    assert [(t, round(v), p, topic) for t, v, p, topic in got] == [
        (t, round(v), p, topic) for t, v, p, topic in expected
    ]


def test_unseen_time_frames_and_bounds():
    (q,) = find_quantities(
        Article.from_text("Since January, 500 people have been deported.", id="x")
    )
    assert q.time_frame == "Since January"  # as the text writes it
    (q,) = find_quantities(Article.from_text("About 300 protesters marched on Sunday.", id="x"))
    assert (q.low, q.high) == pytest.approx((270, 330)) and q.time_frame == "on Sunday"


# --- the ledger, with the verdicts judged by hand ----------------------------------------------


@pytest.fixture(scope="module")
def claims(articles):
    return {(c.topic, c.scope): c for c in compare_claims(articles)}


def test_national_guard_figures_agree(claims):
    claim = claims[("troops", "National Guard")]
    assert claim.verdict == "consistent"
    assert {a for a, _ in claim.values} == {"B", "D", "E"}


def test_arrest_figures_are_bounds_that_can_all_be_true(claims):
    claim = claims[("arrests", "")]
    assert claim.verdict == "consistent" and "bounds" in claim.explanation
    assert sorted(q.text for _, q in claim.values) == [
        "At least 70",
        "more than a dozen",
        "over 400",
    ]


def test_deportation_figures_cover_different_time_frames(claims):
    claim = claims[("deportations", "")]
    assert claim.verdict == "not comparable" and "time frames" in claim.explanation


def test_detention_and_protester_figures_clash(claims):
    assert claims[("detentions", "")].verdict == "conflicting"
    assert claims[("detentions", "")].ratio > 10
    protesters = claims[("protesters", "")]
    assert protesters.verdict == "conflicting" and "Vague" in protesters.explanation


def test_single_source_and_no_figures_from_c(claims):
    assert claims[("money", "")].verdict == "single-source"
    assert all(a != "C" for c in claims.values() for a, _ in c.values)


def test_within_article_checks(by_id):
    notes = within_article_checks(by_id["D"])
    troops = [n for n in notes if n["topic"] == "troops" and n["scope"] == "National Guard"]
    assert troops and troops[0]["kind"] == "several figures" and "300" in troops[0]["message"]
    assert any(n["kind"] == "vague beside precise" for n in notes)


def test_table(by_id):
    table = quantity_table(by_id["B"])
    assert list(table["figure"]) == ["1 million", "more than a dozen", "2,000"]
