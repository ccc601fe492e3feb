"""The number-consistency lens: every quantity, how precise it is, and where articles disagree.

`find_quantities` reads each body sentence for figures — digits ("2,500",
"$37 trillion", "56%"), number words ("thirty days", "one million", "a dozen",
parsed by text2num) and vague quantities ("dozens", "tens of thousands") — with
the words that set their precision ("over", "approximately", "up to"). Dates,
years, times of day, ordinals and "9/11" are not quantities. Each figure gets a
range, the thing counted, a topic, a scope (for troops: National Guard, Marines,
active-duty), a time frame when the sentence gives one, and whether a source is
named for it. The word lists live in datasets/lexicons/.

`compare_claims` lays the articles' figures side by side per topic and says
whether they are consistent, conflicting, not comparable, or single-source —
always with the reason, because a ledger is a prompt to read, not a verdict.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cache, lru_cache
from typing import Any

from .corpus import Article, Sentence
from .paths import datasets_dir

__all__ = [
    "COUNTED_TOPICS",
    "TOPICS",
    "Claim",
    "Quantity",
    "claims_json",
    "claims_table",
    "compare_claims",
    "find_quantities",
    "quantities_json",
    "quantity_spans",
    "quantity_table",
    "within_article_checks",
]

TOPICS = (
    "troops",
    "arrests",
    "detentions",
    "protesters",
    "injuries",
    "deportations",
    "cities",
    "money",
    "percentages",
    "other",
)
COUNTED_TOPICS = TOPICS[:7]
"""Topics that count people or places, which the ledger chart puts on one axis."""


@dataclass(frozen=True)
class Quantity:
    """One figure as the text gives it, with the range it stands for."""

    text: str  # as written, with its modifier: "over 1,200", "tens of thousands"
    value: float  # a single central value (for a range, its geometric middle)
    low: float | None  # None: no lower limit stated
    high: float | None  # None: no upper limit stated ("more than 2,000")
    precision: str  # exact | approximate | lower bound | upper bound | vague
    counted: str  # what is counted: "active-duty troops"
    topic: str
    scope: str  # for troops: National Guard, Marines, active-duty, border…; else ""
    time_frame: str | None
    attributed: bool  # a source is named in the same sentence
    attributed_in: str  # "sentence", "paragraph" or ""
    start: int
    end: int
    sentence: int


# --- lexicons --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lexicon:
    vague: dict[str, tuple[float, float]]
    modifiers: dict[str, tuple[str, float | None, float | None]]
    topics: dict[str, tuple[str, str]]  # term -> (topic, where)
    time_frames: list[tuple[re.Pattern, str]]


def _float(value: str) -> float | None:
    return float(value) if value.strip() else None


@cache
def lexicon() -> _Lexicon:
    folder = datasets_dir() / "lexicons"

    def rows(name):
        with open(folder / name, encoding="utf-8") as handle:
            return list(csv.DictReader(handle))

    return _Lexicon(
        vague={
            r["phrase"]: (float(r["low"]), float(r["high"])) for r in rows("vague_quantities.csv")
        },
        modifiers={
            r["modifier"]: (r["precision"], _float(r["low_factor"]), _float(r["high_factor"]))
            for r in rows("quantity_modifiers.csv")
        },
        topics={r["term"]: (r["topic"], r["where"]) for r in rows("quantity_topics.csv")},
        time_frames=[(re.compile(r["pattern"], re.I), r["label"]) for r in rows("time_frames.csv")],
    )


# --- finding figures ---------------------------------------------------------------------------

_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion trillion"
).split()
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|"
    "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DIGITS = re.compile(
    r"(?<![\w/.,:-])(?P<currency>\$|US\$|€|£)?\s?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<percent>%|percent\b|per cent\b))?"
    r"(?:\s(?P<scale>thousand|million|billion|trillion)\b)?"
    r"(?![\w/]|[.,:]\d|-\w)",
    re.I,
)
_WORDS = re.compile(
    r"\b(?:(?P<article>an?)\s)?(?P<words>(?:(?:"
    + "|".join(_NUMBER_WORDS)
    + r"|dozen)(?:[\s-]+(?:and\s+)?)?)+)"
    r"(?![\w-])",
    re.I,
)
_NOT_A_QUANTITY = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b"  # ISO dates
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + _MONTHS + r")\b"  # 5 April
    r"|\b(?:" + _MONTHS + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4})?"  # June 14, 2025
    r"|\b\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)"  # times of day
    r"|\b\d{1,2}:\d{2}\b"
    r"|\b\d+/\d+\b",  # 9/11, 24/7
    re.I,
)
_YEAR = re.compile(r"^(1[6-9]\d\d|20\d\d)$")


@dataclass
class _Raw:
    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    precision: str
    currency: bool = False
    percent: bool = False


def _digit_figures(text: str, offset: int) -> list[_Raw]:
    found = []
    for m in _DIGITS.finditer(text):
        number = m.group("number")
        plain = number.replace(",", "")
        value = float(plain)
        if m.group("scale"):
            value *= _SCALE[m.group("scale").lower()]
        if _YEAR.match(number) and not m.group("currency") and not m.group("percent"):
            following = text[m.end() : m.end() + 25].lower()
            if not re.match(
                r"\s+(?:people|troops|protesters|migrants|arrests|members|cities)\b", following
            ):
                continue  # a year ("in 2020", "Act of 1807", "since 1965")
        start = m.start("currency") if m.group("currency") else m.start("number")
        found.append(
            _Raw(
                offset + start,
                offset + m.end(),
                value,
                value,
                value,
                "exact",
                currency=bool(m.group("currency")),
                percent=bool(m.group("percent")),
            )
        )
    return found


def _word_figures(text: str, offset: int) -> list[_Raw]:
    from text_to_num import text2num

    found = []
    for m in _WORDS.finditer(text):
        words = m.group("words").strip(" -")
        words = re.sub(r"\s+and$", "", words)
        if not words:
            continue
        tokens = re.split(r"[\s-]+", words.lower())
        if tokens == ["one"] or (len(tokens) == 1 and text[m.end() : m.end() + 1] == "-"):
            continue  # "one of …" is rarely a count; "eight-hour" describes, it does not count
        if m.group("article") and tokens[0] not in {
            "dozen",
            "hundred",
            "thousand",
            "million",
            "billion",
        }:
            continue
        try:
            if tokens[-1] == "dozen":
                value = 12.0 * (text2num(" ".join(tokens[:-1]), "en") if len(tokens) > 1 else 1)
            else:
                value = float(text2num(" ".join(tokens), "en"))
        except ValueError:
            continue
        start = m.start("article") if m.group("article") else m.start("words")
        end = m.start("words") + len(
            re.sub(r"(?:[\s-]+and)?[\s-]*$", "", m.group("words"), flags=re.I)
        )
        found.append(_Raw(offset + start, offset + end, value, value, value, "exact"))
    return found


def _vague_figures(text: str, offset: int) -> list[_Raw]:
    found = []
    for phrase in sorted(lexicon().vague, key=len, reverse=True):
        for m in re.finditer(r"\b" + re.escape(phrase) + r"\b", text, re.I):
            low, high = lexicon().vague[phrase]
            found.append(
                _Raw(
                    offset + m.start(), offset + m.end(), math.sqrt(low * high), low, high, "vague"
                )
            )
    return found


def _no_overlaps(figures: list[_Raw]) -> list[_Raw]:
    """Keep the longest of overlapping figures ("tens of thousands" over "thousands")."""
    kept: list[_Raw] = []
    for f in sorted(figures, key=lambda f: (f.start, -(f.end - f.start))):
        if kept and f.start < kept[-1].end:
            continue
        kept.append(f)
    return kept


def _apply_modifier(text: str, raw: _Raw, sentence_start: int) -> tuple[_Raw, int]:
    before = text[: raw.start - sentence_start].lower()
    for modifier in sorted(lexicon().modifiers, key=len, reverse=True):
        if re.search(r"(?:^|\W)" + re.escape(modifier) + r"\s+$", before):
            precision, low_factor, high_factor = lexicon().modifiers[modifier]
            low = raw.low * low_factor if low_factor is not None and raw.low is not None else None
            high = (
                raw.high * high_factor if high_factor is not None and raw.high is not None else None
            )
            if precision == "lower bound":
                high = None
            if precision == "upper bound":
                low = None
            if raw.precision == "vague":
                # "more than dozens" stays a vague figure, from the vague word's own lower end
                precision, low = "vague", raw.low
            start = sentence_start + before.rstrip().rfind(modifier)
            return _Raw(
                start, raw.end, raw.value, low, high, precision, raw.currency, raw.percent
            ), start
    return raw, raw.start


# --- what is counted, topic, scope, time frame ----------------------------------------------------

_COUNTED_STOP = {
    "in",
    "to",
    "for",
    "from",
    "at",
    "on",
    "by",
    "with",
    "and",
    "or",
    "but",
    "that",
    "who",
    "which",
    "were",
    "was",
    "are",
    "is",
    "had",
    "have",
    "has",
    "will",
    "would",
    "been",
    "be",
    "as",
    "than",
    "into",
    "onto",
    "after",
    "before",
    "since",
    "across",
    "during",
    "while",
    "of",
    "the",
    "it",
    "its",
    "their",
    "this",
    "these",
    "took",
    "left",
    "sparked",
    "including",
    "whom",
    "most",
    "many",
    "some",
    "whose",
    "what",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "shall",
}
_PEOPLE = {
    "people",
    "persons",
    "migrants",
    "immigrants",
    "individuals",
    "protesters",
    "protestors",
    "demonstrators",
    "workers",
    "residents",
    "children",
    "women",
    "men",
    "",
}


def _counted(text: str, raw: _Raw, sentence: Sentence) -> str:
    after = text[raw.end - sentence.start :]
    after = re.sub(r"^\s*(?:of\s+)?(?:these\s+|the\s+|those\s+)?", " ", after)
    words = []
    tokens = list(re.finditer(r"[A-Za-z][\w’'\-]*", after[:80]))
    for position, token in enumerate(tokens):
        if token.start() > 2 + sum(len(w) + 1 for w in words):
            break
        word = token.group()
        low = word.lower()
        following = tokens[position + 1].group().lower() if position + 1 < len(tokens) else ""
        verb_like = low.endswith("ed") and (
            bool(words) or following in _COUNTED_STOP or not following
        )
        if (
            low in _COUNTED_STOP
            or verb_like
            or low.endswith("ing")
            or (low.endswith("ly") and len(low) > 4)
        ):
            break
        words.append(word)
        if len(words) == 4:
            break
    counted = " ".join(words)
    if raw.currency or raw.percent:
        before = text[: raw.start - sentence.start]
        noun = re.search(
            r"([A-Za-z][\w’'\- ]{2,40}?)\s+(?:of|reaching|at|worth|totalling|of up to|"
            r"of nearly|of over|of about|by)\s+(?:up to\s+|nearly\s+|about\s+)?$",
            before,
        )
        if noun:
            counted = noun.group(1).split(",")[-1].strip()
            counted = re.sub(r"^(?:with|the|a|an)\s+", "", counted, flags=re.I)
    return counted


_CLAUSE_BREAK = re.compile(
    r";|,\s*(?:while|but|whereas|which|who)\b|\s(?:and|while|but|whereas)\s|\s[—–-]\s"
)


def _clause(text: str, position: int, commas: bool = False) -> tuple[int, int]:
    """The stretch of `text` around `position` up to the nearest clause break (and comma)."""
    pattern = re.compile(_CLAUSE_BREAK.pattern + (r"|,(?=\s)" if commas else ""))
    start, end = 0, len(text)
    for m in pattern.finditer(text):
        if m.end() <= position:
            start = m.end()
        elif m.start() >= position:
            end = m.start()
            break
    return start, end


def _topic(text: str, raw: _Raw, counted: str, sentence: Sentence) -> str:
    topics = lexicon().topics
    low_counted = counted.lower()
    if raw.currency:
        return "money"
    if raw.percent:
        return "percentages"
    counted_topic = None
    head = low_counted.split()[-1] if low_counted else ""
    for term, (topic, where) in sorted(topics.items(), key=lambda t: -len(t[0])):
        if where != "counted":
            continue
        # one-word terms name the head noun ("city council members" is not about cities)
        if (" " in term and term in low_counted) or term == head:
            if term == "agents" and "guard" not in low_counted:
                continue  # ICE or federal agents are not troops
            counted_topic = topic
            break
    # verbs and nouns around the figure, in its clause: "arrested", "the deportation of"
    here = raw.start - sentence.start
    clause_start, clause_end = _clause(text, here)
    local = text.lower()[:clause_end]
    local = " " * clause_start + local[clause_start:]
    nearest = None
    for term, (topic, where) in topics.items():
        if where != "verb" and term not in {"deportation", "detention"}:
            continue
        for m in re.finditer(r"(?<!\w)" + re.escape(term) + r"(?!\w)", local):
            distance = m.start() - here if m.start() >= here else (here - m.end()) * 3
            if m.start() < here and here - m.end() > 30:
                continue
            if nearest is None or distance < nearest[0]:
                nearest = (distance, topic)
    verb_topic = nearest[1] if nearest and nearest[0] < 160 else None
    if (
        verb_topic in {"arrests"}
        and re.search(r"\braids?\b", local)
        and not re.search(r"protest", low_counted + local[max(0, here - 40) : here + 40])
    ):
        verb_topic = "detentions"  # people arrested in the raids are detentions
    if counted_topic and counted_topic != "protesters":
        return counted_topic  # "2,000 National Guard troops" are troops whatever the verb
    if verb_topic:
        return verb_topic  # "70 protesters were arrested", "7 officers were hurt"
    return counted_topic or "other"


def _scope(topic: str, counted: str, sentence_text: str, position: int = 0) -> str:
    if topic != "troops":
        return ""
    start, end = _clause(sentence_text, position, commas=True)
    sentence_text = sentence_text[start:end]
    low = counted.lower()
    for name, pattern in (
        ("National Guard", r"national guard|guard"),
        ("Marines", r"marine"),
        ("active-duty", r"active-duty|active duty"),
    ):
        if re.search(pattern, low):
            base = name
            break
    else:
        base = "unspecified"
    if re.search(r"\bborder\b", sentence_text, re.I):
        return f"{base}, at a border"
    if re.search(r"deportation operations", sentence_text, re.I):
        return f"{base}, deportation operations"
    return base


def _time_frame(text: str, raw: _Raw, sentence: Sentence) -> str | None:
    here = raw.start - sentence.start
    start, end = _clause(text, here)
    best = None
    for pattern, label in lexicon().time_frames:
        for m in pattern.finditer(text, start, end):
            distance = abs(m.start() - here)
            if best is None or distance < best[0]:
                best = (distance, label or " ".join(m.group().split()))
    return best[1] if best else None


# --- the public function ------------------------------------------------------------------------


def find_quantities(article: Article) -> list[Quantity]:
    """Every quantity in the article's body sentences, in reading order."""
    return list(_find_quantities(article))


@lru_cache(maxsize=512)
def _find_quantities(article: Article) -> tuple[Quantity, ...]:
    # Cached per article: the ledger and the report ask for the same figures again.
    from .sourcing import find_attributions

    attributed_sentences = {a.sentence for a in find_attributions(article)}
    attributed_paragraphs = {article.sentences[i].paragraph for i in attributed_sentences}
    found: list[Quantity] = []
    for index, sentence in enumerate(article.sentences):
        if sentence.kind != "body":
            continue
        text = sentence.text
        blocked = [(m.start(), m.end()) for m in _NOT_A_QUANTITY.finditer(text)]
        raws = _no_overlaps(
            _digit_figures(text, sentence.start)
            + _word_figures(text, sentence.start)
            + _vague_figures(text, sentence.start)
        )
        previous_counted = ""
        for raw in raws:
            local = raw.start - sentence.start
            if any(s <= local < e for s, e in blocked):
                continue
            raw, start = _apply_modifier(text, raw, sentence.start)
            counted = _counted(text, raw, sentence) or previous_counted
            tail = text[raw.end - sentence.start :][: len(counted) + 14].lower()
            if raw.precision == "exact" and re.search(
                r"^\s*(?:\w[\w-]*\s*)?(?:,\s*at least\b|or more\b)", tail
            ):
                raw = _Raw(
                    raw.start,
                    raw.end,
                    raw.value,
                    raw.value,
                    None,
                    "lower bound",
                    raw.currency,
                    raw.percent,
                )
            previous_counted = counted or previous_counted
            topic = _topic(text, raw, counted, sentence)
            in_sentence = index in attributed_sentences
            in_paragraph = sentence.paragraph in attributed_paragraphs
            found.append(
                Quantity(
                    text=article.text[start : raw.end],
                    value=raw.value,
                    low=raw.low,
                    high=raw.high,
                    precision=raw.precision,
                    counted=counted,
                    topic=topic,
                    scope=_scope(topic, counted, text, local),
                    time_frame=_time_frame(text, raw, sentence),
                    attributed=in_sentence,
                    attributed_in="sentence"
                    if in_sentence
                    else "paragraph"
                    if in_paragraph
                    else "",
                    start=start,
                    end=raw.end,
                    sentence=index,
                )
            )
    return tuple(found)


# --- the ledger ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """One topic (and scope) across articles: the figures, a verdict, and why."""

    topic: str
    scope: str
    values: tuple[tuple[str, Quantity], ...]  # (article id, quantity)
    verdict: str  # consistent | conflicting | not comparable | single-source
    explanation: str
    ratio: float | None = None


def _bounds(q: Quantity) -> tuple[float, float]:
    return (q.low if q.low is not None else 0.0, q.high if q.high is not None else math.inf)


def _describe(q: Quantity) -> str:
    frame = f" ({q.time_frame})" if q.time_frame else ""
    return f"“{q.text}”{frame}"


def _verdict(values: list[tuple[str, Quantity]]) -> tuple[str, str, float | None]:
    articles = sorted({a for a, _ in values})
    if len(articles) == 1:
        return "single-source", f"Only article {articles[0]} gives a figure for this.", None
    by_article = {a: [q for b, q in values if b == a] for a in articles}
    # Is there one value that at least one figure of every article allows?
    points = sorted({p for _, q in values for p in _bounds(q) if math.isfinite(p)})
    for point in points:
        if all(
            any(_bounds(q)[0] <= point <= _bounds(q)[1] for q in qs) for qs in by_article.values()
        ):
            bounds_only = all(q.precision in {"lower bound", "upper bound"} for _, q in values)
            note = (
                " All are stated as bounds (“over”, “at least”…), so they can all be true at once; "
                "they may still describe different moments."
                if bounds_only
                else ""
            )
            listed = "; ".join(
                f"{a}: {', '.join(_describe(q) for q in qs)}" for a, qs in by_article.items()
            )
            return "consistent", f"The figures can all be true together ({listed}).{note}", None
    frames = {a: {q.time_frame.lower() for q in qs if q.time_frame} for a, qs in by_article.items()}
    distinct = {f for fs in frames.values() for f in fs}
    centrals = {a: sorted(q.value for q in qs) for a, qs in by_article.items()}
    ratio = max(c[-1] for c in centrals.values()) / max(min(c[0] for c in centrals.values()), 1e-9)
    listed = "; ".join(
        f"{a}: {', '.join(_describe(q) for q in qs)}" for a, qs in by_article.items()
    )
    vague = [f"{a}'s “{q.text}”" for a, q in values if q.precision == "vague"]
    caution = (
        f" Vague figures ({', '.join(vague)}) are read as order-of-magnitude ranges "
        "(datasets/lexicons/vague_quantities.csv); the clash may be in the wording."
        if vague
        else ""
    )
    if len(distinct) > 1:
        return (
            "not comparable",
            f"The articles count over different time frames ({listed}); compare like with like.",
            round(ratio, 1),
        )
    return (
        "conflicting",
        f"No single value fits every article ({listed}); "
        f"the largest figure is {ratio:.1f} times the "
        f"smallest. Which source, which moment, which place does each count?{caution}",
        round(ratio, 1),
    )


def compare_claims(articles: Sequence[Article], topics: Sequence[str] = TOPICS[:-1]) -> list[Claim]:
    """Per topic and scope, every article's figures side by side, with a verdict and the reason."""
    groups: dict[tuple[str, str], list[tuple[str, Quantity]]] = {}
    for article in articles:
        for q in find_quantities(article):
            if q.topic in topics:
                groups.setdefault((q.topic, q.scope), []).append((article.id, q))
    claims = []
    for (topic, scope), values in sorted(
        groups.items(), key=lambda g: (TOPICS.index(g[0][0]), g[0][1])
    ):
        verdict, explanation, ratio = _verdict(values)
        claims.append(Claim(topic, scope, tuple(values), verdict, explanation, ratio))
    return claims


def within_article_checks(article: Article) -> list[dict[str, Any]]:
    """Two figures for one topic in one article, and vague figures beside precise ones."""
    notes = []
    by_topic: dict[tuple[str, str], list[Quantity]] = {}
    for q in find_quantities(article):
        if q.topic != "other":
            by_topic.setdefault((q.topic, q.scope), []).append(q)
    for (topic, scope), qs in by_topic.items():
        if len(qs) > 1:
            label = f"{topic} ({scope})" if scope else topic
            notes.append(
                {
                    "article": article.id,
                    "topic": topic,
                    "scope": scope,
                    "kind": "several figures",
                    "message": f"{len(qs)} figures for {label}: "
                    + ", ".join(_describe(q) for q in qs)
                    + ". Do they count the same thing?",
                }
            )
        vague = [q for q in qs if q.precision == "vague"]
        precise = [q for q in qs if q.precision != "vague"]
        if vague and precise:
            notes.append(
                {
                    "article": article.id,
                    "topic": topic,
                    "scope": scope,
                    "kind": "vague beside precise",
                    "message": f"Vague {', '.join(_describe(q) for q in vague)} beside precise "
                    f"{', '.join(_describe(q) for q in precise)}.",
                }
            )
    return notes


# --- output ----------------------------------------------------------------------------------


def _plain(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 2)


def quantities_json(article: Article) -> dict[str, Any]:
    """The `quantities` key of `medialit analyze --json` for one article."""
    return {
        "quantities": [
            {
                **{k: v for k, v in asdict(q).items() if k != "sentence"},
                "value": _plain(q.value),
                "low": _plain(q.low),
                "high": _plain(q.high),
            }
            for q in find_quantities(article)
        ]
    }


def claims_json(articles: Sequence[Article]) -> dict[str, Any]:
    """The top-level `claims` key of `medialit analyze --json`."""
    return {
        "claims": [
            {
                "topic": c.topic,
                "scope": c.scope,
                "values": [
                    {
                        "article": a,
                        "value": _plain(q.value),
                        "low": _plain(q.low),
                        "high": _plain(q.high),
                        "text": q.text,
                        "start": q.start,
                        "end": q.end,
                        "time_frame": q.time_frame,
                        "precision": q.precision,
                    }
                    for a, q in c.values
                ],
                "verdict": c.verdict,
                "ratio": c.ratio,
                "explanation": c.explanation,
            }
            for c in compare_claims(articles)
        ]
    }


def quantity_table(article: Article, include_other: bool = True):
    """Every figure of one article as a table: what, how precise, about what, when, sourced?"""
    import pandas as pd

    rows = [
        {
            "¶": article.sentences[q.sentence].paragraph,
            "figure": q.text,
            "low": _plain(q.low),
            "high": _plain(q.high),
            "precision": q.precision,
            "counted": q.counted,
            "topic": q.topic,
            "scope": q.scope,
            "time frame": q.time_frame or "",
            "source named": q.attributed_in or "no",
        }
        for q in find_quantities(article)
        if include_other or q.topic != "other"
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "¶",
            "figure",
            "low",
            "high",
            "precision",
            "counted",
            "topic",
            "scope",
            "time frame",
            "source named",
        ],
    )


def claims_table(articles: Sequence[Article]):
    """The ledger as a table: a row per topic and scope, a column per article, the verdict."""
    import pandas as pd

    ids = [a.id for a in articles]
    rows = []
    for claim in compare_claims(articles):
        row: dict[str, Any] = {"topic": claim.topic, "scope": claim.scope}
        for article_id in ids:
            row[article_id] = "; ".join(q.text for a, q in claim.values if a == article_id)
        row["verdict"] = claim.verdict
        row["why"] = claim.explanation
        rows.append(row)
    return pd.DataFrame(rows, columns=["topic", "scope", *ids, "verdict", "why"])


def quantity_spans(article: Article, paragraphs: Sequence[int] | None = None):
    """The kit's figures as Annotator key spans (label "number"), to compare marks with."""
    from .annotations import KeySpan

    return [
        KeySpan(
            q.start, q.end, "number", f"{q.precision}; counts {q.counted or 'something unnamed'}"
        )
        for q in find_quantities(article)
        if not paragraphs or article.sentences[q.sentence].paragraph in paragraphs
    ]
