"""`medialit grade` against a hostile class: one batch where every attack in issue 14 runs
beside honest submissions, in the real bubblewrap sandbox. Honest work keeps its exact
score, attacks earn only their honest part, and nothing reaches a key or a classmate."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import zipfile

import nbformat
import pytest

from medialit.grading import sandbox
from medialit.grading.batch import GradingOptions, grade_many
from medialit.grading.gradebook import GradedSubmission, write_feedback, write_gradebook
from medialit.grading.submission import learner_id

from .conftest import ROOT
from .test_grading_batch import read_gradebook

pytestmark = pytest.mark.slow

REQUIRED = os.environ.get("MEDIALIT_REQUIRE_SANDBOX") == "1" or (
    os.environ.get("MEDIALIT_REQUIRE_BROWSER") == "1"
)


def _require_sandbox():
    if not sandbox.isolation().isolated:
        if REQUIRED:
            pytest.fail(sandbox.isolation().warning)
        pytest.skip("bubblewrap is not usable here: " + sandbox.isolation().warning)


def _solution(name="00_warmup"):
    return nbformat.read(ROOT / "solutions" / f"{name}.ipynb", as_version=4)


def _index(notebook, text):
    return next(i for i, c in enumerate(notebook.cells) if text in c.source)


def _save(notebook, path, learner=None):
    if learner is not None:
        notebook.metadata.setdefault("medialit", {})["learner"] = learner
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)
    return path


def _with_cell(source, at=None, replace=None):
    notebook = _solution()
    if replace:
        notebook.cells[_index(notebook, replace)].source = source
    else:
        cell = nbformat.v4.new_code_cell(source)
        notebook.cells.insert(len(notebook.cells) - 1 if at is None else at, cell)
    return notebook


MARKER = "medialit-daemon-" + hashlib.sha256(str(time.time()).encode()).hexdigest()[:12]


def _hostile_class(root):
    """Submissions as a class hands them in: a folder per learner, or a notebook, or a zip."""
    subs = {}
    # Two planters first (one per runner, most likely) leave files wherever they can; a finder,
    # last, looks for them.
    for name in ("planter1", "planter2"):
        subs[name] = _save(_with_cell(PLANT), root / f"{name}.ipynb")
    subs["ana"] = _save(_solution(), root / "ana" / "00_warmup.ipynb", "Ana")
    ana = subs["ana"]
    wrong = _solution()
    wrong.cells[_index(wrong, "answer_q1 =")].source = 'answer_q1 = "E"'
    subs["ben"] = _save(wrong, root / "ben.ipynb", "Ben")

    # The key from disk, as the package and the checkout lay it out.
    subs["keyfile"] = _save(
        _with_cell(
            "import glob, pathlib, medialit\n"
            "pkg = pathlib.Path(medialit.__file__).parent\n"
            "found = []\n"
            "for pattern in ('grading/keys/*', '../../solutions/keys/*', '../../solutions/*'):\n"
            "    found += glob.glob(str(pkg / pattern))\n"
            "raise RuntimeError('found=' + repr(found))",
            replace="answer_q2 =",
        ),
        root / "keyfile" / "00_warmup.ipynb",
    )
    # Brute force against the sealed key, and against check().
    subs["brute"] = _save(
        _with_cell(
            "from medialit.grading import bank, questions\n"
            "verdict = check('q1', 'C')\n"
            "try:\n"
            "    key = bank.load_set('00_warmup')\n"
            "    for guess in 'ABCDE':\n"
            "        if questions.score(key.question('q1'), guess).status == 'correct':\n"
            "            answer_q1 = guess\n"
            "except Exception as exc:\n"
            "    raise RuntimeError(f'no key ({type(exc).__name__}), check gave {verdict}')",
            replace="answer_q1 =",
        ),
        root / "brute" / "00_warmup.ipynb",
    )
    # A classmate via /proc, then by path: read it, overwrite it.
    subs["snoop"] = _save(
        _with_cell(
            "import os\n"
            "seen = []\n"
            "for pid in filter(str.isdigit, os.listdir('/proc')):\n"
            "    try:\n"
            "        seen.append(open(f'/proc/{pid}/cmdline', 'rb').read())\n"
            "    except OSError:\n"
            "        pass\n"
            "leaks = [c for c in seen if b'.ipynb' in c or b'ana' in c]\n"
            f"target = {str(ana)!r}\n"
            "try:\n"
            "    open(target, 'w').write('{}')\n"
            "    wrote = 'yes'\n"
            "except OSError as exc:\n"
            "    wrote = type(exc).__name__\n"
            "teacher = ('PYTEST', 'VIRTUAL', 'USER', 'PWD')\n"
            "mine = sorted(k for k in os.environ if k.startswith(teacher))\n"
            "n = len(seen)\n"
            "raise RuntimeError(f'processes={n} leaks={leaks} wrote={wrote} teacher={mine}')"
        ),
        root / "snoop" / "00_warmup.ipynb",
    )
    # A folder whose notebook is a link to the solution.
    (root / "linked").mkdir()
    (root / "linked" / "00_warmup.ipynb").symlink_to(ROOT / "solutions" / "00_warmup.ipynb")
    subs["linked"] = root / "linked"
    # Kill the parent, everything it can see, and its own group.
    subs["killer"] = _save(
        _with_cell(
            "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\nos.kill(-1, signal.SIGKILL)"
        ),
        root / "killer.ipynb",
    )
    # A 5,000-digit int, and an oversized answer.
    huge = _solution()
    huge.cells[_index(huge, "answer_q3 =")].source = "answer_q3 = 10 ** 5000"
    huge.cells[_index(huge, "answer_q1 =")].source = "answer_q1 = 'C' * 2_000_000"
    subs["huge"] = _save(huge, root / "huge.ipynb")
    # Garbage written straight into every pipe the notebook can find.
    subs["forger"] = _save(
        _with_cell(
            "import os\n"
            "for fd in map(int, os.listdir('/proc/self/fd')):\n"
            "    try:\n"
            "        os.write(fd, b'\\xff\\xff\\xff\\xf0' + b'{' * 64)\n"
            "    except OSError:\n"
            "        pass"
        ),
        root / "forger.ipynb",
    )
    # A setsid daemon that would outlive the grader.
    subs["daemon"] = _save(
        _with_cell(
            "import subprocess, sys\n"
            "subprocess.Popen([sys.executable, '-c', 'import time\\nwhile True: time.sleep(0.1)', "
            f"'{MARKER}'], start_new_session=True)"
        ),
        root / "daemon.ipynb",
    )
    # Endless loops: one plain, one that swallows the interruption; then one past the budget.
    loops = _with_cell("while True:\n    pass", at=3)
    loops.cells.insert(
        6,
        nbformat.v4.new_code_cell(
            "while True:\n    try:\n        pass\n    except BaseException:\n        pass"
        ),
    )
    subs["loops"] = _save(loops, root / "loops.ipynb")
    forever = _solution()
    for _ in range(8):
        forever.cells.insert(
            _index(forever, "answer_q3 =") + 1, nbformat.v4.new_code_cell("while True: pass")
        )
    subs["forever"] = _save(forever, root / "forever.ipynb")
    # Widget messages by the megabyte.
    subs["comms"] = _save(
        _with_cell(
            "import ipywidgets\nw = ipywidgets.Text()\n"
            "for i in range(3000):\n    w.value = str(i) * 400"
        ),
        root / "comms.ipynb",
    )
    # Three forked children that together pass the memory limit.
    subs["forks"] = _save(
        _with_cell(
            "import os, time\n"
            "for _ in range(3):\n"
            "    if os.fork() == 0:\n"
            "        block = b'x' * (400 * 1024 * 1024)\n"
            "        time.sleep(60)\n"
            "time.sleep(60)"
        ),
        root / "forks.ipynb",
    )
    # Names made to break a table: bidi override, newline, 200 × ñ.
    subs["names"] = _save(
        _solution(), root / ("ñ" * 100 + "\u202etxt.ipynb"), "ñ" * 200 + "\u202e\n=1+1"
    )
    # A notebook of another set, and one whose metadata says another set.
    subs["otherset"] = _save(_solution("01_sourcing"), root / "otherset" / "01_sourcing.ipynb")
    meta = _solution()
    meta.metadata["medialit"] = {"exercise": "03_loaded_language"}
    subs["metadata"] = _save(meta, root / "metadata" / "00_warmup.ipynb")
    # The same learner handed in twice (a folder and a zip).
    zipped = root / "dup" / "ana.zip"
    zipped.parent.mkdir()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(ana, "00_warmup.ipynb")
    subs["ana-again"] = zipped
    # Broken in ordinary ways: not JSON, an exception, a missing answer, os._exit, a segfault,
    # 8 GB at once, a print flood, and a notebook that patches the grader and fakes equality.
    (root / "malformed.ipynb").write_text('{"cells": [ this is not json', encoding="utf-8")
    subs["malformed"] = root / "malformed.ipynb"
    subs["exception"] = _save(
        _with_cell("answer_q1 = undefined_name", replace="answer_q1 ="), root / "exception.ipynb"
    )
    missing = _solution()
    del missing.cells[_index(missing, "answer_q5 =")]
    subs["missing"] = _save(missing, root / "missing.ipynb")
    subs["os_exit"] = _save(
        _with_cell("import os\nanswer_q2 = {'A', 'C', 'D'}\nos._exit(0)", replace="answer_q2 ="),
        root / "os_exit.ipynb",
    )
    subs["crash"] = _save(
        _with_cell("import ctypes\nctypes.string_at(0)", replace="answer_q4 ="),
        root / "crash.ipynb",
    )
    subs["memory"] = _save(_with_cell("x = bytearray(8 * 1024 ** 3)", at=2), root / "memory.ipynb")
    subs["flood"] = _save(
        _with_cell("for i in range(60000):\n    print('x' * 200)", at=2), root / "flood.ipynb"
    )
    tamper = _with_cell(TAMPER)
    for marker in (
        "answer_q1 =",
        "answer_q2 =",
        "answer_q4 =",
        "answer_q5 =",
        "def longest_paragraph",
    ):
        tamper.cells[_index(tamper, marker)].source = "pass"
    subs["tamper"] = _save(tamper, root / "tamper.ipynb")
    subs["formula"] = _save(_solution(), root / "formula.ipynb", '=HYPERLINK("http://x")')
    subs["finder"] = _save(_with_cell(FIND), root / "finder.ipynb")
    return subs


PLACES = "['/', '/etc', '/dev', '/dev/shm', '/tmp', '/grading', '/work', '/root', '/opt']"
PLANT = f"""
import os
wrote = []
for folder in {PLACES}:
    try:
        with open(os.path.join(folder, 'planted-by-a-classmate'), 'w') as handle:
            handle.write('x')
        wrote.append(folder)
    except OSError:
        pass
raise RuntimeError(f'wrote={{sorted(wrote)}}')
"""
FIND = f"""
import glob, os
found = [p for f in {PLACES} for p in glob.glob(os.path.join(f, 'planted-by-a-classmate'))]
found += glob.glob('/grading/**/planted-by-a-classmate', recursive=True)
raise RuntimeError(f'planted={{found}}')
"""


TAMPER = """
import medialit.grading.questions as q
import medialit.grading.selfcheck as s
q.score = lambda *a, **k: None
s.score = lambda *a, **k: None
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


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    _require_sandbox()
    root = tmp_path_factory.mktemp("class")
    subs = _hostile_class(root)
    ana_bytes = subs["ana"].read_bytes()
    options = GradingOptions(timeout=4, memory_mb=1024, exercise="00_warmup")
    started = time.monotonic()
    rows = grade_many(list(subs.values()), options, jobs=2, progress=False)
    elapsed = time.monotonic() - started
    time.sleep(0.5)
    by = dict(zip(subs, rows, strict=True))
    return {
        "rows": rows,
        "by": by,
        "subs": subs,
        "root": root,
        "ana": ana_bytes,
        "elapsed": elapsed,
        "options": options,
    }


def _points(row):
    return {r.question: r.points for r in row.results}


def _problems(row):
    return " | ".join(row.problems)


def test_honest_submissions_are_scored_exactly(graded):
    by = graded["by"]
    assert by["ana"].total == 10 and not by["ana"].problems
    assert _points(by["ben"])["q1"] == 0 and by["ben"].total == 9 and not by["ben"].problems
    assert by["ana"].learner == "ana" and by["ana"].name == "Ana"


def test_no_key_is_reachable_from_the_sandbox(graded):
    keyfile, brute = graded["by"]["keyfile"], graded["by"]["brute"]
    assert "found=[]" in _problems(keyfile)
    assert _points(keyfile)["q2"] == 0 and keyfile.total == 8
    assert "no key (KeysUnavailable), check gave None" in _problems(brute)
    assert _points(brute)["q1"] == 0 and brute.total == 9


def test_no_classmate_is_reachable_and_none_is_changed(graded):
    snoop = graded["by"]["snoop"]
    text = _problems(snoop)
    assert "leaks=[]" in text and "wrote=FileNotFoundError" in text
    # Only the sandbox's own processes (its init, the runner, this submission) are visible.
    assert "processes=" in text and int(text.split("processes=")[1].split()[0]) <= 5
    assert "teacher=[]" in text  # the teacher's environment stays outside
    assert snoop.total == 10
    assert graded["subs"]["ana"].read_bytes() == graded["ana"]
    assert graded["by"]["ana"].total == 10


def test_no_submission_leaves_anything_for_the_next(graded):
    by = graded["by"]
    for planter in ("planter1", "planter2"):  # only its own, fresh folders are writable
        assert "wrote=['/dev/shm', '/grading', '/tmp']" in _problems(by[planter])
        assert by[planter].total == 10
    assert "planted=[]" in _problems(by["finder"]) and by["finder"].total == 10


def test_a_link_to_the_solution_is_not_followed(graded):
    linked = graded["by"]["linked"]
    assert linked.total == 0 and "symbolic link" in _problems(linked)


def test_killing_the_parent_costs_nothing_but_the_batch_goes_on(graded):
    assert graded["by"]["killer"].total == 10
    assert all(row is not None for row in graded["rows"])


def test_huge_and_oversized_answers_lose_only_their_question(graded):
    huge = graded["by"]["huge"]
    points = _points(huge)
    assert points["q3"] == 0 and points["q1"] == 0 and huge.total == 8
    feedback = {r.question: r.feedback for r in huge.results}
    assert "1,000 digits" in feedback["q3"] and "byte limit" in feedback["q1"]


def test_garbage_on_the_answer_channel_fails_only_that_submission(graded):
    forger = graded["by"]["forger"]
    assert "could not be read" in _problems(forger)
    assert forger.total == 2  # only the function question, run separately, counts


def test_a_setsid_daemon_dies_with_its_sandbox(graded):
    assert graded["by"]["daemon"].total == 10
    survivors = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                if MARKER.encode() in handle.read():
                    survivors.append(pid)
        except OSError:
            continue
    assert survivors == []


def test_loops_are_skipped_and_the_budget_bounds_a_submission(graded):
    loops, forever = graded["by"]["loops"], graded["by"]["forever"]
    assert _problems(loops).count("ran longer than 4 s") == 2 and loops.total == 10
    assert "time budget of 20 s" in _problems(forever)
    points = _points(forever)
    assert points["q1"] == 1 and points["q2"] == 2 and points["q3"] == 1  # answered in time
    assert points["q4"] == 0 and points["q5"] == 0
    assert forever.seconds < 20 + 10


def test_ordinary_failures_cost_only_what_they_broke(graded):
    by = graded["by"]
    assert by["malformed"].total == 0 and "not a valid notebook" in _problems(by["malformed"])
    assert len(by["malformed"].results) == 6
    assert _points(by["exception"])["q1"] == 0 and by["exception"].total == 9
    assert "NameError" in _problems(by["exception"])
    assert (
        by["missing"].total == 8
        and by["missing"].results[4].feedback == "answer_q5 was not defined"
    )
    assert _points(by["os_exit"])["q2"] == 0 and by["os_exit"].total == 8
    assert "stopped while running cell" in _problems(by["os_exit"])
    assert _points(by["crash"])["q4"] == 0 and by["crash"].total == 8
    assert by["memory"].total == 10 and "MemoryError" in _problems(by["memory"])
    assert by["flood"].total == 10 and "was cut" in _problems(by["flood"])
    # Only q3 (left untouched) is genuinely right (q6 partly, by luck on the hidden inputs);
    # patching, fake output and fake equality earn nothing.
    assert _points(by["tamper"]) == {"q1": 0, "q2": 0, "q3": 1, "q4": 0, "q5": 0, "q6": 0.8}
    assert by["tamper"].results[0].status == "error"


def test_widget_messages_share_the_output_cap(graded):
    comms = graded["by"]["comms"]
    assert comms.total == 10 and "was cut" in _problems(comms)


def test_forked_children_are_held_to_one_memory_limit(graded):
    forks = graded["by"]["forks"]
    assert "used more than 1,024 MB" in _problems(forks) and forks.total == 10


def test_names_are_cleaned_and_duplicates_flagged(graded, tmp_path):
    by = graded["by"]
    names = by["names"]
    assert "\u202e" not in names.learner and "\n" not in names.name and len(names.name) <= 64
    assert names.total == 10
    assert by["ana-again"].learner == "ana" and "duplicate" in " ".join(by["ana-again"].flags)
    assert "duplicate" in " ".join(by["ana"].flags)
    book = read_gradebook(write_gradebook(graded["rows"], tmp_path / "g.csv"))
    assert len(book) == len(graded["rows"])
    assert all("\u202e" not in v and "\n" not in v for r in book for v in r.values())
    assert any(r["name"].startswith("ñ") for r in book)
    assert any(r["name"].startswith("'=HYPERLINK") for r in book)  # no formula reaches a sheet
    files = write_feedback(graded["rows"], tmp_path / "feedback")
    assert len({f.name for f in files}) == len(graded["rows"])


def test_a_notebook_of_another_set_is_flagged_not_graded(graded):
    other, meta = graded["by"]["otherset"], graded["by"]["metadata"]
    assert other.results == [] and other.exercise == "01_sourcing"
    assert "not 00_warmup" in " ".join(other.flags)
    assert meta.total == 10 and "metadata says 03_loaded_language" in " ".join(meta.flags)


def test_the_hostile_batch_finished_within_its_budgets(graded):
    options = graded["options"]
    slowest = max(row.seconds for row in graded["rows"])
    assert slowest < options.total_budget + 30
    assert graded["elapsed"] < 240


def test_learner_errors_never_echo_the_graders_side(tmp_path, monkeypatch):
    from medialit.grading import bank, batch

    secret = "/home/teacher/.secret-token"

    def broken(*args, **kwargs):
        raise OSError(secret)

    monkeypatch.setattr(batch, "score", broken)
    question = bank.load_set("00_warmup").question("q1")
    result = batch._score_bounded(question, "C", GradingOptions())
    assert result.points == 0 and secret not in result.feedback and "teacher" in result.feedback


def test_stale_feedback_is_removed_and_the_folder_replaced_whole(tmp_path):
    folder = tmp_path / "gradebook-feedback"
    first = [
        GradedSubmission("ana", "ana.ipynb", "00_warmup"),
        GradedSubmission("ben", "b", "00_warmup"),
    ]
    write_feedback(first, folder)
    assert sorted(p.name for p in folder.iterdir()) == ["ana.md", "ben.md"]
    write_feedback(first[:1], folder)
    assert sorted(p.name for p in folder.iterdir()) == ["ana.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gradebook-feedback"]


def test_learner_ids_come_from_the_path():
    assert learner_id("class/ana/00_warmup.ipynb") == "ana"
    assert learner_id("class/ben.ipynb") == "ben"
    assert learner_id("class/cy.zip") == "cy"
    assert learner_id("class/d\u202eavi\n.ipynb") == "d avi"


def test_without_bubblewrap_grading_warns_once(monkeypatch, capsys):
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None)
    sandbox.isolation.cache_clear()
    try:
        setting = sandbox.isolation()
        assert not setting.isolated and "NOT ISOLATED" in setting.warning
        assert "apt install bubblewrap" in setting.warning
        monkeypatch.setattr(sandbox, "_warned_once", [])
        sandbox.warn_once(setting.warning)
        sandbox.warn_once(setting.warning)
        assert capsys.readouterr().err.count("NOT ISOLATED") == 1
        monkeypatch.setenv("MEDIALIT_REQUIRE_SANDBOX", "1")
        with pytest.raises(RuntimeError, match="forbids"):
            grade_many([ROOT / "exercises" / "00_warmup.ipynb"], GradingOptions(), progress=False)
    finally:
        sandbox.isolation.cache_clear()


def test_a_killed_run_resumes_where_it_stopped(tmp_path):
    _require_sandbox()
    subs = []
    for name in ("a1", "a2", "a3"):
        subs.append(_save(_solution(), tmp_path / "in" / f"{name}.ipynb"))
    out = tmp_path / "out" / "grades.csv"
    journal = out.with_name(".grades.csv.journal")
    old = tmp_path / "out" / "grades-feedback" / "gone.md"
    old.parent.mkdir(parents=True)
    old.write_text("stale", encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "medialit.cli",
        "grade",
        *map(str, subs),
        "--out",
        str(out),
        "--quiet",
        "--timeout",
        "20",
    ]
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (
        journal.exists() and journal.read_text().count("\n") >= 1
    ):
        time.sleep(0.1)
    first.send_signal(signal.SIGKILL)
    first.wait()
    import json

    kept = {}
    for line in journal.read_text().splitlines():
        row = json.loads(line)["row"]
        kept[row["learner"]] = row["seconds"]
    assert kept and not out.exists()
    finished = subprocess.run([*command, "--resume"], capture_output=True, text=True, timeout=180)
    assert finished.returncode == 0, finished.stderr
    book = read_gradebook(out)
    assert [r["learner"] for r in book] == ["a1", "a2", "a3"]
    assert all(r["total"] == "10" for r in book)
    assert all(float(r["seconds"]) == kept[r["learner"]] for r in book if r["learner"] in kept)
    assert not journal.exists() and not old.exists()
    assert sorted(p.name for p in old.parent.iterdir()) == ["a1.md", "a2.md", "a3.md"]
