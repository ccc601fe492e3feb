"""`medialit release DIR`: the classroom copy holds what learners need and nothing kept back."""

from __future__ import annotations

import re

import nbformat

from medialit.grading import bank
from medialit.release import release

from .conftest import ROOT, run_cli


def test_release_copies_lessons_exercises_and_data_but_no_solutions_or_keys(tmp_path):
    copy = tmp_path / "class"
    result = run_cli("release", str(copy))
    assert result.returncode == 0, result.stderr
    assert "your copy of the kit is in" in result.stdout
    assert sorted(p.name for p in copy.iterdir()) == ["datasets", "exercises", "notebooks"]
    for folder in ("notebooks", "exercises"):
        shipped = sorted(p.name for p in (ROOT / folder).glob("*.ipynb"))
        assert sorted(p.name for p in (copy / folder).glob("*.ipynb")) == shipped
    assert (copy / "datasets" / "articles" / "A.txt").read_bytes() == (
        ROOT / "datasets" / "articles" / "A.txt"
    ).read_bytes()
    assert (copy / "datasets" / "lexicons" / "loaded_language.csv").is_file()
    names = {p.relative_to(copy).as_posix() for p in copy.rglob("*")}
    assert not [n for n in names if re.search(r"solution|keys|src|tests|\.toml$|\.py$", n)]
    # no sealed key file, and no line of one, is in the copy
    sealed = (bank.SEALED_DIR / "01_sourcing.json").read_text(encoding="utf-8")
    salt = re.search(r'"salt": "([^"]+)"', sealed).group(1)
    for path in copy.rglob("*"):
        if path.is_file():
            assert salt not in path.read_text(encoding="utf-8", errors="replace"), path


def test_release_never_overwrites_a_learners_files(tmp_path):
    copy = tmp_path / "class"
    release(copy)
    mine = copy / "exercises" / "01_sourcing.ipynb"
    mine.write_text("my answers", encoding="utf-8")
    (copy / "notebooks" / "00_start_here.ipynb").unlink()
    again = release(copy)
    assert mine.read_text(encoding="utf-8") == "my answers"
    assert [p.as_posix() for p in again.copied] == ["notebooks/00_start_here.ipynb"]
    assert "exercises/01_sourcing.ipynb" in {p.as_posix() for p in again.kept}
    assert "not overwritten" in again.summary()


def test_release_into_a_file_is_one_clear_error(tmp_path):
    target = tmp_path / "a-file"
    target.write_text("x", encoding="utf-8")
    result = run_cli("release", str(target))
    assert result.returncode == 2 and "give a folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_lesson_or_exercise_links_to_solutions():
    for folder in ("notebooks", "exercises"):
        for path in (ROOT / folder).glob("*.ipynb"):
            notebook = nbformat.read(path, as_version=4)
            for cell in notebook.cells:
                assert "solutions/" not in cell.source, (path.name, cell.source[:80])


def test_lab_workdir_opens_the_same_classroom_copy(tmp_path):
    mine = tmp_path / "mine"
    (mine / "exercises").mkdir(parents=True)
    (mine / "exercises" / "00_warmup.ipynb").write_text("my work", encoding="utf-8")
    result = run_cli("lab", "--workdir", str(mine), "--version", timeout=120)
    assert result.returncode == 0, result.stderr
    assert "your copy of the kit is in" in result.stderr and "not overwritten" in result.stderr
    assert (mine / "exercises" / "00_warmup.ipynb").read_text(encoding="utf-8") == "my work"
    assert sorted(p.name for p in mine.iterdir()) == ["datasets", "exercises", "notebooks"]
