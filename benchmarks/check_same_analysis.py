"""Did a change of speed change any result? Compares `medialit analyze` with a saved run.

A speed-up must leave every finding as it was. This script analyses the 171 Wikinews
2019 articles (one report, so the cross-article sections are included) and the five
articles A–E, and either saves the two reports or compares them with saved ones.
Differences are printed as article id and key path only: some Wikinews articles are
held out for blind measurement, and their findings are not for reading.

Usage:
  python benchmarks/check_same_analysis.py --save /tmp/before.json   (on the old code)
  python benchmarks/check_same_analysis.py --compare /tmp/before.json (on the new code)
Exit status 1 when anything differs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from corpora import wikinews_dir

from medialit.corpus import load_articles, load_folder
from medialit.report import analyze

CORPUS = wikinews_dir()


def reports() -> dict[str, Any]:
    """The two reports, as the JSON `medialit analyze --json` would print them."""
    found = {"A-E": analyze(load_articles())}
    if (CORPUS / "articles").is_dir():
        found["wikinews-2019"] = analyze(load_folder(CORPUS / "articles"))
    return json.loads(json.dumps(found, ensure_ascii=False))


def differences(old: Any, new: Any, path: str = "") -> list[str]:
    """Key paths where two JSON values differ (values are not shown)."""
    if type(old) is not type(new):
        return [path or "/"]
    if isinstance(old, dict):
        found = [f"{path}/{k}" for k in sorted(old.keys() ^ new.keys())]
        for key in sorted(old.keys() & new.keys()):
            found += differences(old[key], new[key], f"{path}/{key}")
        return found
    if isinstance(old, list):
        if len(old) != len(new):
            return [f"{path} (length)"]
        found = []
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            label = a.get("id", i) if isinstance(a, dict) and "id" in a else i
            found += differences(a, b, f"{path}/{label}")
        return found
    return [] if old == new else [path]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path, help="write the reports to this file")
    mode.add_argument("--compare", type=Path, help="compare the reports with this file")
    args = parser.parse_args()
    found = reports()
    if args.save:
        args.save.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
        print(f"saved {sum(len(r['articles']) for r in found.values())} articles to {args.save}")
        return 0
    saved = json.loads(args.compare.read_text(encoding="utf-8"))
    diff = differences(saved, found)
    articles = sum(len(r["articles"]) for r in found.values())
    if not diff:
        print(f"identical: {articles} articles, every key of both reports")
        return 0
    print(f"{len(diff)} differences (key paths only):")
    for line in diff[:50]:
        print(f"  {line}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
