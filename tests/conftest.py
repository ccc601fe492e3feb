"""Shared fixtures: the bundled articles, a scratch folder of articles, and a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from medialit.corpus import load_articles

ROOT = Path(__file__).resolve().parent.parent
# The Wikinews 2019 development corpus (CC BY 2.5) lives beside the project, not in it:
# ../shared/corpora, or the folder MEDIALIT_CORPORA names (e.g. when testing from a worktree).
WIKINEWS = Path(os.environ.get("MEDIALIT_CORPORA") or ROOT.parent / "shared" / "corpora")
WIKINEWS = WIKINEWS / "wikinews-2019" / "articles"


@pytest.fixture(scope="session")
def articles():
    return load_articles()


@pytest.fixture(scope="session")
def wikinews():
    """The 171 Wikinews articles, read and parsed once for every test that runs a lens on them."""
    if not WIKINEWS.is_dir():
        pytest.skip(
            f"the Wikinews 2019 corpus is not at {WIKINEWS}: put ../shared/corpora beside the "
            "project or set MEDIALIT_CORPORA to the folder holding wikinews-2019"
        )
    from medialit.corpus import load_folder
    from medialit.nlp import parse_many

    articles = load_folder(WIKINEWS)
    parse_many(articles, n_process=2)
    return articles


@pytest.fixture(scope="session")
def by_id(articles):
    return {a.id: a for a in articles}


def run_cli(
    *args: str, cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    """Run the real `medialit` command the way a user would (a separate process)."""
    return subprocess.run(
        [sys.executable, "-m", "medialit.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
    )
