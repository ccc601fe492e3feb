"""Measuring discrimination, not suspicion: a pre- and post-assessment scored with d′.

Learners rate short passages as well-supported or poorly-supported. Flagging a poorly
supported passage is a *hit*; flagging a well-supported one is a *false alarm*. d′ (from
signal detection theory) rises only when hits outnumber false alarms, so a learner who
flags everything scores 0, not full marks. Rates of 0 or 1 are corrected with the
log-linear rule (Hautus, 1995: add 0.5 to each count), so d′ stays finite.
Items live in datasets/assessment/items.csv; results are saved per learner.
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from statistics import NormalDist

from .learner import learner_name, remembered_learner
from .paths import datasets_dir
from .storage import CorruptFileError, load_json, save_json

__all__ = [
    "Item",
    "Score",
    "class_summary",
    "d_prime",
    "describe_d_prime",
    "items",
    "save_result",
    "score_responses",
]

RATINGS = ("supported", "unsupported")


@dataclass(frozen=True)
class Item:
    id: str
    set: str
    text: str
    label: str  # supported | unsupported
    why: str


@dataclass(frozen=True)
class Score:
    hits: int
    misses: int
    false_alarms: int
    correct_rejections: int
    d_prime: float

    @property
    def hit_rate(self) -> float:
        return self.hits / max(self.hits + self.misses, 1)

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / max(self.false_alarms + self.correct_rejections, 1)


@cache
def _all_items() -> tuple[Item, ...]:
    with open(datasets_dir() / "assessment" / "items.csv", encoding="utf-8") as handle:
        return tuple(Item(**row) for row in csv.DictReader(handle))


def items(which: str) -> list[Item]:
    """The items of the 'pre' or 'post' set, in order."""
    chosen = [item for item in _all_items() if item.set == which]
    if not chosen:
        raise ValueError(f"no assessment set {which!r}; use 'pre' or 'post'")
    return chosen


def d_prime(hits: int, misses: int, false_alarms: int, correct_rejections: int) -> float:
    """Sensitivity d′ with the log-linear correction: z(hit rate) − z(false-alarm rate)."""
    z = NormalDist().inv_cdf
    hit_rate = (hits + 0.5) / (hits + misses + 1)
    false_alarm_rate = (false_alarms + 0.5) / (false_alarms + correct_rejections + 1)
    return round(z(hit_rate) - z(false_alarm_rate), 3)


def describe_d_prime(value: float) -> str:
    """d′ in words, for a learner: what the number says about telling the two kinds apart."""
    if value < -0.5:
        what = (
            "you flagged more well-supported passages than poorly-supported ones: "
            "look again at what makes a passage well supported"
        )
    elif value < 0.5:
        what = (
            "about chance: your flags did not yet separate poorly-supported passages "
            "from well-supported ones"
        )
    elif value < 1.5:
        what = (
            "some skill: you flagged poorly-supported passages more often than well-supported ones"
        )
    elif value < 2.3:
        what = "good: you flagged most poorly-supported passages and left most well-supported ones"
    else:
        what = "excellent: you told the poorly-supported passages from the well-supported ones"
    return (
        f"In words: {what}. (d′ measures how well you tell the two kinds apart: "
        "0 is guessing, and about 2.5 is every passage right on this test.)"
    )


def score_responses(which: str, responses: dict[str, str]) -> Score:
    """Score ratings {item id: "supported" | "unsupported"}; unanswered counts as "supported"."""
    counts = {"hits": 0, "misses": 0, "false_alarms": 0, "correct_rejections": 0}
    for item in items(which):
        flagged = responses.get(item.id) == "unsupported"
        if item.label == "unsupported":
            counts["hits" if flagged else "misses"] += 1
        else:
            counts["false_alarms" if flagged else "correct_rejections"] += 1
    return Score(**counts, d_prime=d_prime(**counts))


def save_result(
    which: str, responses: dict[str, str], learner: str | None = None, folder: str | Path = "."
) -> Path:
    """Save a learner's ratings and score atomically in `.medialit/assessment/<learner>.json`."""
    unknown = [r for r in responses.values() if r not in RATINGS]
    if unknown:
        raise ValueError(f"ratings must be {RATINGS}, got {sorted(set(unknown))}")
    who = learner_name(learner or remembered_learner(folder))  # the name the Annotator asked
    path = Path(folder) / ".medialit" / "assessment" / f"{who}.json"
    try:
        saved = load_json(path, default={}) or {}
    except CorruptFileError:
        saved = {}
    saved[which] = {"responses": responses, "score": asdict(score_responses(which, responses))}
    return save_json(path, saved)


def class_summary(folder: str | Path):
    """One row per learner: d′ before and after, and the change — for the teacher's class view."""
    import pandas as pd

    rows = []
    for path in sorted(Path(folder).rglob(".medialit/assessment/*.json")):
        try:
            data = load_json(path, default={}) or {}
        except CorruptFileError:
            continue
        pre = data.get("pre", {}).get("score", {}).get("d_prime")
        post = data.get("post", {}).get("score", {}).get("d_prime")
        rows.append(
            {
                "learner": path.stem,
                "d′ before": pre,
                "d′ after": post,
                "change": None if pre is None or post is None else round(post - pre, 3),
            }
        )
    return pd.DataFrame(rows, columns=["learner", "d′ before", "d′ after", "change"])
