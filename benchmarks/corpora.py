"""Where the benchmarks find the Wikinews 2019 corpus: one rule for every script.

`$MEDIALIT_CORPORA` names the folder holding `wikinews-2019/` (the test suite reads the
same variable); otherwise the first `shared/corpora` beside the checkout or any folder
above it, so a script run from a git worktree finds it too.
"""

from __future__ import annotations

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent


def wikinews_dir() -> Path:
    """The `wikinews-2019` folder (its `articles/` and `index.csv`), found or best guess."""
    if os.environ.get("MEDIALIT_CORPORA"):
        return Path(os.environ["MEDIALIT_CORPORA"]) / "wikinews-2019"
    for parent in HERE.parents:
        candidate = parent / "shared" / "corpora" / "wikinews-2019"
        if candidate.is_dir():
            return candidate
    return HERE.parent.parent / "shared" / "corpora" / "wikinews-2019"


def wikinews_articles() -> Path:
    """The folder of Wikinews article files (it may not exist: callers say so and stop)."""
    return wikinews_dir() / "articles"
