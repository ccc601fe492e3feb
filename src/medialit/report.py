"""One analysis of a set of articles, as data: what `medialit analyze` prints.

`analyze()` builds a JSON-ready dict. Each lens adds itself by registering a
function in `ARTICLE_SECTIONS` (returns the keys it adds to each article) or
`CORPUS_SECTIONS` (returns the keys it adds at top level), so the report grows
without its shape changing. The schema
lives in docs/analyze.schema.json and is checked by the tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from . import __version__
from .corpus import Article
from .language import language_json
from .numbers import claims_json, quantities_json
from .readability import readability_json
from .sourcing import sourcing_json

__all__ = [
    "ARTICLE_SECTIONS",
    "CORPUS_SECTIONS",
    "SCHEMA_VERSION",
    "analyze",
    "article_overview",
    "comparison_table",
    "scorecard",
]

SCHEMA_VERSION = 1
"""Bumped only when a key changes meaning or disappears; new keys keep the version."""

ARTICLE_SECTIONS: list[Callable[[Article], dict[str, Any]]] = [
    lambda article: {"readability": readability_json(article)},
    sourcing_json,  # attributions, attribution_flags, sourcing
    quantities_json,  # quantities
    language_json,  # loaded, language
]
CORPUS_SECTIONS: list[Callable[[Sequence[Article]], dict[str, Any]]] = [
    claims_json,  # claims: the cross-article ledger of figures
]


def article_report(article: Article) -> dict[str, Any]:
    """Everything the kit says about one article."""
    report: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "label": article.label,
        "date": article.date,
        "source": article.source,
        "words": article.words,
        "paragraphs": len(article.paragraphs),
        "sentences": len(article.sentences),
    }
    for section in ARTICLE_SECTIONS:
        report.update(section(article))
    return report


def analyze(articles: Sequence[Article]) -> dict[str, Any]:
    """The whole report: every article's sections, then the cross-article sections."""
    report: dict[str, Any] = {
        "version": __version__,
        "schema": SCHEMA_VERSION,
        "articles": [article_report(a) for a in articles],
    }
    for section in CORPUS_SECTIONS:
        report.update(section(articles))
    return report


def comparison_table(report: dict[str, Any]):
    """A pandas table comparing the articles of a report side by side (one row each)."""
    import pandas as pd

    rows = []
    for article in report["articles"]:
        row = {
            "article": article["id"],
            "title or first words": _shorten(article["label"], 40),
            "words": article["words"],
            "sentences": article["sentences"],
        }
        for score in article["readability"].values():
            row[score["label"]] = score["value"]
        rows.append(row)
    frame = pd.DataFrame(rows).set_index("article")
    frame.attrs["caption"] = "The articles side by side: size and readability"
    return frame


def article_overview(articles: Sequence[Article]):
    """A pandas table of what each article is: size, and what its own text says of itself."""
    import pandas as pd

    rows = [
        {
            "article": a.id,
            "title (from the text)": a.title or None,
            "date (from the text)": a.date or None,
            "first sentence": _first_body_sentence(a),
            "words": a.words,
            "paragraphs": len(a.paragraphs),
            "sentences": len(a.sentences),
        }
        for a in articles
    ]
    frame = pd.DataFrame(rows).set_index("article")
    frame.attrs["caption"] = "What each article is: its size and what its own text says of itself"
    return frame


SCORECARD = (
    ("named sources", "sourcing"),
    ("unnamed sources", "sourcing"),
    ("attribution flags", "sourcing"),
    ("claims attributed", "sourcing"),
    ("figures with no source in sentence or ¶", "numbers"),
    ("loaded words per 100 words (own voice)", "language"),
    ("opinion signals", "language"),
    ("Flesch–Kincaid grade", "readability"),
)
"""Each scorecard column and its lens; what each counts is in datasets/reference/measures.csv."""


def scorecard(articles: Sequence[Article]):
    """One row per article, one column per measure of every lens: what the capstone compares."""
    import pandas as pd

    from .language import language_summary
    from .numbers import find_quantities
    from .readability import readability
    from .sourcing import audit, find_attributions, sourcing_summary

    rows = []
    for a in articles:
        attributions = find_attributions(a)
        summary = sourcing_summary(a, attributions)
        language = language_summary(a)
        rows.append(
            {
                "article": a.id,
                "named sources": summary["distinct_named"],
                "unnamed sources": summary["distinct_unnamed"],
                "attribution flags": sum(
                    f.kind != "unattributed statistic" for f in audit(a, attributions)
                ),
                "claims attributed": summary["claim_sentences_attributed_share"],
                "figures with no source in sentence or ¶": sum(
                    not q.attributed_in for q in find_quantities(a)
                ),
                "loaded words per 100 words (own voice)": language["author_per_100_words"],
                "opinion signals": sum(language["opinion_signals"].values()),
                "Flesch–Kincaid grade": readability(a)["flesch_kincaid_grade"].value,
            }
        )
    frame = pd.DataFrame(rows).set_index("article")
    frame.attrs["caption"] = "Scorecard: every lens, one row per article"
    return frame


def _first_body_sentence(article: Article) -> str:
    return next((s.text for s in article.sentences if s.kind == "body"), article.text)


def _shorten(text: str, width: int) -> str:
    """At most `width` characters, cut between words, with "…" if anything was cut."""
    if len(text) <= width:
        return text
    return (text[: width - 1].rsplit(" ", 1)[0] or text[: width - 1]).rstrip(" ,;:") + "…"
