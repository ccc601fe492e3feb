"""Accuracy of the lenses on real news they were not built from, against a blind hand key.

The key (benchmarks/keys/, see its README) was labelled on 24 Wikinews 2019 articles
before anyone read the kit's output on them; the engineers who wrote the lenses did
not open it. This script runs `medialit.report.analyze` on those articles and prints:

- sources: named-source recall and precision, unnamed-source recall, and how often the
  speaker of a matched attribution is the right one;
- figures: recall and precision of quantity spans (partial overlap), and how many of
  the kit's figures are dates;
- loaded language: partial-overlap precision and recall, by voice, on the Wikinews
  articles and on ten other-genre paragraphs.

Usage: python benchmarks/eval_wikinews.py [--details] [--keys DIR] [--lens sources|figures|loaded]

`--keys benchmarks/keys/fresh` scores a second sample of 20 articles, labelled blind
later, after the lenses had been tuned once against the first key (see its README).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from corpora import wikinews_articles

from medialit.corpus import Article, read_article_file
from medialit.report import analyze

HERE = Path(__file__).resolve().parent
KEYS = HERE / "keys"
"""The folder of the key being scored; `--keys` replaces it."""
CORPUS = wikinews_articles()

_TITLES = {
    "mr", "mrs", "ms", "dr", "professor", "prof", "president", "prime", "minister", "the",
    "senator", "sen", "governor", "gov", "mayor", "chief", "of", "a", "an", "and", "for",
}


def _words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _TITLES}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _load(names: list[str]) -> tuple[dict[str, str], dict[str, Article], dict[str, dict]]:
    raws, articles = {}, {}
    for name in names:
        raws[name] = (CORPUS / name).read_text(encoding="utf-8")
        articles[name] = read_article_file(CORPUS / name, id=name)
    report = analyze(list(articles.values()))
    entries = {entry["id"]: entry for entry in report["articles"]}
    return raws, articles, entries


def _shift(raw: str, article: Article) -> int:
    """Key offsets index the file as on disk; the kit's index the loader's trimmed text."""
    return raw.index(article.text)


# --- sources ------------------------------------------------------------------------------


def _sentence_span(raw: str, attribution: dict) -> tuple[int, int]:
    sentence = attribution["sentence"]
    start = raw.rfind(sentence, 0, attribution["cue_start"] + 1)
    if start < 0:
        start = raw.find(sentence)
    return start, start + len(sentence)


def _kit_source_matches(kit: dict, key_source: dict | None) -> bool:
    if key_source is None:
        return False
    kit_words = _words(kit.get("source") or "") | _words(kit.get("mention") or "")
    for mention in [key_source["name"], *key_source["mentions"]]:
        words = _words(mention)
        if words and (words <= kit_words or kit_words and kit_words <= words):
            return True
        if words & kit_words and len(words & kit_words) >= max(1, min(len(words), 2) - 1):
            return True
    return False


def evaluate_sources(names, raws, articles, entries, details: bool) -> dict[str, float]:
    key = json.loads((KEYS / "wikinews_sources.json").read_text(encoding="utf-8"))["articles"]
    named_total = named_found = unnamed_total = unnamed_found = 0
    kit_named_total = kit_named_right = 0
    matched = speaker_right = key_attributions = 0
    for name in names:
        entry, raw, labels = entries[name], raws[name], key[name]
        if "error" in entry:
            print(f"  {name}: kit error: {entry['error']}")
            continue
        shift = _shift(raw, articles[name])
        sources = {s["id"]: s for s in labels["sources"]}
        kit = [
            {**k, "raw_start": k["start"] + shift, "raw_end": k["end"] + shift}
            for k in entry["attributions"]
        ]
        # attribution-level matching: same sentence, closest speaker to the cue
        used: set[int] = set()
        hits: dict[str, list[dict]] = {}
        for attribution in labels["attributions"]:
            key_attributions += 1
            span = _sentence_span(raw, attribution)
            candidates = [
                (abs(k["raw_start"] - attribution["cue_start"]), i)
                for i, k in enumerate(kit)
                if i not in used and span[0] <= k["raw_start"] < span[1]
            ]
            if not candidates:
                if details:
                    cue, speaker = attribution["cue"], attribution["speaker_text"]
                    print(f"  MISSED {name}: {cue!r} by {speaker!r}")
                continue
            _, index = min(candidates)
            used.add(index)
            matched += 1
            source = sources.get(attribution["source"])
            right = _kit_source_matches(kit[index], source) or (
                source is None and not kit[index]["named"]
            )
            speaker_right += right
            if source is not None:
                hits.setdefault(source["id"], []).append(kit[index])
            if details and not right:
                found = kit[index]
                print(
                    f"  SPEAKER {name}: kit {found['source']!r} (via {found['mention']!r})"
                    f" — key {source['name'] if source else None!r}"
                )
        for source in labels["sources"]:
            if source["named"]:
                named_total += 1
                found = any(
                    k["named"] and _kit_source_matches(k, source) for k in entry["attributions"]
                )
                named_found += found
                if details and not found:
                    print(f"  NAMED SOURCE MISSED {name}: {source['name']!r}")
            else:
                unnamed_total += 1
                found = any(not k["named"] for k in hits.get(source["id"], []))
                unnamed_found += found
                if details and not found:
                    print(f"  UNNAMED SOURCE MISSED {name}: {source['name']!r}")
        kit_named = {k["source"]: k for k in entry["attributions"] if k["named"]}
        for kit_source in kit_named.values():
            kit_named_total += 1
            right = any(_kit_source_matches(kit_source, s) for s in labels["sources"])
            kit_named_right += right
            if details and not right:
                print(f"  SPURIOUS NAMED {name}: {kit_source['source']!r}")
    return {
        "named-source recall": named_found / named_total,
        "named-source precision": kit_named_right / max(kit_named_total, 1),
        "unnamed-source recall": unnamed_found / unnamed_total,
        "attributions found (recall)": matched / key_attributions,
        "speaker right, of matched attributions": speaker_right / max(matched, 1),
        "key: named / unnamed sources / attributions": f"{named_total} / {unnamed_total} / "
        f"{key_attributions}",
    }


# --- figures ------------------------------------------------------------------------------


def evaluate_figures(names, raws, articles, entries, details: bool) -> dict[str, float]:
    key = json.loads((KEYS / "wikinews_figures.json").read_text(encoding="utf-8"))["articles"]
    key_total = key_found = kit_total = kit_right = 0
    for name in names:
        entry, raw = entries[name], raws[name]
        if "error" in entry:
            continue
        shift = _shift(raw, articles[name])
        gold = [(f["start"], f["start"] + len(f["text"])) for f in key.get(name, [])]
        kit = [(q["start"] + shift, q["end"] + shift, q["text"]) for q in entry["quantities"]]
        for span in gold:
            key_total += 1
            found = any(_overlaps(span, k[:2]) for k in kit)
            key_found += found
            if details and not found:
                print(f"  FIGURE MISSED {name}: {raw[span[0]:span[1]]!r}")
        for k in kit:
            kit_total += 1
            right = any(_overlaps(k[:2], span) for span in gold)
            kit_right += right
            if details and not right:
                print(f"  FIGURE SPURIOUS {name}: {k[2]!r} in …{raw[k[0]-30:k[1]+30]!r}…")
    return {
        "figure recall": key_found / key_total,
        "figure precision": kit_right / max(kit_total, 1),
        "key figures / kit figures": f"{key_total} / {kit_total}",
    }


# --- loaded language ----------------------------------------------------------------------


def _voice(voice: str) -> str:
    return "author" if voice == "author" else "source"


def _loaded_scores(pairs, details: bool, label: str) -> dict[str, float]:
    """pairs: (name, gold spans with voice, kit spans with voice, text)."""
    out: dict[str, float] = {}
    for voice in ("author", "source", "any"):
        gold_total = gold_found = kit_total = kit_right = 0
        for name, gold, kit, text in pairs:
            g = [x for x in gold if voice == "any" or x[2] == voice]
            k = [x for x in kit if voice == "any" or x[2] == voice]
            for span in g:
                gold_total += 1
                found = any(_overlaps(span[:2], x[:2]) for x in k)
                gold_found += found
                if details and voice == "any" and not found:
                    print(f"  LOADED MISSED {label} {name}: {text[span[0]:span[1]]!r} ({span[2]})")
            for x in k:
                kit_total += 1
                right = any(_overlaps(x[:2], span[:2]) for span in g)
                kit_right += right
                if details and voice == "any" and not right:
                    print(f"  LOADED SPURIOUS {label} {name}: {text[x[0]:x[1]]!r} ({x[2]})")
        precision = kit_right / kit_total if kit_total else float("nan")
        recall = gold_found / gold_total if gold_total else float("nan")
        out[f"{label} loaded, {voice} voice: precision"] = precision
        out[f"{label} loaded, {voice} voice: recall"] = recall
        out[f"{label} loaded, {voice} voice: key / kit"] = f"{gold_total} / {kit_total}"
    return out


def evaluate_loaded(names, raws, articles, entries, details: bool) -> dict[str, float]:
    key = json.loads((KEYS / "wikinews_loaded_language.json").read_text(encoding="utf-8"))
    pairs = []
    for name in names:
        entry, raw = entries[name], raws[name]
        if "error" in entry:
            continue
        shift = _shift(raw, articles[name])
        gold = [
            (g["start"], g["start"] + len(g["text"]), _voice(g["voice"]))
            for g in key["articles"].get(name, [])
        ]
        kit = [(x["start"] + shift, x["end"] + shift, _voice(x["voice"])) for x in entry["loaded"]]
        pairs.append((name, gold, kit, raw))
    scores = _loaded_scores(pairs, details, "Wikinews")
    genres_file = HERE / "keys" / "other_genres.json"
    genres = json.loads(genres_file.read_text(encoding="utf-8"))["paragraphs"]
    paragraphs = [Article.from_text(p["text"], id=p["id"]) for p in genres]
    report = {e["id"]: e for e in analyze(paragraphs)["articles"]}
    pairs = []
    for paragraph, article in zip(genres, paragraphs, strict=True):
        shift = paragraph["text"].index(article.text)
        gold = [
            (g["start"], g["start"] + len(g["text"]), _voice(g["voice"]))
            for g in paragraph["labels"]
        ]
        kit = [
            (x["start"] + shift, x["end"] + shift, _voice(x["voice"]))
            for x in report[paragraph["id"]].get("loaded", [])
        ]
        pairs.append((paragraph["id"], gold, kit, paragraph["text"]))
    scores.update(_loaded_scores(pairs, details, "other genres"))
    return scores


_KEY_FILES = {
    "sources": "wikinews_sources.json",
    "figures": "wikinews_figures.json",
    "loaded": "wikinews_loaded_language.json",
}


def main(argv: list[str] | None = None) -> int:
    global KEYS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every miss and false hit")
    parser.add_argument("--lens", choices=["sources", "figures", "loaded"], action="append")
    parser.add_argument("--keys", type=Path, default=KEYS, help="folder holding the key files")
    args = parser.parse_args(argv)
    KEYS = args.keys
    if not CORPUS.is_dir():
        print(f"needs the Wikinews corpus at {CORPUS}", file=sys.stderr)
        return 2
    names = sorted(
        json.loads((KEYS / "wikinews_sources.json").read_text(encoding="utf-8"))["articles"]
    )
    raws, articles, entries = _load(names)
    lenses = args.lens or [
        lens for lens, file in _KEY_FILES.items() if (args.keys / file).is_file()
    ]
    evaluators = {
        "sources": evaluate_sources, "figures": evaluate_figures, "loaded": evaluate_loaded
    }
    print(f"Blind key: {len(names)} Wikinews 2019 articles ({args.keys})")
    for lens in lenses:
        print(f"\n{lens}")
        for label, value in evaluators[lens](names, raws, articles, entries, args.details).items():
            shown = f"{value:.2f}" if isinstance(value, float) else value
            print(f"  {label:<45} {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
