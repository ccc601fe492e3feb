"""How fast is `medialit grade` (sandbox included) against nbgrader and the bare-kernel floor?

Prints figures; asserts nothing. Grades the same batch of exercise-00 submissions — a
realistic mix of right, partly wrong and empty notebooks — three ways, interleaved in
rounds so that the machine's load falls on all three alike:

- medialit: `medialit grade` (the command a teacher runs, sandboxed when bwrap works);
- nbgrader: `nbgrader autograde` on the same notebooks with equivalent test cells;
- floor:    one empty notebook per submission, executed with nbclient in a fresh kernel
            (what any grader that starts a kernel per submission pays at least).

Each figure is seconds per submission for the whole batch, start-up included
(wall time ÷ submissions). nbgrader is never a kit dependency: it lives in its own
virtual environment, `.venv-bench/` (gitignored). Create it with
`python benchmarks/bench_grading.py --install`, or point NBGRADER at an nbgrader
executable. Run: `.venv/bin/python benchmarks/bench_grading.py [--count 8] [--rounds 2]`.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
BENCH_VENV = ROOT / ".venv-bench"
WRONG = {
    "answer_q1 =": 'answer_q1 = "E"',
    "answer_q2 =": 'answer_q2 = {"A", "E"}',
    "answer_q3 =": "answer_q3 = 1700",
    "answer_q4 =": 'answer_q4 = ["A", "B", "C", "D", "E"]',
}
# nbgrader's test cells, one per question, worth the same points as the medialit key.
TESTS = {
    "q1": (1, 'assert answer_q1 == "C"'),
    "q2": (2, 'assert set(answer_q2) == {"A", "C", "D"}'),
    "q3": (1, "assert answer_q3 == articles[3].words"),
    "q4": (2, 'assert list(answer_q4) == ["C", "D", "A", "E", "B"]'),
    "q5": (2, "assert answer_q5 == {a.id: len(a.paragraphs) for a in articles}"),
    "q6": (2, "assert longest_paragraph('a b\\n\\nc d e\\nf') == 2"),
}


def make_notebooks(count: int, seed: int = 7) -> list[nbformat.NotebookNode]:
    rng = random.Random(seed)
    solution = nbformat.read(ROOT / "solutions" / "00_warmup.ipynb", as_version=4)
    exercise = nbformat.read(ROOT / "exercises" / "00_warmup.ipynb", as_version=4)
    notebooks = []
    for index in range(count):
        kind = ["right", "mixed", "empty", "right", "mixed"][index % 5]
        notebook = nbformat.from_dict(exercise if kind == "empty" else solution)
        if kind == "mixed":
            for cell in notebook.cells:
                for marker, wrong in WRONG.items():
                    if marker in cell.source and rng.random() < 0.5:
                        cell.source = f"{wrong}\ncheck('q{marker[8]}', {marker[:-2]})"
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        notebooks.append(notebook)
    return notebooks


def with_tests(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook as nbgrader sees it: each answer cell followed by its locked test cell."""
    notebook = nbformat.from_dict(notebook)
    cells = []
    for cell in notebook.cells:
        cells.append(cell)
        for qid, (points, test) in TESTS.items():
            if cell.cell_type == "code" and f'check("{qid}"' in cell.source.replace("'", '"'):
                cell.metadata["nbgrader"] = {
                    "grade": False,
                    "grade_id": f"answer_{qid}",
                    "locked": False,
                    "schema_version": 3,
                    "solution": True,
                    "task": False,
                }
                test_cell = nbformat.v4.new_code_cell(test)
                test_cell.metadata["nbgrader"] = {
                    "grade": True,
                    "grade_id": f"test_{qid}",
                    "locked": True,
                    "points": points,
                    "schema_version": 3,
                    "solution": False,
                    "task": False,
                }
                cells.append(test_cell)
    notebook.cells = cells
    return notebook


def nbgrader_command() -> list[str] | None:
    found = os.environ.get("NBGRADER") or shutil.which("nbgrader", path=str(BENCH_VENV / "bin"))
    return [found] if found else None


def install() -> None:
    subprocess.run([sys.executable, "-m", "venv", str(BENCH_VENV)], check=True)
    pip = BENCH_VENV / "bin" / "pip"
    subprocess.run([str(pip), "install", "--quiet", "nbgrader==0.9.*"], check=True)


def kit_env(extra_path: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    if extra_path is not None:
        env["JUPYTER_PATH"] = str(extra_path)
    return env


def time_medialit(folder: Path, notebooks: list, jobs: int) -> tuple[float, list[str]]:
    paths = []
    for index, notebook in enumerate(notebooks):
        path = folder / "medialit" / f"learner{index:02d}" / "00_warmup.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, path)
        paths.append(str(path))
    out = folder / "medialit-grades.csv"
    command = [sys.executable, "-m", "medialit.cli", "grade", *paths, "--out", str(out)]
    start = time.perf_counter()
    done = subprocess.run(
        [*command, "--quiet", "--jobs", str(jobs)], env=kit_env(), capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    lines = out.read_text(encoding="utf-8-sig").splitlines()[1:]
    header = out.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    totals = [line.split(",")[header.index("total")] for line in lines]
    return elapsed / len(notebooks), totals


def time_nbgrader(folder: Path, notebooks: list, nbgrader: list[str]) -> tuple[float, list[str]]:
    course = folder / "course"
    source = course / "source" / "ps1"
    source.mkdir(parents=True)
    solution = nbformat.read(ROOT / "solutions" / "00_warmup.ipynb", as_version=4)
    solution.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(with_tests(solution), source / "00_warmup.ipynb")
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        "c.CourseDirectory.course_id = 'bench'\n"
        "c.ExecutePreprocessor.timeout = 120\n"
        "c.ClearSolutions.begin_solution_delimeter = 'BEGIN SOLUTION'\n"
        "c.ClearSolutions.end_solution_delimeter = 'END SOLUTION'\n",
        encoding="utf-8",
    )
    # The kernel nbgrader starts is the kit's own Python, so the notebooks import medialit.
    spec = folder / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec.joinpath("kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "Python 3", "language": "python"}),
        encoding="utf-8",
    )
    env = kit_env(folder / "jupyter")
    # nbgrader runs its own tools (alembic) by name, from its environment.
    env["PATH"] = str(Path(nbgrader[0]).parent) + os.pathsep + env.get("PATH", "")
    subprocess.run(
        [*nbgrader, "generate_assignment", "ps1", "--force"],
        cwd=course,
        env=env,
        check=True,
        capture_output=True,
    )
    for index, notebook in enumerate(notebooks):
        path = course / "submitted" / f"learner{index:02d}" / "ps1" / "00_warmup.ipynb"
        path.parent.mkdir(parents=True)
        nbformat.write(with_tests(notebook), path)
    start = time.perf_counter()
    done = subprocess.run(
        [*nbgrader, "autograde", "ps1", "--force"],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    subprocess.run(  # not timed: the scores, to check both graders agree
        [*nbgrader, "export", "--to", str(folder / "grades.csv")],
        cwd=course,
        env=env,
        check=True,
        capture_output=True,
    )
    with open(folder / "grades.csv", encoding="utf-8") as handle:
        scores = {r["student_id"]: r["raw_score"] for r in csv.DictReader(handle)}
    totals = [f"{float(scores[f'learner{i:02d}']):g}" for i in range(len(notebooks))]
    return elapsed / len(notebooks), totals


def time_floor(notebooks: list) -> float:
    empty = nbformat.v4.new_notebook()
    empty.cells = [nbformat.v4.new_code_cell("pass")]
    start = time.perf_counter()
    for _ in notebooks:
        client = NotebookClient(nbformat.from_dict(empty), kernel_name="python3")
        client.execute(stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) / len(notebooks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=8, help="submissions per batch (default 8)")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds (default 2)")
    parser.add_argument("--jobs", type=int, default=1, help="medialit --jobs (default 1)")
    parser.add_argument("--install", action="store_true", help="create .venv-bench with nbgrader")
    args = parser.parse_args()
    if args.install:
        install()
    nbgrader = nbgrader_command()
    if nbgrader is None:
        print(
            "nbgrader not found: run `python benchmarks/bench_grading.py --install` (makes "
            ".venv-bench/ with nbgrader 0.9) or set NBGRADER; comparing with the floor only."
        )
    from medialit.grading.sandbox import isolation

    print(
        f"{args.count} submissions of exercise 00 per batch; medialit --jobs {args.jobs}; "
        f"sandbox: {'bubblewrap' if isolation().isolated else 'NONE (bwrap unusable)'}"
    )
    notebooks = make_notebooks(args.count)
    figures: dict[str, list[float]] = {"medialit": [], "nbgrader": [], "floor": []}
    for round_number in range(1, args.rounds + 1):
        order = ["medialit", "nbgrader", "floor"]
        order = order[round_number % 3 :] + order[: round_number % 3]  # rotate who goes first
        line = []
        for name in order:
            with tempfile.TemporaryDirectory(prefix="medialit-bench-") as tmp:
                if name == "medialit":
                    seconds, totals = time_medialit(Path(tmp), notebooks, args.jobs)
                elif name == "nbgrader":
                    if nbgrader is None:
                        continue
                    seconds, nbgrader_totals = time_nbgrader(Path(tmp), notebooks, nbgrader)
                else:
                    seconds = time_floor(notebooks)
            figures[name].append(seconds)
            line.append(f"{name} {seconds:5.2f} s")
        print(f"round {round_number}: " + ", ".join(line) + " per submission")
    medialit = statistics.median(figures["medialit"])
    floor = statistics.median(figures["floor"])
    print(f"medialit ÷ floor    = {medialit / floor:4.2f}  ({medialit:.2f} s vs {floor:.2f} s)")
    if figures["nbgrader"]:
        other = statistics.median(figures["nbgrader"])
        print(f"medialit ÷ nbgrader = {medialit / other:4.2f}  ({medialit:.2f} s vs {other:.2f} s)")
        per_round = [m / n for m, n in zip(figures["medialit"], figures["nbgrader"], strict=True)]
        print("per round: " + ", ".join(f"{r:4.2f}" for r in per_round) + " (target ≤ 0.50)")
    print(f"totals, medialit: {totals}")
    if figures["nbgrader"]:
        print(f"totals, nbgrader: {nbgrader_totals}")


if __name__ == "__main__":
    main()
