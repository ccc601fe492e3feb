"""The loaded-language lens: charged words, whose voice they are in, and a neutral alternative.

`find_loaded_language` matches the lexicon in datasets/lexicons/loaded_language.csv
(each entry: a word or phrase with its inflections, the propaganda technique it
usually signals — named as in the SemEval-2020 Task 11 corpus — an intensity, a
neutral alternative and a one-line explanation) and says whose voice each match
is in: the author's own, a direct quotation, or an attributed paraphrase. A word
inside quotation marks tells you about the speaker, not the reporter.

A lexicon cannot see irony, context or a word used in its literal sense ("a
storm" of rain): its count is a prompt for reading, not a verdict.
"""

from __future__ import annotations

import csv
import html
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cache, lru_cache
from typing import Any

from .corpus import Article, find_quotations
from .paths import datasets_dir

__all__ = [
    "TECHNIQUES",
    "LoadedTerm",
    "find_loaded_language",
    "language_json",
    "language_summary",
    "language_table",
    "loaded_html",
    "loaded_spans",
    "loaded_table",
    "loaded_view",
    "rewrite_view",
    "neutral_rewrite",
    "opinion_signals",
]

TECHNIQUES = (
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Exaggeration,Minimisation",
    "Appeal_to_fear-prejudice",
    "Flag-Waving",
    "Slogans",
    "Black-and-White_Fallacy",
    "Doubt",
    "Causal_Oversimplification",
    "Whataboutism,Straw_Men,Red_Herring",
    "Bandwagon,Reductio_ad_hitlerum",
    "Thought-terminating_Cliches",
    "Appeal_to_Authority",
    "Repetition",
)
VOICES = ("author", "quoted", "attributed paraphrase")


@dataclass(frozen=True)
class Entry:
    term: str
    technique: str
    intensity: int
    neutral: str
    explanation: str


@dataclass(frozen=True)
class LoadedTerm:
    """One match: the words, the technique, whose voice, and what a neutral writer might say."""

    text: str
    term: str
    technique: str
    intensity: int
    voice: str  # author | quoted | attributed paraphrase
    neutral: str
    explanation: str
    start: int
    end: int


@cache
def lexicon() -> tuple[Entry, ...]:
    with open(datasets_dir() / "lexicons" / "loaded_language.csv", encoding="utf-8") as handle:
        return tuple(
            Entry(r["term"], r["technique"], int(r["intensity"]), r["neutral"], r["explanation"])
            for r in csv.DictReader(handle)
        )


def _inflected(term: str) -> str:
    """A regex for a term with its usual inflections (slam: slams, slammed, slamming)."""
    words = term.split()
    last = re.escape(words[-1])
    head = r"\s+".join(re.escape(w) for w in words[:-1])
    word = words[-1]
    if len(words) == 1 and word.isalpha() and len(word) > 3:
        forms = [r"s", r"es", r"ed", r"d", r"ing", r"ly"]
        if word.endswith("e"):
            forms.append(r"")
            last = re.escape(word[:-1]) + r"(?:e|es|ed|ing)"
        elif re.search(r"[^aeiou][aeiou][bdgklmnprt]$", word):
            last = last + r"(?:" + re.escape(word[-1]) + r"(?:ed|ing)|s|es|ed|ing)?"
        else:
            last = last + r"(?:" + "|".join(forms) + r")?"
    pattern = (head + r"\s+" if head else "") + last
    return r"(?<![\w-])" + pattern + r"(?![\w-])"


@cache
def _matcher() -> tuple[re.Pattern, dict[str, Entry]]:
    entries = sorted(lexicon(), key=lambda e: -len(e.term))  # longest first: "so-called experts"
    by_group = {}
    parts = []
    for index, entry in enumerate(entries):
        name = f"t{index}"
        by_group[name] = entry
        parts.append(f"(?P<{name}>{_inflected(entry.term)})")
    return re.compile("|".join(parts), re.I), by_group


def _reported_regions(article: Article) -> list[tuple[int, int]]:
    """Stretches of text that report someone else's words without quotation marks.

    "According to X, …": the whole sentence. "X said (that) …": from the verb to the end
    of its clause. "…, said X": the words before the verb.
    """
    from .sourcing import find_attributions

    regions = []
    for a in find_attributions(article):
        if a.cue in {"reportedly", "allegedly"} or a.cue_start < 0:
            continue
        sentence = article.sentences[a.sentence]
        if a.cue == "according to":
            regions.append((sentence.start, sentence.end))
        elif a.start > a.cue_start:  # the speaker comes after the verb
            regions.append((sentence.start, a.cue_start))
        else:
            rest = article.text[a.cue_end : sentence.end]
            stop = re.search(r"[;—–]|\s-\s|,(?=\s)|\s(?:when|while|whereas|although)\s", rest)
            regions.append((a.cue_end, a.cue_end + (stop.start() if stop else len(rest))))
    return regions


@lru_cache(maxsize=512)
def _find(article: Article) -> tuple[LoadedTerm, ...]:
    pattern, by_group = _matcher()
    quotes = find_quotations(article.text)
    reported = _reported_regions(article)
    found = []
    for m in pattern.finditer(article.text):
        entry = by_group[m.lastgroup]
        if any(q.start <= m.start() < q.end for q in quotes):
            voice = "quoted"
        elif any(s <= m.start() < e for s, e in reported):
            voice = "attributed paraphrase"
        else:
            voice = "author"
        found.append(
            LoadedTerm(
                m.group(),
                entry.term,
                entry.technique,
                entry.intensity,
                voice,
                entry.neutral,
                entry.explanation,
                m.start(),
                m.end(),
            )
        )
    return tuple(found)


def find_loaded_language(article: Article) -> list[LoadedTerm]:
    """Every lexicon match in the article, with its voice, in reading order."""
    return list(_find(article))


# --- opinion signals -----------------------------------------------------------------------

_SIGNALS = {
    "first_person": re.compile(
        r"\b(?:I|I'm|I’m|me|my|we|we're|we’re|we've|we’ve|us|our|ours|let's|let’s)\b"
    ),
    "second_person": re.compile(r"\b(?:you|your|yours|you're|you’re)\b", re.I),
    "call_to_action": re.compile(
        r"\b(?:we must|we need to|we should|let us|let's|let’s|it is urgent|must be called upon|"
        r"now is the time|join (?:us|the)|stand up|rise up|take action|do not let|don't let)\b",
        re.I,
    ),
}


def opinion_signals(article: Article) -> dict[str, int]:
    """Simple signs of opinion rather than news, counted outside quotations."""
    quotes = find_quotations(article.text)
    counts = Counter()
    for sentence in article.sentences:
        if sentence.kind != "body":
            continue
        outside, cursor = [], sentence.start
        for q in quotes:
            if q.end > sentence.start and q.start < sentence.end:
                outside.append(article.text[cursor : max(cursor, q.start - 1)])
                cursor = max(cursor, q.end + 1)
        text = "".join(outside) + article.text[cursor : sentence.end]
        for name, pattern in _SIGNALS.items():
            counts[name] += len(pattern.findall(text))
        if text.rstrip().endswith("?"):
            counts["rhetorical_questions"] += 1
        counts["exclamations"] += text.count("!")
    return {
        name: counts.get(name, 0)
        for name in (
            "first_person",
            "second_person",
            "rhetorical_questions",
            "call_to_action",
            "exclamations",
        )
    }


# --- summaries and views ------------------------------------------------------------------------


def language_summary(article: Article) -> dict[str, Any]:
    """Matches per 100 words, by voice and by technique, plus the opinion signals."""
    found = find_loaded_language(article)
    words = max(article.words, 1)
    author = [t for t in found if t.voice == "author"]
    quoted = [t for t in found if t.voice != "author"]
    return {
        "author_per_100_words": round(100 * len(author) / words, 2),
        "quoted_per_100_words": round(100 * len(quoted) / words, 2),
        "by_technique": {
            technique: {
                "author": sum(t.technique == technique for t in author),
                "quoted": sum(t.technique == technique for t in quoted),
            }
            for technique in TECHNIQUES
            if any(t.technique == technique for t in found)
        },
        "opinion_signals": opinion_signals(article),
    }


def language_json(article: Article) -> dict[str, Any]:
    """The keys the loaded-language lens adds to each article in `medialit analyze --json`."""
    return {
        "loaded": [
            {k: v for k, v in asdict(t).items() if k not in {"term", "explanation"}}
            for t in find_loaded_language(article)
        ],
        "language": language_summary(article),
    }


def language_table(articles: Sequence[Article]):
    """One row per article: loaded words per 100 words by voice, and the opinion signals."""
    import pandas as pd

    rows = []
    for article in articles:
        summary = language_summary(article)
        rows.append(
            {
                "article": article.id,
                "author voice per 100 words": summary["author_per_100_words"],
                "in quotes or paraphrase per 100 words": summary["quoted_per_100_words"],
                **summary["opinion_signals"],
            }
        )
    return pd.DataFrame(rows).set_index("article")


def _style(technique: str) -> tuple[str, str]:
    """A dark Okabe–Ito shade (3:1 or more on white, see medialit.palette) and a line style."""
    from .palette import DARK

    colours = [c for name, c in DARK.items() if name != "sky blue"]  # too close to blue
    lines = ("solid", "double", "dotted", "dashed", "wavy")
    index = TECHNIQUES.index(technique) if technique in TECHNIQUES else len(TECHNIQUES)
    return colours[index % len(colours)], lines[index % len(lines)]


def loaded_html(article: Article, voices: Sequence[str] = VOICES) -> str:
    """The article with each match underlined (colour and line style per technique), a legend,
    and a tooltip with the technique, the voice and a neutral alternative."""
    found = [t for t in find_loaded_language(article) if t.voice in voices]
    used = sorted(
        {t.technique for t in found}, key=lambda x: TECHNIQUES.index(x) if x in TECHNIQUES else 99
    )
    legend = " ".join(
        f'<span style="text-decoration:underline {_style(t)[1]} {_style(t)[0]} 2px;'
        f'text-underline-offset:3px;padding:0 .3em">{html.escape(t)}</span>'
        for t in used
    )
    parts, cursor = [], 0
    for t in found:
        if t.start < cursor:
            continue
        parts.append(html.escape(article.text[cursor : t.start]))
        colour, line = _style(t.technique)
        tip = f"{t.technique} — {t.voice}. Neutral: {t.neutral or '(leave out)'}. {t.explanation}"
        weight = "font-weight:bold;" if t.voice == "author" else "font-style:italic;"
        parts.append(
            f'<mark title="{html.escape(tip, quote=True)}" style="background:none;{weight}'
            f'text-decoration:underline {line} {colour} 2px;text-underline-offset:3px">'
            f"{html.escape(t.text)}</mark>"
        )
        cursor = t.end
    parts.append(html.escape(article.text[cursor:]))
    body = "".join(parts).replace("\n", "<br>")
    return (
        f"<div><p><strong>Article {html.escape(article.id)}</strong> — "
        "hover a marked word for its technique "
        f"and a neutral alternative. <b>Bold</b>: the author's own voice; <i>italic</i>: quoted or "
        f"attributed.</p><p>Techniques: {legend}</p>"
        f'<div style="font-family:Georgia,serif;line-height:1.7;max-height:32em;overflow-y:auto">'
        f"{body}</div></div>"
    )


@dataclass(frozen=True)
class HTMLView:
    """Any HTML the kit shows in a notebook (no IPython import needed)."""

    html: str

    def _repr_html_(self) -> str:
        return self.html


def loaded_view(article: Article, voices: Sequence[str] = VOICES) -> HTMLView:
    """`loaded_html` for a notebook cell."""
    return HTMLView(loaded_html(article, voices))


def rewrite_view(sentence: str) -> HTMLView:
    """`side_by_side` for a notebook cell."""
    return HTMLView(side_by_side(sentence))


def loaded_table(article: Article, voice: str | None = None):
    """Every match of one article as a table: words, technique, voice, neutral alternative, why."""
    import pandas as pd

    rows = [
        {
            "¶": (article.sentence_at(t.start) or article.sentences[0]).paragraph,
            "words": t.text,
            "technique": t.technique,
            "intensity": t.intensity,
            "voice": t.voice,
            "neutral alternative": t.neutral or "(leave out)",
            "why": t.explanation,
        }
        for t in find_loaded_language(article)
        if voice in (None, t.voice)
    ]
    return pd.DataFrame(
        rows,
        columns=["¶", "words", "technique", "intensity", "voice", "neutral alternative", "why"],
    )


def loaded_spans(article: Article, paragraphs: Sequence[int] | None = None):
    """The kit's author-voice matches as Annotator key spans (label "loaded")."""
    from .annotations import KeySpan

    return [
        KeySpan(t.start, t.end, "loaded", f"{t.technique}: {t.explanation}")
        for t in find_loaded_language(article)
        if t.voice == "author"
        and (
            not paragraphs
            or (article.sentence_at(t.start) or article.sentences[0]).paragraph in paragraphs
        )
    ]


def neutral_rewrite(sentence: str) -> str:
    """The sentence with each lexicon term replaced by its neutral alternative (or left out)."""
    pattern, by_group = _matcher()

    def replace(m: re.Match) -> str:
        entry = by_group[m.lastgroup]
        neutral = _inflect_like(entry.neutral, entry.term, m.group())
        if neutral and m.group()[:1].isupper():
            neutral = neutral[:1].upper() + neutral[1:]
        return neutral

    rewritten = pattern.sub(replace, sentence)
    rewritten = re.sub(r"\s{2,}", " ", rewritten)
    rewritten = re.sub(r"\s+([,.;:!?])", r"\1", rewritten)
    rewritten = re.sub(r"\b(a)\s+([aeiouAEIOU])", r"an \2", rewritten)
    return rewritten.strip()


def _inflect_like(neutral: str, term: str, written: str) -> str:
    """Give the neutral word the ending the written word has ("slammed" -> "criticised")."""
    if not neutral or " " in term:
        return neutral
    ending = written.lower()[len(term) :] if written.lower().startswith(term) else ""
    if written.lower().startswith(term[:-1]) and term.endswith("e") and not ending:
        ending = written.lower()[len(term) - 1 :]
        ending = {"ed": "ed", "es": "s", "ing": "ing"}.get(ending, "")
    if ending in {"", "ly"}:
        return neutral
    first, _, rest = neutral.partition(" ")
    if ending in {"ed", "d"} or (ending.endswith("ed") and len(ending) == 3):
        first = first + "d" if first.endswith("e") else first + "ed"
    elif ending.endswith("ing"):
        first = (first[:-1] if first.endswith("e") else first) + "ing"
    elif ending in {"s", "es"}:
        first = first + ("es" if first.endswith(("s", "sh", "ch")) else "s")
    return f"{first} {rest}".strip()


def side_by_side(sentence: str) -> str:
    """An HTML table: the sentence as written beside its neutral rewrite."""
    return (
        "<table><tr><th>As written</th><th>Neutral rewrite</th></tr>"
        f"<tr><td>{html.escape(sentence)}</td><td>{html.escape(neutral_rewrite(sentence))}</td></tr></table>"
    )
