"""No style the kit emits restyles JupyterLab: every rule is scoped to a `.medialit-` class.

The unit tests read every `<style>` the kit writes; the browser test runs lesson 04 in JupyterLab
in Chromium and checks that JupyterLab's own headings, table cells and page body in other
notebooks keep their computed styles.
"""

from __future__ import annotations

import re
import shutil

import nbformat
import pytest

from medialit.corpus import Article
from medialit.html_report import html_report, report_fragment
from medialit.styles import PREFIX, scoped_css, selectors
from medialit.tables import table_html
from medialit.widgets.browser import article_html

from .conftest import ROOT
from .jupyter import TOKEN, jupyter_server
from .test_annotator_browser import CHROMIUM, CHROMIUM_ARGS, _browser_or_skip

SHORT = Article.from_text(
    "Council approves new bus routes\n\nThe city council voted 7–2 on Tuesday to add three "
    "bus routes, the transit agency said. “Riders asked for this,” said council member Ana Ruiz.",
    id="mine",
)


def _style_blocks(page: str) -> list[str]:
    return re.findall(r"<style[^>]*>(.*?)</style>", page, flags=re.S | re.I)


def test_every_style_the_kit_emits_is_scoped(articles):
    from medialit.report import scorecard

    pages = {
        "report": report_fragment([SHORT]),
        "standalone report": html_report([SHORT]),
        "table": table_html(scorecard(articles[:2])),
        "article browser": article_html(articles[0]),
    }
    for name, page in pages.items():
        blocks = _style_blocks(page)
        assert blocks, name
        for css in blocks:
            loose = [s for s in selectors(css) if not s.startswith(f".{PREFIX}")]
            assert not loose, f"{name}: unscoped selectors {loose}"
    assert 'class="medialit-report"' in pages["report"] and "<body" not in pages["report"]


def test_an_unscoped_rule_is_refused():
    with pytest.raises(ValueError, match="h2"):
        scoped_css(".medialit-x p { color: red; } h2 { border: 0; }")
    assert selectors("/* c */ .medialit-a, .medialit-b td { x: 1 }") == [
        ".medialit-a",
        ".medialit-b td",
    ]


# --- in JupyterLab ----------------------------------------------------------------------------

OTHER = [
    nbformat.v4.new_markdown_cell("## A heading of the learner's own\n\nSome text."),
    nbformat.v4.new_code_cell(
        "import pandas as pd\npd.DataFrame({'city': ['Riverton'], 'homes': [40]})"
    ),
]
MEASURE = """(parts) => {
    const panel = window.jupyterapp.shell.currentWidget.node;
    const pick = (el, names) => {
        const style = getComputedStyle(el);
        return Object.fromEntries(names.map(n => [n, style.getPropertyValue(n)]));
    };
    const box = ['border-bottom-width', 'border-bottom-style', 'border-bottom-color',
                 'padding-bottom', 'margin-top', 'font-family', 'font-size', 'color'];
    const cell = ['background-color', 'border-top-width', 'border-top-color', 'text-align',
                  'padding-left', 'font-size', 'color'];
    const found = {
        h2: () => pick(panel.querySelector('.jp-MarkdownOutput h2'), box),
        th: () => pick(panel.querySelector('.jp-OutputArea-output th'), cell),
        td: () => pick(panel.querySelector('.jp-OutputArea-output td'), cell),
        body: () => pick(document.body, ['max-width', 'margin-left', 'padding-left',
                                         'font-family']),
        bodyWidth: () => document.body.getBoundingClientRect().width,
    };
    return Object.fromEntries(parts.map(part => [part, found[part]()]));
}"""
EVERYTHING = ["h2", "th", "td", "body", "bodyWidth"]


def _open(page, path: str) -> None:
    page.wait_for_function(
        "window.jupyterapp?.commands.hasCommand('docmanager:open')", timeout=90_000
    )
    page.evaluate(
        "async (path) => { await window.jupyterapp.commands.execute('docmanager:open', {path}); }",
        path,
    )
    page.wait_for_function(
        f"window.jupyterapp.shell.currentWidget?.context?.path === '{path}'", timeout=90_000
    )
    page.wait_for_function(
        "window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel?.status === 'idle'",
        timeout=120_000,
    )


def _run_all(page, ready: str) -> None:
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    page.wait_for_function(
        "(sel) => window.jupyterapp.shell.currentWidget.node.querySelector(sel) !== null",
        arg=ready,
        timeout=240_000,
    )
    page.wait_for_function(
        "window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'",
        timeout=240_000,
    )


@pytest.mark.slow
def test_lesson_04_leaves_jupyterlab_styles_alone(tmp_path):
    _browser_or_skip()
    from playwright.sync_api import sync_playwright

    root = tmp_path / "work"
    root.mkdir()
    shutil.copy(ROOT / "notebooks" / "04_capstone.ipynb", root / "04_capstone.ipynb")
    for name in ("before.ipynb", "after.ipynb"):
        notebook = nbformat.v4.new_notebook()
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        notebook.cells = OTHER
        nbformat.write(notebook, root / name)
    args = [f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True"]
    with jupyter_server(["jupyterlab"], tmp_path, args) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(f"{base}/lab/tree/before.ipynb?reset&token={TOKEN}")
        _open(page, "before.ipynb")
        _run_all(page, ".jp-OutputArea-output th")
        baseline = page.evaluate(MEASURE, EVERYTHING)
        assert baseline["h2"]["border-bottom-style"] and baseline["th"]["text-align"]

        _open(page, "04_capstone.ipynb")
        _run_all(page, ".medialit-report h2")
        report_rule = page.evaluate(
            """() => getComputedStyle(window.jupyterapp.shell.currentWidget.node
                .querySelector('.medialit-report h2')).borderBottomColor"""
        )
        assert report_rule == "rgb(0, 114, 178)", "the report's own style must still apply"
        # lesson 04's own markdown headings, on the page that holds the report, are untouched
        own = page.evaluate(MEASURE, ["h2", "body", "bodyWidth"])
        assert own == {k: baseline[k] for k in own}

        _open(page, "before.ipynb")
        assert page.evaluate(MEASURE, EVERYTHING) == baseline
        _open(page, "after.ipynb")
        _run_all(page, ".jp-OutputArea-output th")
        assert page.evaluate(MEASURE, EVERYTHING) == baseline
        browser.close()
