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


def test_the_guides_exercise_times_are_the_models_and_say_they_are_estimates():
    from medialit.grading.timing import READING_WPM, answer_times, estimate_all, guide_table

    flat = " ".join(GUIDE.split())
    times = estimate_all(ROOT)
    assert guide_table(times) in GUIDE, "rerun `python -m medialit.grading.timing` into the guide"
    assert f"at {READING_WPM} words a minute" in flat and "10.1016/j.jml.2019.104047" in flat
    assert answer_times() in flat
    assert "estimates from a stated model, not classroom measurements" in flat
    assert {t.set_id for t in times} == {p.stem for p in (ROOT / "exercises").glob("*.ipynb")}
    for t in times:  # every set is counted: its items, and words it makes a learner read
        assert t.items >= 6 and t.notebook_words > 200 and t.minutes >= 15, t


def test_each_question_reads_passages_that_exist():
    from medialit.corpus import load_articles
    from medialit.grading.bank import read_plain
    from medialit.grading.timing import passages

    articles = {a.id: a for a in load_articles()}
    for path in sorted((ROOT / "solutions" / "keys").glob("*.toml")):
        for question in read_plain(path)["questions"]:
            for article_id, number in passages(question.get("read", [])):
                if number is not None:
                    articles[article_id].paragraph(number)  # raises if it is not there
