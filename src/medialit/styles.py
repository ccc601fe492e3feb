"""Every colour and every CSS rule the kit emits, in one place and scoped to the kit's own classes.

A notebook output shares one page with JupyterLab: an unscoped `h2 { … }` or `th { … }` in
an output restyles JupyterLab itself, and keeps doing so in every notebook opened after it.
So every rule here starts with a `medialit-` class, and `scoped_css` checks that before any
style leaves the kit. The colours all come from `medialit.palette`, where their contrast is tested.
"""

from __future__ import annotations

import re

from .palette import CATEGORY_FILLS, DARK, OKABE_ITO, ROLES, SEQUENTIAL

__all__ = [
    "HATCHES",
    "CATEGORY_COLOURS",
    "INK",
    "OKABE_ITO",
    "PREFIX",
    "REPORT_CSS",
    "SHADES",
    "TABLE_CSS",
    "scoped_css",
    "selectors",
]

PREFIX = "medialit-"

HATCHES = (
    *("", "///", "...", "xx", "\\\\\\", "++", "oo"),
    *("--", "||", "**", "OO", "\\\\//", "-|", "..//"),
)
"""One matplotlib hatch per category: 14 different patterns, so no two categories share one."""
CATEGORY_COLOURS = CATEGORY_FILLS
SHADES = SEQUENTIAL
"""Light to dark blue (colour-blind safe), for cells shaded by value."""
INK = ROLES["text"]
MUTED_INK = ROLES["muted text"]
RULE = DARK["blue"]
NOTE_RULE = DARK["orange"]
GRID = ROLES["border"]
HEADER_FILL = ROLES["panel"]
NOTE_FILL = ROLES["panel"]


def selectors(css: str) -> list[str]:
    """Every selector of a style sheet (comments dropped), for checking that each one is scoped."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = []
    for block in re.findall(r"([^{}]+)\{[^{}]*\}", css):
        found += [s.strip() for s in block.split(",") if s.strip()]
    return found


def scoped_css(css: str) -> str:
    """`css` unchanged if every selector starts with a `.medialit-` class; otherwise an error.

    Raising here means a leaking rule is found by the first test that renders it, not by a
    learner whose JupyterLab headings turn blue.
    """
    loose = [s for s in selectors(css) if not s.startswith(f".{PREFIX}")]
    if loose:
        raise ValueError(f"CSS selectors not scoped to a .{PREFIX}* class: {loose}")
    return css


REPORT_CSS = scoped_css(f"""
.medialit-report {{ font-family: system-ui, sans-serif; max-width: 1100px; margin: 0 auto;
  padding: 1em; color: {INK}; }}
.medialit-report h1 {{ margin-bottom: 0.2em; }}
.medialit-report h2 {{ border-bottom: 2px solid {RULE}; padding-bottom: 0.2em; margin-top: 2em; }}
.medialit-report nav ul {{ columns: 2; }}
.medialit-report figure {{ margin: 1em 0; }}
.medialit-report .medialit-note {{ background: {NOTE_FILL}; border-left: 4px solid {NOTE_RULE};
  padding: 0.5em 0.8em; }}
""")

TABLE_CSS = scoped_css(f"""
.medialit-table {{ overflow-x: auto; margin: 0.6em 0; }}
.medialit-table table.medialit-grid {{ border-collapse: collapse; font-size: 0.85em;
  table-layout: auto; margin: 0; color: {INK}; }}
.medialit-table table.medialit-grid caption {{ caption-side: top; text-align: left;
  font-weight: bold; padding: 0.2em 0; color: {INK}; }}
.medialit-table table.medialit-grid th, .medialit-table table.medialit-grid td {{
  border: 1px solid {GRID}; padding: 0.25em 0.5em; vertical-align: top; text-align: left;
  white-space: normal; overflow-wrap: break-word; max-width: 30em; line-height: 1.35; }}
.medialit-table table.medialit-grid thead th {{ background: {HEADER_FILL}; }}
.medialit-table table.medialit-grid td.medialit-num {{ text-align: right;
  font-variant-numeric: tabular-nums; white-space: nowrap; }}
.medialit-table .medialit-table-notes {{ font-size: 0.8em; color: {MUTED_INK}; margin: 0.3em 0; }}
.medialit-table details summary {{ cursor: pointer; }}
""")
