"""The capstone's widgets, driven without a browser: dashboard, bring-your-own-article, the form."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from medialit.widgets.capstone import (
    analyse_own,
    assessment_form,
    bring_your_own,
    comparison_dashboard,
    evidence_for,
)

UNSEEN_ARTICLE = (
    "Storm closes coastal road\n\n"
    "RIVERTON — Heavy rain closed the coastal road on Monday, the county highways department said. "
    "About 40 homes lost power, according to the electricity company. "
    "“We expect to reopen by Wednesday,” said engineer Maya Singh. "
    "Residents called the repeated closures a disgrace."
)


def _buttons(dashboard):
    grid = dashboard.children[1].children[0]
    return [c for c in grid.children if hasattr(c, "on_click")]


def test_dashboard_cells_show_their_evidence(articles):
    dashboard = comparison_dashboard(articles)
    buttons = _buttons(dashboard)
    assert len(buttons) == 5 * 8
    assert all(b.description for b in buttons)
    flags = next(b for b in buttons if b.tooltip == "attribution flags, article A")
    assert flags.description == "6"
    flags.click()
    output = dashboard.children[4]
    assert output.outputs and "variant spelling" in output.outputs[0]["data"]["text/html"]


def test_dashboard_filters_articles_and_lenses(articles):
    dashboard = comparison_dashboard(articles)
    picker, lens_boxes = (
        dashboard.children[0].children[0],
        dashboard.children[0].children[1].children,
    )
    picker.value = ("B", "D")
    next(box for box in lens_boxes if box.description == "readability").value = False
    assert len(_buttons(dashboard)) == 2 * 7


def test_evidence_for_every_measure(articles):
    from medialit.report import SCORECARD

    for measure, _ in SCORECARD:
        assert evidence_for(articles[0], measure) is not None
    with pytest.raises(KeyError):
        evidence_for(articles[0], "vibes")


def test_bring_your_own_article_runs_every_lens_on_unseen_text():
    article, view = analyse_own(text=UNSEEN_ARTICLE)
    assert article.title == "Storm closes coastal road" and article.dateline.text == "RIVERTON"
    page = view._repr_html_()
    for section in ("readability", "sourcing", "numbers", "language"):
        assert f'id="{section}"' in page
    assert "disgrace" in page and "<img" in page


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (b"", "has no words"),
        (b"%PDF-1.7\x00\x00binary", "binary file"),
        ("Caf\u00e9".encode("latin-1"), "UTF-8"),
        (b"word " * 3000, "limit"),
    ],
)
def test_bring_your_own_refuses_bad_uploads_with_a_clear_message(upload, message):
    box = bring_your_own(max_bytes=10_000)
    box.upload.value = (
        {
            "name": "mine.txt",
            "type": "text/plain",
            "size": len(upload),
            "content": memoryview(upload),
            "last_modified": datetime.now(),
        },
    )
    box.analyse()
    assert "Cannot analyse" in box.message.value and message in box.message.value
    assert not box.output.outputs


def test_bring_your_own_pasted_text_and_upload():
    box = bring_your_own()
    box.paste.value = UNSEEN_ARTICLE
    box.analyse()
    assert box.message.value == "" and box.output.outputs
    box.upload.value = (
        {
            "name": "story.md",
            "type": "text/markdown",
            "size": 10,
            "content": memoryview(b"# Title\n\nThe mayor said the park will reopen."),
            "last_modified": datetime.now(),
        },
    )
    box.analyse()
    assert "story" in box.output.outputs[0]["data"]["text/html"]


def test_assessment_form_saves_a_score(tmp_path):
    form = assessment_form("pre", learner="ana", folder=str(tmp_path))
    form.submit()
    assert "Rate all 8" in form.result.value
    for toggle in form.toggles.values():
        toggle.value = "unsupported"
    form.submit()
    assert "d′ = 0.00" in form.result.value
    saved = json.loads((tmp_path / ".medialit" / "assessment" / "ana.json").read_text())
    assert saved["pre"]["score"]["false_alarms"] == 4
