"""The Annotator in a real browser: JupyterLab + Debian's Chromium, driven by Playwright.

Skipped when Chromium or Playwright is missing on a developer's machine; CI installs
both and sets MEDIALIT_REQUIRE_BROWSER=1, which turns a missing browser into a failure.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from pathlib import Path

import pytest

from medialit.corpus import load_articles, word_spans

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
ROOTS = ".jp-NotebookPanel:not(.lm-mod-hidden) .mla-root"
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
        "far = Annotator(load_articles(['B'])[0], learner='tester')\nfar",
    )
    write_notebook(
        root / "reopen.ipynb",
        "from medialit.corpus import load_articles\n"
        "from medialit.widgets.annotator import Annotator\n"
        "Annotator(load_articles(['C'])[0], learner='tester')",
    )
    args = [f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True"]
    with jupyter_server(["jupyterlab"], home, args) as base:
        yield {
            "url": f"{base}/lab/tree/annotate.ipynb?reset&token={TOKEN}",
            "base": base,
            "root": root,
        }


@pytest.fixture(scope="module")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def page(browser, lab):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    _open_and_run(page, lab["url"])
    yield page
    page.close()


def _open_and_run(page, url, notebook="annotate.ipynb", widgets=3):
    page.goto(url)
    page.wait_for_function(
        f"window.jupyterapp?.shell.currentWidget?.context?.path === '{notebook}'", timeout=90_000
    )
    page.wait_for_function(
        "window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel?.status === 'idle'",
        timeout=90_000,
    )
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        "document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .mla-root').length"
        f" === {widgets}",
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
    // the phrase may run over several text nodes (each word is drawn as its own element)
    const walker = document.createTreeWalker(root.querySelector('.mla-text'), NodeFilter.SHOW_TEXT);
    const nodes = [];
    let all = '';
    for (let node; (node = walker.nextNode()); ) {
        nodes.push([node, all.length]);
        all += node.data;
    }
    const at = all.indexOf(phrase);
    if (at < 0) throw new Error('phrase not on screen: ' + phrase);
    const place = (offset) => {
        const [node, start] = nodes.filter(([n, s]) => s <= offset).at(-1);
        return [node, offset - start];
    };
    const range = document.createRange();
    range.setStart(...place(at));
    range.setEnd(...place(at + phrase.length));
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
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
    for key in ["Control+Home", "ArrowRight", "Shift+ArrowRight", "2"]:
        page.keyboard.press(key)
    page.wait_for_function(
        "Number(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .mla-root')[1]"
        ".dataset.spanCount) === 2"
    )
    # Ctrl+Home: the first word; Right: the second ("cheered"); Shift+Right adds "on".
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
    timings, drawing = [], []
    for phrase in phrases:
        timings.append(page.evaluate(_SELECT_AND_LABEL, [0, phrase, "1"]))
        drawing.append(float(page.evaluate(f"document.querySelectorAll('{ROOTS}')[0].dataset.drawMs")))
    sources = {s["text"] for s in _spans(page, "annotator") if s["label"] == "source"}
    assert set(phrases) <= sources
    assert all(article.text.count(p) for p in phrases)
    median = statistics.median(timings)
    print(
        f"\nAnnotator selection-to-kernel-and-back: median {median:.0f} ms over {len(timings)} "
        f"(min {min(timings):.0f}, max {max(timings):.0f}); drawing the text: median "
        f"{statistics.median(drawing):.1f} ms"
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


# --- keyboard first ------------------------------------------------------------------------------


def _cursor(page, which: int) -> tuple[int, int]:
    value = page.evaluate(f"document.querySelectorAll('{ROOTS}')[{which}].dataset.cursor")
    first, last = value.split("-")
    return int(first), int(last)


def _saved(lab, article_id: str, wanted) -> list[tuple]:
    """The saved file's (text, label, note) rows, polled until `wanted(rows)` (saving is async)."""
    path = lab["root"] / "annotations" / "tester" / f"{article_id}.json"
    rows: list[tuple] = []
    for _ in range(100):
        if path.exists():
            spans = json.loads(path.read_text(encoding="utf-8"))["spans"]
            rows = [(s["text"], s["label"], s["note"]) for s in spans]
            if wanted(rows):
                return rows
        time.sleep(0.1)
    raise AssertionError(f"{path} never held what was expected; it holds {rows}")


def _active(page) -> dict:
    return page.evaluate(
        """() => {
            const a = document.activeElement;
            return {cls: a.className, text: a.textContent, tag: a.tagName,
                    start: a.dataset?.spanStart ?? null, inRoot: !!a.closest('.mla-root')};
        }"""
    )


def _far_word(article, word: str, paragraph: int) -> tuple[int, list[str]]:
    """The word's index and the keys a learner presses to reach it from the first word:
    paragraph jumps, then sentence jumps, then word steps."""
    words = word_spans(article.text)
    para = article.paragraph(paragraph)
    target = next(
        i for i, (s, e) in enumerate(words) if s >= para.start and article.text[s:e] == word
    )
    start = words[target][0]
    paragraph_index = article.paragraphs.index(para)
    in_para = [s for s in article.sentences if s.paragraph == paragraph]
    sentence = next(i for i, s in enumerate(in_para) if s.start <= start < s.end)
    first_word = next(i for i, (s, _) in enumerate(words) if s >= in_para[sentence].start)
    keys = ["Control+Home"]  # the first key shows the cursor, on the first word
    keys += ["PageDown"] * paragraph_index + ["ArrowDown"] * sentence
    keys += ["ArrowRight"] * (target - first_word)
    return target, keys


def test_a_far_word_is_a_few_key_presses_away(page):
    article = load_articles(["B"])[0]
    target, keys = _far_word(article, "Newsom", 9)
    page.locator(ROOTS).nth(2).focus()
    for key in keys:
        page.keyboard.press(key)
    assert _cursor(page, 2) == (target, target)
    status = page.locator(ROOTS).nth(2).locator(".mla-status").inner_text()
    assert status.startswith("Word: Newsom (¶9)")
    print(f"\nKey presses to reach 'Newsom' in B ¶9: {len(keys)} (word {target} of the article)")
    assert len(keys) <= 15
    # Home/End: the start and end of the paragraph; Ctrl+End: the last word of the article
    page.keyboard.press("Home")
    para = article.paragraph(9)
    words = word_spans(article.text)
    first = next(i for i, (s, _) in enumerate(words) if s >= para.start)
    assert _cursor(page, 2) == (first, first)
    page.keyboard.press("End")
    last = max(i for i, (_, e) in enumerate(words) if e <= para.end)
    assert _cursor(page, 2) == (last, last)
    page.keyboard.press("ArrowUp")  # to the start of its sentence
    sentence = next(s for s in article.sentences if s.start <= words[last][0] < s.end)
    assert words[_cursor(page, 2)[0]][0] == sentence.start
    for key in keys:  # back to Newsom for the next test
        page.keyboard.press(key)


def test_mark_relabel_note_and_remove_by_keyboard_alone(page, lab):
    article = load_articles(["B"])[0]
    words = word_spans(article.text)
    target, _ = _far_word(article, "Newsom", 9)
    root = page.locator(ROOTS).nth(2)
    assert _cursor(page, 2) == (target, target)
    assert _active(page)["inRoot"]
    page.keyboard.press("Shift+ArrowLeft")  # "Gavin Newsom"
    page.keyboard.press("1")
    assert _saved(lab, "B", lambda r: ("Gavin Newsom", "source", "") in r)
    assert _cursor(page, 2) == (target - 1, target), "the cursor stays where it was"
    deliberate = next(
        i
        for i, (s, e) in enumerate(words)
        if s > words[target][0] and article.text[s:e] == "deliberate"
    )
    for _ in range(deliberate - target):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("3")
    assert _saved(lab, "B", lambda r: ("deliberate incitement", "loaded", "") in r)

    # the marks are Tab stops in reading order
    for _ in range(12):
        page.keyboard.press("Tab")
        if "mla-span" in _active(page)["cls"]:
            break
    gavin = article.text.index("Gavin Newsom")
    assert int(_active(page)["start"]) == gavin
    page.keyboard.press("Tab")
    assert int(_active(page)["start"]) == article.text.index("deliberate incitement")
    page.keyboard.press("Shift+Tab")
    assert int(_active(page)["start"]) == gavin

    # Enter opens the editor; its first button relabels
    page.keyboard.press("Enter")
    assert _active(page)["text"] == "Make it number (2)"
    page.keyboard.press("Enter")
    assert _saved(lab, "B", lambda r: ("Gavin Newsom", "number", "") in r)
    page.wait_for_function(
        f"document.querySelectorAll('{ROOTS}')[2].querySelector('.mla-editor')"
        "?.textContent.includes('marked as number')"
    )
    # a note: Tab to the note box, type, Enter
    for _ in range(6):
        if _active(page)["tag"] == "INPUT":
            break
        page.keyboard.press("Tab")
    page.keyboard.type("the governor, named in full")
    page.keyboard.press("Enter")
    note = ("Gavin Newsom", "number", "the governor, named in full")
    assert _saved(lab, "B", lambda r: note in r)
    # remove: Tab past "Save note" to "Remove", Enter
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert _active(page)["text"] == "Remove"
    page.keyboard.press("Enter")
    assert _saved(lab, "B", lambda r: all(t != "Gavin Newsom" for t, _, _ in r))
    assert _active(page)["inRoot"], "focus stays in the Annotator after removing"
    assert root.locator(".mla-editor").count() == 0
    assert _saved(lab, "B", lambda r: r == [("deliberate incitement", "loaded", "")])
    # Enter on the other mark, Esc closes the editor and focus returns to the mark
    page.keyboard.press("Tab")
    while "mla-span" not in _active(page)["cls"]:
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert root.locator(".mla-editor").count() == 1
    page.keyboard.press("Escape")
    assert root.locator(".mla-editor").count() == 0
    assert "mla-span" in _active(page)["cls"]
    cell_types = page.evaluate(
        "window.jupyterapp.shell.currentWidget.content.widgets.map(c => c.model.type)"
    )
    assert set(cell_types) == {"code"}, "no JupyterLab shortcut fired while typing"


def test_a_click_places_the_keyboard_cursor(page):
    root = page.locator(ROOTS).nth(2)
    word = root.locator(".mla-w[data-w='120']")
    word.scroll_into_view_if_needed()
    word.click()
    assert _cursor(page, 2) == (120, 120)
    page.keyboard.press("ArrowRight")
    assert _cursor(page, 2) == (121, 121)


def test_selections_that_end_outside_the_words_still_mark(page):
    """The empty-selection drag: a selection point on a paragraph element, a ¶ badge or between
    paragraphs gave no offset before; each now maps to the nearest word."""
    article = load_articles(["A"])[0]
    para = article.paragraph(4)
    page.evaluate(
        """([roots]) => {
            const root = document.querySelectorAll(roots)[0];
            const p = root.querySelectorAll('.mla-paragraph')[3];
            const range = document.createRange();
            range.setStart(p, 0);  // before the ¶ badge
            range.setEnd(p.parentElement, [...p.parentElement.children].indexOf(p) + 1);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            root.focus({preventScroll: true});
        }""",
        [ROOTS],
    )
    before = len(_spans(page, "annotator"))
    page.keyboard.press("3")
    page.wait_for_function(
        f"Number(document.querySelectorAll('{ROOTS}')[0].dataset.spanCount) === {before + 1}"
    )
    words = [(s, e) for s, e in word_spans(article.text) if para.start <= s and e <= para.end]
    loaded = {(s["start"], s["end"]) for s in _spans(page, "annotator") if s["label"] == "loaded"}
    assert (words[0][0], words[-1][1]) in loaded

    # a real mouse drag from the ¶ badge of paragraph 6 into its third word
    root = page.locator(ROOTS).nth(0)
    badge = root.locator(".mla-pnum").nth(5)
    badge.scroll_into_view_if_needed()
    para6 = article.paragraph(6)
    third = [i for i, (s, _) in enumerate(word_spans(article.text)) if s >= para6.start][2]
    box_from = badge.bounding_box()
    box_to = root.locator(f".mla-w[data-w='{third}']").bounding_box()
    page.mouse.move(box_from["x"] + 2, box_from["y"] + box_from["height"] / 2)
    page.mouse.down()
    # the kernel redraws the text mid-drag (a previous mark's answer arriving): no effect
    _kernel(page, "annotator.spans = [s for s in annotator.spans if s['label'] != 'loaded']")
    page.mouse.move(box_to["x"] + box_to["width"] / 2, box_to["y"] + 5, steps=6)
    page.mouse.up()
    page.keyboard.press("2")
    spans = word_spans(article.text)
    expected = article.text[spans[third - 2][0] : spans[third][1]]
    for _ in range(50):  # the mark goes to the kernel and back
        numbers = [s["text"] for s in _spans(page, "annotator") if s["label"] == "number"]
        if expected in numbers:
            break
        time.sleep(0.2)
    assert expected in numbers


def test_the_whole_text_is_in_the_page_without_an_inner_scroll(page):
    sizes = page.evaluate(
        f"""[...document.querySelectorAll('{ROOTS}')].map(root => {{
            const box = root.querySelector('.mla-text');
            return [getComputedStyle(box).overflowY, box.scrollHeight, box.clientHeight];
        }})"""
    )
    for overflow, scroll_height, client_height in sizes:
        assert overflow == "visible" and scroll_height <= client_height + 1


def test_a_reopened_notebook_says_run_this_cell(browser, lab):
    url = f"{lab['base']}/lab/tree/reopen.ipynb?reset&token={TOKEN}"
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    try:
        _open_and_run(page, url, "reopen.ipynb", widgets=1)
        output = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell .jp-OutputArea"
        assert "Run this cell" not in page.locator(output).inner_text()  # the live widget shows
        page.evaluate("window.jupyterapp.commands.execute('docmanager:save')")
        page.wait_for_function("!window.jupyterapp.shell.currentWidget.context.model.dirty")
        saved = json.loads((lab["root"] / "reopen.ipynb").read_text(encoding="utf-8"))
        kinds = [sorted(o["data"]) for o in saved["cells"][0]["outputs"]]
        assert kinds == [
            ["text/html", "text/plain"],
            ["application/vnd.jupyter.widget-view+json", "text/plain"],
        ]
        assert "Run this cell to show the Annotator." in "".join(
            saved["cells"][0]["outputs"][0]["data"]["text/html"]
        )
        page.evaluate("window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
        page.wait_for_timeout(500)
        page.goto(url)  # reopen: a new kernel, which has never seen the widget
        page.wait_for_function(
            "window.jupyterapp?.shell.currentWidget?.context?.path === 'reopen.ipynb'",
            timeout=90_000,
        )
        page.wait_for_function(
            f"[...document.querySelectorAll('{output} .jp-OutputArea-output')]"
            ".some(e => e.textContent.includes('model not found'))",
            timeout=90_000,
        )
        shown = page.locator(output).inner_text()  # innerText: only what is rendered
        assert "Run this cell to show the Annotator." in shown
        assert "Error displaying widget" not in shown
        page.wait_for_function(
            "window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel?.status"
            " === 'idle'",
            timeout=90_000,
        )
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_selector(f"{output} .mla-root", timeout=90_000)
        assert "Run this cell" not in page.locator(output).inner_text()  # running it again
    finally:
        page.close()
