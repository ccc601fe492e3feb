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


def report_fragment(articles: Sequence[Article], skipped: Sequence[dict] = ()) -> str:
    """The whole report as one `<div class="medialit-report">` with its own scoped styles.

    `skipped` lists articles that could not be read or analysed (`id`, `error`): they are
    named at the top, and a section that fails on the rest says so instead of sinking the page.
    """
    from .language import language_table, loaded_html
    from .numbers import claims_table
    from .plots import claims_chart, language_chart, readability_chart, sourcing_chart
    from .readability import readability_table
    from .report import article_overview
    from .sourcing import audit_table, sourcing_table

    sections = [
        (
            "overview",
            "The articles",
            lambda: table_html(article_overview(articles), "What each article is")
            + _note("Titles and dates are shown only where an article's own text carries them."),
        ),
        (
            "readability",
            "Readability",
            lambda: table_html(
                readability_table(articles, with_bands=True), "Readability scores, banded"
            )
            + readability_chart(articles)._repr_html_(),
        ),
        (
            "sourcing",
            "Sourcing",
            lambda: table_html(sourcing_table(articles), "Sources per article")
            + sourcing_chart(articles)._repr_html_()
            + "".join(
                table_html(audit, f"Attribution audit — article {a.id}")
                for a in articles
                if len(audit := audit_table(a))
            )
            + _note("Counting sources is not the same as being well sourced."),
        ),
        (
            "numbers",
            "Numbers",
            lambda: table_html(claims_table(articles), "Figures per topic across the articles")
            + claims_chart(articles)._repr_html_(),
        ),
        (
            "language",
            "Loaded language",
            lambda: table_html(language_table(articles), "Loaded language and opinion signals")
            + language_chart(articles)._repr_html_()
            + "".join(f"<h3>Article {html.escape(a.id)}</h3>{loaded_html(a)}" for a in articles)
            + _note("A lexicon count is a prompt for reading, not a verdict."),
        ),
    ]
    nav = "".join(
        f'<li><a href="#{anchor}">{html.escape(title)}</a></li>' for anchor, title, _ in sections
    )
    body = "".join(_section(anchor, title, _safely(build)) for anchor, title, build in sections)
    if skipped:
        listed = "".join(
            f"<li>{html.escape(e['id'])}: {html.escape(e['error'])}</li>" for e in skipped
        )
        body = _section("skipped", "Not analysed", f"<ul>{listed}</ul>") + body
    ids = ", ".join(a.id for a in articles)
    return (
        f'<div class="medialit-report"><style>{REPORT_CSS}</style>'
        f"<h1>medialit report</h1><p>Articles {html.escape(ids)} · medialit {__version__} · "
        f"{date.today().isoformat()}. Every figure is computed by rules a reader can check; each "
        "lens is a prompt for reading, not a verdict.</p>"
        f'<nav aria-label="Contents"><ul>{nav}</ul></nav>{body}</div>'
    )


def _safely(build) -> str:
    try:
        return build()
    except Exception as exc:  # one failing section never sinks the page
        return _note(
            f"This section could not be computed ({type(exc).__name__}: {exc}); the other "
            "sections are complete. Please report it to the kit's developers."
        )


def html_report(articles: Sequence[Article], skipped: Sequence[dict] = ()) -> str:
    """The whole report as one standalone HTML page."""
    ids = ", ".join(a.id for a in articles)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>medialit report — articles {html.escape(ids)}</title></head>"
        f"<body>{report_fragment(articles, skipped)}</body></html>"
    )
