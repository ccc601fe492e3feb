"""The gradebook, the learners' feedback files and the journal that keeps rows safe meanwhile.

Rows are journalled as they finish, so a killed run resumes where it stopped; at the end the
CSV and the feedback folder are each replaced whole, in one step, so neither ever holds a mix
of runs, a half-written file or a file of a learner no longer in the batch.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from ..storage import atomic_write_text
from .questions import Result
from .submission import clean_text

__all__ = ["GradedSubmission", "Journal", "feedback_markdown", "write_feedback", "write_gradebook"]


@dataclass
class GradedSubmission:
    """One gradebook row: who, which exercise, points per question, and every problem met.

    `problems` are shown to the learner; `flags` are for the teacher (duplicates,
    mismatched metadata, a notebook of another exercise set).
    """

    learner: str
    submission: str
    exercise: str
    results: list[Result] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    name: str = ""  # the name the notebook declares (metadata), for the teacher's eyes only
    seconds: float = 0.0

    @property
    def total(self) -> float:
        return round(sum(r.points for r in self.results), 2)

    @property
    def max_points(self) -> float:
        return round(sum(r.max_points for r in self.results), 2)

    @property
    def review(self) -> list[str]:
        """Questions whose result asks for the teacher's eye (e.g. a free-text rewrite)."""
        return [r.question for r in self.results if getattr(r, "needs_review", False)]


# --- the journal: rows saved as they finish ---------------------------------------------------


def _row_to_json(row: GradedSubmission) -> dict:
    data = {f.name: getattr(row, f.name) for f in fields(row) if f.name != "results"}
    data["results"] = [asdict(r) if hasattr(r, "__dataclass_fields__") else r for r in row.results]
    return data


def _row_from_json(data: dict) -> GradedSubmission:
    names = {f.name for f in fields(Result)}
    results = []
    for item in data.get("results", []):
        result = Result(**{k: v for k, v in item.items() if k in names})
        if item.get("needs_review") and not getattr(result, "needs_review", False):
            object.__setattr__(result, "needs_review", True)
        results.append(result)
    keep = {f.name for f in fields(GradedSubmission)} - {"results"}
    return GradedSubmission(**{k: v for k, v in data.items() if k in keep}, results=results)


class Journal:
    """Rows appended (and flushed to disk) as they finish, so a killed run can resume."""

    def __init__(self, path: Path | None, options: str, resume: bool):
        self.path = path
        self._lock = threading.Lock()
        self._done: dict[str, dict] = {}
        self._options = options  # rows graded under other options are graded again
        if path is None:
            return
        if resume and path.exists():
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                try:
                    entry = json.loads(line)
                    if entry.get("options") == self._options:
                        self._done[entry["key"]] = entry["row"]
                except (ValueError, KeyError, TypeError, AttributeError):
                    continue  # a line cut short by the crash
        path.parent.mkdir(parents=True, exist_ok=True)
        if not resume:
            path.unlink(missing_ok=True)

    def key(self, path: Path, digest: str) -> str:
        return hashlib.sha256(f"{os.path.abspath(path)}\0{digest}".encode()).hexdigest()

    def finished(self, key: str) -> GradedSubmission | None:
        data = self._done.get(key)
        if data is None:
            return None
        try:
            return _row_from_json(data)
        except (TypeError, ValueError):
            return None

    def record(self, key: str, row: GradedSubmission) -> None:
        if self.path is None:
            return
        line = json.dumps({"key": key, "options": self._options, "row": _row_to_json(row)})
        with self._lock, open(self.path, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")
            handle.flush()
            os.fsync(handle.fileno())


# --- the gradebook and feedback files ---------------------------------------------------------


def _cell(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula (=, +, -, @ at the start)."""
    if isinstance(value, str):
        value = clean_text(value, 2000)
        if value[:1] in ("=", "+", "-", "@"):
            return "'" + value
    return value


def write_gradebook(rows: Iterable[GradedSubmission], out: str | Path) -> Path:
    """One CSV row per submission (UTF-8 with BOM, so spreadsheets read names correctly).

    When the batch mixes exercise sets, question columns are named `<set>/<question>`.
    """
    rows = list(rows)
    mixed = len({r.exercise for r in rows if r.results}) > 1
    columns: list[str] = []
    for row in rows:
        for result in row.results:
            column = f"{row.exercise}/{result.question}" if mixed else result.question
            if column not in columns:
                columns.append(column)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            "learner",
            "name",
            "submission",
            "exercise",
            *columns,
            "total",
            "max",
            "review",
            "flags",
            "errors",
            "seconds",
        ]
    )
    for row in rows:
        points = {
            (f"{row.exercise}/{r.question}" if mixed else r.question): r.points for r in row.results
        }
        writer.writerow(
            [
                _cell(row.learner),
                _cell(row.name),
                _cell(Path(row.submission).name),
                _cell(row.exercise),
                *(f"{points[c]:g}" if c in points else "" for c in columns),
                f"{row.total:g}" if row.results else "",
                f"{row.max_points:g}" if row.results else "",
                _cell(" ".join(row.review)),
                _cell("; ".join(row.flags)),
                _cell("; ".join(row.problems)),
                f"{row.seconds:g}",
            ]
        )
    return atomic_write_text(out, "\ufeff" + buffer.getvalue())


def feedback_markdown(row: GradedSubmission) -> str:
    def safe(text: Any) -> str:
        return clean_text(text, 400).replace("|", "\\|").replace("<", "&lt;")

    lines = [
        f"# Feedback for {safe(row.learner)}",
        "",
        f"Exercise **{safe(row.exercise) or 'unknown'}** — "
        f"**{row.total:g} / {row.max_points:g}** points.",
        "",
        "| question | points | feedback |",
        "|---|---|---|",
    ]
    for result in row.results:
        review = (
            " (your teacher will review this answer)"
            if getattr(result, "needs_review", False)
            else ""
        )
        lines.append(
            f"| {safe(result.question)} | {result.points:g} / {result.max_points:g} | "
            f"{safe(result.feedback)}{review} |"
        )
    if row.problems:
        lines += ["", "## Problems while running your notebook", ""]
        lines += [f"- {safe(p)}" for p in row.problems]
    return "\n".join(lines) + "\n"


def _file_name(learner: str) -> str:
    name = re.sub(r"[^\w.-]+", "_", learner).strip("._") or "learner"
    return name[:64]


def write_feedback(rows: Iterable[GradedSubmission], folder: str | Path) -> list[Path]:
    """A Markdown file per submission, named after the learner id; the folder is replaced whole.

    It is written beside the old one and swapped in at the end, so it never holds a mix of
    runs, and files of learners no longer in the batch do not linger.
    """
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    names, used = [], set()
    try:
        for row in rows:
            name, counter = _file_name(row.learner), 1
            candidate = name
            while candidate.casefold() in used:
                counter += 1
                candidate = f"{name}-{counter}"
            used.add(candidate.casefold())
            (fresh / f"{candidate}.md").write_text(feedback_markdown(row), encoding="utf-8")
            names.append(f"{candidate}.md")
        fresh.chmod(0o755)
        if folder.is_symlink() or folder.is_file():
            folder.unlink()
        if folder.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old.", dir=folder.parent))
            os.replace(folder, old / "previous")
            os.replace(fresh, folder)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(fresh, folder)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return [folder / name for name in names]
