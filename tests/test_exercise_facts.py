"""What the exercise prompts state about the five articles is true of their text (or of the kit's
output, where a prompt says so), and the keys of evidence items stay sealed."""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from medialit.fallible import sources_in
from medialit.grading import bank
from medialit.grading.bank import read_plain

from .conftest import ROOT

# Words by which an article names who says, reports or counts something.
CUES = re.compile(
    r"\b(said|says|according to|report\w*|told|stated|announced|estimated|counted|noted|notes|"
    r"data|figures from|statistics)\b",
    re.IGNORECASE,
)


def _keyed(set_id: str, qid: str) -> dict:
    question = next(
        q for q in read_plain(ROOT / "solutions" / "keys" / f"{set_id}.toml")["questions"]
        if q["id"] == qid
    )
    return question["answer"]


def test_01_q1_as_is_the_highest_count_of_named_sources(articles):
    from medialit.sourcing import sourcing_table

    named = sourcing_table(articles)["named sources"]
    assert named["A"] == named.max() and (named == named.max()).sum() == 1


def test_01_q13_d_names_no_source_for_its_72179(by_id):
    d = by_id["D"]
    assert "the deportation of 72,179 people" in d.paragraph(6).text
    assert d.text.count("72,179") == 1
    assert not CUES.search(d.paragraph(6).text) and sources_in(d, 6).empty
    # the options' feedback: D mentions ICE, and cites Trump's words elsewhere (¶15)
    assert "ICE raids" in d.text
    assert "Trump is resorting to a fascistic discourse labelling" in d.text


def test_02_q1_b_d_and_e_give_these_national_guard_figures(by_id):
    assert "Trump decided to send 2,000 National Guard troops to Los Angeles" in by_id["B"].text
    d13 = by_id["D"].paragraph(13).text
    assert "deploying 300 National Guard agents to California" in d13
    assert "has now sent more than 2,000" in d13
    assert "2,000 National Guard troops arrived in LA" in by_id["E"].paragraph(6).text


def test_02_q13_c_writes_years_and_the_lens_finds_no_figure(by_id):
    from medialit.numbers import find_quantities

    c = by_id["C"]
    assert "Portland in 2020" in c.paragraph(6).text and "post-9/11" in c.paragraph(6).text
    assert "the 2026 midterms" in c.paragraph(12).text
    assert find_quantities(c) == []
    # the feedback: the lens does read figures written as digits in the other articles
    figures = {q.text for a in ("B", "D") for q in find_quantities(by_id[a])}
    assert {"2,000", "72,179"} <= figures


def test_04_q1_the_keyed_questions_are_body_text_and_the_subheads_are_not(by_id):
    c = by_id["C"]
    for passage in _keyed("04_capstone", "q1")["C"]["words"]:
        paragraph = c.paragraph(passage["paragraph"])
        assert paragraph.kind == "body" and len(paragraph.text.split()) > 20
        after = paragraph.text[paragraph.text.index(passage["words"]) :]
        assert re.match(r"[^.?!]*\?", after), passage  # the passage is a question
    subheads = [p for p in c.paragraphs if p.text.rstrip().endswith("?")]
    assert [p.number for p in subheads] == [5, 8, 11, 15]
    assert all(p.kind == "heading" for p in subheads)


def test_04_q2_c_attributes_its_statistics_claim_and_gives_no_figure(by_id):
    text = by_id["C"].paragraph(13).text
    assert "The Migration Policy Institute notes that while undocumented migration" in text
    assert "crime statistics don’t show a corresponding spike tied to immigrant populations" in text


def test_04_q7_each_keyed_attribution_is_one_that_does_not_hold_together(by_id):
    a = by_id["A"]
    assert a.paragraph(5).text.lower().count("according to cnn") == 2  # one claim, twice
    assert "NewNationNow" in a.paragraph(7).text and "NewsNationNow" in a.paragraph(7).text
    assert "Gazeta.ru" in a.paragraph(10).text and "Russian Gazeta" in a.paragraph(10).text
    assert a.paragraph(11).text.startswith("according to LA Times, that the Los Angeles Times")
    p16 = a.paragraph(16).text
    assert "The same country that lectures us on human rights" in p16
    assert not any(mark in p16 for mark in "“”\"")  # first person, no quotation marks


def test_04_q8_the_keyed_figures_stand_in_paragraphs_that_name_no_source(by_id):
    for article_id, parts in _keyed("04_capstone", "q8").items():
        for passage in parts["figure"]:
            paragraph = by_id[article_id].paragraph(passage["paragraph"])
            assert not CUES.search(paragraph.text), (article_id, paragraph.number)
            assert sources_in(by_id[article_id], paragraph.number).empty


@pytest.mark.parametrize("set_id", bank.available_sets())
def test_keyed_evidence_is_sealed_and_not_in_the_learners_copy(set_id):
    shipped = json.loads((bank.SEALED_DIR / f"{set_id}.json").read_text(encoding="utf-8"))
    keys = json.dumps([q["key"] for q in shipped["questions"]], ensure_ascii=False)
    exercise = nbformat.read(ROOT / "exercises" / f"{set_id}.ipynb", as_version=4)
    code = "\n".join(c.source for c in exercise.cells if c.cell_type == "code")
    for question in read_plain(ROOT / "solutions" / "keys" / f"{set_id}.toml")["questions"]:
        if question["kind"] != "evidence" or "answer" not in question:
            continue
        shown = "\n".join(c.source for c in exercise.cells if c.cell_type == "markdown")
        for parts in question["answer"].values():
            for part, passages in parts.items():
                for words in (p["words"] for p in passages):
                    assert words not in keys and words not in code, (set_id, words)
                    if part == "words":  # the words that show an error: no cell gives them away
                        assert words not in shown, (set_id, words)
