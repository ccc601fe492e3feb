"""Exercise sets: authored as plain TOML beside the solutions, shipped in two halves.

`solutions/keys/<set>.toml` is what a teacher reads and edits (prompts, options,
answers, points, hints, feedback for common wrong answers). `medialit build` writes

* `grading/sets/<set>.json` — the public half: ids, kinds, points, prompts, hints;
* `grading/keys/<set>.json` — the same plus each question's sealed key.

A notebook needs only the public half to show and record questions, so where the
keys are hidden (the batch grader's sandbox hides `grading/keys/`) the self-check
still runs and says the teacher will check. Sealed keys are read from disk when an
answer is scored and not kept (see questions.py and docs/grading.md).
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import MedialitError
from .choices import letter_orders, with_letters
from .questions import KeysUnavailable, Question, seal_question

__all__ = [
    "ExerciseSet",
    "available_sets",
    "compile_set",
    "load_set",
    "public_json",
    "read_plain",
    "read_sealed",
    "sealed_json",
]

_HERE = Path(__file__).resolve().parent
SEALED_DIR = _HERE / "keys"
PUBLIC_DIR = _HERE / "sets"
_PUBLIC_FIELDS = ("id", "kind", "points", "prompt", "hint", "variable")


@dataclass(frozen=True)
class ExerciseSet:
    """An exercise set's questions, in the order a learner meets them. It holds no key."""

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


def read_plain(toml_path: Path) -> dict[str, Any]:
    """An authored key file, with its question ids checked."""
    try:
        plain = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise MedialitError(
            f"{toml_path}: not valid TOML ({exc}); fix that line (a string holding double "
            "quotes can use single quotes around it) and run the build again"
        ) from None
    ids = [q["id"] for q in plain["questions"]]
    if len(ids) != len(set(ids)):
        raise MedialitError(f"{toml_path}: question ids repeat: {ids}; give each an id of its own")
    return plain


def compile_set(
    toml_path: Path, orders: dict[tuple[str, str], list[int]] | None = None
) -> dict[str, Any]:
    """Seal an authored key file into the JSON-ready form the package ships.

    `orders` gives lettered questions their option order (the build balances the
    letters across the whole kit); alone, a set is balanced on its own.
    """
    set_id = toml_path.stem
    source = toml_path.read_text(encoding="utf-8")
    plain = read_plain(toml_path)
    if orders is None:
        orders = letter_orders([(set_id, plain["questions"])])
    # Deterministic, so `medialit build --check` can compare; it changes whenever the key does.
    salt = hashlib.sha256(f"medialit-key:{set_id}\x1f{source}".encode()).hexdigest()[:16]
    questions = []
    for authored in plain["questions"]:
        if authored.get("options"):
            authored = with_letters(authored, orders[(set_id, authored["id"])])
        question, sealed = seal_question(authored, salt)
        questions.append(
            {**{f: getattr(question, f) for f in _PUBLIC_FIELDS}, **sealed}
        )
    return {"id": set_id, "title": plain["title"], "questions": questions}


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def sealed_json(toml_path: Path, orders: dict[tuple[str, str], list[int]] | None = None) -> str:
    return _dump(compile_set(toml_path, orders))


def public_json(sealed: str) -> str:
    """The public half of a sealed set: everything but the keys."""
    data = json.loads(sealed)
    questions = [{f: q[f] for f in _PUBLIC_FIELDS} for q in data["questions"]]
    return _dump({"id": data["id"], "title": data["title"], "questions": questions})


def available_sets() -> list[str]:
    return sorted({p.stem for d in (SEALED_DIR, PUBLIC_DIR) for p in d.glob("*.json")})


def read_sealed(set_id: str) -> dict[str, Any]:
    """A set's sealed keys, read now; `KeysUnavailable` where they are hidden or missing."""
    try:
        return json.loads((SEALED_DIR / f"{set_id}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KeysUnavailable(f"the keys of {set_id} are not available here") from exc


@cache
def load_set(set_id: str) -> ExerciseSet:
    """The exercise set shipped with the package (e.g. "00_warmup"): public half only."""
    for folder in (SEALED_DIR, PUBLIC_DIR):
        path = folder / f"{set_id}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        questions = tuple(
            Question(**{f: q[f] for f in _PUBLIC_FIELDS if f in q}, set_id=data["id"])
            for q in data["questions"]
        )
        return ExerciseSet(data["id"], data["title"], questions)
    raise KeyError(f"no exercise set {set_id!r}; the kit has {', '.join(available_sets())}")
