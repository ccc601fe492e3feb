"""Is the numbers lens linear in article length? Prints figures; asserts nothing.

Builds articles of 2k, 4k, 8k and 16k words from the five bundled articles' body
paragraphs (shuffled, repeated), parses each once (the shared parse is not the
lens's cost, so it is timed apart), then times the numbers lens (`find_quantities`,
with the sourcing lens's attributions already computed, as in a report) and the
one-article ledger (`within_article_checks`). A linear lens keeps the time per
1,000 words flat: the last line prints the 16k/2k ratio of that time (1.0 = linear;
the lens before issue 12 was quadratic, 0.6 / 2.6 / 10.3 s at 2k / 4k / 8k words).
Run: `python benchmarks/bench_numbers.py` (or `make bench`).
"""

from __future__ import annotations

import random
import statistics
import time

from medialit.corpus import Article, load_articles
from medialit.nlp import parse
from medialit.numbers import _find_quantities, find_quantities, within_article_checks
from medialit.sourcing import find_attributions

SIZES = (2000, 4000, 8000, 16000)


def build(words: int, seed: int = 12) -> Article:
    """An article of about `words` words made of the five's body paragraphs."""
    rng = random.Random(seed)
    paragraphs = [p.text for a in load_articles() for p in a.paragraphs if p.kind == "body"]
    chosen: list[str] = []
    while sum(len(p.split()) for p in chosen) < words:
        chosen.append(rng.choice(paragraphs))
    return Article.from_text("\n\n".join(chosen), id=f"bench-{words}")


def timed(function, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        _find_quantities.cache_clear()
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    print(f"{'words':>7} {'parse s':>8} {'lens s':>8} {'+ledger s':>9} {'lens ms/1k words':>17}")
    per_1k = {}
    for size in SIZES:
        article = build(size)
        start = time.perf_counter()
        parse(article)
        parsed = time.perf_counter() - start
        find_attributions(article)  # the sourcing lens's work, shared with the report
        lens = timed(lambda article=article: find_quantities(article))
        ledger = timed(lambda article=article: within_article_checks(article))
        per_1k[size] = lens / article.words * 1000
        print(
            f"{article.words:>7} {parsed:>8.2f} {lens:>8.3f} {ledger:>9.3f} "
            f"{per_1k[size] * 1000:>17.1f}"
        )
    ratio = per_1k[SIZES[-1]] / per_1k[SIZES[0]]
    print(
        f"time per 1k words at {SIZES[-1] // 1000}k over {SIZES[0] // 1000}k words: {ratio:.2f} "
        "(1.0 = linear; 8.0 would be quadratic)"
    )


if __name__ == "__main__":
    main()
