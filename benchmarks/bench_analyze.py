"""How fast is `medialit analyze --json`? Prints figures; asserts nothing.

Times the real command (a fresh process, as a user runs it) on the five bundled
articles and on a 1,000-article corpus synthesised from them (paragraphs of the
five shuffled into new articles of similar length), and compares both with the
floor of starting Python and importing the kit. Run: `make bench`.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from medialit.corpus import load_articles


def timed(command: list[str], repeat: int) -> float:
    """Median wall-clock seconds of a command over `repeat` runs."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def synthesise(folder: Path, count: int, seed: int = 2025) -> None:
    """Write `count` articles made of the five's paragraphs, shuffled and recombined."""
    rng = random.Random(seed)
    paragraphs = [p.text for a in load_articles() for p in a.paragraphs if p.kind == "body"]
    for index in range(count):
        chosen = rng.sample(paragraphs, k=rng.randint(8, 20))
        (folder / f"synthetic_{index:04d}.txt").write_text("\n".join(chosen), encoding="utf-8")


def main() -> None:
    python = sys.executable
    floor = timed([python, "-c", "import medialit"], repeat=5)
    five = timed([python, "-m", "medialit.cli", "analyze", "--json"], repeat=5)
    with tempfile.TemporaryDirectory() as tmp:
        synthesise(Path(tmp), 1000)
        thousand = timed([python, "-m", "medialit.cli", "analyze", "--json", tmp], repeat=1)
    print(f"python -c 'import medialit':        {floor:7.3f} s")
    print(
        f"analyze --json, 5 bundled articles: {five:7.3f} s  "
        f"({5 / five:6.1f} articles/s, {five / floor:5.1f}x the import floor)"
    )
    print(
        f"analyze --json, 1,000 articles:     {thousand:7.3f} s  "
        f"({1000 / thousand:6.1f} articles/s, {thousand / floor:5.1f}x the import floor)"
    )
    per_article = (thousand - five) / 995
    print(f"marginal cost per article:          {per_article * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
