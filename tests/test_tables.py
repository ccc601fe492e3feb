"""Tables that read: caption, scoped headers, no index column, no NaN or `.0`, names, dates."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pandas as pd

from medialit.language import TECHNIQUES, loaded_table
from medialit.numbers import quantity_table, within_article_checks
from medialit.progress import lesson_done, progress_table
from medialit.report import SCORECARD, article_overview, scorecard
from medialit.sourcing import reference_table, sourcing_table
from medialit.tables import (
    human_date,
    measure_glossary,
    show,
    table_html,
    technique_name,
)


class _Cells(HTMLParser):
    """The table's caption, header cells (with scope) and body cells as text."""

    def __init__(self, page: str):
        super().__init__()
        self.caption, self.heads, self.rows, self._in = "", [], [], None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        if tag in ("th", "td", "caption"):
            self._in = (tag, dict(attrs))
            if tag != "caption":
                self.rows[-1].append("")
            if tag == "th":
                self.heads.append(dict(attrs).get("scope"))

    def handle_endtag(self, tag):
        if tag in ("th", "td", "caption"):
            self._in = None

    def handle_data(self, data):
        if self._in and self._in[0] == "caption":
            self.caption += data
        elif self._in:
            self.rows[-1][-1] += data


def test_quantities_show_no_nan_no_trailing_zero_and_say_why_a_cell_is_empty(by_id):
    page = show(quantity_table(by_id["D"]), "Every figure in article D")._repr_html_()
    cells = _Cells(page)
    assert cells.caption == "Every figure in article D"
    assert set(cells.heads) == {"col", "row"}, "every header cell has a scope"
    header, *body = cells.rows
    assert header[0] == "¶", "no pandas index column before the first real column"
    text = " ".join(c for row in body for c in row)
    assert not re.search(r"\bNaN\b|\bNone\b|\d\.0\b|\b9999\.0", text)
    assert "9,999" in text and "—" in text
    assert "the text gives no upper limit" in page
    assert re.search(r'<td class="medialit-num">2,000</td>', page)
    assert len(body) == len(quantity_table(by_id["D"]))


def test_text_is_never_cut_mid_word_and_long_cells_expand(by_id):
    frame = sourcing_table([by_id["A"]]).assign(why="word " * 100)
    page = table_html(frame, "Long cells")
    assert "<details><summary>" in page and page.count("word") >= 100
    overview = table_html(article_overview([by_id["B"]]))
    first = next(s.text for s in by_id["B"].sentences if s.kind == "body")
    assert html.escape(first) in overview, "the whole first sentence, never cut"
    short = table_html(pd.DataFrame({"¶": [3], "why": ["daycare centers for children of workers"]}))
    assert "daycare centers for children of workers</td>" in short and "<details>" not in short


def test_links_are_links_and_techniques_have_names(by_id):
    page = table_html(reference_table()[["name", "citation"]].head(2), "References")
    assert '<a href="https://en.wikipedia.org/wiki/Donald_Trump"' in page
    names = table_html(loaded_table(by_id["D"], voice="author"), "Loaded words in D")
    assert "Name calling / labelling" in names and "Name_Calling" not in names
    assert all("_" not in technique_name(t) for t in TECHNIQUES)
    assert technique_name("Made_Up,Thing") == "Made Up / Thing"  # a new technique stays readable


def test_a_printed_list_of_checks_becomes_a_table(by_id):
    checks = within_article_checks(by_id["D"])
    cells = _Cells(show(checks, "Checks within D")._repr_html_())
    assert cells.rows[0] == ["article", "topic", "scope", "kind", "message"]
    assert len(cells.rows) == 1 + len(checks)
    assert cells.rows[1][4] == checks[0]["message"]


def test_every_count_is_defined_once_and_named_the_same(articles):
    card = scorecard(articles)
    assert list(card.columns) == [m for m, _ in SCORECARD]
    glossary = measure_glossary()
    assert all(m in glossary for m, _ in SCORECARD)
    page = show(card)._repr_html_()
    assert _Cells(page).caption and "attribution flags: Problems in how a source" in page
    # the sourcing table and the scorecard count attribution flags the same way, under one name
    table = sourcing_table(articles)
    assert (table["attribution flags"] == card["attribution flags"]).all()
    assert "sentences with an unsourced figure: Sentences that give a figure" in table_html(table)


def test_human_dates_in_the_progress_table(tmp_path):
    assert human_date("2026-11-22T14:05") == "22 Nov 2026, 14:05"
    assert human_date("2025-06-09") == "9 Jun 2025"
    assert human_date("not a date") == "not a date"
    lesson_done("01_sourcing", folder=tmp_path)
    table = progress_table(tmp_path)
    lessons = table.frame[table.frame["kind"] == "lesson"].set_index("id")
    status = lessons.loc["01_sourcing", "status"]
    assert re.fullmatch(r"done \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d", status)
    page = table._repr_html_()
    assert "<caption>Your progress" in page and "T" not in status


def test_numbers_format_without_losing_meaning():
    frame = pd.DataFrame(
        {"n": [1.0, 2.5, None], "share": [0.456, 0.1, 1.0], "ok": [True, False, True]}
    )
    cells = _Cells(table_html(frame, "Numbers"))
    assert [row[0] for row in cells.rows[1:]] == ["1", "2.5", "—"]
    assert [row[1] for row in cells.rows[1:]] == ["0.46", "0.1", "1"]
    assert [row[2] for row in cells.rows[1:]] == ["yes", "no", "yes"]
