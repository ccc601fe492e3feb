"""Scoring every question kind from sealed keys: right, partly right, wrong, ill-typed."""

from __future__ import annotations

import json

import pytest

from medialit.grading.bank import compile_set, load_set
from medialit.grading.questions import (
    AnswerTypeError,
    check_plain,
    score,
    score_function_outputs,
    seal_question,
    span_scores,
)

from .conftest import ROOT

SALT = "test-salt"


def sealed(**plain):
    return seal_question({"id": "q", "points": 2, **plain}, SALT)


def test_choice_accepts_case_and_spacing_and_gives_targeted_feedback():
    question = sealed(
        kind="choice", answer="C", feedback={"E": "E has a date line, not a headline."}
    )
    assert score(question, " c ").status == "correct"
    wrong = score(question, "E")
    assert wrong.points == 0 and "date line" in wrong.feedback
    assert (
        score(question, ["C"]).status == "error" and "one answer" in score(question, ["C"]).feedback
    )


def test_multi_gives_partial_credit_and_counts_without_revealing():
    question = sealed(kind="multi", answer=["Bloomberg", "CNN", "LA Times", "Gazeta.ru"])
    assert score(question, {"cnn", "bloomberg", "la times", "gazeta.ru"}).points == 2
    partial = score(question, {"CNN", "Bloomberg", "Reuters"})
    assert partial.status == "partial"
    assert partial.points == pytest.approx(2 * (2 - 1) / 4)
    assert "2 of the 4" in partial.feedback and "Reuters" not in partial.feedback
    everything = score(question, {"CNN", "Bloomberg", "LA Times", "Gazeta.ru", "x", "y", "z", "w"})
    assert everything.points == 0, "listing everything must not earn full marks"
    type_error = score(question, "CNN")
    assert type_error.status == "error" and "braces" in type_error.feedback


def test_number_accepts_every_value_within_tolerance_and_nothing_outside():
    question = sealed(kind="number", answer=1805, tolerance=20, resolution=1)
    assert all(score(question, v).status == "correct" for v in range(1785, 1826))
    assert (
        score(question, 1784).status == "incorrect" and score(question, 1826).status == "incorrect"
    )
    assert score(question, 1805.4).status == "correct"
    assert score(question, "1805").status == "error"
    assert score(question, True).status == "error"


def test_mapping_scores_each_entry():
    question = sealed(kind="mapping", answer={"A": 19, "B": 9, "C": "headline"})
    assert score(question, {"A": 19, "B": 9, "C": "Headline"}).status == "correct"
    partial = score(question, {"A": 19, "B": 10})
    assert partial.points == pytest.approx(2 / 3, abs=0.005) and "Missing: C" in partial.feedback


def test_ranking_gives_credit_per_ordered_pair():
    question = sealed(kind="ranking", answer=["C", "D", "A", "E", "B"])
    assert score(question, ["C", "D", "A", "E", "B"]).status == "correct"
    swapped = score(question, ["D", "C", "A", "E", "B"])
    assert swapped.points == pytest.approx(2 * 9 / 10)
    assert score(question, ["C", "D"]).points == 0


def test_span_scores_partial_overlap():
    assert span_scores([(0, 10)], [(0, 10)]) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    half = span_scores([(0, 10)], [(5, 15)])
    assert half["precision"] == pytest.approx(0.5) and half["recall"] == pytest.approx(0.5)
    assert span_scores([], [(0, 4)])["f1"] == 0.0


def test_span_question_takes_pairs_or_annotator_dicts():
    question = sealed(
        kind="spans", article="E", label="source", answer=[[10, 20], [40, 50]], threshold=0.8
    )
    assert score(question, [(10, 20), (40, 50)]).status == "correct"
    dicts = [
        {"start": 10, "end": 20, "label": "source"},
        {"start": 40, "end": 50, "label": "number"},
    ]
    half = score(question, dicts)  # the "number" span is not a source answer
    assert half.status == "partial"
    assert score(question, [(20, 10)]).status == "error"
    assert score(question, []).status == "unanswered"


def test_function_outputs_are_compared_as_plain_json():
    question = sealed(
        kind="function",
        function="f",
        cases=[{"input": ["a"], "output": [1, 2]}, {"input": ["b"], "output": 3}],
    )
    assert score_function_outputs(question, [[1, 2], 3]).status == "correct"
    assert score_function_outputs(question, [[1, 2], {"__error__": "ValueError"}]).points == 1


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
    result = score(question, answer)
    assert result.points == 0 and result.status == "error"
    with pytest.raises(AnswerTypeError):
        check_plain(answer)


def test_unanswered_placeholder_scores_zero():
    question = sealed(kind="number", answer=3)
    assert score(question, ...).status == "unanswered"


def test_sealed_keys_do_not_contain_the_answers():
    compiled = json.dumps(compile_set(ROOT / "solutions" / "keys" / "00_warmup.toml"))
    for plain in ("1805", "longest", '"C", "D", "A"'):
        assert plain not in compiled or plain == "longest"  # function names are public
    assert "1805" not in compiled
    shipped = load_set("00_warmup")
    assert [q.id for q in shipped.questions] == ["q1", "q2", "q3", "q4", "q5", "q6"]
    assert shipped.max_points == 10
