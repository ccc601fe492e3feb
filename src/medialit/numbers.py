"""The number-consistency lens: every quantity, how precise it is, and where articles disagree.

`find_quantities` reads the article's one parse (`medialit.nlp.parse`): a figure is a run
of number tokens with its unit ("2,500", "$37 trillion", "£3bn", "56%", "one million",
"a dozen", "12-24 hours", "41-year-old", "aged 78", "40 light years"), a multiplier ("twice",
"three times", "threefold"), a share in words ("half of them", "a third of", "two-thirds") or
a vague quantity ("dozens", "tens of thousands"), with the words that set its precision
("over", "approximately", "up to"). Dates, years and clock times are not figures: a date is
told by its form (a year, a month beside the number, a day or a season in its DATE phrase, a
clock), because the model's DATE label also goes to ages ("Smith, 53,") and counts ("from
fourteen to 31"). A number inside a name or a label ("9 News", "Pier 14", "week 2", "Million
Man March") is not a figure either, nor is a rank ("the twenty-sixth dynasty").

Each figure gets what it counts (the noun it modifies and that noun's modifiers), a topic,
where and by whom (location entities and the subject of its clause), a time frame, and
whether a source is named *for it*: a reporting verb or "according to" whose clause holds
the figure. "Reportedly" is a hedge, not a source.

`compare_claims` groups figures only when they measure the same thing — same topic and
referent, compatible units, overlapping time frames — and says why in one sentence a learner
can check in the text; everything else is "not comparable", said plainly.
The word lists live in datasets/lexicons/ (see datasets/README.md).
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from .corpus import Article
from .nlp import per_article
from .paths import datasets_dir

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

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
    "deaths",
    "deportations",
    "cities",
    "money",
    "percentages",
    "other",
)
COUNTED_TOPICS = TOPICS[:8]
"""Topics that count people or places, which the ledger chart puts on one axis."""


@dataclass(frozen=True)
class Quantity:
    """One figure as the text gives it, with the range it stands for and what it counts."""

    text: str  # the whole quantity as written, with its modifier: "over 1,200", "$37 trillion"
    value: float  # a single central value (for a range, its geometric middle)
    low: float | None  # None: no lower limit stated
    high: float | None  # None: no upper limit stated ("more than 2,000")
    precision: str  # exact | approximate | lower bound | upper bound | range | vague
    unit: str  # count | money | percent | time | age | times | fraction
    counted: str  # what is counted, as written: "National Guard troops"
    topic: str
    scope: str  # for troops: National Guard, Marines, active-duty or unspecified; else ""
    place: str  # places named in the figure's clause: "Los Angeles"
    actor: str  # the clause's subject when it is not the figure: "Trump", "raids"
    time_frame: str | None
    attributed: bool  # a source is named for this figure in its sentence
    attributed_in: str  # "sentence", "paragraph" or ""
    source: str  # who the sentence gives as the source of the figure, "" when none
    hedge: str  # "reportedly", "allegedly"… when the figure is hedged without a source
    start: int
    end: int
    sentence: int
    increment: bool = False  # "an additional 4,100", "dozens more": a change, not a total
    planned: bool = False  # "to deport 1 million": a goal or a threat, not a count
    of: str = field(default="", compare=False)  # for percentages: the base ("of the workforce")
    setting: str = field(default="", compare=False)  # the article's most-named places
    open_above: bool = field(default=False, compare=False)  # "thousands": no upper end to compare


# --- lexicons --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lexicon:
    vague: dict[tuple[str, ...], tuple[float, float, bool]]
    modifiers: dict[tuple[str, ...], tuple[str, float | None, float | None]]
    counted: dict[str, str]  # lemma -> topic
    events: dict[str, str]  # lemma -> topic
    time_words: dict[tuple[str, ...], str]
    hedges: frozenset[str]
    words: dict[str, frozenset[str]]  # kind -> words (quantity_words.csv)
    fractions: dict[str, float]  # "third" -> 1/3 (fractions.csv)


def _float(value: str) -> float | None:
    return float(value) if value.strip() else None


@cache
def lexicon() -> _Lexicon:
    folder = datasets_dir() / "lexicons"

    def rows(name):
        with open(folder / name, encoding="utf-8") as handle:
            return list(csv.DictReader(handle))

    topics = rows("quantity_topics.csv")
    return _Lexicon(
        vague={
            tuple(r["phrase"].split()): (
                float(r["low"]),
                float(r["high"]),
                r["open_above"] == "yes",
            )
            for r in rows("vague_quantities.csv")
        },
        modifiers={
            tuple(r["modifier"].split()): (
                r["precision"],
                _float(r["low_factor"]),
                _float(r["high_factor"]),
            )
            for r in rows("quantity_modifiers.csv")
        },
        counted={r["lemma"]: r["topic"] for r in topics if r["role"] == "counted"},
        events={r["lemma"]: r["topic"] for r in topics if r["role"] == "event"},
        time_words={tuple(r["phrase"].split()): r["label"] for r in rows("time_frames.csv")},
        hedges=frozenset(r["word"] for r in rows("hedges.csv")),
        words={
            kind: frozenset(r["word"] for r in rows("quantity_words.csv") if r["kind"] == kind)
            for kind in {r["kind"] for r in rows("quantity_words.csv")}
        },
        fractions={r["word"]: float(r["value"]) for r in rows("fractions.csv")},
    )


# --- reading number tokens ---------------------------------------------------------------------

_SCALE = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_CURRENCY = {"$": "$", "us$": "$", "€": "€", "£": "£", "¥": "¥"}
_NAME_ENTITIES = {
    "PERSON",
    "ORG",
    "FAC",
    "GPE",
    "LOC",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "PRODUCT",
    "NORP",
    "LANGUAGE",
}
_PLACE_ENTITIES = {"GPE", "LOC", "FAC"}
_GENERIC_COUNTED = {"people", "person", "individual", "other", "one", ""}
_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those"}
_RELATIVE = {"who", "which", "that", "whom"}


_GLUED = re.compile(r"(\d[\d,]*(?:\.\d+)?)(bn|tn|trn|mn|m|k)", re.IGNORECASE)
_SHORT_SCALE = {"bn": 1e9, "tn": 1e12, "trn": 1e12, "mn": 1e6, "m": 1e6, "k": 1e3}
_MONEY_ONLY = {"mn", "m", "k"}  # "$5m" is money; "a 5m wall" is metres


def _is_currency(token: Token) -> bool:
    """ "$", "£", "C$", "US$", "€": a currency sign before a figure."""
    return token.is_currency or token.tag_ == "$" or token.lower_ in _CURRENCY


_PREFIXED = re.compile(r"(~|[A-Z]{1,3}\$|[$£€¥₹])(\d.*)")  # "~23 m", "CDN$11,000", "$5bn"
_DEGREES = re.compile(r"([-−]?\d+(?:\.\d+)?)°?[CF]")  # "40C", "-5F": a temperature in one token


def _money_glued(token: Token) -> bool:
    """ "CDN$11,000", "£3bn": the currency sign is part of the number's token."""
    prefixed = _PREFIXED.fullmatch(token.text)
    return prefixed is not None and prefixed.group(1) != "~"


def _digits(token: Token) -> float | None:
    """The value of a token written in digits ("2,500", "0.6"), scale glued on ("£3bn", "$5m")."""
    value = _digits_text(token.text)
    if value is not None:
        return value
    degrees = _DEGREES.fullmatch(token.text)
    if degrees is not None:
        return _digits_text(degrees.group(1).replace("−", "-"))
    text = token.text
    prefixed = _PREFIXED.fullmatch(text)
    if prefixed is not None:
        text = prefixed.group(2)
        value = _digits_text(text)
        if value is not None:
            return value
    glued = _GLUED.fullmatch(text)
    if glued is None:
        return None
    suffix = glued.group(2).lower()
    money = _money_glued(token) or (token.i > 0 and _is_currency(token.nbor(-1)))
    if suffix in _MONEY_ONLY and not money:
        return None
    number = _digits_text(glued.group(1))
    return None if number is None else number * _SHORT_SCALE[suffix]


def _digits_text(text: str) -> float | None:
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return None
    if "," in text and not all(len(g) == 3 for g in text.split(".")[0].split(",")[1:]):
        return None  # "1,2" is not a thousands separator
    return value if math.isfinite(value) else None


def _word_value(words: list[str]) -> float | None:
    from text_to_num import text2num

    words = [w for w in words if w not in {"and", "-"}]
    if not words:
        return None
    if words[-1] == "dozen":
        head = words[:-1]
        if not head or head == ["a"]:
            return 12.0
        inner = _word_value(head)
        return None if inner is None else 12.0 * inner
    if words[0] in {"a", "an"}:
        words = ["one", *words[1:]]
    try:
        return float(text2num(" ".join(words), "en"))
    except ValueError:
        return None


def _is_number(token: Token) -> bool:
    """A cardinal number token: digits or a number word (not an ordinal, fraction or code)."""
    if token.lower_ in _SCALE or token.lower_ == "dozen":
        return True
    if _DEGREES.fullmatch(token.text):
        return True
    if not token.like_num and (_GLUED.fullmatch(token.text) or _PREFIXED.fullmatch(token.text)):
        return _digits(token) is not None  # "£3bn", "$5m", "CDN$11,000", "~23"
    if not token.like_num or "/" in token.text or token.ent_type_ == "ORDINAL":
        return False
    if _digits(token) is not None:
        return True
    low = token.lower_
    return low in _SCALE or low == "dozen" or _word_value([low]) is not None


@dataclass
class _Raw:
    first: int  # token index where the figure's words begin (modifier included)
    last: int  # token index of its last word
    num_first: int
    num_last: int
    value: float
    low: float | None
    high: float | None
    precision: str
    unit: str = "count"
    vague_open: bool = False
    unit_token: int = -1  # for durations and ages: the unit word ("hours", "year")


def _run_value(doc: Doc, i: int, j: int) -> float | None:
    """The value of the number words or digits doc[i:j+1] ("1.5 million", "two dozen")."""
    tokens = [
        doc[k] for k in range(i, j + 1) if doc[k].text not in {"-", "and"} and not doc[k].is_space
    ]
    if not tokens:
        return None
    lead = _digits(tokens[0])
    if lead is not None:
        value = lead
        for t in tokens[1:]:
            if t.lower_ in _SCALE:
                value *= _SCALE[t.lower_]
            elif t.lower_ == "dozen":
                value *= 12
            else:
                return None
        return value
    return _word_value([t.lower_ for t in tokens])


def _number_run(doc: Doc, i: int, end: int) -> int:
    """The last token of the run of number tokens starting at i ("one hundred and twenty")."""
    j = i
    while j + 1 < end:
        nxt = doc[j + 1]
        if nxt.is_space and j + 2 < end and doc[j + 2].lower_ in _SCALE:
            j += 2  # "5.7  million" with a doubled space
            continue
        if _is_number(nxt) and (nxt.lower_ in _SCALE or nxt.lower_ == "dozen" or not nxt.is_digit):
            if _digits(doc[j]) is not None and _digits(nxt) is not None:
                break  # "10 20" are two figures
            j += 1
        elif (
            nxt.text in {"-", "and"}
            and j + 2 < end
            and _is_number(doc[j + 2])
            and doc[j].is_alpha
            and doc[j + 2].is_alpha
            and not (nxt.text == "and" and doc[j].lower_ not in _SCALE)
        ):
            j += 2  # "twenty-five", "one hundred and twenty"
        else:
            break
    return j


@cache
def _by_word(phrases: frozenset, last: bool) -> dict[str, list[tuple[tuple[str, ...], Any]]]:
    """Phrases indexed by their first (or last) word, longest first: one dict look-up per token."""
    index: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
    for phrase, value in sorted(phrases, key=lambda p: -len(p[0])):
        index.setdefault(phrase[-1] if last else phrase[0], []).append((phrase, value))
    return index


_INDEXES: dict[tuple[int, bool], dict] = {}


def _index(phrases: dict, last: bool = False):
    key = (id(phrases), last)  # the lexicon's dicts live as long as the process
    if key not in _INDEXES:
        _INDEXES[key] = _by_word(frozenset(phrases.items()), last)
    return _INDEXES[key]


def _match_before(doc: Doc, i: int, start: int, phrases) -> tuple[int, Any] | None:
    """The longest phrase of `phrases` (tuples of lower-case words) ending just before token i."""
    if i - 1 < start:
        return None
    for phrase, value in _index(phrases, last=True).get(doc[i - 1].lower_, ()):
        n = len(phrase)
        if i - n >= start and tuple(doc[k].lower_ for k in range(i - n, i)) == phrase:
            return i - n, value
    return None


def _match_at(doc: Doc, i: int, end: int, phrases) -> tuple[int, Any] | None:
    """The longest phrase of `phrases` starting at token i: (its last token, its value)."""
    for phrase, value in _index(phrases).get(doc[i].lower_, ()):
        n = len(phrase)
        if i + n <= end and tuple(doc[k].lower_ for k in range(i, i + n)) == phrase:
            return i + n - 1, value
    return None


def _counts_plural(tokens: list[Token], j: int) -> bool:
    """Does the number modify a plural noun after it that is not a unit of time ("785 miles")?"""
    return any(
        t.head.i > j
        and t.head.tag_ == "NNS"
        and t.head.lemma_.lower() not in lexicon().words["time unit"]
        for t in tokens
    )


def _is_name_or_label(doc: Doc, i: int, j: int, heading: bool) -> bool:
    """Numbers in names, labels and codes: "9 News", "Pier 14", "week 2", "One in Four"."""
    tokens = [doc[k] for k in range(i, j + 1)]
    if any(t.ent_type_ in _NAME_ENTITIES for t in tokens if _is_number(t)) and not _counts_plural(
        tokens, j
    ):
        return True  # inside a name the model found, unless it counts a plural noun after it
    first = tokens[0]
    if (
        not heading
        and first.is_alpha
        and first.is_title
        and not first.is_sent_start
        and doc[first.i - 1].text not in {"“", '"', "‘", "'", "(", "—", "–", ":"}
    ):
        return True  # a capitalised number word mid-sentence names something
    last = tokens[-1]
    head = last.head
    if (
        head.i < i
        and head.pos_ in {"NOUN", "PROPN"}
        and i - head.i <= 2
        and last.dep_ in {"nummod", "appos", "npadvmod", "compound", "nmod"}
        and not any(doc[k].is_punct for k in range(head.i + 1, i))  # not "Smith, 53,"
        and head.lemma_.lower() not in lexicon().words["measure"]  # "magnitude 4.9" measures
    ):
        return True  # "Pier 14", "Title 42", "Section 8": the number follows what it labels
    before = doc[i - 1] if i > 0 else None
    after = doc[j + 1] if j + 1 < len(doc) else None
    if first.tag_ == "LS" or (
        first.is_digit
        and (first.is_sent_start or (before is not None and before.is_space))
        and after is not None
        and after.text in {".", ")"}
    ):
        return True  # "1. Unofficial results": a list number
    if (
        before is not None
        and first.is_digit
        and (
            before.text in {"#", "No.", "no.", "No", "number"}
            or (before.text == "." and i > 1 and doc[i - 2].lower_ == "no")
        )
    ):
        return True
    if (
        before is not None
        and before.pos_ == "PROPN"
        and before.is_title
        and not before.is_sent_start
        and before.head.i == last.head.i
        and before.dep_ in {"compound", "nmod"}
    ):
        return True  # "a Falcon 9 rocket", "Apollo 11 mission": a model or mission name
    nxt = doc[j + 1] if j + 1 < len(doc) else None
    # "9 News", "10 Downing Street": a singular proper noun that the bare number modifies
    return (
        nxt is not None
        and nxt.tag_ == "NNP"
        and nxt.is_title
        and len(nxt.text) > 1  # "113 F", "45 C": a unit, not a name
        and last.head.i == nxt.i
        and nxt.lower_ not in _SCALE
    )


def _is_year(token: Token) -> bool:
    """ "2019", "1807", "1066": four digits that read as a year (not "1,500", not "2500.5")."""
    if not (token.is_digit and len(token.text) == 4):
        return False
    return 1500 <= int(token.text) <= 2100 or token.ent_type_ == "DATE"


def _entity(token: Token) -> Span:
    """The entity the token belongs to (walks the IOB tags: as long as the entity, no longer)."""
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


_CLOCK = {"a.m", "p.m", "am", "pm", "gmt", "utc", "o'clock", "o’clock", "hrs"}
_ERA = {"bc", "b.c", "bce", "b.c.e", "ad", "a.d", "ce", "c.e"}


def _is_date(doc: Doc, i: int, j: int, unit: str) -> bool:
    """Dates, years and clock times are not quantities; counts of time units are.

    The model's DATE label alone does not decide: it also gives it to ages ("Smith, 53,"),
    to counts ("from fourteen to 31") and to fractions ("a quarter"). A number is a date part
    when it is a year, stands beside a month, or sits in a DATE phrase that names a day, a
    season or a century ("Monday 14", "the 14 of June"); a TIME phrase is a clock time.
    """
    if unit in {"time", "age"}:
        return False
    lex = lexicon()
    tokens = [doc[k] for k in range(i, j + 1)]
    counts = _counts_plural(tokens, j)  # "Between 10 and 20 cities", "1500 troops"
    for token in tokens:
        if not _is_year(token):
            continue
        if not counts or (token.ent_type_ == "DATE" and 1500 <= int(token.text) <= 2100):
            return True  # "in 2019", "the 2020 elections"; not "1500 troops", "2240 attendees"
    neighbours = [doc[k].lower_.rstrip(".") for k in (i - 1, j + 1) if 0 <= k < len(doc)]
    if any(n in lex.words["month"] for n in neighbours):
        return True  # "June 14", "5 April", missed by the model
    date_words = lex.words["month"] | lex.words["date word"]
    for token in tokens:
        if token.ent_type_ == "TIME" and not counts:
            return True
        if token.ent_type_ == "DATE" and not counts:
            entity = _entity(token)
            if any(t.lower_.rstrip(".") in date_words or _is_year(t) for t in entity):
                return True
    after = doc[j + 1] if j + 1 < len(doc) else None
    return after is not None and after.lower_.rstrip(".") in _CLOCK | _ERA


_MULTIPLES = {"twice": 2.0, "thrice": 3.0, "double": 2.0, "triple": 3.0, "quadruple": 4.0}


def _multiplier(doc: Doc, i: int, end: int) -> float | None:
    """ "twice", "threefold", "double the number": a multiplier written as one word."""
    low = doc[i].lower_
    if low in {"twice", "thrice"}:
        return _MULTIPLES[low]
    if low in _MULTIPLES:  # "double the cost", not "a double murder"
        nxt = doc[i + 1] if i + 1 < end else None
        if nxt is not None and nxt.lower_ in {"the", "that", "what"} and doc[i].pos_ != "VERB":
            return _MULTIPLES[low]
        return None
    if low.endswith("fold") and len(low) > 4 and doc[i].is_alpha:
        return _word_value([low[:-4]])  # "threefold", "tenfold"; not "manifold"
    return None


_RACE_TIME = re.compile(r"(\d{1,3}):([0-5]\d):([0-5]\d(?:\.\d+)?)")
_AT = {"at", "by", "until", "till", "around", "about", "before", "after", "from", "since"}


def _duration(doc: Doc, i: int, start: int, end: int) -> _Raw | None:
    """A duration without a number token: "an hour and a half", "for a week", "more than a
    year", and a race time "2:14:04" (hours, minutes, seconds; "at 2:14:04" is a clock time)."""
    token = doc[i]
    race = _RACE_TIME.fullmatch(token.text)
    if race is not None:
        if i > start and doc[i - 1].lower_ in _AT or token.ent_type_ == "TIME":
            return None
        hours, minutes, seconds = (float(g) for g in race.groups())
        value = hours * 3600 + minutes * 60 + seconds
        return _Raw(i, i, i, i, value, value, value, "exact", "time", False, i)
    if token.lower_ not in {"a", "an"} or i + 1 >= end:
        return None
    unit = doc[i + 1]
    lemma = unit.lemma_.lower()
    if lemma in lexicon().words["measure unit"] and unit.tag_ == "NN":
        if _match_before(doc, i, start, lexicon().modifiers) is None:
            return None  # "a mile away" is a manner of speaking; "more than a mile" measures
        return _Raw(i, i + 1, i, i + 1, 1.0, 1.0, 1.0, "exact", "count", False, i + 1)
    if lemma not in lexicon().words["time unit"]:
        return None
    words = [k for k in range(i + 2, min(i + 9, end)) if doc[k].text != "-"]
    if [doc[k].lower_ for k in words[:3]] == ["and", "a", "half"]:
        return _Raw(i, words[2], i, words[2], 1.5, 1.5, 1.5, "exact", "time", False, i + 1)
    # "for a week", "within an hour", "more than a year": one unit of time, measured; not
    # "a year ago", "once a year", "a day of mourning"
    modified = _match_before(doc, i, start, lexicon().modifiers) is not None  # "nearly a decade"
    measured = modified or (i > start and doc[i - 1].lower_ in {"for", "within"})
    after = doc[i + 2].lower_ if i + 2 < end else ""
    relative = after in {"ago", "earlier", "before"} and not modified  # "more than a year before"
    if not measured or relative or unit.tag_ != "NN":
        return None
    if unit.lower_ == "second":
        return None  # "for a second term", "forgotten for a second": rarely measured
    if after == "of" and not modified:
        return None  # "for a day of mourning"
    return _Raw(i, i + 1, i, i + 1, 1.0, 1.0, 1.0, "exact", "time", False, i + 1)


_DECADE = re.compile(r"[1-9]0'?s")
_DECADE_WORDS = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
    "eighties": 80, "nineties": 90,
}  # fmt: skip


def _decade_of_age(doc: Doc, i: int, start: int) -> _Raw | None:
    """ "in his 70s", "in their late forties": an age; "in the 1970s", "the sixties" are dates."""
    token = doc[i]
    text = re.sub(r"^(?:early|mid|late)-", "", token.text, flags=re.IGNORECASE)
    if _DECADE.fullmatch(text):  # "70s", "mid-30s"
        base = float(text[0]) * 10
    elif token.lower_ in _DECADE_WORDS:
        base = float(_DECADE_WORDS[token.lower_])
    else:
        return None
    k = i - 1
    while k >= start and doc[k].lower_ in {"early", "mid", "late", "-"}:
        k -= 1
    if k < start or doc[k].tag_ != "PRP$":
        return None
    return _Raw(i, i, i, i, base + 5, base, base + 9, "range", "age")


_NOT_A_SHARE = {
    "first", "second", "third", "fourth", "last", "latter", "other", "the", "a", "an", "this",
    "that", "each", "one", "better",
}  # fmt: skip


def _fraction(doc: Doc, i: int, start: int, end: int) -> _Raw | None:
    """A share written in words: "half of them", "more than half the town", "a third of voters",
    "a quarter century". Not "the second half", "half-mast", "a third party" (an ordinal)."""
    lex = lexicon()
    token = doc[i]
    low = token.lower_
    share = lex.fractions.get(low)
    if share is None:
        return None
    prev = doc[i - 1] if i > start else None
    nxt = doc[i + 1] if i + 1 < end else None
    after = nxt.lower_ if nxt is not None else ""
    if low == "half":
        if after == "-" or (prev is not None and prev.lower_ in _NOT_A_SHARE):
            return None
        if prev is not None and prev.lower_ == "and" and i - 2 >= start and _is_number(doc[i - 2]):
            return None  # "two and half": read with its number
        if prev is not None and (prev.tag_ == "PRP$" or prev.ent_type_ == "ORDINAL"):
            return None  # "their half"
        if after in {"a", "an"} and i + 2 < end and doc[i + 2].lower_ in (set(_SCALE) | {"dozen"}):
            return None  # "half a million" is read with its number
        qualified = _match_before(doc, i, start, lex.modifiers) is not None or (
            prev is not None and prev.lower_ in {"by", "in"}
        )
        determines = after in {"of", "as"} or (nxt is not None and nxt.tag_ in {"DT", "PRP$"})
        stands = token.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "attr"} and token.tag_ in {
            "NN",
            "DT",
            "PDT",
        }
        if not (qualified or determines or stands):
            return None
        return _Raw(i, i, i, i, share, share, share, "exact", "fraction")
    if prev is None or prev.lower_ not in {"a", "an"} or low.endswith("s"):
        return None
    timed = low == "quarter" and nxt is not None and nxt.lemma_.lower() in lex.words["time unit"]
    if after not in {"of", "as"} and not timed:
        return None  # "a third party", "a sixth year student": an ordinal; "a quarter century"
    return _Raw(i - 1, i, i - 1, i, share, share, share, "exact", "fraction")


def _is_ordinal_word(token: Token) -> bool:
    """ "sixth", "first": a number word that ranks (spaCy's `like_num` says yes to ordinals)."""
    return token.is_alpha and token.like_num and _word_value([token.lower_]) is None


_NOT_COUNTED_BY_ONE = {
    "thing", "way", "side", "hand", "point", "time", "occasion", "reason", "example", "kind",
    "sort", "type", "another", "other", "more", "day",
}  # fmt: skip


def _counts_one(doc: Doc, i: int, counting: bool) -> bool:
    """A lone "one" that counts: "one in four" always; "all but one victim", "one of the
    victims was" in a sentence that counts (`counting`: it gives other figures: "two Argentinians,
    one from France"). Not the pronoun ("one could argue", "the one posed", "no one"), nor the
    determiner that means "a" ("One news site claims", "by one tradition")."""
    token = doc[i]
    if i > 0 and doc[i - 1].lower_ in {"the", "that", "this", "any", "no", "every", "each"}:
        return False
    after = [t for t in doc[i + 1 : i + 6]]
    words = [t.lower_ for t in after]
    if words[:1] in (["in"], ["per"]) or words[:2] == ["out", "of"]:
        rest = after[2:] if words[:1] == ["out"] else after[1:]
        return bool(rest) and (_is_number(rest[0]) or rest[0].lower_ in {"every", "a"})
    if not counting and not (i > 1 and doc[i - 2 : i].text.lower() == "all but"):
        return False
    if words[:1] == ["of"] and len(after) > 1:
        partitive = after[1].lower_ in {"the", "them", "us", "these", "those"} or (
            after[1].tag_ == "PRP$" or _is_number(after[1])
        )
        superlative = any(t.tag_ in {"JJS", "RBS"} for t in after[1:])  # "one of the highest"
        # as the subject it singles out a member who did or suffered something ("one of the
        # victims was a child"); "is one of the front runners", "one of his priorities" classify
        return partitive and not superlative and token.dep_ in {"nsubj", "nsubjpass"}
    if token.dep_ in {"appos", "conj"}:
        return True  # "two Argentinians, one from France"
    head = token.head
    return (
        token.dep_ == "nummod"
        and head.i > i
        and head.pos_ == "NOUN"
        and head.lemma_.lower() not in _NOT_COUNTED_BY_ONE
    )


def _is_age(doc: Doc, first: int, j: int, start: int) -> bool:
    """ "aged 78", "at the age of 12", "Adamowicz, 53,", "Smith (53)": a person's age."""
    ages = lexicon().words["age"]
    before = doc[first - 1] if first > start else None
    if before is None:
        return False
    if before.lower_ in ages:
        return True
    if before.lower_ == "of" and first - 2 >= start and doc[first - 2].lower_ in ages:
        return True
    number = doc[first]
    after = doc[j + 1] if j + 1 < len(doc) else None
    return (
        first == j
        and number.is_digit
        and 0 < int(number.text) < 125
        and before.text in {",", "("}
        and first - 2 >= start
        and doc[first - 2].tag_ == "NNP"
        and after is not None
        and after.text in {",", ")", ";", "."}
    )


_DASHED = re.compile(r"(\d[\d,]*(?:\.\d+)?)[–—-](\d[\d,]*(?:\.\d+)?)")


def _dashed(token: Token) -> tuple[float, float] | None:
    """ "10–19" written as one token: a range (not a span of years, "2005–2015", nor a score)."""
    match = _DASHED.fullmatch(token.text)
    if match is None:
        return None
    low, high = _digits_text(match.group(1)), _digits_text(match.group(2))
    if low is None or high is None or not low < high or low == 0:
        return None
    if match.group(1).isdigit() and len(match.group(1)) == 4 and 1500 <= low <= 2100:
        return None  # "2005–2015", "2018–19": years
    return low, high


def _number_words(
    doc: Doc, i: int, start: int, end: int
) -> tuple[int, int, float | None, float | None, float | None, str]:
    """The number that starts at token i, as (first, last, value, low, high, precision):
    "a dozen", "half a million", "two and a half", and ranges ("12-24", "between 10 and 20")."""
    first = (
        i - 1
        if i > start
        and doc[i - 1].lower_ in {"a", "an"}
        and doc[i].lower_ in (set(_SCALE) | {"dozen"})
        else i
    )
    j = _number_run(doc, i, end)
    value = _run_value(doc, first, j)
    if value is None:
        return first, j, None, None, None, "exact"
    if (
        first > start + 1
        and doc[first - 1].lower_ == "half"
        and doc[first].lower_ in {"a", "an"}
    ):
        first, value = first - 1, value / 2  # "half a million"
    words = [(k, doc[k].lower_) for k in range(j + 1, min(j + 8, end)) if doc[k].text != "-"]
    if [w for _, w in words[:3]] == ["and", "a", "half"]:
        j, value = words[2][0], value + 0.5  # "three-and-a-half", "two and a half"
        if j + 1 < end and doc[j + 1].lower_ in _SCALE:
            j += 1
            value *= _SCALE[doc[j].lower_]
    low = high = value
    precision = "exact"
    # a range: "12-24", "10 to 20", "between 10 and 20", "two or three"
    c = j + 1  # the connector
    if (
        c + 3 < end
        and doc[c].text == "-"
        and doc[c + 1].lower_ in {"to", "or"}
        and doc[c + 2].text == "-"
    ):
        c += 2  # "one-to-two hundred": hyphens join the range
    if c + 1 < end and doc[c].text in {"-", "–", "to", "and", "or"} and _is_number(doc[c + 1]):
        k = _number_run(doc, c + 1, end)
        other = _run_value(doc, c + 1, k)
        connector = doc[c].lower_
        between = first > start and doc[first - 1].lower_ == "between"
        unlike = _is_year(doc[j]) != _is_year(doc[k]) and connector not in {"-", "–"}
        if other is not None and (connector != "and" or between) and not unlike:
            scale = _SCALE.get(doc[k].lower_)
            if scale and doc[j].lower_ not in _SCALE and value * scale < other:
                value *= scale  # "2 to 3 million", "one-to-two hundred"
            if other > value:
                low, high, precision, j = value, other, "range", k
                if between:
                    first -= 1
            elif connector in {"-", "–"}:
                return first, k, value, value, value, "code"  # "3-2": a score or a code
    return first, j, value, low, high, precision


@cache
def _first_words() -> frozenset[str]:
    """Every word without a digit that one of `_figures`' readings can begin with."""
    lex = lexicon()
    return frozenset(
        set(_index(lex.vague))
        | set(lex.fractions)
        | set(_MULTIPLES)
        | set(_DECADE_WORDS)
        | set(_SCALE)
        | {"dozen", "a", "an"}
    )


def _may_start_figure(token: Token) -> bool:
    """False only where no reading of `_figures` can begin, so it need not try them all:
    most words of a sentence hold no digit, are no number word and start no vague amount."""
    low = token.lower_
    if low in _first_words() or token.like_num or token.tag_ == "NNS" or low.endswith("fold"):
        return True
    text = token.text
    return not text.isalpha() and any(c.isdigit() for c in text)


def _figures(doc: Doc, sent: Span, heading: bool) -> list[_Raw]:
    lex = lexicon()
    found: list[_Raw] = []
    start, end = sent.start, sent.end
    i = start
    while i < end:
        token = doc[i]
        if not _may_start_figure(token):
            i += 1
            continue
        vague = _match_at(doc, i, end, lex.vague)
        if (
            vague
            and doc[vague[0]].lemma_.lower() in lex.words["time unit"]
            and vague[0] + 1 < end
            and doc[vague[0] + 1].text == "-"
        ):
            vague = None  # "centuries-old", "decades-long": an idiom for "very old", "long"
        if vague:
            last, (low, high, open_above) = vague
            if last + 1 < end and doc[last + 1].lower_ in _SCALE:
                last += 1  # "a few hundred", "several thousand"
                low, high = low * _SCALE[doc[last].lower_], high * _SCALE[doc[last].lower_]
            elif (
                last + 2 < end
                and doc[last + 1].lower_ == "of"
                and doc[last + 2].lower_.rstrip("s") in _SCALE
            ):
                last += 2  # "hundreds of billions": the vague word counts billions
                scale = _SCALE[doc[last].lower_.rstrip("s")]
                low, high = low * scale, high * scale
            k = last + 2 if last + 2 < end and doc[last + 1].lower_ == "of" else last + 1
            number_last = last
            unit, unit_token = "count", -1
            if doc[last].lemma_.lower() in lex.words["time unit"]:
                unit, unit_token = "time", last  # "decades", "centuries"
            elif k < end and doc[k].lemma_.lower() in lexicon().words["currency"]:
                unit = "money"  # "hundreds of billions of dollars"
            elif k < end and doc[k].lemma_.lower() in lexicon().words["time unit"]:
                unit, unit_token, last = "time", k, k  # "a few days", "millions of years"
            found.append(
                _Raw(
                    i,
                    last,
                    i,
                    number_last,
                    math.sqrt(low * high),
                    low,
                    high,
                    "vague",
                    unit,
                    open_above,
                    unit_token,
                )
            )
            i = last + 1
            continue
        if (
            token.tag_ == "NNS"
            and token.lemma_.lower() in lex.words["time unit"]
            and i > start
            and doc[i - 1].lower_ in {"for", "within"}
        ):  # "for years", "within hours": an unstated number of time units
            found.append(_Raw(i, i, i, i, math.sqrt(18), 2.0, 9.0, "vague", "time", True, i))
            i += 1
            continue
        times = _multiplier(doc, i, end)
        if times is not None:
            found.append(_Raw(i, i, i, i, times, times, times, "exact", "times"))
            i += 1
            continue
        shaped = (  # the first reading that fits, in this order
            _duration(doc, i, start, end)
            or _decade_of_age(doc, i, start)
            or _fraction(doc, i, start, end)
        )
        if shaped is not None:
            found.append(shaped)
            i = shaped.last + 1
            continue
        dashed = _dashed(token)
        if dashed is None and not _is_number(token):
            i += 1
            continue
        if dashed is not None:  # "10–19", one token: a range
            first = j = i
            low, high = dashed
            value, precision = math.sqrt(low * high), "range"
        else:
            first, j, value, low, high, precision = _number_words(doc, i, start, end)
            if value is None:
                i = j + 1
                continue
            if precision == "code":
                i = j + 1  # "3-2": a score or a code, not a quantity
                continue
        if (
            precision == "exact"
            and j + 1 < end
            and doc[j + 1].text == "+"
            and not (j + 2 < end and _is_number(doc[j + 2]))  # "2+2" is a sum
        ):
            j, high, precision = j + 1, None, "lower bound"  # "30+ years": 30 or more
        unit, unit_token = "count", -1
        last = j
        nxt = doc[j + 1] if j + 1 < end else None
        signed = False  # a currency sign: "$5", "CDN$11,000" is money, never a name
        if _money_glued(doc[first]):
            unit, signed = "money", True
        elif first > start and _is_currency(doc[first - 1]):
            unit, first, signed = "money", first - 1, True
            if nxt is not None and nxt.lower_ in _SHORT_SCALE and _digits(doc[j]) is not None:
                scale = _SHORT_SCALE[nxt.lower_]  # "£3 m", "$5 bn"
                value, low, high, last = value * scale, low * scale, high * scale, j + 1
                nxt = doc[j + 2] if j + 2 < end else None
        fraction_at = j + 2 if j + 2 < end and doc[j + 1].text == "-" else j + 1
        if (
            unit == "count"
            and fraction_at < end
            and doc[fraction_at].lower_ in lex.fractions
            and doc[fraction_at].lower_ != "half"
            and (value == 1 or doc[fraction_at].lower_.endswith("s"))  # not "twenty-sixth"
            and value <= 20
        ):
            share = lex.fractions[doc[fraction_at].lower_]  # "two-thirds", "three quarters"
            value, low, high = value * share, low * share, high * share
            unit, last = "fraction", fraction_at
        elif unit == "money" and last > j:
            pass
        elif nxt is not None and (nxt.text == "%" or nxt.lower_ in {"percent", "pct"}):
            unit, last = "percent", j + 1
        elif (
            nxt is not None and nxt.lower_ == "per" and j + 2 < end and doc[j + 2].lower_ == "cent"
        ):
            unit, last = "percent", j + 2
        elif nxt is not None and nxt.lower_ == "times":
            unit, last = "times", j + 1
        elif nxt is not None and nxt.lemma_.lower() in lexicon().words["currency"]:
            unit = "money"
        else:
            # units of time: "three days", "12-24 hours", "eight-hour", "41-year-old"
            k = j + 1
            if k < end and doc[k].text == "-":
                k += 1
            if (
                k + 1 < end
                and doc[k].lower_ == "light"
                and doc[k + 1].lemma_.lower() == "year"
            ):
                last = k + 1  # "40 light years": a distance, not a time
            elif k < end and doc[k].lemma_.lower() in lexicon().words["time unit"]:
                # "three days", "12-24 hours": the unit is what is counted and part of the figure
                unit, unit_token, last = "time", k, k
                if (
                    doc[k].lemma_.lower() == "year"
                    and k + 2 < end
                    and doc[k + 1].text == "-"
                    and doc[k + 2].lower_ in {"old", "olds"}
                ):
                    unit, unit_token, last = "age", k, k + 2  # "41-year-old": the whole word
                elif (
                    doc[k].lower_ in {"year", "years"}
                    and k + 1 < end
                    and doc[k + 1].lower_ in {"old", "olds"}
                ):
                    unit, unit_token, last = "age", k, k + 1
            elif k == j + 2 and k < end and _is_ordinal_word(doc[k]):
                i = k + 1  # "twenty-sixth": an ordinal, a rank
                continue
            elif k == j + 2 and k < end and doc[k].is_alpha:
                last = k  # "48-acre", "five-member": the hyphenated word is one quantity
                if doc[k].lower_ == "fold":
                    unit = "times"  # "10-fold"
        if unit == "count" and _is_age(doc, first, j, start):
            unit = "age"
        if _is_date(doc, first, last, unit) or (
            unit != "age"  # "age 10" is no "Pier 14"
            and not signed
            and _is_name_or_label(doc, i, j, heading)
        ):
            i = last + 1
            continue
        if doc[first].text.startswith("~") and precision == "exact":
            precision, low, high = "approximate", value * 0.9, value * 1.1  # "~23 m": about 23
        found.append(
            _Raw(
                first,
                last,
                i,
                j,
                math.sqrt(low * high) if low and high else value,
                low,
                high,
                precision,
                unit,
                False,
                unit_token,
            )
        )
        i = last + 1
    return found


def _apply_modifier(doc: Doc, raw: _Raw, sent: Span) -> _Raw:
    """ "over 400", "approximately 2,500", "up to 56%", and "… or more" after the figure."""
    lex = lexicon()
    match = _match_before(doc, raw.first, sent.start, lex.modifiers)
    if match:
        first, (precision, low_factor, high_factor) = match
        if raw.precision == "vague":
            # "more than dozens" stays a vague figure, from the vague word's own lower end
            return replace(raw, first=first)
        low = raw.low * low_factor if low_factor is not None and raw.low is not None else None
        high = raw.high * high_factor if high_factor is not None and raw.high is not None else None
        if precision == "lower bound":
            high = None
        if precision == "upper bound":
            low = None
        if raw.precision == "range" and precision == "exact":
            precision, low, high = "range", raw.low, raw.high
        return replace(raw, first=first, low=low, high=high, precision=precision)
    after = [t.lower_ for t in doc[raw.last + 1 : min(raw.last + 6, sent.end)]]
    if raw.precision == "exact" and (
        after[:2] == ["or", "more"]
        or (len(after) >= 3 and after[1:3] == ["or", "more"])
        or after[:3] == [",", "at", "least"]
        or (len(after) >= 4 and after[1:4] == [",", "at", "least"])
    ):
        return replace(raw, low=raw.value, high=None, precision="lower bound")
    return raw


# --- what is counted, where, by whom, when -----------------------------------------------------


def _counted_noun(doc: Doc, raw: _Raw) -> Token | None:
    """The noun the figure counts: the head it modifies, or the object of its "of"."""
    token = doc[raw.num_last]
    for _ in range(4):  # climb "15" -> "million" -> "%"/"$" within the figure
        if raw.first <= token.head.i <= raw.last and token.head.i != token.i:
            token = token.head
        else:
            break
    head = token.head
    if (
        token.dep_ in {"nummod", "quantmod", "compound", "amod", "npadvmod"}
        and head.pos_ in {"NOUN", "PROPN"}
        and head.i > raw.last
    ):
        return head
    nxt = raw.last + 1
    if (
        nxt + 1 < len(doc)
        and doc[nxt].lower_ in {"more", "additional", "extra"}
        and doc[nxt + 1].pos_ == "NOUN"
    ):
        return doc[nxt + 1]  # "dozens more cities"
    if nxt < len(doc) and doc[nxt].lower_ == "of":
        for child in doc[nxt].children:
            if child.dep_ == "pobj":
                return child
    if (
        raw.unit in {"percent", "money"}
        and token.dep_ == "pobj"
        and token.head.lower_ == "of"
        and token.head.head.pos_ == "NOUN"
    ):
        return token.head.head  # "cuts of up to 56%"
    if token.dep_ in {"dobj", "attr"} and token.head.pos_ == "VERB":
        subjects = [c for c in token.head.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
        if subjects and token.head.lemma_ in {"reach", "total", "be", "exceed", "hit", "cost"}:
            return subjects[0]  # "the national debt reaching nearly $37 trillion"
    if (
        token.dep_ in {"dobj", "attr"}
        and token.head.dep_ == "acl"
        and token.head.head.pos_ == "NOUN"
        and token.head.lemma_ in {"reach", "total", "exceed", "hit", "cost"}
    ):
        return token.head.head
    for child in token.children:  # "dozens … of migrants" when the parse attaches it further off
        if child.dep_ == "prep" and child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.pos_ in {"NOUN", "PROPN", "PRON"}:
                    return grandchild
    return None


def _noun_phrase(doc: Doc, noun: Token, after: int, numbers: bool = False) -> str:
    """The noun with the modifiers before it, without determiners or the figure itself."""
    if noun.lower_ in _RELATIVE:
        clause = next((t for t in noun.ancestors if t.dep_ == "relcl"), None)
        if clause is not None:  # "38 million of whom": the people the clause is about
            noun = clause.head
            after = noun.left_edge.i
    begin = max(noun.left_edge.i, after)
    words = [t for t in doc[begin : noun.i + 1]]
    while words and (
        words[0].pos_ in {"DET", "PUNCT", "ADP", "CCONJ", "PRON", "PART"}
        or words[0].dep_ in {"poss", "case"}
        or (
            not numbers
            and (words[0].like_num or words[0].pos_ == "NUM" or words[0].dep_ == "quantmod")
        )
    ):
        words = words[1:]
    if not words:
        return noun.text
    return doc[words[0].i : noun.i + 1].text


def _clause_head(token: Token) -> Token:
    """The verb of the clause holding `token` (the root when there is none)."""
    current = token
    for _ in range(40):
        if current.pos_ in {"VERB", "AUX"} and current.dep_ != "amod":
            return current
        if current.head.i == current.i:
            return current
        current = current.head
    return current


def _inside(token: Token, ancestor: Token) -> bool:
    return ancestor.left_edge.i <= token.i <= ancestor.right_edge.i and (
        token.i == ancestor.i or ancestor in token.ancestors
    )


_NESTED = {"relcl", "advcl", "ccomp", "acl", "nsubj", "nsubjpass", "csubj", "parataxis", "appos"}


def _local(token: Token, verb: Token, anchor: Token) -> bool:
    """Is `token` in the figure's own clause: under `verb`, not in a nested clause or the subject
    (unless the figure is in there too)?"""
    if not _inside(token, verb):
        return False
    current = token
    while current.i != verb.i:
        nested = current.dep_ in _NESTED or (current.dep_ == "conj" and current.pos_ == "VERB")
        if nested and not _inside(anchor, current):
            return False
        current = current.head
    return True


def _subject(verb: Token, raw: _Raw) -> Token | None:
    """The clause's subject, through "who"/"which" and "decided to send" to the antecedent."""
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return verb.head  # "Trump, who began by deploying 300": the antecedent
            if _inside(subject.doc[raw.num_last], subject):
                return None  # the figure is itself the subject, or inside it
            return subject
        if verb.dep_ in {"xcomp", "conj", "pcomp", "advcl"} or verb.head.lower_ == "by":
            verb = _clause_head(verb.head) if verb.head.i != verb.i else verb
            continue
        if verb.dep_ == "relcl":
            return verb.head
        return None
    return None


def _actor(doc: Doc, verb: Token, raw: _Raw, noun: Token | None, ents: list[Span]) -> str:
    subject = _subject(verb, raw)
    if subject is None or subject.lower_ in _PRONOUNS | _RELATIVE:
        return ""
    if noun is not None and subject.i == noun.i:
        return ""
    names = [
        e
        for e in ents
        if e.label_ in {"PERSON", "ORG", "GPE", "NORP"}
        and subject.left_edge.i <= e.start
        and e.end - 1 <= subject.i
    ]
    if names:
        return names[0].text
    return _noun_phrase(doc, subject, subject.left_edge.i, numbers=True)


def _places(doc: Doc, verb: Token, raw: _Raw, ents: list[Span]) -> str:
    """Location entities and borders named in the figure's clause."""
    anchor = doc[raw.num_last]
    names = []
    for ent in ents:
        if ent.label_ in _PLACE_ENTITIES and _local(ent.root, verb, anchor):
            names.append(ent.text)
    for token in doc[verb.left_edge.i : verb.right_edge.i + 1]:
        if token.lemma_.lower() == "border" and _local(token, verb, anchor):
            names.append(_noun_phrase(doc, token, token.left_edge.i))
    seen: list[str] = []
    for name in names:
        name = name.removeprefix("the ")
        if name.lower() not in {s.lower() for s in seen}:
            seen.append(name)
    return ", ".join(seen)


def _time_words(doc: Doc, sent: Span) -> list[tuple[int, str]]:
    """Time words of the sentence that are not dates ("initially", "so far", "now")."""
    found = []
    for k in range(sent.start, sent.end):
        match = _match_at(doc, k, sent.end, lexicon().time_words)
        if match and not (
            doc[k].lower_ == "now" and k + 1 < sent.end and doc[k + 1].lower_ == "that"
        ):
            found.append((k, match[1]))
    return found


def _time_frame(
    doc: Doc,
    verb: Token,
    raw: _Raw,
    ents: list[Span],
    quantity_tokens: set[int],
    time_words: list[tuple[int, str]],
):
    """The nearest DATE/TIME phrase or time word in the figure's clause, as the text writes it."""
    anchor = raw.num_first
    figure = doc[raw.num_last]
    candidates: list[tuple[int, str]] = []
    clauses = [verb]
    if verb.head.i != verb.i:
        clauses.append(_clause_head(verb.head))
    times = []  # DATE and TIME entities, adjacent ones merged ("Tuesday" + "evening")
    for ent in ents:
        if ent.label_ not in {"DATE", "TIME"} or any(t.i in quantity_tokens for t in ent):
            continue
        if times and times[-1][1] == ent.start:
            times[-1] = (times[-1][0], ent.end)
        else:
            times.append((ent.start, ent.end))
    for depth, clause in enumerate(clauses):
        for ent_start, ent_end in times:
            ent = doc[ent_start:ent_end]
            if not (_local(ent.root, clause, figure) if depth == 0 else _inside(ent.root, clause)):
                continue
            begin = ent.start
            before = doc[begin - 1] if begin > 0 else None
            if (
                before is not None
                and before.dep_ == "prep"
                and before.lower_
                in {
                    "since",
                    "over",
                    "during",
                    "in",
                    "on",
                    "by",
                    "until",
                    "after",
                    "before",
                    "from",
                    "through",
                    "within",
                    "throughout",
                    "for",
                    "this",
                    "last",
                }
            ):
                begin -= 1
            candidates.append((depth * 1000 + abs(ent.start - anchor), doc[begin : ent.end].text))
        for k, label in time_words:
            local = _local(doc[k], clause, figure) if depth == 0 else _inside(doc[k], clause)
            if local:
                candidates.append((depth * 1000 + abs(k - anchor), label))
        if candidates:
            break
    return min(candidates)[1] if candidates else None


def _topic(raw: _Raw, noun: Token | None, verb: Token, doc: Doc, counted: str) -> str:
    lex = lexicon()
    if raw.unit == "money":
        return "money"
    if raw.unit == "percent":
        return "percentages"
    if raw.unit != "count":
        return "other"
    head = noun.lemma_.lower() if noun is not None else ""
    words = counted.lower().split()
    counted_topic = lex.counted.get(head)
    if counted_topic is None and head in {"agent", "element", "member"} and "guard" in words:
        counted_topic = "troops"  # "National Guard agents", "National Guard elements"
    if counted_topic is None and "guard" in words and head in {"guard", "guards"}:
        counted_topic = "troops"
    if counted_topic == "troops":
        return counted_topic  # "2,000 National Guard troops" are troops whatever the verb
    # the event the figure takes part in: "70 protesters were arrested", "the detention of 1,200"
    event_topic = None
    target = noun if noun is not None else doc[raw.num_last]
    while target.head.i != target.i and raw.first <= target.head.i <= raw.last:
        target = target.head
    steps = [target]
    if target.dep_ == "pobj" and target.head.lower_ == "of":
        steps.append(target.head.head)  # "the deportation of 72,179 people"
    steps.extend(c for c in target.children if c.dep_ in {"acl", "amod", "relcl"})
    steps.append(verb)
    steps.extend(  # "left dozens of migrants detained", "found three dead"
        c
        for c in verb.children
        if c.dep_ in {"advcl", "xcomp", "oprd", "ccomp", "acomp"}
        and (c.tag_ == "VBN" or c.lemma_.lower() in lex.events)
        and not any(g.dep_.startswith("nsubj") for g in c.children)
    )
    for step in steps:
        lemma = step.lemma_.lower()
        if lemma in lex.events:
            event_topic = lex.events[lemma]
            if event_topic == "arrests" and step.pos_ in {"VERB", "AUX"}:
                subjects = [
                    (
                        step.head if c.lower_ in _RELATIVE and step.dep_ == "relcl" else c
                    ).lemma_.lower()
                    for c in step.children
                    if c.dep_ == "nsubj"
                ]
                if any(s in lex.words["raid"] for s in subjects):
                    event_topic = "detentions"  # people held in immigration raids
            break
        if step.pos_ == "VERB" and any(
            c.dep_ == "prep" and any(g.lemma_.lower() == "street" for g in c.children)
            for c in step.children
        ):
            event_topic = "protesters"  # "took to the streets", "poured onto the streets"
            break
    return event_topic or counted_topic or "other"


def _planned(verb: Token) -> bool:
    """ "a goal, to deport 1 million", "plans to hire 500": the figure is intended, not counted."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    if verb.dep_ == "advcl":
        return True  # an infinitive of purpose: "(in order) to deport 1 million people"
    head = verb.head
    for _ in range(3):
        if head.lemma_.lower() in lexicon().words["intention"]:
            return True
        if head.i == head.head.i:
            break
        head = head.head
    return False


def _scope(topic: str, counted: str) -> str:
    if topic != "troops":
        return ""
    low = counted.lower()
    if "guard" in low:
        return "National Guard"
    if "marine" in low:
        return "Marines"
    if "active-duty" in low or "active duty" in low:
        return "active-duty"
    return "unspecified"


# --- sourcing a figure ---------------------------------------------------------------------------


def _scope_of_cue(doc: Doc, cue: Token) -> Token | None:
    """The clause a source speaks for: the reporting verb's complement, or what "according to"
    modifies."""
    if cue.lower_ == "according":
        head = cue.head
        return _clause_head(head) if head.i != cue.i else cue
    if cue.dep_ in {"parataxis", "advcl"} and cue.i > cue.head.i:
        return cue.head  # "…, police said."
    return cue


def _sources(doc: Doc, article: Article) -> list[tuple[Token, str, int]]:
    from .sourcing import find_attributions

    try:
        attributions = find_attributions(article)
    except Exception:  # a fault in the sourcing lens must not sink the figures: none is sourced
        attributions = []
    found = []
    for a in attributions:
        if a.cue.lower() in lexicon().hedges or a.cue_start < 0:
            continue
        span = doc.char_span(a.cue_start, a.cue_end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        scope = _scope_of_cue(doc, span[0])
        if scope is not None:
            found.append((scope, a.source, a.sentence))
    return found


def _sourced_by(raw: _Raw, doc: Doc, sources: list[tuple[Token, str]]) -> str:
    anchor = doc[raw.num_last]
    for scope, source in sources:
        if _inside(anchor, scope):
            subject = [c for c in scope.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subject and _inside(anchor, subject[0]) and scope.lower_ != "according":
                continue  # "a memo described …": the speaker's own words are not what it says
            when = doc[raw.unit_token].head if raw.unit == "time" and raw.unit_token >= 0 else None
            if when is not None and (when == scope or (when.dep_ == "prep" and when.head == scope)):
                continue  # "During the last few hours Trump has threatened": when, not what
            return source
    return ""


def _hedged(raw: _Raw, doc: Doc, sent: Span) -> str:
    hedges = lexicon().hedges
    anchor = doc[raw.num_last]
    for token in sent:
        if token.lower_ in hedges:
            clause = _clause_head(token.head if token.head.i != token.i else token)
            if _inside(anchor, clause):
                return token.lower_
    return ""


def _setting(doc: Doc) -> str:
    """The places an article names most (twice or more; else the first few): where its story is."""
    counts: dict[str, int] = {}
    for ent in doc.ents:
        if ent.label_ not in {"GPE", "LOC"}:
            continue
        name = ent.text.removeprefix("the ").removeprefix("The ")
        known = next((k for k in counts if _same_name(k, name)), name)
        counts[known] = counts.get(known, 0) + 1
    ranked = sorted(counts, key=lambda k: -counts[k])
    frequent = [k for k in ranked if counts[k] >= 2]
    return ", ".join((frequent or ranked)[:4])


# --- the public function ------------------------------------------------------------------------


def find_quantities(article: Article) -> list[Quantity]:
    """Every quantity in the article (headings included), in reading order."""
    return list(_find_quantities(article))


@per_article(hand_back=True)
def _find_quantities(article: Article) -> tuple[Quantity, ...]:
    # Kept per article: the ledger, the audit and the report ask for the same figures again,
    # and a worker process hands its figures to the parent, which builds the ledger.
    from .nlp import parse

    doc = parse(article)
    sources: dict[int, list[tuple[Token, str]]] = {}
    for scope, source, where in _sources(doc, article):
        sources.setdefault(where, []).append((scope, source))
    sourced_paragraphs = {article.sentences[s].paragraph for s in sources}
    ents_by_token: dict[int, list[Span]] = {}
    for ent in doc.ents:  # one pass: each sentence then finds its own entities
        ents_by_token.setdefault(ent.start, []).append(ent)
    setting = _setting(doc)
    found: list[Quantity] = []
    for index, sentence in enumerate(article.sentences):
        sent = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if sent is None or not len(sent):
            continue
        ents = [e for k in range(sent.start, sent.end) for e in ents_by_token.get(k, ())]
        raws = [_apply_modifier(doc, r, sent) for r in _figures(doc, sent, sentence.kind != "body")]
        if not raws:
            continue
        quantity_tokens = {k for r in raws for k in range(r.first, r.last + 1)}
        counting = any(r.first != r.last or doc[r.first].lower_ != "one" for r in raws)
        time_words = _time_words(doc, sent)
        previous: tuple[str, Token | None] = ("", None)
        for raw in raws:
            noun = _counted_noun(doc, raw)
            counted = ""
            if noun is not None:  # "2,000 National Guard troops", "a fatality rate of up to 90%"
                after = raw.last + 1 if noun.i > raw.last else noun.left_edge.i
                counted = _noun_phrase(doc, noun, after)
            if raw.unit == "time":
                noun = doc[raw.unit_token]
                counted = noun.text  # a duration counts its unit: "days", "hours"
            of = ""
            if raw.unit == "percent":
                of, counted = counted, counted
            role = doc[raw.num_last].dep_
            if (
                noun is None
                and raw.unit == "count"
                and previous[0]
                and role in {"dobj", "conj", "appos"}
            ):
                counted, noun = previous  # "300 National Guard agents …, now more than 2,000"
            elif noun is not None and raw.unit == "count":
                previous = (counted, noun)
            verb = _clause_head(doc[raw.num_last])
            topic = _topic(raw, noun, verb, doc, counted)
            if (
                doc[raw.first].lower_ == "one"
                and raw.first == raw.last
                and topic == "other"
                and not _counts_one(doc, raw.first, counting)
            ):
                continue  # "one could argue", "the one posed", "no one": not a count
            source = _sourced_by(raw, doc, sources.get(index, []))
            increment = any(
                doc[k].lower_ in {"additional", "more", "extra", "another"}
                and not (k + 1 < len(doc) and doc[k + 1].lower_ == "than")
                for k in range(max(raw.first - 1, sent.start), min(raw.last + 2, sent.end))
            )
            start, end = doc[raw.first].idx, doc[raw.last].idx + len(doc[raw.last].text)
            found.append(
                Quantity(
                    text=article.text[start:end],
                    value=raw.value,
                    low=raw.low,
                    high=raw.high,
                    precision=raw.precision,
                    unit=raw.unit,
                    counted=counted,
                    topic=topic,
                    scope=_scope(topic, counted),
                    place=_places(doc, verb, raw, ents),
                    actor=_actor(doc, verb, raw, noun, ents),
                    time_frame=_time_frame(doc, verb, raw, ents, quantity_tokens, time_words),
                    attributed=bool(source),
                    attributed_in="sentence"
                    if source
                    else "paragraph"
                    if sentence.paragraph in sourced_paragraphs and index not in sources
                    else "",
                    source=source,
                    hedge=_hedged(raw, doc, sent),
                    start=start,
                    end=end,
                    sentence=index,
                    increment=increment,
                    planned=_planned(verb),
                    of=of,
                    setting=setting,
                    open_above=raw.vague_open,
                )
            )
    return tuple(found)


# --- the ledger: like with like ----------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """Figures that measure the same thing across articles, a verdict, and why in one sentence."""

    topic: str
    scope: str  # what the figures count, where and when, as the texts give it
    values: tuple[tuple[str, Quantity], ...]  # (article id, quantity)
    verdict: str  # consistent | conflicting | not comparable | single-source
    explanation: str
    ratio: float | None = None


def _words(text: str) -> list[str]:
    return [w.strip(".,’'\"()").removesuffix("’s") for w in text.lower().replace("-", " ").split()]


@lru_cache(maxsize=65536)  # the ledger asks about the same few names for every pair of figures
def _same_name(a: str, b: str) -> bool:
    """ "Los Angeles" = "greater Los Angeles" = "LA"; "California" ≠ "Los Angeles"."""
    skip = {"the", "greater", "of", "in", "central", "downtown"}
    wa = [w for w in _words(a) if w not in skip]
    wb = [w for w in _words(b) if w not in skip]
    if not wa or not wb:
        return True
    short, long = sorted((wa, wb), key=len)
    if all(w in long for w in short):
        return True
    initials = lambda ws: "".join(w[0] for w in ws)  # noqa: E731
    return "".join(short) in {initials(long), initials(long).replace("", "")}


@lru_cache(maxsize=65536)
def _overlap(a: str, b: str) -> bool:
    return bool(a and b) and any(_same_name(x, y) for x in a.split(", ") for y in b.split(", "))


def _same_places(a: Quantity, b: Quantity) -> bool:
    """Positive evidence of one place: the figures' own places, else the places their articles
    are about ("2,000 … arrived in LA" and a D figure with no place, in an article about LA)."""
    if a.place and b.place:
        return _overlap(a.place, b.place)
    if a.place or b.place:
        placed, other = (a, b) if a.place else (b, a)
        return _overlap(placed.place, other.setting)
    return _overlap(a.setting, b.setting)


def _head(q: Quantity) -> str:
    return _head_word(q.counted)


@lru_cache(maxsize=65536)
def _head_word(counted: str) -> str:
    words = _words(counted)
    word = words[-1] if words else ""
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _differences(a: Quantity, b: Quantity) -> list[str]:
    """Why two figures do not measure the same thing (empty: they do, as far as the texts say)."""
    reasons = []
    if a.topic != b.topic or a.unit != b.unit:
        return ["what they measure"]
    if a.unit == "percent" and not (a.of and b.of and _same_name(a.of, b.of)):
        reasons.append("the base of the percentage")
    if a.increment != b.increment:
        reasons.append("an increase against a total")
    if a.planned != b.planned:
        reasons.append("a goal against a count")
    if a.scope != b.scope:
        reasons.append("which force")
    ha, hb = _head(a), _head(b)
    generic = _GENERIC_COUNTED
    if ha != hb and ha not in generic and hb not in generic and a.topic in {"other", "cities"}:
        reasons.append("what is counted")
    if not _same_places(a, b):
        reasons.append("place")
    if a.actor and b.actor and not _same_name(a.actor, b.actor):
        reasons.append("who acts")
    if a.time_frame and b.time_frame and a.time_frame.lower() != b.time_frame.lower():
        reasons.append("time frame")
    return reasons


def _comparable(q: Quantity) -> bool:
    return q.topic != "other" and q.unit in {"count", "money", "percent"}


_NAMED = {"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC"}
STORY_NAMES = 5
"""Articles tell one story when they name at least this many of the same people, places, groups."""


@per_article(hand_back=True)
def _story(article: Article) -> frozenset[str]:
    from .nlp import parse

    return frozenset(
        e.text.lower().removeprefix("the ") for e in parse(article).ents if e.label_ in _NAMED
    )


def _differ(
    stories: dict[str, frozenset[str]], a_id: str, a: Quantity, b_id: str, b: Quantity
) -> list[str]:
    """`_differences`, plus: figures from two articles are compared only within one story."""
    reasons = _differences(a, b)
    if a_id != b_id and len(stories[a_id] & stories[b_id]) < STORY_NAMES:
        reasons.append("story (the articles name few of the same people and places)")
    return reasons


def _clusters(
    values: list[tuple[str, Quantity]], stories: dict[str, frozenset[str]]
) -> list[list[tuple[str, Quantity]]]:
    clusters: list[list[tuple[str, Quantity]]] = []
    alike: dict[tuple, list[list[tuple[str, Quantity]]]] = {}  # figures that differ in none
    for article_id, q in values:  # of these keys: `_differences` finds a reason in any of them
        key = (q.topic, q.unit, q.increment, q.planned, q.scope)
        for cluster in alike.get(key, ()):
            if all(not _differ(stories, article_id, q, b, other) for b, other in cluster):
                cluster.append((article_id, q))
                break
        else:
            clusters.append([(article_id, q)])
            alike.setdefault(key, []).append(clusters[-1])
    return clusters


def _open_bounds(q: Quantity) -> tuple[float, float]:
    """The range a figure allows; plural scale words ("thousands") set a lower end only."""
    low = q.low if q.low is not None else 0.0
    high = q.high if q.high is not None else math.inf
    if q.open_above:
        high = math.inf
    return low, high


def _describe(q: Quantity, article_id: str | None = None) -> str:
    parts = [f"“{q.text}”" + (f" {q.counted}" if q.counted else "")]
    if q.place:
        parts.append(f"in {q.place}")
    if q.actor:
        parts.append(f"by {q.actor}")
    if q.time_frame:
        parts.append(f"({q.time_frame})")
    if q.increment:
        parts.append("(an increase)")
    return (f"{article_id} " if article_id else "") + " ".join(parts)


def _label(cluster: list[tuple[str, Quantity]]) -> str:
    """What the figures of a group count, from the fullest description any of them gives."""
    qs = [q for _, q in cluster]
    counted = max((q.counted for q in qs), key=len)
    place = max((q.place for q in qs), key=len)
    frames = {(q.time_frame or "").lower() for q in qs}
    frame = qs[0].time_frame if len(frames) == 1 and qs[0].time_frame else ""  # only if all say it
    label = counted or qs[0].topic
    if qs[0].unit == "percent" and qs[0].of:
        label = f"% of {qs[0].of}"
    return label + (f", {place}" if place else "") + (f", {frame}" if frame else "")


def _verdict(cluster: list[tuple[str, Quantity]]) -> tuple[str, str, float | None]:
    by_article: dict[str, list[Quantity]] = {}
    for article_id, q in cluster:
        by_article.setdefault(article_id, []).append(q)
    listed = "; ".join(_describe(q, a) for a, q in cluster)
    points = sorted({p for _, q in cluster for p in _open_bounds(q) if math.isfinite(p)})
    for point in points:
        if all(
            any(_open_bounds(q)[0] <= point <= _open_bounds(q)[1] for q in qs)
            for qs in by_article.values()
        ):
            bounds = all(q.precision in {"lower bound", "upper bound", "vague"} for _, q in cluster)
            note = (
                " Each is a bound or a vague word (“over”, “at least”, “thousands”), so all can "
                "be true at once, though they may describe different moments."
                if bounds
                else ""
            )
            return "consistent", f"The figures can all be true together: {listed}.{note}", None
    values = sorted(q.value for _, q in cluster)
    ratio = values[-1] / max(values[0], 1e-9)
    return (
        "conflicting",
        f"These figures count the same thing and no single number fits them all: {listed}; the "
        f"largest is {ratio:.1f} times the smallest. Which source counted, and when?",
        round(ratio, 1),
    )


def compare_claims(articles: Sequence[Article], topics: Sequence[str] = TOPICS[:-1]) -> list[Claim]:
    """Figures grouped only when they measure the same thing, each group with a verdict and why."""
    by_topic: dict[str, list[tuple[str, Quantity]]] = {}
    stories = {article.id: _story(article) for article in articles}
    for article in articles:
        for q in find_quantities(article):
            if q.topic in topics and _comparable(q):
                by_topic.setdefault(q.topic, []).append((article.id, q))
    claims = []
    for topic in sorted(by_topic, key=TOPICS.index):
        values = by_topic[topic]
        clusters = _clusters(values, stories)
        shared = [c for c in clusters if len({a for a, _ in c}) > 1]
        alone = [c for c in clusters if len({a for a, _ in c}) == 1]
        for cluster in shared:
            verdict, explanation, ratio = _verdict(cluster)
            claims.append(
                Claim(topic, _label(cluster), tuple(cluster), verdict, explanation, ratio)
            )
        if not alone:
            continue
        rest = [v for c in alone for v in c]
        ids = sorted({a for a, _ in values})
        listed = "; ".join(_describe(q, a) for a, q in rest)
        if len(ids) == 1:
            claims.append(
                Claim(
                    topic,
                    "",
                    tuple(rest),
                    "single-source",
                    f"Only article {ids[0]} gives figures on {topic}: {listed}.",
                )
            )
            continue
        reasons = sorted(
            {
                r
                for c in alone
                for _, q in c
                for a, other in values
                if a != c[0][0]
                for r in _differ(stories, c[0][0], q, a, other)
            }
        )
        why = ", ".join(reasons) or "what they count"
        claims.append(
            Claim(
                topic,
                "other figures" if shared else "",
                tuple(rest),
                "not comparable",
                f"These figures on {topic} count different things, so they are not set against "
                f"each other — they differ in {why}: {listed}.",
            )
        )
    return claims


def within_article_checks(article: Article) -> list[dict[str, Any]]:
    """Figures in one article that count the same thing, changes over time, vague beside precise."""
    notes: list[dict[str, Any]] = []
    values = [(article.id, q) for q in find_quantities(article) if _comparable(q)]
    clusters = _clusters(values, {article.id: frozenset()})
    for cluster in clusters:
        qs = [q for _, q in cluster]
        topic, scope = qs[0].topic, qs[0].scope
        if len(qs) > 1:
            verdict, _, _ = _verdict([(str(k), q) for k, q in enumerate(qs)])
            agree = (
                "they can all be true together"
                if verdict == "consistent"
                else ("no single number fits them all")
            )
            notes.append(
                {
                    "article": article.id,
                    "topic": topic,
                    "scope": scope,
                    "kind": "several figures",
                    "message": f"{len(qs)} figures for the same thing ({_label(cluster)}): "
                    + ", ".join(_describe(q) for q in qs)
                    + f"; {agree}.",
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
                    f"{', '.join(_describe(q) for q in precise)} for the same thing.",
                }
            )
    for k, first in enumerate(clusters):
        for second in clusters[k + 1 :]:
            a, b = first[0][1], second[0][1]
            if _differences(a, b) == ["time frame"]:
                notes.append(
                    {
                        "article": article.id,
                        "topic": a.topic,
                        "scope": a.scope,
                        "kind": "different moments",
                        "message": f"{_describe(a)} and {_describe(b)} count the same thing at "
                        "different times: a change, not a contradiction.",
                    }
                )
    return notes


# --- output ----------------------------------------------------------------------------------

_INTERNAL = {"sentence", "of", "setting", "open_above"}


def _plain(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 2)


def quantities_json(article: Article) -> dict[str, Any]:
    """The `quantities` key of `medialit analyze --json` for one article."""
    return {
        "quantities": [
            {
                **{k: v for k, v in asdict(q).items() if k not in _INTERNAL},
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
                        "counted": q.counted,
                        "place": q.place,
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


_TABLE_COLUMNS = [
    "¶",
    "figure",
    "low",
    "high",
    "precision",
    "counted",
    "topic",
    "scope",
    "where",
    "time frame",
    "source named",
]


def quantity_table(article: Article, include_other: bool = True):
    """Every figure of one article as a table: how precise, about what, where, when, sourced?"""
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
            "where": q.place,
            "time frame": q.time_frame or "",
            "source named": (f"{q.attributed_in}: {q.source}" if q.source else q.attributed_in)
            or (f"no ({q.hedge})" if q.hedge else "no"),
        }
        for q in find_quantities(article)
        if include_other or q.topic != "other"
    ]
    return pd.DataFrame(rows, columns=_TABLE_COLUMNS)


def claims_table(articles: Sequence[Article]):
    """The ledger as a table: a row per group of like figures, a column per article, the verdict."""
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
