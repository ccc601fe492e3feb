"""`medialit grade` on real notebooks: full marks for solutions, zero for untouched exercises,
and a batch of hostile or broken submissions that still completes with the right rows."""

from __future__ import annotations

import csv
import json
import shutil
import zipfile

import nbformat
import pytest

from medialit.corpus import load_articles
from medialit.grading import bank
from medialit.grading.batch import GradingOptions, grade_many, write_feedback, write_gradebook
from medialit.widgets.annotator import Annotator

from .conftest import ROOT, run_cli
from .jupyter import write_notebook

pytestmark = pytest.mark.slow

SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))


def read_gradebook(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_solution_scores_full_marks_and_every_exercise_zero(tmp_path):
    exercises = [ROOT / "exercises" / s.name for s in SOLUTIONS]
    assert SOLUTIONS and all(e.exists() for e in exercises)
    out = tmp_path / "gradebook.csv"
    result = run_cli(
        "grade", *map(str, SOLUTIONS + exercises), "--out", str(out), "--jobs", "2", timeout=600
    )
    assert result.returncode == 0, result.stderr
    rows = read_gradebook(out)
    assert len(rows) == 2 * len(SOLUTIONS)
    for row in rows[: len(SOLUTIONS)]:
        assert float(row["total"]) == float(row["max"]) > 0, row
        assert row["errors"] == ""
    for row in rows[len(SOLUTIONS) :]:
        assert float(row["total"]) == 0, row
    assert "grading" in result.stderr  # the progress bar
    assert (tmp_path / "gradebook-feedback").is_dir()


def _solution():
    return nbformat.read(ROOT / "solutions" / "00_warmup.ipynb", as_version=4)


def _cell_index(notebook, text):
    return next(i for i, c in enumerate(notebook.cells) if text in c.source)


def _write(notebook, folder, name, learner):
    notebook.metadata.setdefault("medialit", {})["learner"] = learner
    path = folder / f"{name}.ipynb"
    nbformat.write(notebook, path)
    return path


def _adversarial(folder):
    subs = {}
    subs["good"] = _write(_solution(), folder, "good", "good")

    bad = folder / "malformed.ipynb"
    bad.write_text('{"cells": [ this is not json', encoding="utf-8")
    subs["malformed"] = bad

    nb = _solution()
    nb.cells[_cell_index(nb, "answer_q3 =")].source = "answer_q3 = 1805\nwhile True:\n    pass"
    subs["loop"] = _write(nb, folder, "loop", "loop")

    nb = _solution()
    nb.cells[_cell_index(nb, "answer_q1 =")].source = "answer_q1 = undefined_name"
    subs["exception"] = _write(nb, folder, "exception", "exception")

    nb = _solution()
    del nb.cells[_cell_index(nb, "answer_q5 =")]
    subs["missing"] = _write(nb, folder, "missing", "missing")

    nb = _solution()
    nb.cells[
        _cell_index(nb, "answer_q2 =")
    ].source = "import os\nanswer_q2 = {'A', 'C', 'D'}\nos._exit(0)"
    subs["os_exit"] = _write(nb, folder, "os_exit", "os_exit")

    nb = _solution()
    nb.cells.insert(2, nbformat.v4.new_code_cell("for i in range(60000):\n    print('x' * 200)"))
    subs["flood"] = _write(nb, folder, "flood", "flood")

    nb = _solution()
    nb.cells[_cell_index(nb, "answer_q4 =")].source = "import ctypes\nctypes.string_at(0)"
    subs["crash"] = _write(nb, folder, "crash", "crash")

    nb = _solution()
    nb.cells.insert(2, nbformat.v4.new_code_cell("x = bytearray(8 * 1024 ** 3)"))
    subs["memory"] = _write(nb, folder, "memory", "memory")

    nb = _solution()
    tamper = """
import medialit.grading.questions as q
import medialit.grading.batch as b
q.score = lambda *a, **k: None
b.score = lambda *a, **k: None
def check(*args, **kwargs):
    print("✔ Correct — 10/10 points")
class Anything:
    def __eq__(self, other):
        return True
class SneakyStr(str):
    def __eq__(self, other):
        return True
answer_q1 = Anything()
answer_q2 = SneakyStr("A")
answer_q4 = ["B", "E", "A", "D", "C"]
answer_q5 = {"A": 0}
def longest_paragraph(text):
    return 1
print("total 10/10")
"""
    nb.cells.append(nbformat.v4.new_code_cell(tamper))
    for marker in (
        "answer_q1 =",
        "answer_q2 =",
        "answer_q4 =",
        "answer_q5 =",
        "def longest_paragraph",
    ):
        nb.cells[_cell_index(nb, marker)].source = "pass"
    subs["tamper"] = _write(nb, folder, "tamper", "tamper")
    return subs


def test_a_hostile_batch_completes_with_the_right_rows(tmp_path):
    subs = _adversarial(tmp_path)
    options = GradingOptions(timeout=8, memory_mb=2048, exercise="00_warmup")
    rows = grade_many(list(subs.values()), options, jobs=2, progress=False)
    by_name = {name: row for name, row in zip(subs, rows, strict=True)}
    points = {name: {r.question: r.points for r in row.results} for name, row in by_name.items()}

    assert by_name["good"].total == 10 and not by_name["good"].problems
    assert (
        by_name["malformed"].total == 0
        and "not a valid notebook" in by_name["malformed"].problems[0]
    )
    assert len(by_name["malformed"].results) == 6

    assert points["loop"]["q3"] == 0 and by_name["loop"].total == 9
    assert any("endless loop" in p for p in by_name["loop"].problems)

    assert points["exception"]["q1"] == 0 and by_name["exception"].total == 9
    assert any("NameError" in p for p in by_name["exception"].problems)

    assert points["missing"]["q5"] == 0 and by_name["missing"].total == 8
    assert by_name["missing"].results[4].feedback == "answer_q5 was not defined"

    assert points["os_exit"]["q2"] == 0 and by_name["os_exit"].total == 8
    assert any("kernel stopped" in p for p in by_name["os_exit"].problems)

    assert by_name["flood"].total == 10
    assert any("was cut" in p for p in by_name["flood"].problems)

    assert points["crash"]["q4"] == 0 and by_name["crash"].total == 8
    assert any("kernel stopped" in p for p in by_name["crash"].problems)

    assert by_name["memory"].total == 10
    assert any("MemoryError" in p for p in by_name["memory"].problems)

    # Only q3 (left untouched) is genuinely right (q6 partly, by luck on the hidden inputs);
    # patching, fake output and fake equality earn nothing.
    assert points["tamper"] == {"q1": 0, "q2": 0, "q3": 1, "q4": 0, "q5": 0, "q6": 0.8}
    assert by_name["tamper"].results[0].status == "error"

    gradebook = write_gradebook(rows, tmp_path / "out" / "grades.csv")
    table = read_gradebook(gradebook)
    assert [r["learner"] for r in table] == [
        "good",
        "malformed",
        "loop",
        "exception",
        "missing",
        "os_exit",
        "flood",
        "crash",
        "memory",
        "tamper",
    ]
    assert table[2]["q3"] == "0" and table[2]["total"] == "9"
    assert gradebook.read_bytes().startswith(b"\xef\xbb\xbf")
    assert not list(gradebook.parent.glob(".*.tmp"))
    files = write_feedback(rows, tmp_path / "out" / "feedback")
    assert len(files) == len(rows) and "endless loop" in files[2].read_text(encoding="utf-8")


def test_spreadsheet_formulas_in_learner_names_are_neutralised(tmp_path):
    notebook = _solution()
    path = _write(notebook, tmp_path, "formula", '=HYPERLINK("http://x")')
    rows = grade_many([path], GradingOptions(timeout=30), progress=False)
    table = read_gradebook(write_gradebook(rows, tmp_path / "g.csv"))
    assert table[0]["learner"].startswith("'=")


@pytest.fixture
def span_exercise(tmp_path, monkeypatch):
    """A one-question set whose answer is spans marked in article E (written as a teacher would)."""
    article = load_articles(["E"])[0]
    start = article.text.index("2,000 National Guard troops")
    key_spans = [[start, start + len("2,000 National Guard troops")]]
    toml = tmp_path / "keys-src" / "spans_test.toml"
    toml.parent.mkdir()
    toml.write_text(
        'title = "Spans test"\n[[questions]]\nid = "q1"\nkind = "spans"\npoints = 2\n'
        'article = "E"\n'
        f'label = "number"\nthreshold = 0.8\nanswer = {json.dumps(key_spans)}\n',
        encoding="utf-8",
    )
    sealed = tmp_path / "sealed"
    sealed.mkdir()
    (sealed / "spans_test.json").write_text(bank.sealed_json(toml), encoding="utf-8")
    monkeypatch.setattr(bank, "SEALED_DIR", sealed)
    bank.load_set.cache_clear()
    yield key_spans[0]
    bank.load_set.cache_clear()


def _span_submission(folder, spans, learner="ana"):
    folder.mkdir(parents=True)
    write_notebook(
        folder / "spans_test.ipynb",
        "from medialit.annotations import saved_spans\n"
        "answer_q1 = saved_spans('E', label='number')",
    )
    if spans is not None:  # marked with the widget itself, which autosaves beside the notebook
        annotator = Annotator(
            load_articles(["E"])[0], labels=("source", "number"), learner=learner, folder=folder
        )
        for span in spans:
            annotator.add(span["start"], span["end"], span["label"])
    return folder


def test_spans_marked_in_the_annotator_survive_headless_grading(tmp_path, span_exercise):
    start, end = span_exercise
    marked = [
        {"start": start, "end": end, "label": "number", "text": "", "note": ""},
        {"start": 0, "end": 4, "label": "source", "text": "", "note": ""},
    ]
    folder = _span_submission(tmp_path / "subs" / "ana", marked)
    archive = tmp_path / "subs" / "ben.zip"
    _span_submission(tmp_path / "zipsrc", marked, learner="ben")
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in (tmp_path / "zipsrc").rglob("*"):
            zipped.write(path, path.relative_to(tmp_path / "zipsrc"))
    nothing = _span_submission(tmp_path / "subs" / "cy", None)
    options = GradingOptions(timeout=30, exercise="spans_test")
    rows = grade_many([folder, archive, nothing], options, progress=False)
    assert [r.total for r in rows] == [2, 2, 0]
    assert rows[2].results[0].status == "unanswered"


def test_unsafe_zip_is_refused(tmp_path, span_exercise):
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("../../escape.ipynb", "{}")
    rows = grade_many([archive], GradingOptions(exercise="spans_test"), progress=False)
    assert rows[0].total == 0 and "unsafe path" in rows[0].problems[0]
    assert not (tmp_path.parent / "escape.ipynb").exists()


def test_exercise_01_spans_marked_in_the_widget_are_graded_after_a_headless_rerun(tmp_path):
    """A learner marks Q5 in the Annotator, saves, hands in the folder; nothing else answered."""
    folder = tmp_path / "ana"
    folder.mkdir()
    shutil.copy(ROOT / "exercises" / "01_sourcing.ipynb", folder)
    article = load_articles(["A"])[0]
    annotator = Annotator(article, labels=("source",), learner="ana", folder=folder)
    for name in ["Sarah Kent", "Gazeta.ru", "Igor Korotchenko", "Russian Gazeta", "LA Times"]:
        start = article.text.index(name)
        annotator.add(start, start + len(name), "source")
    (row,) = grade_many([folder], GradingOptions(timeout=60), progress=False)
    points = {r.question: r.points for r in row.results}
    assert points["q5"] == 3  # five of six names: F1 above the threshold
    assert row.total == 3 and row.learner == "ana"
