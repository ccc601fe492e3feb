"""One analysis of a set of articles, as data: what `medialit analyze` prints.

`analyze()` builds a JSON-ready dict. Each lens adds itself by registering a
function in `ARTICLE_SECTIONS` (returns the keys it adds to each article) or
`CORPUS_SECTIONS` (returns the keys it adds at top level), so the report grows
without its shape changing. The schema
lives in docs/analyze.schema.json and is checked by the tests.
"""

from __future__ import annotations

import contextlib
import os
import traceback
from collections.abc import Callable, Sequence
from typing import Any

from . import __version__
from .corpus import Article, LoadFailure
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
    "failed_entries",
    "language_warnings",
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
    """Everything the kit says about one article.

    `text` is the text every offset in the report indexes: the file's text after the
    loader's documented clean-up (line endings, byte-order mark, surrounding blanks).
    """
    report: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "label": article.label,
        "date": article.date,
        "source": article.source,
        "words": article.words,
        "paragraphs": len(article.paragraphs),
        "sentences": len(article.sentences),
        "warnings": language_warnings(article),
    }
    for section in ARTICLE_SECTIONS:
        report.update(section(article))
    report["text"] = article.text
    return report


def language_warnings(article: Article) -> list[str]:
    """A warning when the text does not read as English: the lenses' rules are English rules.

    Running English news has roughly four words in ten from the commonest English
    function words; other languages share almost none of them.
    """
    from .nlp import parse

    words = [t for t in parse(article) if t.is_alpha]
    if len(words) < 20:
        return []
    share = sum(t.is_stop for t in words) / len(words)
    if share >= 0.2:
        return []
    return [
        f"This text does not look like English (only {share:.0%} of its words are common English "
        "words); medialit reads English, so its findings on this text are likely to be wrong."
    ]


def _failure_entry(article_id: str, source: str | None, error: str) -> dict[str, Any]:
    return {"id": article_id, "source": source, "error": error}


def _safe_article_report(article: Article) -> dict[str, Any]:
    try:
        return article_report(article)
    except Exception as exc:  # one article never sinks the report
        where = traceback.extract_tb(exc.__traceback__)[-1]
        module = os.path.splitext(os.path.basename(where.filename))[0]
        return _failure_entry(
            article.id,
            article.source,
            f"medialit could not analyse this article ({type(exc).__name__} in {module}: {exc}); "
            "the other articles are analysed; please report this article to the kit's developers",
        )


def analyze(
    articles: Sequence[Article], failures: Sequence[LoadFailure] = ()
) -> dict[str, Any]:
    """The whole report: every article's sections, then the cross-article sections.

    An article that cannot be read (`failures`) or analysed becomes an entry with an
    `error` and no other findings; the rest are analysed as usual.
    """
    _parse_ahead(articles)
    entries = [_safe_article_report(a) for a in articles]
    entries += [_failure_entry(f.id, f.source, f.error) for f in failures]
    report: dict[str, Any] = {
        "version": __version__,
        "schema": SCHEMA_VERSION,
        "articles": entries,
    }
    analysed = [a for a, entry in zip(articles, entries, strict=False) if "error" not in entry]
    for section in CORPUS_SECTIONS:
        try:
            report.update(section(analysed))
        except Exception as exc:  # a cross-article section failing leaves the articles intact
            report.setdefault("errors", []).append(
                f"{section.__name__} could not be computed ({type(exc).__name__}: {exc})"
            )
    return report


def failed_entries(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The report's articles that carry an `error` instead of findings."""
    return [entry for entry in report["articles"] if "error" in entry]


def _parse_ahead(articles: Sequence[Article]) -> None:
    """Parse a large batch in one go (and on every core); small ones parse as they are read."""
    from .nlp import parse_many

    words = sum(a.words for a in articles)
    processes = min(os.cpu_count() or 1, 4) if words > 50_000 else 1
    with contextlib.suppress(Exception):  # each article then parses alone, and fails alone
        parse_many(articles, n_process=processes)


def comparison_table(report: dict[str, Any]):
    """A pandas table comparing the articles of a report side by side (one row each)."""
    import pandas as pd

    rows = []
    for article in report["articles"]:
        if "error" in article:
            continue
        row = {
            "article": article["id"],
            "title or first words": _shorten(article["label"], 40),
            "words": article["words"],
            "sentences": article["sentences"],
        }
        for score in article["readability"].values():
            row[score["label"]] = score["value"]
        rows.append(row)
    return pd.DataFrame(rows).set_index("article")


def article_overview(articles: Sequence[Article]):
    """A pandas table of what each article is: size, and what its own text says of itself."""
    import pandas as pd

    rows = [
        {
            "article": a.id,
            "title (from the text)": a.title or "—",
            "date (from the text)": a.date or "—",
            "first words": _shorten(_first_body_sentence(a), 60),
            "words": a.words,
            "paragraphs": len(a.paragraphs),
            "sentences": len(a.sentences),
        }
        for a in articles
    ]
    return pd.DataFrame(rows).set_index("article")


SCORECARD = (
    ("named sources", "sourcing"),
    ("unnamed sources", "sourcing"),
    ("attribution flags", "sourcing"),
    ("claims attributed", "sourcing"),
    ("figures without a source", "numbers"),
    ("loaded words per 100, own voice", "language"),
    ("opinion signals", "language"),
    ("Flesch–Kincaid grade", "readability"),
)


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
                "figures without a source": sum(not q.attributed_in for q in find_quantities(a)),
                "loaded words per 100, own voice": language["author_per_100_words"],
                "opinion signals": sum(language["opinion_signals"].values()),
                "Flesch–Kincaid grade": readability(a)["flesch_kincaid_grade"].value,
            }
        )
    return pd.DataFrame(rows).set_index("article")


def _first_body_sentence(article: Article) -> str:
    return next((s.text for s in article.sentences if s.kind == "body"), article.text)


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
