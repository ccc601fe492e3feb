"""One standalone HTML report of every lens: charts embedded, nothing fetched when it is opened.

`medialit analyze --html report.html` writes it; a teacher can e-mail it or put it on a
learning platform. Every chart is a PNG in the page with its alt text; tables come from
`medialit.tables` (caption, scoped headers, no index column); the loaded-language view keeps
its tooltips. `report_fragment` is the same report for a notebook output: every rule of its
style sheet is scoped to `.medialit-report`, so showing it never restyles JupyterLab.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date

from . import __version__
from .corpus import Article
from .styles import REPORT_CSS
from .tables import table_html

__all__ = ["html_report", "report_fragment"]


def _note(text: str) -> str:
    return f'<p class="medialit-note">{html.escape(text)}</p>'


def _section(anchor: str, title: str, body: str) -> str:
    return f'<section id="{anchor}"><h2>{html.escape(title)}</h2>{body}</section>'


def report_fragment(articles: Sequence[Article]) -> str:
    """The whole report as one `<div class="medialit-report">` with its own scoped styles."""
    from .language import language_table, loaded_html
    from .numbers import claims_table
    from .plots import claims_chart, language_chart, readability_chart, sourcing_chart
    from .readability import readability_table
    from .report import article_overview
    from .sourcing import audit_table, sourcing_table

    audits = {a.id: audit_table(a) for a in articles}
    sections = [
        (
            "overview",
            "The articles",
            table_html(article_overview(articles), "What each article is")
            + _note("Titles and dates are shown only where an article's own text carries them."),
        ),
        (
            "readability",
            "Readability",
            table_html(readability_table(articles, with_bands=True), "Readability scores, banded")
            + readability_chart(articles)._repr_html_(),
        ),
        (
            "sourcing",
            "Sourcing",
            table_html(sourcing_table(articles), "Sources per article")
            + sourcing_chart(articles)._repr_html_()
            + "".join(
                table_html(audits[a.id], f"Attribution audit — article {a.id}")
                for a in articles
                if len(audits[a.id])
            )
            + _note("Counting sources is not the same as being well sourced."),
        ),
        (
            "numbers",
            "Numbers",
            table_html(claims_table(articles), "Figures per topic across the articles")
            + claims_chart(articles)._repr_html_(),
        ),
        (
            "language",
            "Loaded language",
            table_html(language_table(articles), "Loaded language and opinion signals")
            + language_chart(articles)._repr_html_()
            + "".join(f"<h3>Article {html.escape(a.id)}</h3>{loaded_html(a)}" for a in articles)
            + _note("A lexicon count is a prompt for reading, not a verdict."),
        ),
    ]
    nav = "".join(
        f'<li><a href="#{anchor}">{html.escape(title)}</a></li>' for anchor, title, _ in sections
    )
    body = "".join(_section(*s) for s in sections)
    ids = ", ".join(a.id for a in articles)
    return (
        f'<div class="medialit-report"><style>{REPORT_CSS}</style>'
        f"<h1>medialit report</h1><p>Articles {html.escape(ids)} · medialit {__version__} · "
        f"{date.today().isoformat()}. Every figure is computed by rules a reader can check; each "
        "lens is a prompt for reading, not a verdict.</p>"
        f'<nav aria-label="Contents"><ul>{nav}</ul></nav>{body}</div>'
    )


def html_report(articles: Sequence[Article]) -> str:
    """The whole report as one standalone HTML page."""
    ids = ", ".join(a.id for a in articles)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>medialit report — articles {html.escape(ids)}</title></head>"
        f"<body>{report_fragment(articles)}</body></html>"
    )
