"""One analysis of a set of articles, as data: what `medialit analyze` prints.

`analyze()` builds a JSON-ready dict. Each lens adds itself by registering a
function in `ARTICLE_SECTIONS` (returns the keys it adds to each article) or
`CORPUS_SECTIONS` (returns the keys it adds at top level), so the report grows
without its shape changing. The schema
lives in docs/analyze.schema.json and is checked by the tests.
"""

from __future__ import annotations

import contextlib
import functools
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
    articles: Sequence[Article],
    failures: Sequence[LoadFailure] = (),
    *,
    keep_parses: bool = True,
) -> dict[str, Any]:
    """The whole report: every article's sections, then the cross-article sections.

    An article that cannot be read (`failures`) or analysed becomes an entry with an
    `error` and no other findings; the rest are analysed as usual. `keep_parses=False`
    when nothing will ask about these articles afterwards (the command line printing
    JSON): parses made in worker processes then stay there.
    """
    entries = _article_reports(articles, keep_parses)
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


PARALLEL_WORDS = 20_000
"""From this many words, articles are analysed in one process per core (below, one suffices)."""


def _article_reports(articles: Sequence[Article], keep_parses: bool = True) -> list[dict[str, Any]]:
    """Each article's report, in one process per core when there is enough text to pay.

    Each worker takes a few articles at a time (the parser is faster on a batch), parses
    them and runs every lens on each, alone (one failing article is one entry with an
    `error`), and hands back the reports, what the cross-article sections read of each
    article, and (`keep_parses`) the parses, so no later question makes them again.
    """
    from .nlp import adopt, batches, in_processes

    processes = min(os.cpu_count() or 1, 4)
    if processes < 2 or len(articles) < 2 or sum(a.words for a in articles) < PARALLEL_WORDS:
        return [  # a batch at a time: a folder larger than the parse cache is parsed once
            report
            for k in range(0, len(articles), 16)
            for report, _, _ in _reports_and_parses(list(articles[k : k + 16]), hand_back=False)
        ]
    groups = batches(range(len(articles)), [a.words for a in articles])
    work = functools.partial(_reports_and_parses, parses=keep_parses)
    done = in_processes(work, [[articles[i] for i in g] for g in groups], processes)
    entries: dict[int, dict[str, Any]] = {}
    for group, results in zip(groups, done, strict=True):
        for i, (entry, parsed, found) in zip(group, results, strict=True):
            adopt(articles[i], parsed, found)
            entries[i] = entry
    return [entries[i] for i in range(len(articles))]


def _reports_and_parses(
    articles: list[Article], hand_back: bool = True, parses: bool = True
) -> list[tuple[dict[str, Any], bytes | None, dict[str, Any]]]:
    """The articles' reports, with their parses as bytes and the lens results the
    cross-article sections read again (`nlp.handed_back`), for another process to adopt."""
    from .nlp import handed_back, parse, parse_many, to_bytes

    if len(articles) > 1:
        with contextlib.suppress(Exception):  # each article then parses alone, and fails alone
            parse_many(articles)  # in batches: the parser is faster so
    found = []
    for article in articles:
        entry = _safe_article_report(article)
        if not hand_back or "error" in entry:
            found.append((entry, None, {}))
            continue
        try:
            parsed = to_bytes(parse(article)) if parses else None
            found.append((entry, parsed, handed_back(article)))
        except Exception:  # the report stands; the parent parses the article again if asked
            found.append((entry, None, {}))
    return found


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
