"""How precise the loaded-language lens is, how quiet it stays on neutral copy, and how fast.

1. benchmarks/data/loaded_language_heldout.jsonl: 30 news-style sentences on other topics than
   the five articles, labelled by hand (which words are loaded, in the author's voice) before
   the detector was run on them. A word counts as found when a match overlaps it.
2. The author-voice flag rate per 1,000 words on the 171 Wikinews 2019 articles (neutral-policy
   wire copy, CC BY 2.5, ../shared/corpora/wikinews-2019/ or $MEDIALIT_CORPORA): a neutral
   register should raise few flags. Shown for all 171, and for the 147 development articles
   apart from the 24 the maintainers hold out (their flags are never listed here).
3. The lens's own speed in words per second on the 171, with every parse cached first.

Prints figures; asserts nothing.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

from corpora import wikinews_articles

from medialit.corpus import Article, load_folder
from medialit.language import find_loaded_language, opinion_signals
from medialit.nlp import parse_many

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "loaded_language_heldout.jsonl"
KEYS = HERE / "keys"


def held_out_ids() -> set[str]:
    """Every Wikinews article in a blind key (both samples): never studied while developing."""
    keys = (KEYS / "wikinews_sources.json", KEYS / "fresh" / "wikinews_sources.json")
    return {
        name.removesuffix(".txt")
        for key in keys
        for name in json.loads(key.read_text(encoding="utf-8"))["articles"]
    }


HELD_OUT = held_out_ids()


def main() -> None:
    for author_only in (True, False):
        evaluate(author_only)
    folder = wikinews_articles()
    if not folder.is_dir():
        print(f"\nno Wikinews corpus at {folder}: set MEDIALIT_CORPORA to the folder holding it")
        return
    wikinews(folder)


def evaluate(author_only: bool) -> None:
    hits_found = found_total = hits_key = key_total = 0
    misses, extras = [], []
    lines = DATA.read_text(encoding="utf-8").splitlines()
    for line in lines:
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
        f"\nheld-out sentences, {'author voice only' if author_only else 'any voice'}: "
        f"{key_total} labelled words in {len(lines)} sentences"
    )
    print(f"precision {precision:.2f}  recall {recall:.2f}  F1 {f1:.2f}")
    print(f"missed ({len(misses)}): {', '.join(misses)}")
    print(f"flagged but not labelled ({len(extras)}): {', '.join(extras)}")


def wikinews(folder: Path) -> None:
    articles = load_folder(folder)
    words = sum(a.words for a in articles)
    started = time.perf_counter()
    parse_many(articles)
    parsed = time.perf_counter() - started
    started = time.perf_counter()
    found = {a.id: find_loaded_language(a) for a in articles}
    for a in articles:
        opinion_signals(a)
    lens = time.perf_counter() - started
    print(f"\nWikinews 2019: {len(articles)} articles, {words:,} words")
    print(f"parse (once, cached): {parsed:.1f} s; language lens on the cached parse: {lens:.2f} s")
    print(f"lens speed: {words / lens:,.0f} words/s")
    development = [a.id for a in articles if a.id not in HELD_OUT]
    for label, ids in (
        (f"all {len(articles)}", [a.id for a in articles]),
        (f"{len(development)} development", development),
    ):
        n_words = sum(a.words for a in articles if a.id in ids)
        author = [t for i in ids for t in found[i] if t.voice == "author"]
        other = [t for i in ids for t in found[i] if t.voice != "author"]
        print(
            f"{label}: author-voice flags {len(author)} = "
            f"{1000 * len(author) / n_words:.2f} per 1,000 words; "
            f"quoted or attributed {len(other)} = {1000 * len(other) / n_words:.2f} per 1,000 words"
        )
    dev = Counter(
        t.text.lower()
        for a in articles
        if a.id not in HELD_OUT
        for t in found[a.id]
        if t.voice == "author"
    )
    print("author-voice words on the development articles:", dict(dev.most_common()))


if __name__ == "__main__":
    main()
