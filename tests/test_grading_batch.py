"""`medialit grade` on real notebooks: full marks for solutions, zero for untouched exercises,
spans marked in the Annotator graded headless. (The hostile class is in test_grading_sandbox.py.)"""

from __future__ import annotations

import csv
import json
import shutil
import zipfile

import pytest

from medialit.corpus import load_articles
from medialit.grading import bank
from medialit.grading.batch import GradingOptions, grade_many
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
        assert row["errors"] == "" and row["learner"] == "solutions"
    for row in rows[len(SOLUTIONS) :]:
        assert float(row["total"]) == 0, row
    assert "grading" in result.stderr  # the progress bar
    assert (tmp_path / "gradebook-feedback").is_dir()


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
