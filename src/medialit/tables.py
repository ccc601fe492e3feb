"""Tables a learner can read: one HTML renderer for every table the kit shows.

pandas' own notebook view right-aligns text, cuts long cells mid-word, prints `NaN`,
`9999.0` and an index column, and has no caption. `show(...)` takes a DataFrame (or a
list of dicts) and renders it as a real HTML table: a `<caption>`, `scope` on every
header cell, text left-aligned and wrapped, numbers right-aligned without a stray `.0`,
"—" with its reason where there is no value, friendly technique names, links as links,
and long cells folded into a click-to-expand `<details>`. The data functions keep
returning DataFrames, so code and exercises work with them as before.

A data function can set `frame.attrs["caption"]`, `frame.attrs["notes"]` and
`frame.attrs["blanks"]` (a column → why it can be empty) so that `show(frame)` says the
right thing without arguments; datasets/reference/blank_cells.csv gives the usual reasons.
"""

from __future__ import annotations

import csv
import html
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from .paths import datasets_dir
from .styles import TABLE_CSS

__all__ = [
    "Table",
    "human_date",
    "measure_glossary",
    "show",
    "table_html",
    "technique_name",
]

LONG_CELL = 300
"""Characters after which a cell folds into a click-to-expand summary."""
_URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")


def technique_name(technique: str) -> str:
    """"Name_Calling,Labeling" → "Name calling / labelling" (the language lens's own names)."""
    from .language import technique_name as name

    return name(technique)


@cache
def _measures() -> tuple[dict[str, str], ...]:
    with open(datasets_dir() / "reference" / "measures.csv", encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


@cache
def _blank_reasons() -> dict[str, str]:
    with open(datasets_dir() / "reference" / "blank_cells.csv", encoding="utf-8") as handle:
        return {row["column"]: row["reason"] for row in csv.DictReader(handle)}


def measure_glossary(measures: Sequence[str] | None = None) -> dict[str, str]:
    """What each named count counts, from datasets/reference/measures.csv (all, or those named)."""
    rows = {row["measure"]: row["counts"] for row in _measures()}
    return rows if measures is None else {m: rows[m] for m in measures if m in rows}


def human_date(stamp: str) -> str:
    """An ISO timestamp as a person writes it: "2026-11-22T14:05" → "22 Nov 2026, 14:05"."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return str(stamp)
    text = f"{moment.day} {moment:%b %Y}"
    return text + (f", {moment:%H:%M}" if "T" in stamp or " " in stamp.strip() else "")


def _missing(value: Any) -> bool:
    import pandas as pd

    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def _number(value: float) -> str:
    if float(value).is_integer():
        whole = int(value)
        return f"{whole:,}"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text


def _text(value: str) -> str:
    """Escaped text with its URLs as links; long text folds into a summary a click expands."""
    parts, cursor = [], 0
    for match in _URL.finditer(value):
        parts.append(html.escape(value[cursor : match.start()]))
        url = html.escape(match.group(0), quote=True)
        parts.append(f'<a href="{url}" target="_blank" rel="noopener">{url}</a>')
        cursor = match.end()
    parts.append(html.escape(value[cursor:]))
    body = "".join(parts)
    if len(value) <= LONG_CELL or _URL.search(value):
        return body
    cut = value[:160].rsplit(" ", 1)[0]
    return f"<details><summary>{html.escape(cut)} …</summary>{body}</details>"


def _cell(value: Any, column: str, blanks: Mapping[str, str]) -> tuple[str, bool]:
    """(HTML, is it a number?) for one cell."""
    if _missing(value):
        reason = blanks.get(column, "no value")
        return f'<span title="{html.escape(reason, quote=True)}">—</span>', False
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return ("yes" if value else "no"), False
    if isinstance(value, int | float) or hasattr(value, "dtype"):
        try:
            number = float(value)
        except (TypeError, ValueError):
            return _text(str(value)), False
        if math.isinf(number):
            return "no limit", False
        return _number(number), True
    if isinstance(value, tuple | list | set | frozenset):
        value = ", ".join(str(v) for v in value)
    text = str(value)
    if "technique" in column.lower():
        text = ", ".join(technique_name(t.strip()) for t in text.split(";"))
    return _text(text), False


def _header(column: Any) -> str:
    if isinstance(column, tuple):
        return " · ".join(str(c) for c in column if str(c))
    return str(column)


@dataclass
class Table:
    """A table ready to read: the data, its caption, why a cell may be blank, notes below it."""

    frame: Any
    caption: str = ""
    blanks: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def _repr_html_(self) -> str:
        return table_html(self.frame, self.caption, self.blanks, self.notes)

    def __repr__(self) -> str:  # a plain-text front end still gets a readable table
        return f"{self.caption}\n{self.frame.to_string(index=False)}" if self.caption else ""


def _as_frame(data: Any):
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        frame = data
    elif isinstance(data, Mapping):
        frame = pd.DataFrame([data])
    else:
        frame = pd.DataFrame(list(data))
    attrs = dict(frame.attrs)
    has_index = not isinstance(frame.index, pd.RangeIndex) or any(
        name is not None for name in frame.index.names
    )
    if has_index:
        frame = frame.reset_index()
    frame.attrs.update(attrs)
    return frame


def table_html(
    data: Any,
    caption: str = "",
    blanks: Mapping[str, str] | None = None,
    notes: Sequence[str] = (),
) -> str:
    """A DataFrame or list of dicts as one accessible HTML table: scoped styles, no index column."""
    frame = _as_frame(data)
    caption = caption or frame.attrs.get("caption", "")
    blanks = {**_blank_reasons(), **frame.attrs.get("blanks", {}), **(blanks or {})}
    notes = [*frame.attrs.get("notes", []), *notes]
    columns = [_header(c) for c in frame.columns]
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in columns)
    rows = []
    for values in frame.itertuples(index=False, name=None):
        cells = []
        for position, (column, value) in enumerate(zip(columns, values, strict=True)):
            content, numeric = _cell(value, column, blanks)
            if position == 0:
                cells.append(f'<th scope="row">{content}</th>')
            else:
                kind = ' class="medialit-num"' if numeric else ""
                cells.append(f"<td{kind}>{content}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    if not rows:
        rows.append(f'<tr><td colspan="{max(len(columns), 1)}">Nothing to show.</td></tr>')
    used = [
        c for i, c in enumerate(columns) if c in blanks and frame.iloc[:, i].isna().any()
    ]
    glossary = measure_glossary(columns)
    footer = (
        [f"— in “{c}”: {blanks[c]}." for c in used]
        + [f"{m}: {what}" for m, what in glossary.items()]
        + list(notes)
    )
    notes_html = (
        '<p class="medialit-table-notes">' + "<br>".join(html.escape(n) for n in footer) + "</p>"
        if footer
        else ""
    )
    caption_html = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (
        f'<div class="medialit-table"><style>{TABLE_CSS}</style>'
        f'<table class="medialit-grid">{caption_html}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{notes_html}</div>"
    )


def show(
    data: Any,
    caption: str = "",
    *,
    blanks: Mapping[str, str] | None = None,
    notes: Sequence[str] = (),
) -> Table:
    """Any table of the kit, or a list of dicts, as a readable table in a notebook cell."""
    frame = _as_frame(data)
    return Table(frame, caption or frame.attrs.get("caption", ""), dict(blanks or {}), list(notes))
