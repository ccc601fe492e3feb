"""How long an exercise set takes: an estimate from a stated model, not a classroom measurement.

The teaching guide's time per exercise set comes from here, so it cannot drift from the sets:

* **reading** — the words a learner must read: the exercise notebook's text (instructions, prompts,
  options) plus the passages of the articles its questions send the learner to (each question's
  `read` in `solutions/keys/<set>.toml`, e.g. `"A:9-11"` or `"C"`; a passage counts once per set),
  at 238 words a minute, the average silent reading rate for English non-fiction (Brysbaert 2019,
  https://doi.org/10.1016/j.jml.2019.104047);
* **answering** — a fixed time per item by its kind (`ANSWER_MINUTES`; an evidence item per
  pointer asked for). These are the kit's own assumptions, stated here so a teacher can change
  them; tables the notebook shows are read within this time.

Run `python -m medialit.grading.timing` to print the guide's table.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..corpus import count_words, load_articles
from .bank import read_plain

__all__ = [
    "ANSWER_MINUTES",
    "READING_WPM",
    "SetTime",
    "answer_times",
    "estimate",
    "estimate_all",
    "guide_table",
    "passages",
]

READING_WPM = 238  # Brysbaert (2019): silent reading, English non-fiction, adults
ANSWER_MINUTES = {  # per item (evidence: per pointer), an assumption the guide states
    "choice": 1.0,
    "number": 1.5,
    "multi": 2.0,
    "mapping": 2.0,
    "ranking": 2.0,
    "spans": 4.0,
    "evidence": 1.5,
    "rewrite": 6.0,
    "function": 10.0,
}
_PASSAGE = re.compile(r"^([A-Z])(?::(\d+)(?:-(\d+))?)?$")


@dataclass(frozen=True)
class SetTime:
    """One exercise set's estimate, with the counts it comes from."""

    set_id: str
    items: int
    notebook_words: int
    article_words: int
    reading_minutes: float
    answering_minutes: float

    @property
    def words(self) -> int:
        return self.notebook_words + self.article_words

    @property
    def minutes(self) -> int:
        """The whole estimate, rounded up to the next 5 minutes (never pretend to precision)."""
        return 5 * math.ceil((self.reading_minutes + self.answering_minutes) / 5)


def passages(specs: list[str]) -> set[tuple[str, int | None]]:
    """("A", 9), ("A", 10)… for "A:9-11"; ("C", None) for the whole of C."""
    found: set[tuple[str, int | None]] = set()
    for spec in specs:
        match = _PASSAGE.match(spec)
        if not match:
            raise ValueError(f"read: {spec!r} is not an article letter, 'A:5' or 'A:9-11'")
        article, first, last = match.groups()
        if first is None:
            found.add((article, None))
        else:
            found.update((article, n) for n in range(int(first), int(last or first) + 1))
    return found


def _article_words(wanted: set[tuple[str, int | None]]) -> int:
    articles = {a.id: a for a in load_articles(sorted({a for a, _ in wanted}))}
    whole = {a for a, n in wanted if n is None}
    total = sum(articles[a].words for a in whole)
    for article_id, number in wanted:
        if number is not None and article_id not in whole:
            total += count_words(articles[article_id].paragraph(number).text)
    return total


def _answer_minutes(question: dict) -> float:
    minutes = ANSWER_MINUTES[question["kind"]]
    if question["kind"] == "evidence":
        minutes *= len(question["articles"]) * len(question["parts"])
    return minutes


def estimate(root: Path, set_id: str) -> SetTime:
    """The estimate for one set, from its key and its generated exercise notebook."""
    questions = read_plain(root / "solutions" / "keys" / f"{set_id}.toml")["questions"]
    notebook = nbformat.read(root / "exercises" / f"{set_id}.ipynb", as_version=4)
    notebook_words = sum(
        count_words(cell.source) for cell in notebook.cells if cell.cell_type == "markdown"
    )
    wanted = set().union(*(passages(q.get("read", [])) for q in questions))
    article_words = _article_words(wanted) if wanted else 0
    return SetTime(
        set_id=set_id,
        items=len(questions),
        notebook_words=notebook_words,
        article_words=article_words,
        reading_minutes=(notebook_words + article_words) / READING_WPM,
        answering_minutes=sum(_answer_minutes(q) for q in questions),
    )


def estimate_all(root: Path) -> list[SetTime]:
    return [estimate(root, p.stem) for p in sorted((root / "solutions" / "keys").glob("*.toml"))]


_KIND_NAMES = {
    "choice": "a lettered choice",
    "number": "a number",
    "multi": "a set",
    "mapping": "a dict",
    "ranking": "a ranking",
    "spans": "marking spans",
    "evidence": "an evidence item, per pointer",
    "rewrite": "a rewrite",
    "function": "a function",
}


def answer_times() -> str:
    """The guide's sentence on answering times, from ANSWER_MINUTES itself."""
    return "; ".join(f"{_KIND_NAMES[k]}: {m:g} min" for k, m in ANSWER_MINUTES.items())


def guide_table(times: list[SetTime]) -> str:
    """The Markdown table the teaching guide shows (tests/test_teaching_guide.py compares them)."""
    lines = [
        "| exercise set | items | words to read | reading (min) | answering (min) | estimate |",
        "|---|---|---|---|---|---|",
    ]
    for t in times:
        lines.append(
            f"| `{t.set_id}` | {t.items} | {t.words:,} | {t.reading_minutes:.0f} "
            f"| {t.answering_minutes:.0f} | about {t.minutes} min |"
        )
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - a helper for whoever edits the guide
    from ..paths import project_root

    print(guide_table(estimate_all(project_root() or Path.cwd())))
