"""The practice article ships with its CC BY 2.5 credit, and every lens reads it as it reads A–E."""

from __future__ import annotations

from medialit.corpus import read_article_file
from medialit.paths import datasets_dir
from medialit.report import scorecard

from .conftest import ROOT

PRACTICE = datasets_dir() / "practice" / "wn2019-007.txt"
URL = (
    "https://en.wikinews.org/wiki/President_Trump_says_he_%27can%27_and_%27may%27_put_US_into_"
    "state_of_emergency_to_build_border_wall"
)


def test_the_practice_article_carries_its_credit_and_licence():
    readme = (ROOT / "datasets" / "README.md").read_text(encoding="utf-8")
    assert "Wikinews contributors" in readme
    assert URL in readme
    assert "https://creativecommons.org/licenses/by/2.5/" in readme
    assert sorted(p.name for p in PRACTICE.parent.iterdir()) == ["wn2019-007.txt"]


def test_the_scorecard_reads_the_practice_article_beside_the_five(articles):
    practice = read_article_file(PRACTICE, id="practice")
    assert "I can do it [call a national emergency] if I want." in practice.text
    card = scorecard([*articles, practice])
    assert list(card.index) == ["A", "B", "C", "D", "E", "practice"]
    assert card.loc["practice", "named sources"] >= 4  # Trump, Pence, Pelosi, Schumer… named
