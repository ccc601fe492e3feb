"""`medialit analyze --html`: one standalone page, every section, rendered in headless Chromium."""

from __future__ import annotations

import re

import pytest

from .conftest import run_cli
from .test_annotator_browser import CHROMIUM, CHROMIUM_ARGS, _browser_or_skip

pytestmark = pytest.mark.slow

SECTIONS = ["overview", "readability", "sourcing", "numbers", "language"]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.html"
    result = run_cli("analyze", "--html", str(path))
    assert result.returncode == 0, result.stderr
    return path


def test_report_is_standalone(report):
    page = report.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", page), (
        "the report must not fetch anything"
    )
    assert page.count('<img src="data:image/png;base64,') == 4
    assert all(f'id="{s}"' in page for s in SECTIONS)
    assert page.count(' alt="') == 4


def test_report_renders_every_section_offline(report, tmp_path):
    _browser_or_skip()
    from playwright.sync_api import sync_playwright

    requests = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("request", lambda r: requests.append(r.url))
        page.goto(report.as_uri())
        for section in SECTIONS:
            heading = page.locator(f"#{section} h2")
            assert heading.is_visible(), section
        images = page.evaluate("[...document.images].map(i => i.complete && i.naturalWidth > 0)")
        assert images == [True] * 4
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        browser.close()
    assert (tmp_path / "report.png").stat().st_size > 50_000
    assert all(url.startswith(("file:", "data:")) for url in requests), requests
