"""Precision and recall of the loaded-language detector on a held-out labelled set.

benchmarks/data/loaded_language_heldout.jsonl: 30 news-style sentences on other topics than the
five articles, labelled by hand (which words are loaded, in the author's voice) before the
detector was run on them. The lexicon was not written from these sentences. A word counts as
found when a match overlaps it. Prints figures; asserts nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

from medialit.corpus import Article
from medialit.language import find_loaded_language

DATA = Path(__file__).resolve().parent / "data" / "loaded_language_heldout.jsonl"


def main() -> None:
    for author_only in (True, False):
        evaluate(author_only)


def evaluate(author_only: bool) -> None:
    hits_found = found_total = hits_key = key_total = 0
    misses, extras = [], []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        text = item["text"]
        key_spans = []
        for word in item["loaded"]:
            start = text.lower().index(word.lower())
            key_spans.append((start, start + len(word), word))
        found = [
            t
            for t in find_loaded_language(Article.from_text(text, id="x"))
            if t.voice == "author" or not author_only
        ]
        found_total += len(found)
        key_total += len(key_spans)
        for t in found:
            if any(s < t.end and t.start < e for s, e, _ in key_spans):
                hits_found += 1
            else:
                extras.append(t.text)
        for s, e, word in key_spans:
            if any(s < t.end and t.start < e for t in found):
                hits_key += 1
            else:
                misses.append(word)
    precision = hits_found / found_total if found_total else 0.0
    recall = hits_key / key_total if key_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(
        f"\nheld-out set, {'author voice only' if author_only else 'any voice'}: "
        f"{key_total} labelled words in {len(DATA.read_text().splitlines())} sentences"
    )
    print(f"precision {precision:.2f}  recall {recall:.2f}  F1 {f1:.2f}")
    print(f"missed ({len(misses)}): {', '.join(misses)}")
    print(f"flagged but not labelled ({len(extras)}): {', '.join(extras)}")


if __name__ == "__main__":
    main()
