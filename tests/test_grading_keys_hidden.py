"""Keys out of the learner's reach: what `check` and `progress` hand over holds no key.

The attack the issue reports: a 40-line script walked `check.__self__.exercise`
to every question's key and salt, decoded span keys and hidden inputs, and so
recovered every answer. Here the same walk is tried on every public attribute
reachable from the self-check objects, and nothing secret is found.
"""

from __future__ import annotations

import dataclasses
import json
import tomllib

import pytest

from medialit.grading import bank, exercise
from medialit.grading.questions import Question

from .conftest import ROOT

SETS = bank.available_sets()


def _secrets(set_id: str) -> set[str]:
    """Every string of the sealed key file that is not public, and the plain hidden inputs."""
    sealed = json.loads((bank.SEALED_DIR / f"{set_id}.json").read_text(encoding="utf-8"))
    found: set[str] = set()

    def walk(value):
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str) and len(value) >= 8:
            found.add(value)

    for question in sealed["questions"]:
        found.add(question["salt"])
        walk(question["key"])
        found.update(question["feedback"])  # hashed wrong answers
    plain = tomllib.loads((ROOT / "solutions" / "keys" / f"{set_id}.toml").read_text())
    for question in plain["questions"]:
        for case in question.get("cases", []):
            found.update(a for a in case["input"] if isinstance(a, str))
    return found


def _reachable(*roots, depth: int = 6) -> list[object]:
    """Everything reachable through public attributes, items, `__self__` and closures."""
    seen: dict[int, object] = {}
    frontier = list(roots)
    for _ in range(depth):
        following = []
        for obj in frontier:
            if id(obj) in seen or isinstance(obj, type):
                continue
            seen[id(obj)] = obj
            if isinstance(obj, dict):
                following += [*obj.keys(), *obj.values()]
                continue
            if isinstance(obj, list | tuple | set | frozenset):
                following += list(obj)
                continue
            if isinstance(obj, str | int | float | bool | type(None)):
                continue
            names = [n for n in dir(obj) if not n.startswith("_")] + ["__self__", "__wrapped__"]
            if dataclasses.is_dataclass(obj):
                names += [f.name for f in dataclasses.fields(obj)]
            for name in names:
                try:
                    following.append(getattr(obj, name))
                except Exception:  # noqa: BLE001 - a missing attribute is the point
                    continue
            for cell in getattr(obj, "__closure__", None) or ():
                following.append(cell.cell_contents)
        frontier = following
    return list(seen.values())


@pytest.mark.parametrize("set_id", SETS)
def test_no_key_salt_span_or_hidden_input_is_reachable_from_check_and_progress(
    set_id, tmp_path
):
    check, progress = exercise(set_id, folder=tmp_path)
    first = bank.load_set(set_id).questions[0]
    shown = check(first.id, "x" if first.kind == "choice" else ...)
    objects = _reachable(check, progress, progress(), shown)
    strings = {o for o in objects if isinstance(o, str)}
    leaked = _secrets(set_id) & strings
    assert not leaked, f"{set_id}: reachable secrets {sorted(leaked)[:3]}"
    assert any(isinstance(o, Question) for o in objects)  # the walk reached the questions
    # and the same walk does find the secrets where they are: in the sealed file itself
    in_file = {o for o in _reachable(bank.read_sealed(set_id)) if isinstance(o, str)}
    assert _secrets(set_id) & in_file


def test_the_reported_recovery_script_finds_nothing(tmp_path):
    check, _ = exercise("01_sourcing", folder=tmp_path)
    with pytest.raises(AttributeError):
        check.__self__  # noqa: B018 - the reported route to the keys
    for question in bank.load_set("01_sourcing").questions:
        for name in ("key", "salt", "feedback", "spans", "inputs"):
            assert not hasattr(question, name), (question.id, name)
    assert not hasattr(check, "__dict__") and not hasattr(check, "__closure__")


def test_the_public_bank_alone_holds_no_key(tmp_path):
    for path in (bank.PUBLIC_DIR).glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for question in data["questions"]:
            assert set(question) == {"id", "kind", "points", "prompt", "hint", "variable"}


def test_shipped_keys_do_not_hold_answers_in_clear():
    for set_id in SETS:
        text = (bank.SEALED_DIR / f"{set_id}.json").read_text(encoding="utf-8")
        plain = tomllib.loads((ROOT / "solutions" / "keys" / f"{set_id}.toml").read_text())
        for question in plain["questions"]:
            if question["kind"] == "spans":
                for start, end in question["answer"]:
                    assert f"{start}" not in text or f"[{start}, {end}]" not in text
            for case in question.get("cases", []):
                assert json.dumps(case["input"])[1:-1] not in text
            if question["kind"] == "number":
                assert f'"{question["answer"]}"' not in text
