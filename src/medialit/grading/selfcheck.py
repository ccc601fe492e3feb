"""`check("q1", answer_q1)` and `progress()` inside a learner's notebook.

Scoring uses the sealed key, read from disk for each check and dropped again, so
the feedback can say how close an answer is without saying what the key holds,
and `check` and `progress` hold nothing but the learner's own results (no key,
salt, span or hidden input: see docs/grading.md for what a determined reader can
still recover). Where the keys are not installed (the batch grader's sandbox),
an answer is recorded and left to the teacher. The best result for each question
is kept for `progress()` and saved to `.medialit/progress/<set>.json` in the
working folder (for `medialit progress`); nothing is sent anywhere. The score
that counts is the batch grader's, computed in the teacher's own process.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..palette import DARK, STATUS
from ..storage import CorruptFileError, load_json, save_json
from .bank import ExerciseSet, load_set
from .questions import (
    KeysUnavailable,
    Question,
    Result,
    hidden_inputs,
    score,
    score_function_outputs,
)

__all__ = ["exercise"]

_SYMBOL = {
    "correct": "✔ Correct",
    "partial": "◐ Partly right",
    "incorrect": "✘ Not yet",
    "unanswered": "… Not answered",
    "error": "⚠ Check the type",
    "recorded": "✎ Recorded",
}
# Dark Okabe–Ito shades (4.5:1 on white, tested in test_palette), each paired with a text
# label and a symbol, so colour is never the only cue.
_COLOUR = {**STATUS, "recorded": DARK["blue"]}
TEACHER_CHECKS = "Answer recorded: answers will be checked by your teacher."


@dataclass(frozen=True)
class CheckResult:
    """What `check` shows: readable as text, and as HTML in a notebook."""

    result: Result
    note: str = ""  # e.g. that a better earlier result is kept

    def __repr__(self) -> str:
        r = self.result
        points = f"{r.points:g}/{r.max_points:g} points"
        note = f" {self.note}" if self.note else ""
        return f"{_SYMBOL[r.status]} — {r.question}: {points}. {r.feedback}{note}"

    def _repr_html_(self) -> str:
        r = self.result
        note = f"<br><em>{html.escape(self.note)}</em>" if self.note else ""
        return (
            f'<div role="status" '
            f'style="border-left:6px solid {_COLOUR[r.status]};padding:0.3em 0.6em">'
            f"<strong>{_SYMBOL[r.status]}</strong> — {html.escape(r.question)}: "
            f"{r.points:g}/{r.max_points:g} points.<br>{html.escape(r.feedback)}{note}</div>"
        )


@dataclass(frozen=True)
class ProgressView:
    exercise: ExerciseSet
    results: dict[str, Result]

    def rows(self) -> list[tuple[str, str, float, float]]:
        rows = []
        for question in self.exercise.questions:
            result = self.results.get(question.id)
            status = result.status if result else "unanswered"
            rows.append((question.id, status, result.points if result else 0.0, question.points))
        return rows

    def __repr__(self) -> str:
        lines = [f"{self.exercise.title}"]
        for qid, status, points, maximum in self.rows():
            lines.append(f"  {qid:<4} {_SYMBOL[status]:<16} {points:g}/{maximum:g}")
        earned = sum(r[2] for r in self.rows())
        left = [r[0] for r in self.rows() if r[1] not in ("correct", "recorded")]
        recorded = [r[0] for r in self.rows() if r[1] == "recorded"]
        lines.append(f"  total {earned:g}/{self.exercise.max_points:g}")
        review = [q for q, r in self.results.items() if r.needs_review]
        if review:
            lines.append("  pre-scored, marked for your teacher to review: " + ", ".join(review))
        if recorded:
            lines.append("  recorded, to be checked by your teacher: " + ", ".join(recorded))
        lines.append("  still to do: " + (", ".join(left) if left else "nothing — well done!"))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        body = "".join(
            f"<tr><td>{qid}</td><td style='color:{_COLOUR[status]}'>{_SYMBOL[status]}</td>"
            f"<td>{points:g}/{maximum:g}</td></tr>"
            for qid, status, points, maximum in self.rows()
        )
        earned = sum(r[2] for r in self.rows())
        return (
            f"<table><caption>{html.escape(self.exercise.title)}: {earned:g}/"
            f"{self.exercise.max_points:g} points</caption>"
            f"<tr><th>question</th><th>status</th><th>points</th></tr>{body}</table>"
        )


def run_function(function: Callable[..., Any], inputs: list[list[Any]]) -> list[Any]:
    """Call a learner's function on each input; an exception becomes an error marker."""
    outputs = []
    for arguments in inputs:
        try:
            outputs.append(function(*arguments))
        except Exception as exc:  # the learner's code may raise anything
            outputs.append({"__error__": f"{type(exc).__name__}: {exc}"})
    return outputs


def _better(new: Result, old: Result | None) -> bool:
    """Should `new` replace the saved result? Never for a blank or a lower score."""
    if old is None:
        return True
    if new.status == "unanswered" or (new.status == "recorded" and old.status != "recorded"):
        return False
    if old.status in ("unanswered", "recorded"):
        return True
    return new.points >= old.points


class _Record:
    """The learner's own best results for one set, and the file they are saved in."""

    __slots__ = ("_path", "_results", "_set")

    def __init__(self, set_id: str, folder: Path):
        self._set = load_set(set_id)
        self._path = folder / ".medialit" / "progress" / f"{set_id}.json"
        self._results: dict[str, Result] = {}
        try:
            saved = load_json(self._path, default={}) or {}
        except CorruptFileError as exc:
            print(f"medialit: {exc}", file=sys.stderr)
            saved = {}
        for qid, data in saved.get("results", {}).items():
            try:
                self._results[qid] = Result(**data)
            except TypeError:
                continue

    def keep(self, result: Result) -> Result | None:
        """Save `result` if it is the best so far; else return the better one kept."""
        old = self._results.get(result.question)
        if not _better(result, old):
            return old
        self._results[result.question] = result
        payload = {
            "exercise": self._set.id,
            "results": {k: asdict(v) for k, v in self._results.items()},
        }
        with contextlib.suppress(OSError):  # a read-only folder must not stop the checking
            save_json(self._path, payload)
        return None


def _score(question: Question, answer: Any) -> Result:
    if question.kind == "function":
        if not callable(answer):
            return Result(
                question.id,
                0.0,
                question.points,
                "error",
                f"expected a function, got {type(answer).__name__}",
            )
        outputs = run_function(answer, hidden_inputs(question))
        return score_function_outputs(question, _round_trip(outputs))
    return score(question, answer)


class _Check:
    """`check("q1", answer_q1)`: score an answer, show the feedback, keep the best result.

    It holds only the set's public questions and the learner's results; the key is
    read for each call and not kept.
    """

    __slots__ = ("_record",)

    def __init__(self, record: _Record):
        self._record = record

    def __call__(self, question_id: str, answer: Any) -> CheckResult:
        record = self._record
        question = record._set.question(question_id)
        try:
            result = _score(question, answer)
        except KeysUnavailable:
            unanswered = answer is Ellipsis or answer is None
            result = Result(
                question.id,
                0.0,
                question.points,
                "unanswered" if unanswered else "recorded",
                "not answered yet" if unanswered else TEACHER_CHECKS,
            )
        kept = record.keep(result)
        note = ""
        if kept is not None and kept.status not in ("unanswered", "recorded"):
            note = f"Your best result so far, {kept.points:g}/{kept.max_points:g}, is kept."
        return CheckResult(result, note)

    def __repr__(self) -> str:
        return f"check — the self-check for {self._record._set.title}"


class _Progress:
    """`progress()`: the best result for each question so far."""

    __slots__ = ("_record",)

    def __init__(self, record: _Record):
        self._record = record

    def __call__(self) -> ProgressView:
        return ProgressView(self._record._set, dict(self._record._results))

    def __repr__(self) -> str:
        return f"progress — your results in {self._record._set.title}"


def _round_trip(outputs: list[Any]) -> list[Any]:
    """Outputs as the batch grader sees them: through JSON, so tuples become lists."""
    try:
        return json.loads(json.dumps(outputs, default=lambda o: {"__error__": "not a plain value"}))
    except (TypeError, ValueError):
        return [{"__error__": "not a plain value"}] * len(outputs)


def _quote_hint(shell, etype, value, tb, tb_offset=None):
    """After a NameError, say in plain words that a letter answer needs quotes."""
    shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
    name = getattr(value, "name", None) or ""
    if 1 <= len(name) <= 12 and name.isalpha():
        print(
            f'\n→ Python does not know a name {name!r}. If {name!r} is your answer, put it in '
            f'quotes: answer_q1 = "{name}" (with your question\'s number).'
        )


def _install_quote_hint() -> None:
    with contextlib.suppress(ImportError, AttributeError):
        from IPython import get_ipython

        shell = get_ipython()
        if shell is not None:
            shell.set_custom_exc((NameError,), _quote_hint)


def exercise(
    set_id: str, folder: str | Path = "."
) -> tuple[Callable[..., CheckResult], Callable[[], ProgressView]]:
    """The `check` and `progress` functions for one exercise set."""
    if os.environ.get("MEDIALIT_GRADING") == "1":
        # Inside `medialit grade` the sealed keys are hidden: the grader scores outside.
        return (lambda *args, **kwargs: None), (lambda: None)
    record = _Record(set_id, Path(folder))
    _install_quote_hint()
    return _Check(record), _Progress(record)
