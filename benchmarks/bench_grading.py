"""How fast is `medialit grade`? Prints figures; asserts nothing.

Grades 50 submissions of exercise 00 — a realistic mix of right, partly wrong and
empty notebooks made from the solution and the exercise — with --jobs 1 and
--jobs 2, and compares seconds per submission with the floor: executing an empty
notebook in a fresh kernel with nbclient. Run: `.venv/bin/python benchmarks/bench_grading.py`.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from medialit.grading.batch import GradingOptions, grade_many

ROOT = Path(__file__).resolve().parent.parent
WRONG = {
    "answer_q1 =": 'answer_q1 = "E"',
    "answer_q2 =": 'answer_q2 = {"A", "E"}',
    "answer_q3 =": "answer_q3 = 1700",
    "answer_q4 =": 'answer_q4 = ["A", "B", "C", "D", "E"]',
}


def make_submissions(folder: Path, count: int = 50, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    solution = nbformat.read(ROOT / "solutions" / "00_warmup.ipynb", as_version=4)
    exercise = nbformat.read(ROOT / "exercises" / "00_warmup.ipynb", as_version=4)
    paths = []
    for index in range(count):
        kind = rng.choice(["right", "right", "mixed", "mixed", "empty"])
        notebook = nbformat.from_dict(exercise if kind == "empty" else solution)
        if kind == "mixed":
            for cell in notebook.cells:
                for marker, wrong in WRONG.items():
                    if marker in cell.source and rng.random() < 0.5:
                        cell.source = f"{wrong}\ncheck('q{marker[8]}', {marker[:-2]})"
        notebook.metadata.setdefault("medialit", {})["learner"] = f"learner{index:02d}"
        path = folder / f"learner{index:02d}.ipynb"
        nbformat.write(notebook, path)
        paths.append(path)
    return paths


def floor_seconds(notebook: nbformat.NotebookNode, repeat: int = 5) -> float:
    """Median time to execute a notebook with plain nbclient in a fresh kernel (no grading)."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        NotebookClient(nbformat.from_dict(notebook), kernel_name="python3").execute()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    empty = nbformat.v4.new_notebook()
    empty.cells = [nbformat.v4.new_code_cell("pass")]
    floor = floor_seconds(empty)
    content = floor_seconds(nbformat.read(ROOT / "solutions" / "00_warmup.ipynb", as_version=4), 3)
    print(f"floor: empty notebook in a fresh kernel            {floor:6.2f} s")
    print(f"floor: the solution notebook, plain nbclient, no grading {content:6.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_submissions(Path(tmp))
        for jobs in (1, 2):
            start = time.perf_counter()
            rows = grade_many(paths, GradingOptions(timeout=60), jobs=jobs, progress=False)
            elapsed = time.perf_counter() - start
            per = elapsed / len(paths)
            totals = sorted({r.total for r in rows})
            print(
                f"--jobs {jobs}: {len(paths)} submissions in {elapsed:6.1f} s = {per:5.2f} s each "
                f"({per / floor:4.2f}x the empty floor, {per / content:4.2f}x the same notebook "
                f"ungraded); distinct totals {totals}"
            )


if __name__ == "__main__":
    main()
