"""Exercise sets: authored as plain TOML beside the solutions, shipped sealed in the package.

`solutions/keys/<set>.toml` is what a teacher reads and edits (prompts, answers,
points, hints, feedback for common wrong answers). `medialit build` seals it into
`src/medialit/grading/keys/<set>.json`, which is what the self-check and the batch
grader load; the exercise notebooks never hold a key.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .questions import Question, seal_question

__all__ = ["ExerciseSet", "available_sets", "compile_set", "load_set", "sealed_json"]

SEALED_DIR = Path(__file__).resolve().parent / "keys"


@dataclass(frozen=True)
class ExerciseSet:
    """A sealed set of questions, in the order a learner meets them."""

    id: str
    title: str
    questions: tuple[Question, ...]

    @property
    def max_points(self) -> float:
        return sum(q.points for q in self.questions)

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        known = ", ".join(q.id for q in self.questions)
        raise KeyError(
            f"exercise {self.id} has no question {question_id!r}; its questions are {known}"
        )


def _salt(set_id: str) -> str:
    # Deterministic so that `medialit build --check` can compare; not a secret (see questions.py).
    return hashlib.sha256(f"medialit-key:{set_id}".encode()).hexdigest()[:16]


def compile_set(toml_path: Path) -> dict[str, Any]:
    """Seal an authored key file into the JSON-ready form the package ships."""
    set_id = toml_path.stem
    plain = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    salt = _salt(set_id)
    ids = [q["id"] for q in plain["questions"]]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{toml_path}: question ids repeat: {ids}")
    questions = [seal_question(q, salt) for q in plain["questions"]]
    return {
        "id": set_id,
        "title": plain["title"],
        "questions": [
            {
                "id": q.id,
                "kind": q.kind,
                "points": q.points,
                "prompt": q.prompt,
                "key": q.key,
                "hint": q.hint,
                "feedback": q.feedback,
            }
            for q in questions
        ],
    }


def sealed_json(toml_path: Path) -> str:
    return json.dumps(compile_set(toml_path), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def available_sets() -> list[str]:
    return sorted(p.stem for p in SEALED_DIR.glob("*.json"))


@cache
def load_set(set_id: str) -> ExerciseSet:
    """The sealed exercise set shipped with the package (e.g. "00_warmup")."""
    path = SEALED_DIR / f"{set_id}.json"
    if not path.is_file():
        raise KeyError(f"no exercise set {set_id!r}; the kit has {', '.join(available_sets())}")
    data = json.loads(path.read_text(encoding="utf-8"))
    salt = _salt(data["id"])
    questions = tuple(
        Question(
            id=q["id"],
            kind=q["kind"],
            points=q["points"],
            prompt=q["prompt"],
            key=q["key"],
            hint=q["hint"],
            feedback=q["feedback"],
            salt=salt,
        )
        for q in data["questions"]
    )
    return ExerciseSet(data["id"], data["title"], questions)
