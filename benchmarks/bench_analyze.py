"""How fast is `medialit analyze`? Prints figures; asserts nothing.

Two figures a teacher feels, with the issue's targets beside them:

- start-up: the real command (`analyze --json` on one short file) in a fresh process,
  shown beside its floor, which the kit cannot go below: starting Python, importing spaCy
  and loading the model;
- throughput beyond start-up: words per second over the 171 Wikinews 2019 articles
  (the whole analysis: parse, every lens, the cross-article ledger), measured in a fresh
  process after the model and lexicons are loaded on other text (the five articles A–E),
  in one process and in one process per core, and the parse alone.

The machine is shared, so every figure is the median of several runs and the load
average is printed before and after: compare ratios, not single runs.
Run: `make bench` or `python benchmarks/bench_analyze.py [--repeat N]`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpora import wikinews_articles

CORPUS = wikinews_articles()
STARTUP_TARGET = 1.5
THROUGHPUT_TARGET = 8_000

_THROUGHPUT = """
import resource, sys, time
from pathlib import Path
from medialit import nlp, report
from medialit.corpus import load_articles, load_folder
mode = sys.argv[1]
report.analyze(load_articles())  # start-up: model, lexicons, dictionaries, on other text
articles = load_folder(Path(sys.argv[2]))
words = sum(a.words for a in articles)
if mode == "one":
    report.PARALLEL_WORDS = float("inf")
def cpu():
    return sum(resource.getrusage(w).ru_utime + resource.getrusage(w).ru_stime
               for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
start, used = time.perf_counter(), cpu()
if mode == "parse":
    nlp.parse_many(articles)
else:
    report.analyze(articles, keep_parses=False)  # as `medialit analyze --json` does
print(words / (time.perf_counter() - start), words / (cpu() - used))
"""


def timed(command: list[str], repeat: int, bytecode: Path) -> float:
    """Median wall-clock seconds of a command over `repeat` runs, after one warm-up run.

    Python's compiled bytecode is kept (in `bytecode`, not beside the sources), as it is
    for anyone who installed the kit: a shell with PYTHONDONTWRITEBYTECODE set would
    otherwise recompile every module on every run and overstate start-up.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(bytecode)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def rate(mode: str, repeat: int) -> tuple[float, float]:
    """Median words per second (wall clock, and per CPU-second of every process involved)
    of one way of analysing the corpus, each run in a fresh process."""
    walls, cpus = [], []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-c", _THROUGHPUT, mode, str(CORPUS)],
            check=True,
            capture_output=True,
            text=True,
        )
        wall, cpu = done.stdout.split()[-2:]
        walls.append(float(wall))
        cpus.append(float(cpu))
    return statistics.median(walls), statistics.median(cpus)


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per start-up figure")
    parser.add_argument("--rate-repeat", type=int, default=2, help="runs per throughput figure")
    args = parser.parse_args()
    python = sys.executable
    cores = os.cpu_count() or 1
    print(f"{cores} cores; load average before: {load()}")
    from medialit.nlp import model_directory

    with tempfile.TemporaryDirectory() as tmp:
        short = Path(tmp) / "short.txt"
        short.write_text("The mayor said 40 homes flooded on Tuesday.", encoding="utf-8")
        cache = Path(tmp) / "bytecode"
        bare = timed([python, "-c", "pass"], args.repeat, cache)
        spacy = timed([python, "-c", "import spacy"], args.repeat, cache)
        floor = timed(
            [python, "-c", f"import spacy; spacy.load({str(model_directory())!r})"],
            args.repeat,
            cache,
        )
        startup = timed(
            [python, "-m", "medialit.cli", "analyze", "--json", str(short)], args.repeat, cache
        )
    target = f"(target ≤ {STARTUP_TARGET} s)"
    print(f"start-up, analyze --json on one short file: {startup:5.2f} s  {target}")
    print(f"  floor: python + import spacy + load model: {floor:5.2f} s")
    print(f"    of which python {bare:.2f} s, import spacy {spacy - bare:.2f} s, "
          f"load model {floor - spacy:.2f} s")
    print(f"  the kit's own share (start-up − floor):    {startup - floor:5.2f} s")
    if not CORPUS.is_dir():
        print(f"(throughput needs {CORPUS}; set MEDIALIT_CORPORA; skipped)")
        return
    one, one_cpu = rate("one", args.rate_repeat)
    many, many_cpu = rate("many", args.rate_repeat)
    parse, parse_cpu = rate("parse", args.rate_repeat)
    print(f"throughput beyond start-up, {CORPUS.parent.name} (171 articles), median of "
          f"{args.rate_repeat}:  (target ≥ {THROUGHPUT_TARGET:,} words/s)")
    print("                          wall clock      per CPU-second (all processes)")
    print(f"  one process:            {one:7,.0f} words/s  {one_cpu:7,.0f}")
    print(f"  one process per core:   {many:7,.0f} words/s  {many_cpu:7,.0f}  "
          f"({many / one:.2f}x one process; on an idle machine at most "
          f"{cores * many_cpu:,.0f} words/s)")
    print(f"  the parse alone:        {parse:7,.0f} words/s  {parse_cpu:7,.0f}")
    print("  (per CPU-second is what other users of the machine disturb least)")
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
