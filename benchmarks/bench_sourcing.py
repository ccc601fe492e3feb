"""How much does the sourcing lens add on top of the parse? Prints figures; asserts nothing.

Parses the 171 Wikinews 2019 articles first (the shared parse, cached), then times the
sourcing lens alone — `find_attributions`, `audit` and `sourcing_summary` — three times
with its own caches cleared, and prints words per second (wall clock and CPU time; on a
busy machine the CPU figure is the steadier one). The corpus is `../shared/corpora`
beside the checkout, or the folder MEDIALIT_CORPORA names. Run: `make bench`.
"""

from __future__ import annotations

import sys
import time

from corpora import wikinews_articles

from medialit import nlp, sourcing
from medialit.corpus import load_folder


def main() -> int:
    folder = wikinews_articles()
    if not folder.is_dir():
        print(f"no Wikinews corpus at {folder}; set MEDIALIT_CORPORA to the folder holding it")
        return 1
    articles = load_folder(folder)
    words = sum(a.words for a in articles)
    start = time.perf_counter()
    nlp.parse_many(articles, n_process=2)
    parse = time.perf_counter() - start
    rate = words / parse
    print(f"{len(articles)} articles, {words:,} words; parse {parse:.1f} s ({rate:,.0f} words/s)")
    for run in range(1, 4):
        for cached in (sourcing._find_attributions, sourcing._table, sourcing._quotations):
            cached.cache_clear()
        wall, cpu = time.perf_counter(), time.process_time()
        found = 0
        for article in articles:
            attributions = sourcing.find_attributions(article)
            sourcing.audit(article, attributions)
            sourcing.sourcing_summary(article, attributions)
            found += len(attributions)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(
            f"sourcing lens, run {run}: {found} attributions; {wall:.2f} s wall "
            f"({words / wall:,.0f} words/s), {cpu:.2f} s CPU ({words / cpu:,.0f} words/s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
