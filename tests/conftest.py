"""Shared fixtures: the bundled articles, a scratch folder of articles, and a CLI runner."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from medialit.corpus import load_articles

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def articles():
    return load_articles()


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
