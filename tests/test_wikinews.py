"""Real news the lenses were not built from: every lens runs over all 171 Wikinews 2019 articles.

The corpus lives beside the project (../shared/corpora/wikinews-2019, CC BY 2.5) and is not
shipped with the kit; without it these tests skip and say why (the `wikinews` fixture, conftest.py).
"""

from __future__ import annotations

import json

import jsonschema
import pytest

from medialit.report import analyze

from .conftest import ROOT

SCHEMA = json.loads((ROOT / "docs" / "analyze.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def wikinews_report(wikinews):
    return wikinews, analyze(wikinews)


def test_every_lens_runs_on_all_171_articles(wikinews_report):
    articles, report = wikinews_report
    assert len(articles) == 171
    failed = {a["id"]: a["error"] for a in report["articles"] if "error" in a}
    assert failed == {}
    assert "errors" not in report
    jsonschema.validate(report, SCHEMA)


def test_every_finding_points_at_its_own_words(wikinews_report):
    _, report = wikinews_report
    for article in report["articles"]:
        text = article["text"]
        for finding in [*article["attributions"], *article["quantities"], *article["loaded"]]:
            assert 0 <= finding["start"] < finding["end"] <= len(text), (article["id"], finding)
        for quantity in article["quantities"]:
            assert text[quantity["start"] : quantity["end"]] == quantity["text"], article["id"]


def test_neutral_wire_copy_reads_as_english(wikinews_report):
    _, report = wikinews_report
    assert not [a["id"] for a in report["articles"] if a["warnings"]]
