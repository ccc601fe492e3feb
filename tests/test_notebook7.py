"""The Annotator in Jupyter Notebook 7, not only JupyterLab: render, mark, read back."""

from __future__ import annotations

import json

import pytest

from medialit.corpus import load_articles

from .jupyter import TOKEN, jupyter_server, write_notebook
from .test_annotator_browser import _SELECT_AND_LABEL, CHROMIUM, CHROMIUM_ARGS, _browser_or_skip

pytestmark = pytest.mark.slow


def test_annotator_works_in_notebook_7(tmp_path):
    _browser_or_skip()
    from playwright.sync_api import sync_playwright

    root = tmp_path / "work"
    root.mkdir()
    write_notebook(
        root / "nb7.ipynb",
        "from medialit.corpus import load_articles\n"
        "from medialit.widgets.annotator import Annotator\n"
        "annotator = Annotator(load_articles(['B'])[0], learner='nb7')\nannotator",
    )
    args = [f"--ServerApp.root_dir={root}", "--JupyterNotebookApp.expose_app_in_browser=True"]
    with jupyter_server(["notebook"], tmp_path, args) as base:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto(f"{base}/notebooks/nb7.ipynb?token={TOKEN}")
            page.wait_for_function(
                "window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel?.status"
                " === 'idle'",
                timeout=90_000,
            )
            page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
            page.wait_for_selector(".mla-root", timeout=90_000)
            page.evaluate(_SELECT_AND_LABEL, [0, "Gavin Newsom", "1", ".mla-root"])
            # the note for a reopened notebook stays hidden while the widget lives
            assert "Run this cell" not in page.locator(".jp-OutputArea").first.inner_text()
            browser.close()
        saved = json.loads((root / "annotations" / "nb7" / "B.json").read_text(encoding="utf-8"))
        article = load_articles(["B"])[0]
        start = article.text.index("Gavin Newsom")
        assert [(s["start"], s["end"]) for s in saved["spans"]] == [
            (start, start + len("Gavin Newsom"))
        ]
