"""The teacher's guide names every notebook, exercise and command that exists — and nothing else."""

from __future__ import annotations

import re

from medialit.cli import build_parser

from .conftest import ROOT

GUIDE = (ROOT / "docs" / "teaching_guide.md").read_text(encoding="utf-8")


def test_every_named_notebook_exists_and_every_notebook_is_named():
    named = set(re.findall(r"\b((?:notebooks|exercises|solutions)/[\w.-]+\.ipynb)\b", GUIDE))
    existing = {
        str(p.relative_to(ROOT))
        for folder in ("notebooks", "exercises", "solutions")
        for p in (ROOT / folder).glob("*.ipynb")
    }
    assert named - existing == set(), "the guide names notebooks that do not exist"
    assert existing - named == set(), "the guide leaves out notebooks that exist"


def test_every_named_command_exists_and_every_command_is_named():
    commands = set(build_parser()._subparsers._group_actions[0].choices)
    named = set(re.findall(r"`medialit (\w+)", GUIDE))
    assert named - commands == set(), "the guide names commands that do not exist"
    assert commands - named == set(), "the guide leaves out commands that exist"


def test_named_files_and_docs_exist():
    for path in re.findall(r"`((?:docs|datasets|solutions/keys)/[\w./*-]+)`", GUIDE):
        if "*" in path:
            assert list(ROOT.glob(path)), path
        else:
            assert (ROOT / path).exists(), path


def test_readme_links_the_guide():
    assert "docs/teaching_guide.md" in (ROOT / "README.md").read_text(encoding="utf-8")
