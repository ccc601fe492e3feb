"""Self-paced progress: lessons recorded as done, exercise scores, `medialit progress`."""

from __future__ import annotations

from medialit.grading import exercise
from medialit.progress import lesson_done, progress_rows

from .conftest import run_cli


def test_lessons_and_exercises_are_read_back(tmp_path):
    check, _ = exercise("00_warmup", folder=tmp_path / "exercises")
    check("q1", "C")
    check("q2", {"A", "C"})  # two of three: 1.33 points
    assert "recorded" in lesson_done("01_sourcing", folder=tmp_path / "notebooks")
    rows = {(r["kind"], r["id"]): r for r in progress_rows(tmp_path)}
    assert rows[("lesson", "01_sourcing")]["status"].startswith("done")
    assert rows[("lesson", "02_numbers")]["status"] == "not yet"
    warmup = rows[("exercise", "00_warmup")]
    assert warmup["status"] == "1 of 6 questions right" and warmup["points"] == "2.33"
    assert rows[("exercise", "01_sourcing")]["status"] == "not started"


def test_command_and_a_damaged_file(tmp_path):
    lesson_done("00_start_here", folder=tmp_path)
    broken = tmp_path / "exercises" / ".medialit" / "progress" / "01_sourcing.json"
    broken.parent.mkdir(parents=True)
    broken.write_text("{nope", encoding="utf-8")
    result = run_cli("progress", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "00_start_here        done" in result.stdout and "could not be read" in result.stdout
    missing = run_cli("progress", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and "no such folder" in missing.stderr
