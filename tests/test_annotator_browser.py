"""The Annotator in a real browser: JupyterLab + Debian's Chromium, driven by Playwright.

Skipped when Chromium or Playwright is missing on a developer's machine; CI installs
both and sets MEDIALIT_REQUIRE_BROWSER=1, which turns a missing browser into a failure.
"""

from __future__ import annotations

import json
import os
import statistics
from pathlib import Path

import pytest

from medialit.corpus import load_articles

from .jupyter import TOKEN, jupyter_server, write_notebook

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
EMOJI_TEXT = "Fans 😀 cheered on Sunday. Mayor Ana Ruiz spoke to the crowd."


def _browser_or_skip():
    reason = None
    if not Path(CHROMIUM).exists():
        reason = "Debian's chromium is not installed (apt-get install -y chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "the playwright package is not installed"
    if reason:
        if os.environ.get("MEDIALIT_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    _browser_or_skip()
    home = tmp_path_factory.mktemp("lab")
    root = home / "work"
    root.mkdir()
    write_notebook(
        root / "annotate.ipynb",
        "from medialit.corpus import Article, load_articles\n"
        "from medialit.widgets.annotator import Annotator\n"
        "annotator = Annotator(load_articles(['A'])[0], learner='tester')\n"
        "annotator",
        f"emoji = Annotator(Article.from_text({EMOJI_TEXT!r}, id='emoji'), "
        "learner='tester')\nemoji",
    )
    args = [f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True"]
    with jupyter_server(["jupyterlab"], home, args) as base:
        yield {"url": f"{base}/lab/tree/annotate.ipynb?reset&token={TOKEN}", "root": root}


@pytest.fixture(scope="module")
def page(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        _open_and_run(page, lab["url"])
        yield page
        browser.close()


def _open_and_run(page, url):
    page.goto(url)
    page.wait_for_function(
        "window.jupyterapp?.shell.currentWidget?.context?.path === 'annotate.ipynb'", timeout=90_000
    )
    page.wait_for_function(
        "window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel?.status === 'idle'",
        timeout=90_000,
    )
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        "document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .mla-root').length === 2",
        timeout=90_000,
    )


def _kernel(page, code: str) -> str:
    """Run code in the notebook's kernel and return what it printed."""
    return page.evaluate(
        """async (code) => {
            const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
            const future = kernel.requestExecute({code});
            let out = "";
            future.onIOPub = (msg) => {
                if (msg.header.msg_type === "stream") out += msg.content.text;
            };
            await future.done;
            return out;
        }""",
        code,
    )


_SELECT_AND_LABEL = """async ([which, phrase, key, selector]) => {
    const panel = selector || '.jp-NotebookPanel:not(.lm-mod-hidden) .mla-root';
    const root = document.querySelectorAll(panel)[which];
    const before = Number(root.dataset.spanCount);
    const walker = document.createTreeWalker(root.querySelector('.mla-text'), NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
        const at = node.data.indexOf(phrase);
        if (at >= 0) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + phrase.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            break;
        }
    }
    if (!node) throw new Error('phrase not on screen: ' + phrase);
    root.focus({preventScroll: true});
    const start = performance.now();
    root.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true, cancelable: true}));
    while (Number(root.dataset.spanCount) === before) {
        if (performance.now() - start > 10000) throw new Error('no answer from the kernel');
        await new Promise(requestAnimationFrame);
    }
    return performance.now() - start;
}"""


def _spans(page, name: str) -> list[dict]:
    return json.loads(_kernel(page, f"import json; print(json.dumps({name}.spans))"))


def test_select_press_key_then_kernel_and_file_hold_the_span(page, lab):
    article = load_articles(["A"])[0]
    phrase = "Dominic Caruso"
    page.evaluate(_SELECT_AND_LABEL, [0, phrase, "1"])
    start = article.text.index(phrase)
    spans = _spans(page, "annotator")
    assert spans == [
        {"start": start, "end": start + len(phrase), "label": "source", "text": phrase, "note": ""}
    ]
    saved = json.loads(
        (lab["root"] / "annotations" / "tester" / "A.json").read_text(encoding="utf-8")
    )
    assert [(s["start"], s["end"], s["label"]) for s in saved["spans"]] == [
        (start, start + len(phrase), "source")
    ]
    marked = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .mla-span[data-label='source']")
    assert marked.first.inner_text() == phrase


def test_part_of_a_word_snaps_to_whole_words(page):
    article = load_articles(["A"])[0]
    page.evaluate(_SELECT_AND_LABEL, [0, "ublicly critic", "3"])
    loaded = [s for s in _spans(page, "annotator") if s["label"] == "loaded"]
    start = article.text.index("publicly criticized")
    assert [(s["start"], s["end"], s["text"]) for s in loaded] == [
        (start, start + len("publicly criticized"), "publicly criticized")
    ]


def test_offsets_stay_right_after_an_emoji(page):
    page.evaluate(_SELECT_AND_LABEL, [1, "Ana Ruiz", "1"])
    start = EMOJI_TEXT.index("Ana Ruiz")  # Python counts the emoji as one character, JS as two
    assert [(s["start"], s["end"]) for s in _spans(page, "emoji")] == [
        (start, start + len("Ana Ruiz"))
    ]


def test_keyboard_only_marking_and_shortcuts_stay_inside(page):
    root = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .mla-root").nth(1)
    root.focus()
    for key in ["ArrowRight", "ArrowRight", "Shift+ArrowRight", "2"]:
        root.press(key)
    page.wait_for_function(
        "Number(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .mla-root')[1]"
        ".dataset.spanCount) === 2"
    )
    # Right, Right: the cursor is on the second word ("cheered"); Shift+Right adds "on".
    numbers = [s["text"] for s in _spans(page, "emoji") if s["label"] == "number"]
    assert numbers == ["cheered on"]
    root.press("m")  # JupyterLab's "to Markdown" shortcut must not fire inside the widget
    cell_type = page.evaluate("window.jupyterapp.shell.currentWidget.content.activeCell.model.type")
    assert cell_type == "code"


def test_round_trip_is_measured(page):
    article = load_articles(["A"])[0]
    phrases = [
        "Bloomberg",
        "Pentagon",
        "Gavin Newsom",
        "Sarah Kent",
        "Igor Korotchenko",
        "Tim Kaine",
        "Alexandria Ocasio-Cortez",
        "CNN",
        "NewNationNow",
    ]
    timings = [page.evaluate(_SELECT_AND_LABEL, [0, p, "1"]) for p in phrases]
    sources = {s["text"] for s in _spans(page, "annotator") if s["label"] == "source"}
    assert set(phrases) <= sources
    assert all(article.text.count(p) for p in phrases)
    median = statistics.median(timings)
    print(
        f"\nAnnotator selection-to-kernel-and-back: median {median:.0f} ms over {len(timings)} "
        f"(min {min(timings):.0f}, max {max(timings):.0f})"
    )
    assert median < 2000


def test_spans_set_from_python_are_drawn(page):
    _kernel(
        page,
        "t = emoji.text\n"
        "emoji.spans = [*emoji.spans, {'start': t.index('crowd'), 'end': t.index('crowd') + 5, "
        "'label': 'loaded'}]",
    )
    page.wait_for_function(
        "[...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) "
        ".mla-span[data-label=\"loaded\"]')].some(e => e.textContent === 'crowd')",
        timeout=10_000,
    )


def test_reload_shows_the_saved_spans_again(page, lab):
    page.evaluate(_SELECT_AND_LABEL, [0, "Hakan Fidan", "1"])
    page.reload()
    _open_and_run(page, lab["url"])
    page.wait_for_function(
        "[...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .mla-span')]"
        ".some(e => e.textContent === 'Hakan Fidan')",
        timeout=30_000,
    )
    assert any(s["text"] == "Hakan Fidan" for s in _spans(page, "annotator"))
