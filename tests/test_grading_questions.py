"""Scoring every question kind from sealed keys: right, partly right, wrong, ill-typed."""

from __future__ import annotations

import json

import pytest

from medialit.annotations import span_scores
from medialit.corpus import load_articles
from medialit.grading.bank import compile_set, load_set
from medialit.grading.questions import (
    AnswerTypeError,
    check_plain,
    score,
    score_function_outputs,
    seal_question,
)

from .conftest import ROOT

SALT = "test-salt"


class sealed:  # noqa: N801 - reads as a function in the tests
    """A question sealed in memory, scored against its own key."""

    def __init__(self, **plain):
        self.question, self.key = seal_question({"id": "q", "points": 2, **plain}, SALT)

    def __call__(self, answer):
        return score(self.question, answer, self.key)

    def outputs(self, outputs):
        return score_function_outputs(self.question, outputs, self.key)


def test_choice_accepts_case_and_spacing_and_gives_targeted_feedback():
    question = sealed(
        kind="choice", answer="C", feedback={"E": "E has a date line, not a headline."}
    )
    assert question(" c ").status == "correct"
    wrong = question("E")
    assert wrong.points == 0 and "date line" in wrong.feedback
    assert (
        question(["C"]).status == "error" and "one answer" in question(["C"]).feedback
    )


def test_multi_gives_partial_credit_and_counts_without_revealing():
    question = sealed(kind="multi", answer=["Bloomberg", "CNN", "LA Times", "Gazeta.ru"])
    assert question({"cnn", "bloomberg", "la times", "gazeta.ru"}).points == 2
    partial = question({"CNN", "Bloomberg", "Reuters"})
    assert partial.status == "partial"
    assert partial.points == pytest.approx(2 * (2 - 1) / 4)
    assert "2 of the 4" in partial.feedback and "Reuters" not in partial.feedback
    everything = question({"CNN", "Bloomberg", "LA Times", "Gazeta.ru", "x", "y", "z", "w"})
    assert everything.points == 0, "listing everything must not earn full marks"
    type_error = question("CNN")
    assert type_error.status == "error" and "braces" in type_error.feedback


def test_number_accepts_every_value_within_tolerance_and_nothing_outside():
    question = sealed(kind="number", answer=1805, tolerance=20, resolution=1)
    assert all(question(v).status == "correct" for v in range(1785, 1826))
    assert (
        question(1784).status == "incorrect" and question(1826).status == "incorrect"
    )
    assert question(1805.4).status == "correct"
    assert question("1805").status == "error"
    assert question(True).status == "error"


def test_mapping_scores_each_entry():
    question = sealed(kind="mapping", answer={"A": 19, "B": 9, "C": "headline"})
    assert question({"A": 19, "B": 9, "C": "Headline"}).status == "correct"
    partial = question({"A": 19, "B": 10})
    assert partial.points == pytest.approx(2 / 3, abs=0.005) and "Missing: C" in partial.feedback


def test_ranking_gives_credit_per_ordered_pair():
    question = sealed(kind="ranking", answer=["C", "D", "A", "E", "B"])
    assert question(["C", "D", "A", "E", "B"]).status == "correct"
    swapped = question(["D", "C", "A", "E", "B"])
    assert swapped.points == pytest.approx(2 * 9 / 10)
    assert question(["C", "D"]).points == 0


def test_span_scores_partial_overlap():
    assert span_scores([(0, 10)], [(0, 10)]) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    half = span_scores([(0, 10)], [(5, 15)])
    assert half["precision"] == pytest.approx(0.5) and half["recall"] == pytest.approx(0.5)
    assert span_scores([], [(0, 4)])["f1"] == 0.0


def _at(text, words):
    start = text.index(words)
    return [start, start + len(words)]


def test_span_question_takes_pairs_or_annotator_dicts():
    text = load_articles(["E"])[0].text
    city, thousands = _at(text, "LOS ANGELES"), _at(text, "Thousands")
    question = sealed(
        kind="spans", article="E", label="source", answer=[city, thousands], threshold=0.9
    )
    assert question([tuple(city), tuple(thousands)]).status == "correct"
    dicts = [
        {"start": city[0], "end": city[1], "label": "source"},
        {"start": thousands[0], "end": thousands[1], "label": "number"},
    ]
    half = question(dicts)  # the "number" span is not a source answer
    assert half.status == "partial"
    assert question([(20, 10)]).status == "error"
    assert question([]).status == "unanswered"


def test_span_fragments_and_mark_everything_do_not_pass():
    text = load_articles(["E"])[0].text
    key = _at(text, "LOS ANGELES")
    question = sealed(kind="spans", article="E", answer=[key], threshold=0.6)
    fragment = question([(key[0], key[0] + 6)])  # "LOS AN": cuts through a word
    assert fragment.status != "correct" and "cut through a word" in fragment.feedback
    assert question([(key[0], key[0] + 2)]).points == 0  # "LO": no whole word at all
    everything = question([(0, len(text))])
    assert everything.points == 0 and "mark only the words" in everything.feedback


def test_function_outputs_are_compared_as_plain_json():
    question = sealed(
        kind="function",
        function="f",
        cases=[{"input": ["a"], "output": [1, 2]}, {"input": ["b"], "output": 3}],
    )
    assert question.outputs([[1, 2], 3]).status == "correct"
    assert question.outputs([[1, 2], {"__error__": "ValueError"}]).points == 1


class ClaimsToEqualEverything:
    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


class SneakyStr(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


@pytest.mark.parametrize(
    "answer", [ClaimsToEqualEverything(), SneakyStr("x"), [SneakyStr("C")], {1: object()}]
)
def test_objects_that_fake_equality_are_refused(answer):
    question = sealed(kind="choice", answer="C")
    result = question(answer)
    assert result.points == 0 and result.status == "error"
    with pytest.raises(AnswerTypeError):
        check_plain(answer)


def test_unanswered_placeholder_scores_zero():
    question = sealed(kind="number", answer=3)
    assert question(...).status == "unanswered"


def test_sealed_keys_do_not_contain_the_answers():
    compiled = json.dumps(compile_set(ROOT / "solutions" / "keys" / "00_warmup.toml"))
    for plain in ("1805", "longest", '"C", "D", "A"'):
        assert plain not in compiled or plain == "longest"  # function names are public
    assert "1805" not in compiled
    shipped = load_set("00_warmup")
    assert [q.id for q in shipped.questions] == ["q1", "q2", "q3", "q4", "q5", "q6"]
    assert shipped.max_points == 10
