"""One standalone HTML report of every lens: charts embedded, nothing fetched when it is opened.

`medialit analyze --html report.html` writes it; a teacher can e-mail it or put it on a
learning platform. Every chart is a PNG in the page with its alt text also shown as a
caption; tables are plain HTML; the loaded-language view keeps its tooltips.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date

from . import __version__
from .corpus import Article

__all__ = ["html_report"]

_CSS = """
body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 0 auto; padding: 1em;
  color: #111; }
h1 { margin-bottom: 0.2em; }
h2 { border-bottom: 2px solid #0072B2; padding-bottom: 0.2em; margin-top: 2em; }
nav ul { columns: 2; } table { border-collapse: collapse; font-size: 0.85em; margin: 0.6em 0; }
th, td { border: 1px solid #999; padding: 0.2em 0.45em; vertical-align: top; text-align: left; }
th { background: #eef; } figure { margin: 1em 0; } figcaption { font-size: 0.85em; color: #333; }
.note { background: #f6f6f6; border-left: 4px solid #E69F00; padding: 0.5em 0.8em; }
"""


def _table(frame) -> str:
    return frame.to_html(border=0, na_rep="—", escape=True)


def _section(anchor: str, title: str, body: str) -> str:
    return f'<section id="{anchor}"><h2>{html.escape(title)}</h2>{body}</section>'


def html_report(articles: Sequence[Article]) -> str:
    """The whole report as one HTML page."""
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
            _table(article_overview(articles))
            + '<p class="note">Titles and dates are shown only where '
            "an article's own text carries them.</p>",
        ),
        (
            "readability",
            "Readability",
            _table(readability_table(articles, with_bands=True))
            + readability_chart(articles)._repr_html_(),
        ),
        (
            "sourcing",
            "Sourcing",
            _table(sourcing_table(articles))
            + sourcing_chart(articles)._repr_html_()
            + "".join(
                f"<h3>Attribution audit — article {html.escape(a.id)}</h3>" + _table(audits[a.id])
                for a in articles
                if len(audits[a.id])
            )
            + '<p class="note">Counting sources is not the same as being well sourced.</p>',
        ),
        (
            "numbers",
            "Numbers",
            _table(claims_table(articles)) + claims_chart(articles)._repr_html_(),
        ),
        (
            "language",
            "Loaded language",
            _table(language_table(articles))
            + language_chart(articles)._repr_html_()
            + "".join(f"<h3>Article {html.escape(a.id)}</h3>{loaded_html(a)}" for a in articles)
            + '<p class="note">A lexicon count is a prompt for reading, not a verdict.</p>',
        ),
    ]
    nav = "".join(
        f'<li><a href="#{anchor}">{html.escape(title)}</a></li>' for anchor, title, _ in sections
    )
    body = "".join(_section(*s) for s in sections)
    ids = ", ".join(a.id for a in articles)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>medialit report — articles {html.escape(ids)}</title>"
        f"<style>{_CSS}</style></head><body>"
        f"<h1>medialit report</h1><p>Articles {html.escape(ids)} · medialit {__version__} · "
        f"{date.today().isoformat()}. Every figure is computed by rules a reader can check; each "
        "lens is a prompt for reading, not a verdict.</p>"
        f'<nav aria-label="Contents"><ul>{nav}</ul></nav>{body}</body></html>'
    )
