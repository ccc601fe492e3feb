"""What a self-paced learner has done: lessons finished and exercise scores, from their own files.

Lessons call `lesson_done(...)` in their last cell; exercises save every self-check in
`.medialit/progress/<set>.json` beside the notebook. Nothing leaves the learner's folder.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path

from .learner import remembered_learner
from .storage import CorruptFileError, load_json, save_json
from .tables import human_date, show

__all__ = ["LESSONS", "lesson_done", "progress_rows", "progress_table"]

LESSONS = {
    "00_start_here": "Start here",
    "01_sourcing": "Sourcing",
    "02_numbers": "Numbers",
    "03_loaded_language": "Loaded language",
    "04_capstone": "Capstone",
}


def lesson_done(lesson: str, folder: str | Path = ".") -> str:
    """Record that a lesson was worked through to its end (for `medialit progress`)."""
    path = Path(folder) / ".medialit" / "progress" / "lessons.json"
    try:
        done = load_json(path, default={}) or {}
    except CorruptFileError:
        done = {}
    done[lesson] = datetime.now().isoformat(timespec="minutes")
    with contextlib.suppress(OSError):  # a read-only folder must not break the lesson
        save_json(path, done)
    who = remembered_learner(folder)  # the one name the Annotator and the assessment use
    by = f" for {who}" if who else ""
    return f"Lesson {LESSONS.get(lesson, lesson)} recorded as done{by}. Well done!"


def progress_rows(root: str | Path = ".") -> list[dict]:
    """One row per lesson and per exercise set found under `root`."""
    from .grading.bank import available_sets, load_set

    root = Path(root)
    lessons: dict[str, str] = {}
    results: dict[str, dict] = {}
    problems = []
    # the kit's folders and one level below; not a recursive walk (that would enter .venv)
    found = {
        p
        for pattern in (
            ".medialit/progress/*.json",
            "*/.medialit/progress/*.json",
            "*/*/.medialit/progress/*.json",
        )
        for p in root.glob(pattern)
    }
    for path in sorted(found):
        try:
            data = load_json(path, default={}) or {}
        except CorruptFileError as exc:
            problems.append(str(exc))
            continue
        if path.name == "lessons.json":
            lessons.update(data)
        elif isinstance(data.get("results"), dict):
            results[path.stem] = data["results"]
    rows = []
    for lesson, title in LESSONS.items():
        rows.append(
            {
                "kind": "lesson",
                "id": lesson,
                "title": title,
                "status": f"done {human_date(lessons[lesson])}" if lesson in lessons else "not yet",
                "points": "",
                "of": "",
            }
        )
    for set_id in available_sets():
        exercise = load_set(set_id)
        mine = results.get(set_id, {})
        points = sum(float(r.get("points", 0)) for r in mine.values())
        right = sum(r.get("status") == "correct" for r in mine.values())
        status = (
            "not started"
            if not mine
            else "complete"
            if right == len(exercise.questions)
            else f"{right} of {len(exercise.questions)} questions right"
        )
        rows.append(
            {
                "kind": "exercise",
                "id": set_id,
                "title": exercise.title,
                "status": status,
                "points": f"{points:g}",
                "of": f"{exercise.max_points:g}",
            }
        )
    for problem in problems:
        rows.append(
            {"kind": "problem", "id": "", "title": problem, "status": "", "points": "", "of": ""}
        )
    return rows


def progress_table(root: str | Path = "."):
    """`progress_rows` as a readable table for a notebook cell (`.frame` holds the data)."""
    return show(
        progress_rows(root),
        "Your progress: lessons done and exercise scores",
        notes=["Read from the .medialit folders beside your notebooks; nothing leaves them."],
    )
