"""How fast is `medialit analyze`? Prints figures; asserts nothing.

Two figures a teacher feels: start-up (the real command on one short file, in a fresh
process, as a user runs it) and throughput beyond start-up (words per second over the
171 Wikinews 2019 articles, in one process, after the model is loaded). Both are shown
beside the floor of starting Python and importing the kit, and throughput with one
process and with every core. Run: `make bench`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from medialit import nlp
from medialit.corpus import load_folder
from medialit.report import analyze

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "wikinews-2019"


def timed(command: list[str], repeat: int) -> float:
    """Median wall-clock seconds of a command over `repeat` runs."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=False, stdout=subprocess.DEVNULL)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def throughput(articles, n_process: int) -> float:
    """Words per second of the whole analysis (parse and every lens), model already loaded."""
    nlp._cache.clear()
    words = sum(a.words for a in articles)
    start = time.perf_counter()
    if n_process > 1:
        nlp.parse_many(articles, n_process=n_process)
    analyze(articles)
    return words / (time.perf_counter() - start)


def main() -> None:
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        short = Path(tmp) / "short.txt"
        short.write_text("The mayor said 40 homes flooded on Tuesday.", encoding="utf-8")
        floor = timed([python, "-c", "import medialit"], repeat=5)
        startup = timed([python, "-m", "medialit.cli", "analyze", "--json", str(short)], repeat=5)
    print(f"python -c 'import medialit':            {floor:6.2f} s")
    print(f"start-up, analyze --json on one short file: {startup:6.2f} s")
    if not (CORPUS / "articles").is_dir():
        print(f"(throughput needs {CORPUS}; skipped)")
        return
    articles = load_folder(CORPUS / "articles")
    words = sum(a.words for a in articles)
    nlp.load_pipeline()
    analyze(articles[:2])  # warm every lens's lexicons, as start-up already does
    single = throughput(articles, 1)
    cores = min(os.cpu_count() or 1, 4)
    parallel = throughput(articles, cores)
    print(f"throughput, {len(articles)} Wikinews articles ({words:,} words), beyond start-up:")
    print(f"  one process:         {single:8,.0f} words/s")
    print(f"  {cores} processes:         {parallel:8,.0f} words/s  ({parallel / single:.2f}x one)")
    parse_only = parse_rate(articles)
    print(f"  the parse alone:     {parse_only:8,.0f} words/s  (lenses take the rest)")


def parse_rate(articles) -> float:
    nlp._cache.clear()
    start = time.perf_counter()
    nlp.parse_many(articles)
    return sum(a.words for a in articles) / (time.perf_counter() - start)


if __name__ == "__main__":
    main()
