"""What sealing costs a learner, and what it costs someone guessing keys. Prints figures only.

Times one `check` per question kind on the shipped keys (the learner's wait), and
the work of recovering keys by guessing against the sealed file (see
docs/grading.md, "what a determined reader can still recover"): one hash per
candidate, so a lettered question falls at once and a span key costs one hash per
word of its article. Run: `make bench`.
"""

from __future__ import annotations

import statistics
import tempfile
import time

from medialit.corpus import load_articles, word_spans
from medialit.grading import exercise
from medialit.grading.bank import load_set
from medialit.grading.questions import _hash

ANSWERS = {  # one answer per kind, right or wrong: the cost is the same
    ("00_warmup", "q1"): "C",
    ("00_warmup", "q2"): {"A", "C", "D"},
    ("00_warmup", "q3"): 1805,
    ("00_warmup", "q5"): {"A": 19, "B": 9, "C": 19, "D": 37, "E": 21},
    ("00_warmup", "q4"): ["C", "D", "A", "E", "B"],
    ("01_sourcing", "q5"): [(2978, 2988), (3224, 3233)],
    ("03_loaded_language", "q7"): "Trump sends the National Guard and troops against workers.",
}


def main() -> None:
    folder = tempfile.mkdtemp()
    print("one check, as a learner waits for it (median of 5, after the first):")
    for (set_id, qid), answer in ANSWERS.items():
        check, _ = exercise(set_id, folder=folder)
        check(qid, answer)  # the first call loads articles, lenses or spaCy
        runs = []
        for _ in range(5):
            _hash.cache_clear()  # every hash computed afresh, as for a new answer
            start = time.perf_counter()
            check(qid, answer)
            runs.append(time.perf_counter() - start)
        kind = load_set(set_id).question(qid).kind
        print(f"  {set_id} {qid} ({kind:<8}) {statistics.median(runs) * 1000:8.1f} ms")
    start = time.perf_counter()
    for n in range(200):
        _hash("bench-salt", f"guess {n}")
    per_hash = (time.perf_counter() - start) / 200
    print(f"one sealed hash (PBKDF2-SHA256, fresh input): {per_hash * 1000:.1f} ms")
    for article in load_articles():
        words = len(word_spans(article.text))
        print(
            f"  guessing a span key in article {article.id}: {words} words "
            f"→ about {words * per_hash:.0f} s"
        )
    print(f"  guessing a four-letter choice: 4 hashes → {4 * per_hash * 1000:.0f} ms")


if __name__ == "__main__":
    main()
