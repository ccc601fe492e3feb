"""`check("q1", answer_q1)` and `progress()` inside a learner's notebook.

Scoring uses the sealed key, so the feedback can say how close an answer is
without saying what the key holds. Results are kept for `progress()` and saved to
`.medialit/progress/<set>.json` in the working folder (for `medialit progress`);
nothing is sent anywhere. The score that counts is the batch grader's, computed
in the teacher's own process.
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

from ..storage import CorruptFileError, load_json, save_json
from .bank import ExerciseSet, load_set
from .questions import Result, hidden_inputs, score, score_function_outputs

__all__ = ["exercise"]

_SYMBOL = {
    "correct": "✔ Correct",
    "partial": "◐ Partly right",
    "incorrect": "✘ Not yet",
    "unanswered": "… Not answered",
    "error": "⚠ Check the type",
}
# Okabe–Ito based, each paired with a text label and a symbol, so colour is never the only cue.
_COLOUR = {
    "correct": "#009E73",
    "partial": "#E69F00",
    "incorrect": "#D55E00",
    "unanswered": "#777777",
    "error": "#CC79A7",
}


@dataclass(frozen=True)
class CheckResult:
    """What `check` shows: readable as text, and as HTML in a notebook."""

    result: Result

    def __repr__(self) -> str:
        r = self.result
        points = f"{r.points:g}/{r.max_points:g} points"
        return f"{_SYMBOL[r.status]} — {r.question}: {points}. {r.feedback}"

    def _repr_html_(self) -> str:
        r = self.result
        return (
            f'<div role="status" '
            f'style="border-left:6px solid {_COLOUR[r.status]};padding:0.3em 0.6em">'
            f"<strong>{_SYMBOL[r.status]}</strong> — {html.escape(r.question)}: "
            f"{r.points:g}/{r.max_points:g} points.<br>{html.escape(r.feedback)}</div>"
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
        left = [r[0] for r in self.rows() if r[1] != "correct"]
        lines.append(f"  total {earned:g}/{self.exercise.max_points:g}")
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


class _Session:
    def __init__(self, set_id: str, folder: Path):
        self.exercise = load_set(set_id)
        self.path = folder / ".medialit" / "progress" / f"{set_id}.json"
        self.results: dict[str, Result] = {}
        try:
            saved = load_json(self.path, default={}) or {}
        except CorruptFileError as exc:
            print(f"medialit: {exc}", file=sys.stderr)
            saved = {}
        for qid, data in saved.get("results", {}).items():
            try:
                self.results[qid] = Result(**data)
            except TypeError:
                continue

    def check(self, question_id: str, answer: Any) -> CheckResult:
        question = self.exercise.question(question_id)
        if question.kind == "function":
            if not callable(answer):
                result = Result(
                    question.id,
                    0.0,
                    question.points,
                    "error",
                    f"expected a function, got {type(answer).__name__}",
                )
            else:
                outputs = run_function(answer, hidden_inputs(question))
                result = score_function_outputs(question, _round_trip(outputs))
        else:
            result = score(question, answer)
        self.results[question_id] = result
        self._save()
        return CheckResult(result)

    def progress(self) -> ProgressView:
        return ProgressView(self.exercise, dict(self.results))

    def _save(self) -> None:
        payload = {
            "exercise": self.exercise.id,
            "results": {k: asdict(v) for k, v in self.results.items()},
        }
        with contextlib.suppress(OSError):  # a read-only folder must not stop the checking
            save_json(self.path, payload)


def _round_trip(outputs: list[Any]) -> list[Any]:
    """Outputs as the batch grader sees them: through JSON, so tuples become lists."""
    try:
        return json.loads(json.dumps(outputs, default=lambda o: {"__error__": "not a plain value"}))
    except (TypeError, ValueError):
        return [{"__error__": "not a plain value"}] * len(outputs)


def exercise(
    set_id: str, folder: str | Path = "."
) -> tuple[Callable[..., CheckResult], Callable[[], ProgressView]]:
    """The `check` and `progress` functions for one exercise set."""
    if os.environ.get("MEDIALIT_GRADING") == "1":
        # Inside `medialit grade` the sealed keys are hidden: the grader scores outside.
        return (lambda *args, **kwargs: None), (lambda: None)
    session = _Session(set_id, Path(folder))
    return session.check, session.progress
