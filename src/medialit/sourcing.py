"""The sourcing lens: who is cited, how, and whether the attribution can be checked.

It reads the article's one parse (`medialit.nlp.parse`). A cue is a reporting verb
(its lemma in `datasets/lexicons/reporting_verbs.csv`), "according to", "in a
statement", a colon opening a quotation, or "reportedly"; the speaker comes from the
dependency tree: the verb's subject (also inverted: "…, said X"), the object of
"according to", the agent of a passive ("was told by X"). A passive with no agent
("was said to", "reportedly") is an attribution with no speaker. What is not one: a
view held (believe, think), negated speech, a verb that needs what was said and has
none ("found the body", "added to the tension"), and a verb whose words are carried by
its participle ("praised X, saying …" counts once, on "saying"). A speaker headed by a
proper name is *named*; a role alone ("the mayor", "a former Senate staffer", "police",
"a report") is kept as *unnamed*. Its kind comes from the entity type and
`datasets/lexicons/sourcing_terms.csv`.
Pronouns point back to the nearest compatible mention; a surname, a full name, a
title plus name and an acronym of one source share one id (`Attribution.source`).

`audit` flags what a careful reader would: the same attribution twice in a sentence,
one source under two spellings, garbled attribution wording, first-person words
without quotation marks, a quotation with no speaker near it, a role that changes,
and figures with no attribution. The rules are prompts for reading, not a verdict.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from .corpus import Article, Span, count_words, find_quotations
from .nlp import parse
from .paths import datasets_dir

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "KINDS",
    "MODES",
    "Attribution",
    "Flag",
    "attribution_spans",
    "attribution_table",
    "audit",
    "audit_table",
    "find_attributions",
    "lexicon",
    "reference_table",
    "sourcing_json",
    "sourcing_summary",
    "sourcing_table",
]

KINDS = (
    "person",
    "group",
    "official body",
    "organisation",
    "news outlet",
    "document or statement",
    "social-media post",
    "unspecified",
)
MODES = ("direct quotation", "mixed quotation", "paraphrase")


@dataclass(frozen=True)
class Attribution:
    """One attribution: who (one id per source), how, and where in the text."""

    source: str  # the source's one id: "Gavin Newsom" for "Newsom", "he", "Governor Gavin Newsom"
    role: str  # the role or title the text gives, if any ("California Governor", "former aide")
    kind: str  # one of KINDS
    named: bool
    cue: str  # "according to", the verb as written ("said"), "in a statement", "reportedly"
    verb: str  # the verb's lemma ("say"), "" when the cue is not a verb
    stance: str  # neutral | evaluative | speech act (from reporting_verbs.csv)
    mode: str  # one of MODES; a mixed quotation puts quoted words inside a paraphrase
    quote: str | None
    start: int  # the speaker's words in the text
    end: int
    mention: str  # the words as written ("he", "Kaine", "the department")
    sentence: int  # index into article.sentences
    cue_start: int = -1  # where the cue stands in the text
    cue_end: int = -1
    name: str = ""  # the name as this mention writes it ("Kaine", "Russian Gazeta"); "" if none


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
    verbs: dict[str, str]  # lemma -> stance
    terms: dict[str, str]  # term (lower case, no final full stop) -> kind


def _key(term: str) -> str:
    return term.lower().replace("’", "'").strip().rstrip(".")


@cache
def lexicon() -> _Lexicon:
    """The reporting verbs and the source-kind terms, read once from datasets/lexicons/."""
    folder = datasets_dir() / "lexicons"
    with open(folder / "reporting_verbs.csv", encoding="utf-8") as handle:
        verbs = {row["verb"]: row["stance"] for row in csv.DictReader(handle)}
    with open(folder / "sourcing_terms.csv", encoding="utf-8") as handle:
        terms = {_key(row["term"]): row["kind"] for row in csv.DictReader(handle)}
    return _Lexicon(verbs, terms)


_MODIFIERS = {"det", "predet", "poss", "compound", "amod", "nummod", "quantmod", "nmod", "case"}
_PREPOSITIONS = {"of", "for", "at", "from", "in", "with"}  # "a spokesperson for the ministry"
_DETERMINERS = {"the", "a", "an"}
_HONORIFICS = {"mr", "mrs", "ms", "miss", "mx"}
_ANONYMOUS = {"unnamed", "anonymous", "unidentified"}
_FIRST_PERSON = {"i", "we", "us", "our", "ours", "me", "my"}
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_REFLEXIVE = {"itself", "himself", "herself", "themselves"}
_VAGUE_GROUPS = {"some", "others", "many", "most", "several", "few"}  # unnamed, and vague
_THING_PRONOUNS = {"it", "they", "them"}
_NOT_SPEAKERS = _FIRST_PERSON | {"you", "there", "this", "that", "these", "those", "what", "one"}
_NOT_NAMES = {"DATE", "TIME", "ORDINAL", "CARDINAL", "PERCENT", "MONEY", "QUANTITY"}
_STATEMENT_KINDS = {"document or statement", "social-media post"}
_SPEAKING_KINDS = {"person", "group", "official body", "organisation", "news outlet"}
_STATEMENTS = {"statement", "post", "tweet", "release", "letter"}
_NOT_SPEECH = {("call", "out"), ("call", "up"), ("call", "off"), ("call", "in"), ("add", "up")}
# "studies show", "the data indicate": evidence; a person "found that …" or "suggested …" speaks
_EVIDENCE_VERBS = {"show", "find", "suggest", "reveal", "indicate", "determine", "conclude"}
_THINKING_VERBS = {"think", "believe", "hope", "fear", "worry"}  # a view held, not a statement
_CLAUSE_VERBS = {  # speech only with what was said: "added that …", not "added to the tension"
    "add", "agree", "maintain", "observe", "read", "talk", "answer", "counter", "joke", "pledge",
    "lament", "assure", "speculate", "declare", "inform", "respond", "react", "praise", "condemn",
    "share", "propose", "charge", "write", "post",
}  # fmt: skip
_FINDING_VERBS = {"show", "find", "determine", "conclude"}  # "police found the body": an act
_AGENTLESS = {  # "was said to", "it was reported that", "33 were reported hospitalised"
    "say", "report", "announce", "state", "claim", "allege", "confirm", "reveal", "cite", "rumour",
    "rumor",
}  # fmt: skip
_CARRY_ON = {"go", "continue", "proceed", "hasten", "rush"}  # "went on to add": the one who went


# --- the speaker's phrase, name and kind -----------------------------------------------------


def _phrase(head: Token) -> list[Token]:
    """The speaker's noun phrase: its modifiers, and "of/for/in …" after it (not clauses)."""
    tokens = [head]
    for child in head.children:
        if child.dep_ == "amod" and child.i < head.i and child.lemma_.lower() in lexicon().verbs:
            continue  # "…, reported officials": the cue parsed as an adjective is not the speaker
        if (
            child.dep_ in _MODIFIERS
            or (child.dep_ == "punct" and child.text in {"-", "."} and child.i < head.i)
            or (child.dep_ == "prep" and child.i > head.i and child.lower_ in _PREPOSITIONS)
        ):
            tokens.extend(child.subtree)
    tokens.sort(key=lambda t: t.i)
    lo = hi = tokens.index(head)
    while lo > 0 and tokens[lo - 1].i == tokens[lo].i - 1:
        lo -= 1
    while hi + 1 < len(tokens) and tokens[hi + 1].i == tokens[hi].i + 1:
        hi += 1
    tokens = tokens[lo : hi + 1]
    while len(tokens) > 1 and (tokens[0].is_punct or tokens[0].pos_ == "ADV"):
        tokens = tokens[1:]  # "Even moderate figures" -> "moderate figures"
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].dep_ == "case"):
        tokens = tokens[:-1]
    return tokens


def _extent(text: str, tokens: list[Token]) -> tuple[int, int]:
    """Character offsets of a phrase, cut before a Markdown link target ("[the report](http…")."""
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    link = text.find("](", start, end)
    if link >= 0:
        end = link
    while start < end and text[start] in "[(*_#":
        start += 1
    if text.count("(", start, end) > text.count(")", start, end):  # "Mike Ryan of the WHO (WHO"
        end = max(start + 1, len(text[start : text.rfind("(", start, end)].rstrip()) + start)
    return start, max(end, start + 1)


def _term_kind(words: list[str]) -> str | None:
    """The lexicon's kind for the longest final run of words it knows ("los angeles times")."""
    terms = lexicon().terms
    for begin in range(len(words)):
        kind = terms.get(" ".join(words[begin:]))
        if kind:
            return kind
    return None


def _is_proper(token: Token) -> bool:
    """A name: a proper noun, a named entity, or a CamelCase word ("NewNationNow")."""
    if not any(c.isupper() for c in token.text) and not (
        token.ent_type_ and token.i > 1 and token.nbor(-1).text == "-" and token.nbor(-2).is_title
    ):
        return False  # the tagger's "city council" (PROPN) is no name: names have capitals
    return (
        token.pos_ == "PROPN"
        or (token.ent_type_ != "" and token.ent_type_ not in _NOT_NAMES and token.pos_ != "PRON")
        or (token.pos_ in {"NOUN", "X"} and any(c.isupper() for c in token.text[1:]))
    )


def _entity(head: Token) -> list[Token]:
    """The named entity holding a token (or none): "Islamic State of Iraq and the Levant"."""
    if not head.ent_type_ or head.ent_type_ in _NOT_NAMES:
        return []
    doc, begin, end = head.doc, head.i, head.i + 1
    while begin > 0 and doc[begin].ent_iob_ == "I":
        begin -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return list(doc[begin:end])


def _name_tokens(phrase: list[Token], head: Token) -> list[Token]:
    """The name in a phrase: "Gavin Newsom" in "Governor Gavin Newsom", "Gazeta.ru" in
    "the Russian outlet Gazeta.ru", "Department of Homeland Security" in "US Department of…".

    The entity the tagger found decides where a name starts and ends; a title before it
    ("Chief Superintendent") is a role, and a determiner or nationality only describes it.
    """
    terms = lexicon().terms
    entity = _entity(head)
    if entity:
        name = entity
        at = next((k for k, t in enumerate(phrase) if t.i == entity[0].i), None)
        while at is not None and at > 0:  # "CNN Philippines", the tagger's entity "Philippines"
            previous = phrase[at - 1]
            if (
                previous.i != name[0].i - 1
                or previous.dep_ != "compound"
                or not _is_proper(previous)
                or previous.ent_type_ in {"NORP", "PERSON"} | _NOT_NAMES
                or previous.ent_type_ in {"GPE", "LOC"} and head.ent_type_ == "PERSON"
                or terms.get(_key(previous.text)) == "person"
            ):
                break
            name = [previous, *name]
            at -= 1
    else:
        at = phrase.index(head)
        begin = at
        while begin > 0:
            previous = phrase[begin - 1]
            joined = previous.text in {"-", "."} and not previous.whitespace_
            if joined or (_is_proper(previous) and terms.get(_key(previous.text)) != "person"):
                begin -= 1
            else:
                break
        end = at + 1
        while end < len(phrase) and (phrase[end].lower_ == "of" or _is_proper(phrase[end])):
            end += 1  # "Ministry of Health"
        while end - 1 > at and phrase[end - 1].lower_ == "of":
            end -= 1
        name = phrase[begin:end]
    while len(name) > 1 and (
        name[0].is_punct
        or name[0].lower_ in _DETERMINERS
        or name[0].ent_type_ == "NORP" and head.ent_type_ != "NORP"
        or terms.get(_key(name[0].text)) == "person" and name[0] is not head
    ):
        name = name[1:]  # "Russian columnist Igor Korotchenko", "Mayor Lisa Chen"
    return name


def _entity_kind(head: Token, name: list[Token], source: str) -> str:
    """The kind of a name the lexicon does not know, from its entity type."""
    ent = head.ent_type_
    if ent == "PERSON":
        return "person"
    if ent == "NORP":
        return "group"
    if ent in {"GPE", "LOC"}:
        return "official body"  # "Russia said": the government speaks for the place
    if _looks_like_domain(source):
        return "news outlet"
    if any(lexicon().terms.get(_key(t.text)) == "official body" for t in name):
        return "official body"
    if ent in {"ORG", "FAC"} or len(name) == 1:
        return "organisation"
    return "person"


def _looks_like_domain(text: str) -> bool:
    return re.search(r"\w\.(?:com|org|net|ru|co|uk|de|fr|info|news|io)\b", text.lower()) is not None


@dataclass(frozen=True)
class _Speaker:
    source: str
    role: str
    kind: str
    named: bool
    start: int
    end: int
    mention: str
    name: str = ""


def _titled_name(text: str, head: Token) -> _Speaker | None:
    """ "US Ambassador to Germany Jan Novak": the person is Jan Novak, the rest is the role.

    Only for a subject made of a title with a preposition in it, ending in a name: the
    PERSON entity at its end, else the last two proper nouns (the words before them are
    the title's object: "Germany", "Health"). Simpler titles are handled by `_describe`.
    """
    tokens = list(head.subtree)
    while tokens and tokens[0].lemma_.lower() in lexicon().verbs and tokens[0].dep_ == "amod":
        tokens = tokens[1:]  # "…” tweeted Mayor of London Ana Ruiz"
    if len(tokens) < 4 or tokens[-1].i < head.i or not any(t.pos_ == "ADP" for t in tokens):
        return None
    if any(t.pos_ in {"VERB", "AUX", "PRON", "NUM"} or t.text in {",", "(", ")"} for t in tokens):
        return None  # a clause or an aside: not one title and name
    run = 0
    while run < len(tokens) and tokens[-1 - run].pos_ == "PROPN" and tokens[-1 - run].is_title:
        run += 1
    if run < 2 or run == len(tokens):
        return None
    last = tokens[-1]
    if last.ent_type_ == "PERSON":
        name = [t for t in _entity(last) if t.i >= tokens[-run].i]
        if len(name) >= 3 and name[0].nbor(-1).pos_ == "ADP":
            name = name[1:]  # "Mayor of London Sadiq Khan": the tagger's name takes the place
    else:
        name = tokens[-min(2, run - 1) :] if tokens[-run - 1].pos_ == "ADP" else []
    terms = lexicon().terms
    title = [t for t in tokens if t.i < name[0].i] if name else []
    if not title or not any(terms.get(_key(t.text)) == "person" for t in title):
        return None
    while title and title[0].lower_ in _DETERMINERS:
        title = title[1:]
    if not title:
        return None
    if head.i < name[0].i and terms.get(_key(head.text)) != "person":
        return None  # "Chief Superintendent Ana Ruiz of the police in Muslim Mindanao": Ruiz
    start, end = _extent(text, tokens)
    source = text[name[0].idx : name[-1].idx + len(name[-1])]
    role = text[title[0].idx : title[-1].idx + len(title[-1])].strip(" ,")
    return _Speaker(source, role, "person", True, start, end, text[start:end], source)


def _describe(text: str, head: Token) -> _Speaker | None:
    """Who a speaker's head token names: (source, role, kind, named), or None if it is no source."""
    terms = lexicon().terms
    if head.ent_type_ in _NOT_NAMES or terms.get(head.lemma_.lower()) == "not a source":
        return None
    if head.is_stop and not head.ent_type_ and head.pos_ == "PROPN":
        return None  # "Amongst reported incidents…", a capital taken for a name
    titled = _titled_name(text, head)
    if titled is not None:
        return titled
    phrase = _phrase(head)
    entity = _entity(head)
    if entity and entity[0].i >= head.sent.start and entity[-1].i < head.sent.end:
        phrase = sorted({*phrase, *entity}, key=lambda t: t.i)
    start, end = _extent(text, phrase)
    mention = text[start:end]
    plain = re.sub(r"^(?:the|a|an)\s+", "", mention, flags=re.I)  # "the mayor" -> "mayor"
    words = [_key(w) for w in plain.split()]
    head_word = _key(re.sub(r"\].*$", "", head.text).lstrip("[*_"))
    plural = head.tag_ in {"NNS", "NNPS"}
    anonymous = any(t.lower_ in _ANONYMOUS for t in phrase)
    role_word = terms.get(head_word) or terms.get(head.lemma_.lower())
    appositions = [c for c in head.children if c.dep_ == "appos"]
    appositions += [g for c in appositions if c.pos_ == "NOUN" for g in c.children
                    if g.dep_ == "appos"]  # "news source X's director, Rachel Giese,"  # fmt: skip
    named_by = next((c for c in appositions if _is_proper(c)), None)
    if named_by is None and role_word == "person":  # "First Minister of Scotland Nicola Sturgeon"
        named_by = next(
            (
                t for t in reversed(phrase)
                if t.ent_type_ == "PERSON"
                and not any(x.dep_ == "poss" for x in [t, *t.ancestors] if x.i != head.i)
            ),
            None,
        )  # not "Johnson's critics", "the senator's spokesman": whose, not who
        first = (_entity(named_by) or [named_by])[0] if named_by is not None else None
        if first is not None and first.i > 0 and (
            first.nbor(-1).lower_ in _PREPOSITIONS | _DETERMINERS | {"and", "or", ","}
        ):  # "the mayor of Yartsevo", "scientists from Bristol and UC Davis": places, bodies
            named_by = None
    by_role = role_word == "person" or not _is_proper(head)  # not "Survey (USGS)": a name already
    if named_by is not None and named_by.ent_type_ == "PERSON" and any(
        terms.get(_key(t.text)) == "person" for t in named_by.subtree
    ):  # "African Export–Import Bank president Okey Oramah", parsed with the bank as the head
        by_role = True
    if named_by is not None and by_role and head.ent_type_ != "PERSON" and not anonymous:
        found = _describe(text, named_by)  # "Minister Hakan Fidan", parsed as a role with a name
        if found is not None:
            own = start + len(mention) - len(plain)  # the phrase without "the"/"a"
            role = text[own : found.start if found.start > own else end].strip(" ,")
            stop = max(found.end, end)
            role = found.role or role
            return replace(found, role=role, start=start, end=stop, mention=text[start:stop])
    proper_head = _is_proper(head) and role_word != "person" and not anonymous
    if proper_head:
        name = _name_tokens(phrase, head)
        paren = next((k for k, t in enumerate(name) if t.text == "(" and k > 0), len(name))
        name = name[:paren]  # "National Hurricane Center (NHC)": the name, not its acronym too
        source = text[name[0].idx : name[-1].idx + len(name[-1])]
        before = [
            t for t in phrase if t.i < name[0].i and _key(t.text) not in _DETERMINERS | _HONORIFICS
        ]  # "Ms. Ruiz" has no role; "Mayor Ruiz" does
        role = text[before[0].idx : before[-1].idx + len(before[-1])].strip(" ,") if before else ""
        appos = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
        if not role and appos is not None:  # "Amir Patel, a researcher at the university"
            begin, stop = _extent(text, _phrase(appos))
            role = re.sub(r"^(?:the|a|an)\s+", "", text[begin:stop])
        described = [_key(t.text) for t in before] + ([appos.lemma_.lower()] if appos else [])
        kind = _term_kind([_key(t.text) for t in name])
        if kind in {"document or statement", "social-media post"} and head.ent_type_ == "ORG":
            kind = None  # "United States Geological Survey" is a body, not a survey
        if kind == "outlet name ending":
            kind = "news outlet"
        elif kind == "person":  # "Senate Democrats" ends in a known word, but is a name
            kind = "group" if plural else "person"
        elif kind is None and any(terms.get(w) == "person" for w in described):
            kind = "person"  # "spokesperson Carlotta Weibl", "Princess Ubolratana": the role tells
        elif kind is None:
            kind = _term_kind(described) or _entity_kind(head, name, source)
            kind = "news outlet" if kind == "outlet name ending" else kind
        if kind != "person":  # "Associated Press", "Gazeta.ru" (not "the Russian outlet Gazeta.ru")
            role = ""
        return _Speaker(source, role, kind, True, start, end, mention, source)
    up_to_head = [_key(t.text) for t in phrase if t.i <= head.i and t.lower_ not in _DETERMINERS]
    kind = _term_kind(up_to_head) or role_word or _term_kind(words)
    if kind == "outlet name ending":
        kind = "news outlet"
    if kind is None:
        suffix = re.search(r"(?:(?:er|or|ist|ian|ant|ent|ee|man|woman|person)s?|men)$", head_word)
        relation = any(c.dep_ == "poss" and c.lower_ in {"his", "her", "their"} for c in phrase)
        kind = "person" if suffix or relation else "unspecified"  # "his roommates": people
    if kind == "person" and plural:
        kind = "group"
    statement = kind in _STATEMENT_KINDS or head.lemma_.lower() in _STATEMENTS
    issuer = _issuer(head) if statement else None
    if issuer is not None:  # "a report on Wednesday by UpGuard": named by its issuer
        if kind not in _STATEMENT_KINDS:  # "a Twitter post by Amy Cook"
            kind = "social-media post" if head.lemma_.lower() in {"post", "tweet"} else (
                "document or statement"
            )
        end = max(end, _extent(text, _phrase(issuer))[1])
        mention = text[start:end]
        words = re.sub(r"^(?:the|a|an)\s+", "", text[head.idx : head.idx + len(head)])
        plain = f"{words} by {text[issuer.idx : issuer.idx + len(issuer)]}"
        if issuer.ent_type_:
            entity = _entity(issuer)
            plain = f"{words} by {text[entity[0].idx : entity[-1].idx + len(entity[-1])]}"
        return _Speaker(plain, "", kind, True, start, end, mention, plain)
    # a body or a document identified by a proper name is named: "a White House memo"
    named = (
        not anonymous
        and kind not in {"person", "group", "unspecified"}
        and any(_is_proper(t) and t.dep_ != "amod" for t in phrase if t is not head)
    )
    role = plain if kind in {"person", "group"} else ""
    return _Speaker(plain, role, kind, named, start, end, mention, plain if named else "")


# --- finding attributions --------------------------------------------------------------------


@dataclass
class _Cue:
    speaker: Token
    cue: str
    verb: str
    stance: str
    cue_start: int
    cue_end: int
    clause: bool = False  # the verb carries what was said: "found that …", not "found the body"
    agentless: bool = False  # "was reported to", "reportedly": an attribution with no speaker
    negated: bool = False  # "did not say": no one is cited (but "outlets haven't reported" is)


def _subject(verb: Token, depth: int = 0) -> Token | None:
    """The verb's speaker: its subject, the agent of a passive, or the subject it shares."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
    if passive:
        return None  # "he was told that…", "it has been shown": no one is quoted
    subjects = sorted(
        (c for c in verb.children if c.dep_ == "nsubj"),
        key=lambda c: (
            c.pos_ not in {"NOUN", "PROPN", "PRON", "NUM"},  # "Millions dwell …, activists claimed"
            c.lower_ in {"who", "that", "which"},
            c.ent_type_ in {"GPE", "LOC"} and len(_verb_subjects(verb)) > 1,
            not _is_proper(c),
            -c.i,  # of two common nouns, the one next to the verb
        ),
    )  # "the law that Trump calls …": Trump; "The party's leader, Jeremy Corbyn said": Corbyn;
    # "New Orleans and Jefferson Parish officials said", parsed with two subjects: the officials
    if subjects:
        if subjects[0].lower_ in {"who", "that", "which"}:
            who = subjects[0]  # "according to police, who said …": the noun just before
            before = verb.doc[who.i - 2] if who.i >= 2 and who.nbor(-1).text == "," else None
            if before is not None and before.pos_ in {"NOUN", "PROPN"}:
                return before
            return verb.head if verb.dep_ == "relcl" else None  # "Kim, who said …"
        return subjects[0]
    head = verb.head
    if verb.dep_ == "conj" and _reported_clause(head) and (
        head.tag_ != verb.tag_
        or not any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ not in _NOT_SPEAKERS
                   for c in head.children)
    ):  # fmt: skip
        head = head.head  # "said protesters had been arrested and warned …": the one who said
    shared = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    if verb.dep_ == "conj" and shared is not None and head.i != verb.i:
        if verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children):
            return None  # "protesters had been arrested and warned": warned, not warning
        return shared  # "He was arrested and said …": he
    if depth < 3 and head is not verb and (
        verb.dep_ == "conj"  # "X said … and added"
        or verb.dep_ == "advcl"  # "…, adding that"; not "when asked", a passive
        and verb.tag_ != "VBN"
        and (head.dep_ == "ROOT" or head.lemma_.lower() in {*lexicon().verbs, *_CARRY_ON})
        or verb.dep_ == "xcomp" and head.lemma_.lower() in _CARRY_ON  # "went on to add"
    ):
        return _subject(head, depth + 1)
    return _name_before(verb)


def _verb_subjects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ == "nsubj"]


def _reported_clause(verb: Token) -> bool:
    """What a reporting verb says: the clause in "said [protesters had been arrested]"."""
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in lexicon().verbs


def _name_before(verb: Token) -> Token | None:
    """A name the parser broke up, just before its verb: "The Committee to Protect Journalists
    reports …" parsed with "Protect" as a verb. The name's first proper noun stands for it."""
    if verb.i == 0 or any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children):
        return None
    if verb.dep_ in {"amod", "acl", "compound", "xcomp", "advcl", "pcomp"}:
        return None  # "Amongst reported incidents": no clause of its own
    last = verb.doc[verb.i - 1]
    if last.ent_type_ not in {"ORG", "PERSON", "NORP", "GPE"} or last.ent_iob_ == "":
        return None
    entity = _entity(last)
    if entity[-1].i != last.i or entity[0].i < verb.sent.start or len(entity) < 3:
        return None  # a name of one or two words the parser keeps whole
    inside = {e.i for e in entity}
    if not all(
        t.head.i in inside
        or t.head.i == verb.i
        or t.head.pos_ == "ADP" and t.head.head.i == verb.i and t.head.i < entity[0].i
        for t in entity
    ):  # the name hangs from the verb as one piece ("On Friday Ford Motor Company announced")
        return None
    return next((t for t in entity if t.pos_ == "PROPN"), None)


def _participle_speaker(text: str, cue: Token, speaker: Token | None) -> Token | None:
    """ "The governor tweeted her reasoning, saying …": who says is who tweeted.

    A participle hung from a statement or a singular thing ("a notice saying", "an abuse of
    power, saying") or given a thing as its subject takes the subject of the verb the thing
    belongs to.
    """
    if speaker is not None:
        found = None if speaker.pos_ == "PRON" else _describe(text, speaker)
        if speaker.pos_ == "PRON" or found is None or not _a_thing(speaker, found):
            return speaker
    elif cue.dep_ == "acl":
        found = _describe(text, cue.head)
        statement = found is not None and found.kind in _STATEMENT_KINDS
        absolute = cue.head.dep_ == "pobj" and cue.head.head.lower_ == "with"
        if absolute and found is not None and found.kind in _SPEAKING_KINDS:
            return cue.head  # "…, with officials reporting 150 dead": the officials report
        if not statement and (found is None or not _a_thing(cue.head, found)):
            return None  # "protesters claiming", "signs reading": what they carry, not a statement
    verb = cue.head
    for _ in range(4):
        if verb.pos_ in {"VERB", "AUX"} or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ in {"VERB", "AUX"} and verb is not cue:
        speaker = _subject(verb) or speaker
    if speaker is not None and speaker.pos_ == "NOUN":
        found = _describe(text, speaker)
        if found is None or found.kind == "unspecified":
            return None  # "margins noting": a participle's unknown subject is seldom a source
    return speaker


def _candidates(doc: Doc, quoted: list[bool], body) -> list[int]:
    """Tokens that may be cues: a reporting-verb lemma or a cue word, outside quotations."""
    import numpy as np
    from spacy.attrs import LEMMA, LOWER

    strings = doc.vocab.strings
    if not len(doc):
        return []
    array = doc.to_array([LEMMA, LOWER]).reshape(len(doc), 2)  # uint64 hashes
    verbs = np.array([strings.add(v) for v in lexicon().verbs], dtype=np.uint64)
    cue_words = ("according", "reportedly", "allegedly", "in", ":")
    words = np.array([strings.add(w) for w in cue_words], dtype=np.uint64)
    hit = (np.isin(array[:, 0], verbs) | np.isin(array[:, 1], words)) & body & ~np.asarray(quoted)
    return np.flatnonzero(hit).tolist()


def _cues(doc: Doc, text: str, quoted: list[bool], body) -> list[_Cue]:
    verbs = lexicon().verbs
    found: list[_Cue] = []
    for i in _candidates(doc, quoted, body):
        token = doc[i]
        low = token.lower_
        if low == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            to = doc[token.i + 1]
            target = next((c for c in to.children if c.dep_ == "pobj"), None)
            if target is None:  # a parse that lost the object: the first noun after "to"
                sentence_end = to.sent.end
                target = next(
                    (t for t in doc[to.i + 1 : sentence_end] if t.pos_ in {"NOUN", "PROPN"}), None
                )
                while target is not None and target.dep_ == "compound" and target.head.i > target.i:
                    target = target.head
            if target is not None:
                found.append(_Cue(target, "according to", "", "neutral", token.idx, to.idx + 2))
        elif low == ":":
            speaker = _colon_speaker(token, quoted)
            if speaker is not None:
                found.append(_Cue(speaker, ":", "", "neutral", token.idx, token.idx + 1, True))
        elif low in {"reportedly", "allegedly"}:
            end = token.idx + len(token)
            found.append(_Cue(token, low, "", "evaluative", token.idx, end, agentless=True))
        elif token.pos_ == "VERB" and token.lemma_.lower() in verbs:
            lemma = token.lemma_.lower()
            if lemma in _THINKING_VERBS:
                continue  # "police believe him to be 25": a view held, not a statement
            head_lemma = token.head.lemma_.lower()
            nested = (
                token.dep_ in {"xcomp", "ccomp"}
                and head_lemma in verbs
                and head_lemma not in _THINKING_VERBS  # not a cue: "…people think that,” said X"
                and not (token.i > 0 and doc[token.i - 1].is_quote and _inverted(token))
            )
            inner = _subject(token)
            if nested and (token.dep_ == "xcomp" or inner is None or inner.pos_ == "PRON"):
                continue  # "declined to comment", "said it would not comment": one act of speech
            deps = {c.dep_ for c in token.children}
            if _agentless(token, deps, lemma):
                end = token.idx + len(token)
                found.append(_Cue(token, token.text, lemma, verbs[lemma], token.idx, end,
                                  clause=True, agentless=True))  # fmt: skip
                continue
            if _content_in_participle(token, deps, verbs, quoted):
                continue  # "tweeted her reasoning, saying …": one attribution, on "saying"
            if (
                token.tag_ == "VBG"
                and token.dep_ == "advcl"
                and token.i < token.head.i
                and token.head.lemma_.lower() in verbs
                and not deps & {"ccomp", "parataxis"}
            ):
                continue  # "Speaking about the film, X said …": one attribution, on "said"
            particles = {c.lower_ for c in token.children if c.dep_ == "prt"}
            if any((lemma, p) in _NOT_SPEECH for p in particles):
                continue  # "called out the National Guard"
            to = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "to"]
            if lemma == "add" and to:
                continue  # "added to the tension"
            if token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "nothing":
                continue  # "said nothing"
            speaker = _subject(token)
            if token.tag_ == "VBG" and token.dep_ in {"advcl", "acl"}:
                speaker = _participle_speaker(text, token, speaker)
            after_quote = token.i > 0 and doc[token.i - 1].text in {'"', "”", "’", ","}
            if speaker is None and after_quote and token.dep_ == "amod":
                speaker = token.head  # "…” tweeted Mayor Sadiq Khan", parsed as an adjective
            if speaker is None and (after_quote or token.i == token.sent.start):
                speaker = _inverted(token)
            elif token.dep_ == "conj" and doc[token.i - 1].text == "," and "nsubj" not in {
                c.dep_ for c in token.children
            }:  # "…, stated Minister Ana Ruiz, and …": not the subject of the verb before
                inverted = _inverted(token)
                if inverted is not None and lemma != "tell" and (
                    inverted.pos_ == "PROPN"
                    or lexicon().terms.get(inverted.lemma_.lower()) in {"person", "official body"}
                ):  # "…, reported officials, with two hurt"
                    speaker = inverted
            said = bool(deps & {"ccomp", "parataxis"}) or any(
                g.dep_ == "mark" and g.lower_ == "that" for c in token.children for g in c.children
            )  # "proposed that …", the clause parsed as an object
            said = said or lemma == "talk" and any(
                c.dep_ == "prep" and c.lower_ in {"of", "about"} for c in token.children
            )  # "talked of being cast in a pilot": what was said, paraphrased
            infinitive = any(c.dep_ == "xcomp" and not quoted[c.i] for c in token.children)
            if lemma in _CLAUSE_VERBS and (
                infinitive or not said and not any(quoted[t.i] for t in token.sent)
            ):  # (not “Let's all pray …”, a quotation parsed as an infinitive)
                continue  # "agreed to answer", "maintained many of the laws"
            if lemma == "call" and "oprd" in deps and "dobj" not in deps:
                continue  # "a programme called Learning Together": a name, not speech
            if lemma == "decline" and "xcomp" not in deps:
                continue  # "declined to comment" reports a refusal; "declined by 40%" does not
            if speaker is not None:
                end = token.idx + len(token)
                negated = any(c.dep_ == "neg" for c in token.children)
                found.append(_Cue(speaker, token.text, lemma, verbs[lemma], token.idx, end, said,
                                  negated=negated))  # fmt: skip
        elif low == "in" and token.dep_ == "prep" and token.head.pos_ == "VERB":
            statement = next((c for c in token.children if c.dep_ == "pobj"), None)
            head = token.head
            if (
                statement is not None
                and statement.lemma_.lower() in _STATEMENTS
                and head.lemma_.lower() not in verbs
            ):
                speaker = _subject(head)
                if speaker is not None:
                    end = statement.idx + len(statement)
                    cue = text[token.idx : end]
                    found.append(_Cue(speaker, cue, "", "neutral", token.idx, end))
    return found


def _colon_speaker(colon: Token, quoted: list[bool]) -> Token | None:
    """ "The palace issued a statement from the king: “…”", "Smith: “…”": a colon opening a
    quotation introduces its speaker, the subject of the words before it (or those words)."""
    doc = colon.doc
    after = colon.i + 1
    while after < colon.sent.end and doc[after].is_space:
        after += 1
    if after >= colon.sent.end or not (doc[after].is_quote or quoted[after]):
        return None
    before = doc[colon.sent.start : colon.i]
    roots = [t for t in before if not (before.start <= t.head.i < before.end) or t.head.i == t.i]
    root = next((t for t in roots if t.pos_ in {"VERB", "AUX", "NOUN", "PROPN"}), None)
    if root is None or root.lemma_.lower() in lexicon().verbs:
        return None  # "He said: “…”": the verb is the cue
    if root.pos_ in {"NOUN", "PROPN"}:
        return root
    return _subject(root)


def _inverted(verb: Token) -> Token | None:
    """The speaker after the verb, where the parser lost the subject: "…, stated Minister of
    Information Ana Ruiz, and …" (an object) or "Remarked scientist Tierra Curry, “…”"."""
    if verb.tag_ not in {"VBD", "VBZ", "VBP"}:
        return None  # "…, criticising Trump": a participle's object is what it is about
    after = [c for c in verb.children if c.i > verb.i and c.dep_ in {"dobj", "attr", "npadvmod"}]
    if after and after[0].pos_ in {"PROPN", "NOUN"}:
        return after[0]
    if verb.i != verb.sent.start:
        return None
    span = []
    for token in verb.doc[verb.i + 1 : verb.sent.end]:
        if token.is_punct or token.is_quote:
            break
        span.append(token)
    people = [t for t in span if t.ent_type_ == "PERSON" and t.pos_ == "PROPN"]
    nouns = people or [t for t in span if t.pos_ in {"PROPN", "NOUN"}]
    return nouns[-1] if nouns else None


def _agentless(verb: Token, deps: set[str], lemma: str) -> bool:
    """ "It was said that …", "33 were reported hospitalised": a passive report, no one named."""
    if lemma not in _AGENTLESS or "auxpass" not in deps or "agent" in deps:
        return False
    content = deps & {"ccomp", "xcomp", "oprd", "acomp"}
    return bool(content) or lemma == "cite" and any(c.lower_ == "as" for c in verb.children)


def _content_in_participle(
    verb: Token, deps: set[str], verbs: dict[str, str], quoted: list[bool]
) -> bool:
    """A verb with no words of its own whose participle carries them ("praised X, saying …");
    not "described X as “…”, accusing …", where each verb reports words of its own."""
    if deps & {"ccomp", "parataxis"}:
        return False
    participles = [
        c
        for c in verb.children
        if c.dep_ in {"advcl", "xcomp"}
        and c.tag_ == "VBG"
        and c.i > verb.i
        and c.lemma_.lower() in verbs
        and c.lemma_.lower() not in _THINKING_VERBS
        and not any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)
    ]
    if not participles:
        return False
    theirs = {t.i for c in participles for t in c.subtree}
    return not any(quoted[t.i] and not t.is_punct for t in verb.subtree if t.i not in theirs)


def _speakers(speaker: Token, according: bool = False) -> list[Token]:
    """The speaker and any speakers joined to it: "X and Y said", "groups, including the ACLU".

    After "according to X" a comma ends the source: in "According to X, sacrifice and …" the
    words after the comma are the sentence's own subject, not a second source.
    """
    shared = next(
        (
            c for c in speaker.children
            if c.dep_ == "conj" and c.tag_ == "NNS" and speaker.ent_type_ in {"GPE", "LOC"}
        ),
        None,
    )  # "New Orleans and Jefferson Parish officials": the officials of both places
    heads = [shared if shared is not None else speaker]
    own = {t.i for t in _entity(speaker)}  # "Islamic State of Iraq and the Levant" is one name
    for child in speaker.children:
        comma = any(t.text == "," for t in speaker.doc[speaker.i + 1 : child.i])
        if (
            child.dep_ == "conj"
            and child.pos_ in {"PROPN", "NOUN"}
            and (shared is None or child.i != shared.i)
            and child.i not in own
            and not (according and comma)
        ):
            heads.append(child)
            heads.extend(c for c in child.children if c.dep_ == "conj")
        if child.dep_ == "prep" and (
            child.lower_ == "including"
            or child.lower_ == "as" and any(c.lower_ == "such" for c in child.children)
        ):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                heads.append(pobj)
                heads.extend(c for c in pobj.children if c.dep_ == "conj")
    return heads


def _issuer(document: Token) -> Token | None:
    """Who issued a document: the proper name after "by" ("a report by UpGuard")."""
    for prep in document.children:
        if prep.dep_ == "prep" and prep.lower_ == "by":
            name = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if name is not None and _is_proper(name):
                return name
    return None


_PARTS = {"one", "some", "many", "most", "several", "part", "half", "two", "three", "each", "all"}


def _part_of(head: Token) -> Token:
    """ "One of the victims said", "Part of the judge's statement reads": the victims, the
    statement — the speaker is the group or the document the part belongs to."""
    if head.lower_ not in _PARTS:
        return head
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    whole = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return whole if whole is not None and whole.pos_ in {"NOUN", "PROPN", "PRON"} else head


def _a_thing(head: Token, speaker: _Speaker) -> bool:
    """A subject that is no person, group, body, outlet or document: "the storm warned".

    Only a singular common noun: an unknown plural ("660 nuns", "school districts") is
    most often people or bodies, and a proper name is someone the lexicon does not know.
    """
    return (
        speaker.kind == "unspecified"
        and not speaker.named
        and head.pos_ == "NOUN"
        and head.tag_ == "NN"
        and not any(t.lower_ in _ANONYMOUS for t in head.subtree)
    )


def find_attributions(article: Article) -> list[Attribution]:
    """Every attribution in the article's body sentences, in reading order."""
    return list(_find_attributions(article))


@dataclass(frozen=True)
class _Table:
    """Per-token facts every rule asks for, computed once per article as arrays (fast)."""

    doc: Doc
    quotes: list[Span]
    sentence_of: Any  # numpy int array: token -> index into article.sentences
    quoted: Any  # numpy bool array: the token is inside a quotation
    body: Any  # numpy bool array: the token is in a body sentence
    figure: Any  # numpy bool array: the token is a figure (not a date, time, year or ordinal)
    first_person: Any  # numpy bool array: I, we, us, our, me, my
    proper: Any  # numpy bool array: a proper noun


@lru_cache(maxsize=64)
def _table(article: Article) -> _Table:
    import numpy as np
    from spacy.attrs import ENT_TYPE, IDX, LIKE_NUM, LOWER, POS

    doc = parse(article)
    strings = doc.vocab.strings
    array = doc.to_array([IDX, LOWER, POS, LIKE_NUM, ENT_TYPE]).reshape(len(doc), 5)  # uint64
    idx, lower, pos, like_num, ent = (array[:, k] for k in range(5))
    idx = idx.astype(np.int64)
    starts = np.array([s.start for s in article.sentences] or [0])
    sentence_of = np.clip(np.searchsorted(starts, idx, side="right") - 1, 0, None)
    body_sentence = np.array([s.kind == "body" for s in article.sentences] or [False])
    quotes = _quotations(article)
    q_start = np.array([q.start for q in quotes] or [-1])
    q_end = np.array([q.end for q in quotes] or [-1])
    k = np.searchsorted(q_start, idx, side="right") - 1
    quoted = (k >= 0) & (idx < q_end[np.clip(k, 0, None)])
    hashes = lambda words: np.array([strings.add(w) for w in words], dtype=np.uint64)  # noqa: E731
    not_a_figure = np.isin(ent, hashes(("DATE", "TIME", "ORDINAL")))
    figure = (like_num == 1) & ~not_a_figure
    for i in np.flatnonzero(figure):  # few: check the words themselves
        word = doc[int(i)].text
        figure[i] = "/" not in word and any(c.isdigit() for c in word) and not _YEAR.fullmatch(word)
    figure |= np.isin(lower, hashes(("dozens", "hundreds", "thousands", "millions")))
    first_person = np.isin(lower, hashes(_FIRST_PERSON)) & (pos == strings["PRON"])
    return _Table(
        doc,
        quotes,
        sentence_of,
        quoted,
        body_sentence[sentence_of] if len(doc) else quoted,
        figure,
        first_person,
        pos == strings["PROPN"],
    )


@lru_cache(maxsize=512)
def _find_attributions(article: Article) -> tuple[Attribution, ...]:
    # Cached per article: the numbers and language lenses and the report ask again.
    table = _table(article)
    doc, text, quotes = table.doc, article.text, table.quotes
    sentence_of, quoted, body = table.sentence_of.tolist(), table.quoted.tolist(), table.body
    mentions = _mentions(doc, text, quoted, sentence_of)
    found: list[Attribution] = []
    for cue in _cues(doc, text, quoted, body):
        index = sentence_of[cue.speaker.i]
        after_by = cue.speaker.dep_ == "pobj" and cue.speaker.head.dep_ == "agent"
        ends = cue.cue == "according to" or after_by  # "reported by AP, 415 priests and …"
        for head in _speakers(_part_of(cue.speaker), according=ends):
            if head.lower_ in _REFLEXIVE:  # "Ford itself" parsed with "itself" as the head
                head = next((c for c in head.children if c.dep_ == "appos"), head)
            if not cue.agentless and head.pos_ not in {"NOUN", "PROPN", "PRON", "X", "NUM"}:
                continue  # a parse that made a verb or an adjective the speaker
            if cue.agentless:
                speaker = _Speaker(
                    f"{cue.cue.lower()} (no source named)", "", "unspecified", False,
                    cue.cue_start, cue.cue_end, text[cue.cue_start : cue.cue_end],
                )  # fmt: skip
            elif head.lower_ in _VAGUE_GROUPS and not any(c.dep_ == "prep" for c in head.children):
                start, end = head.idx, head.idx + len(head)
                speaker = _Speaker(head.lower_, head.lower_, "group", False, start, end,
                                   head.text)  # "Some said …", "Others argue …"  # fmt: skip
            elif head.lower_ in _NOT_SPEAKERS or head.pos_ == "PRON" and head.lower_ not in (
                _PERSON_PRONOUNS | _THING_PRONOUNS
            ):
                continue
            elif head.lower_ in _PERSON_PRONOUNS | _THING_PRONOUNS:
                speaker = _resolve(head, mentions, found, article, sentence_of)
                if speaker.source == "it (not resolved)":
                    continue  # "It confirms what we said": a thing, not a source
            else:
                speaker = _describe(text, head)
            if speaker is None:
                continue
            if _a_thing(head, speaker):
                continue  # "the pregnancy threatened", "the storm warned": no one is cited
            if cue.negated and not (
                speaker.kind in {"news outlet", "document or statement"}
                and cue.verb in _EVIDENCE_VERBS | {"report"}
            ):
                continue  # "did not comment"; but "statistics don't show" is a finding
            if (
                cue.verb in _EVIDENCE_VERBS
                and speaker.kind != "document or statement"
                and not cue.clause
                and (cue.verb in _FINDING_VERBS or speaker.kind == "unspecified")
            ):
                continue  # "studies show" cites evidence; "the government shows no sign" does not
            quote, mode = _quotation(text, quotes, article.sentences[index], cue, speaker)
            found.append(
                Attribution(
                    source=speaker.source,
                    role=speaker.role,
                    kind=speaker.kind,
                    named=speaker.named,
                    cue=cue.cue,
                    verb=cue.verb,
                    stance=cue.stance,
                    mode=mode,
                    quote=quote,
                    start=speaker.start,
                    end=speaker.end,
                    mention=speaker.mention,
                    sentence=index,
                    cue_start=cue.cue_start,
                    cue_end=cue.cue_end,
                    name=speaker.name,
                )
            )
    found.sort(key=lambda a: (a.sentence, min(a.start, a.cue_start)))
    return tuple(_one_id_per_source(found, mentions))


@lru_cache(maxsize=64)
def _quotations(article: Article) -> list[Span]:
    return find_quotations(article.text)


# --- mentions, pronouns and one id per source ------------------------------------------------


@dataclass(frozen=True)
class _Mention:
    at: int  # character offset
    sentence: int
    name: str
    kind: str  # person | group | organisation …
    subject: bool  # the subject of its clause: what a later pronoun most often means
    role: str = ""  # "Governor" in "Governor Ana Ruiz": what a later "the governor" means


def _mentions(doc: Doc, text: str, quoted: list[bool], sentence_of: list[int]) -> list[_Mention]:
    """Named people and bodies outside quotations, in order: what a later "she" or "it" can mean."""
    kinds = {"PERSON": "person", "ORG": "organisation", "NORP": "group"}
    found = []
    for ent in doc.ents:
        if ent.label_ in kinds and not quoted[ent.start]:
            head = ent.root
            described = _describe(text, head) if head.pos_ == "PROPN" else None
            kind = described.kind if described else kinds[ent.label_]
            name = described.source if described else ent.text
            subject = head.dep_ in {"nsubj", "nsubjpass"} or (
                head.dep_ == "appos" and head.head.dep_ in {"nsubj", "nsubjpass"}
            )  # "Another voice actor, Lauren Landa, would …"
            role = described.role if described else ""
            at = ent.start_char
            found.append(_Mention(at, sentence_of[ent.start], name, kind, subject, role))
    for token in doc:  # a named person the entity tagger missed: "Governor Ana Ruiz signed"
        if token.dep_ in {"nsubj", "nsubjpass"} and token.pos_ == "PROPN" and not token.ent_type_:
            described = None if quoted[token.i] else _describe(text, token)
            if described is not None and described.named and described.kind == "person":
                found.append(
                    _Mention(described.start, sentence_of[token.i], described.source,
                             described.kind, True, described.role)
                )  # fmt: skip
    found.sort(key=lambda m: m.at)
    return found


def _is_pronoun_id(name: str) -> bool:
    return name.endswith("(not resolved)")


def _resolve(
    pronoun: Token,
    mentions: list[_Mention],
    found: list[Attribution],
    article: Article,
    sentence_of: list[int],
) -> _Speaker:
    """The nearest earlier compatible mention within the paragraph or the two sentences before."""
    person = pronoun.lower_ in _PERSON_PRONOUNS
    fits = {"person"} if person else {"group", "organisation", "official body", "news outlet"}
    here = sentence_of[pronoun.i]
    paragraph = article.sentences[here].paragraph
    candidates = [(m.at, m.sentence, m.name, m.kind, True, "", m.subject, False) for m in mentions]
    candidates += [
        (a.start, a.sentence, a.source, a.kind, a.named, a.role, True, True) for a in found
    ]
    people = {  # "Quirin", tagged an organisation, after "officer Antoine Quirin": a person
        word
        for at, _, name, kind, *_ in candidates
        if kind == "person" and at < pronoun.idx and len(name.split()) > 1
        for word in (_own_name(name).split()[0], _own_name(name).split()[-1])
    }
    candidates = [
        (c[0], c[1], c[2], "person" if c[2] in people and c[4] else c[3], *c[4:])
        for c in candidates
    ]
    quoted = _table(article).quoted
    for token in pronoun.sent:  # "State prosecutors charged him …, they said": the prosecutors
        if token.i >= pronoun.i:
            break
        if (
            token.dep_ in {"nsubj", "nsubjpass"}
            and token.pos_ in {"NOUN", "PROPN"}
            and not quoted[token.i]  # "“Smith lied,” he said": not Smith
        ):
            found_here = _describe(article.text, token)
            if found_here is not None and found_here.kind != "unspecified":
                candidates.append((token.idx, here, found_here.source, found_here.kind,
                                   found_here.named, found_here.role, True, True))  # fmt: skip
    best = None  # the nearest subject (a speaker, most often) before any other mention
    rank = None  # the one who spoke in this sentence or the one before comes first
    for at, sentence, name, kind, named, role, subject, spoke in candidates:
        if at >= pronoun.idx or kind not in fits or _is_pronoun_id(name):
            continue
        if here - sentence > 2 and article.sentences[sentence].paragraph != paragraph:
            continue
        key = (subject, spoke and here - sentence <= 1, at)  # this sentence's subject: latest
        if rank is None or key > rank:
            best, rank = (at, sentence, name, kind, named, role, subject), key
    start, end = pronoun.idx, pronoun.idx + len(pronoun)
    if best is None:
        kind = "person" if person else "group"
        unknown = f"{pronoun.lower_} (not resolved)"
        return _Speaker(unknown, "", kind, False, start, end, pronoun.text)
    _, _, name, kind, named, role, _ = best
    return _Speaker(name, role, kind, named, start, end, pronoun.text)


@lru_cache(maxsize=4096)
def _core(name: str) -> str:
    """A name reduced for comparison: "Russian Gazeta" and "Gazeta.ru" both give "gazeta"."""
    words = re.sub(r"[^\w\s]", " ", name.casefold()).split()
    return " ".join(
        w for w in words if w not in {"ru", "com", "org", "net", "the"} and not _nationality(w)
    )


def _nationality(word: str) -> bool:
    return word in {"us", "u", "s"} or word.endswith(("ian", "ish", "ese", "ican"))


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _initials_match(a: str, b: str) -> bool:
    """ "la times" and "los angeles times" name the same thing."""
    short, long = sorted((a.split(), b.split()), key=len)
    if len(short) >= len(long):
        return False
    for size in range(2, len(long) - len(short) + 2):
        for begin in range(len(long) - size + 1):
            initials = "".join(w[0] for w in long[begin : begin + size])
            if long[:begin] + [initials] + long[begin + size :] == short:
                return True
    return False


@lru_cache(maxsize=65536)  # asked for every pair of names in an article
def _short_form(short: str, long: str, person: bool = True) -> bool:
    """A surname or an acronym of a longer name: a normal way to name the same source again."""
    words = long.split()
    return len(words) > 1 and (
        (person and short == _own_name(long).split()[-1])
        or (short.isupper() and len(short) > 1 and short == _initials(long))
    )


def _first_or_last(word: str, name: str) -> bool:
    """ "Maria" or "Lopez" in "Maria Lopez": the short ways a text names a person again."""
    words = _own_name(name).split()
    return len(words) > 1 and word in {words[0], words[-1]}


def _own_name(name: str) -> str:
    """ "Muhammadu Buhari" in "Muhammadu Buhari of Nigeria": the place is not his surname."""
    return re.split(r"\s(?:of|from|at|for|in)\s", name, maxsplit=1)[0]


@lru_cache(maxsize=65536)  # asked for every pair of names in an article
def _variant(a: str, b: str) -> bool:
    """Two spellings of one name: "NewNationNow"/"NewsNationNow", "LA Times"/"Los Angeles Times"."""
    from rapidfuzz import fuzz

    ca, cb = _core(a), _core(b)
    if not ca or not cb:
        return False
    short = min(ca.split(), cb.split(), key=len)
    abbreviated = any(len(w) <= 3 for w in short) and len(ca.split()) != len(cb.split())
    return ca == cb or fuzz.ratio(ca, cb) >= 88 or abbreviated and _initials_match(ca, cb)


def _one_id_per_source(found: list[Attribution], mentions: list[_Mention]) -> list[Attribution]:
    """Give every mention of one source the same `source`: its fullest name, first seen."""
    names: list[tuple[str, str]] = []  # (name, kind) in reading order
    for item in sorted(
        [(a.start, a.source, a.kind) for a in found if a.named]
        + [(m.at, m.name, m.kind) for m in mentions if m.kind != "group"]  # not "Philippine"
    ):
        if (item[1], item[2]) not in names:
            names.append((item[1], item[2]))
    canonical: dict[str, tuple[str, str]] = {}
    people = [(o, k) for o, k in names if k == "person" and len(o.split()) > 1]
    for name, kind in names:
        if len(name.split()) == 1 and not name.isupper():  # "Maria" or "Lopez" for "Maria Lopez"
            owners = {canonical.get(o, (o, k)) for o, k in people if _first_or_last(name, o)}
            if len(owners) == 1:  # two people share the word: it names neither for sure
                canonical[name] = owners.pop()
                continue
        longer = [(o, k) for o, k in names if o != name and _short_form(name, o, k == "person")]
        if longer:  # "ACLU" -> "American Civil Liberties Union"
            canonical[name] = canonical.get(longer[0][0], longer[0])
            continue
        twin = next((o for o, _ in names if o in canonical and _variant(name, o)), None)
        if twin is None:
            canonical[name] = (name, kind)
            continue
        kept = canonical[twin]  # two spellings of one source: keep the fuller one
        if len(_core(name).split()) > len(_core(kept[0]).split()):
            for other, target in list(canonical.items()):
                if target == kept:
                    canonical[other] = (name, kept[1])
            kept = (name, kept[1])
        canonical[name] = kept
    merged = []
    bodies = {"news outlet", "official body", "organisation"}
    earlier = [(a.start, a.source, a.kind, a.role) for a in found if a.named and a.kind != "group"]
    earlier += [(m.at, m.name, m.kind, m.role) for m in mentions if m.kind != "group"]
    earlier.sort()
    for a in found:
        words = a.mention.split()
        if a.named and a.source in canonical:
            source, kind = canonical[a.source]
            a = replace(a, source=source, kind=kind if kind != "organisation" else a.kind)
        elif not a.named and a.mention.istitle() and len(words) == 1:
            owners = {canonical[n] for n, _ in people if _first_or_last(a.mention, n)}
            if len(owners) == 1:  # "Mijares", tagged as a common noun
                source, kind = owners.pop()
                a = replace(a, source=source, kind=kind, named=True, name=a.mention, role="")
        elif not a.named and len(words) == 2 and words[0].lower() == "the":
            noun = words[1].lower()  # "the governor", "the department", "the paper"
            fits = {"person"} if a.kind == "person" else bodies
            match = [
                (name, kind)
                for at, name, kind, role in earlier
                if at < a.start
                and kind in fits
                and (
                    noun in re.findall(r"\w+", f"{role} {name}".lower())
                    or kind == "news outlet" and noun in {"paper", "newspaper"}
                )
            ]  # the role word must be in the earlier name or title: conservative by design
            if match:
                name, kind = match[-1]  # the nearest earlier one
                source = canonical.get(name, (name, ""))[0]
                a = replace(a, source=source, kind=kind, named=True, role=a.role)
        merged.append(a)
    return merged


# --- quotations ------------------------------------------------------------------------------


def _quotation(
    text: str, quotes: list[Span], sentence: Span, cue: _Cue, speaker: _Speaker
) -> tuple[str | None, str]:
    """The quotation an attribution reports, and how: direct, mixed into a paraphrase, or none."""
    near = [q for q in quotes if q.start < sentence.end and q.end > sentence.start]
    if not near:
        return None, "paraphrase"
    left, right = min(cue.cue_start, speaker.start), max(cue.cue_end, speaker.end)
    q = min(near, key=lambda q: min(abs(q.start - right), abs(q.end - left)))
    gap = text[q.end + 1 : left] if q.end <= left else text[right : max(right, q.start - 1)]
    direct = not gap.strip(" ,:;—–-\"“”'’‘\n") or count_words(q.text) > 0.6 * count_words(
        sentence.text
    )
    return q.text.strip().rstrip(","), "direct quotation" if direct else "mixed quotation"


# --- the audit -------------------------------------------------------------------------------

_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def audit(article: Article, attributions: Sequence[Attribution] | None = None) -> list[Flag]:
    """The sourcing problems a careful reader would flag, each with offsets and a plain reason."""
    attributions = find_attributions(article) if attributions is None else list(attributions)
    table = _table(article)
    doc = table.doc
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
    # 2. one source under two spellings (a surname or an acronym is not a second spelling)
    written: dict[str, dict[str, Attribution]] = {}
    for a in attributions:
        if a.named and a.name:
            written.setdefault(a.source, {}).setdefault(a.name, a)
    for forms in written.values():
        names = list(forms)
        for i, x in enumerate(names):
            for y in names[i + 1 :]:
                if _short_form(x, y) or _short_form(y, x) or not _variant(x, y):
                    continue
                first, second = forms[x], forms[y]
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
        problem = None
        if sentence.text[:1].islower():
            problem = "the sentence starts in lower case, as if something before it was cut"
        if re.search(r"according to [^,.;]+, that\b", sentence.text, re.I):
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
    # 4. first-person words without quotation marks; a quotation without a speaker
    quotes = table.quotes
    for a in attributions:
        sentence = article.sentences[a.sentence]
        before_end = min(a.start, a.cue_start)
        before = article.text[sentence.start : before_end]
        span = doc.char_span(sentence.start, before_end, alignment_mode="contract")
        if (
            a.verb
            and before.rstrip().endswith(",")
            and not any(q.start < sentence.end and q.end > sentence.start for q in quotes)
            and span is not None
            and any(t.lower_ in _FIRST_PERSON and t.pos_ == "PRON" for t in span)
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
    attributed = set(by_sentence)
    spoken = {
        q.text.casefold().strip(" ,.")
        for q in quotes
        for i in attributed
        if q.start < article.sentences[i].end and q.end > article.sentences[i].start
    }  # words quoted again later ("what “all such action necessary” entails") have a speaker
    for q in quotes:
        if count_words(q.text) < 4 or q.text.casefold().strip(" ,.") in spoken:
            continue
        inside = [
            i for i, s in enumerate(article.sentences) if s.start < q.end and s.end > q.start
        ]
        if not inside or article.sentences[inside[0]].kind != "body":
            continue
        near = set(range(inside[0] - 1, inside[-1] + 2))
        if not near & attributed:
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
        if a.kind == "person" and a.named and a.role and a.mention != a.source:
            roles.setdefault(a.source, set()).add(a.role)
    for person, seen in roles.items():
        distinct = {r.casefold() for r in seen}
        if len(distinct) > 1 and not any(
            set(r1.split()) <= set(r2.split()) for r1 in distinct for r2 in distinct if r1 != r2
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
    # 6. figures with no source named for them (numbers lens: whole quantities, never dates);
    # a person's age is a detail of identity, not a statistic anyone needs to vouch for
    from .numbers import find_quantities

    by_figure_sentence: dict[int, list] = {}
    for q in find_quantities(article):
        if q.unit == "age":
            continue
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
    import numpy as np

    table = _table(article)
    count = len(article.sentences)
    sentence_of = table.sentence_of
    first = np.ones(len(sentence_of), dtype=bool)
    first[1:] = sentence_of[1:] != sentence_of[:-1]  # a capital that only opens the sentence
    voice = np.bincount(sentence_of[table.first_person & ~table.quoted], minlength=count)
    names = np.bincount(sentence_of[table.proper & ~first], minlength=count)
    figures = np.bincount(sentence_of[table.figure], minlength=count)
    return [
        index
        for index, sentence in enumerate(article.sentences)
        if sentence.kind == "body"
        and not sentence.text.rstrip().endswith("?")
        and not voice[index]
        and (names[index] or figures[index])
    ]


def _resolved(a: Attribution) -> bool:
    return not _is_pronoun_id(a.source)


def sourcing_summary(
    article: Article, attributions: Sequence[Attribution] | None = None
) -> dict[str, Any]:
    """Counts a learner can compare across articles — counts, not a verdict on quality."""
    attributions = find_attributions(article) if attributions is None else list(attributions)
    named = sorted({a.source for a in attributions if a.named})
    unnamed = sorted({a.source for a in attributions if not a.named and _resolved(a)})
    claims = _claim_sentences(article)
    attributed = {a.sentence for a in attributions}
    distinct = {a.source: a for a in attributions if _resolved(a)}
    kinds = Counter(a.kind for a in distinct.values())
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

    columns = ["¶", "source", "as written", "role", "kind", "named", "cue", "mode", "quoted words"]
    rows = [
        [
            article.sentences[a.sentence].paragraph,
            a.source,
            a.mention,
            a.role,
            a.kind,
            a.named,
            a.cue,
            a.mode,
            a.quote or "",
        ]
        for a in find_attributions(article)
    ]
    return pd.DataFrame(rows, columns=columns)


def audit_table(article: Article, include_statistics: bool = False):
    """The audit's flags with the words they point at."""
    import pandas as pd

    rows = [
        {
            "¶": (article.sentence_at(f.start) or article.sentences[0]).paragraph,
            "flag": f.kind,
            "words": article.text[f.start : f.end],  # tables wrap long cells, never cut them
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

    Pronouns and "the paper" point back to a name and are left out. The kit can be
    wrong: the comparison is a conversation, not a verdict.
    """
    from .annotations import KeySpan

    spans = {}
    for a in find_attributions(article):
        paragraph = article.sentences[a.sentence].paragraph
        if (paragraphs and paragraph not in paragraphs) or (named_only and not a.named):
            continue
        if not a.name:  # "the paper", "the department": they point back to a name
            continue
        name_at = article.text.find(a.name, a.start, a.end)
        start, end = (name_at, name_at + len(a.name)) if name_at >= 0 else (a.start, a.end)
        spans[(start, end)] = KeySpan(start, end, "source", f"{a.kind}, cited with “{a.cue}”")
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
        flags = audit(article, attributions)
        unsourced = sum(f.kind == "unattributed statistic" for f in flags)
        rows.append(
            {
                "article": article.id,
                "attributions": summary["attributions"],
                "named sources": summary["distinct_named"],
                "unnamed sources": summary["distinct_unnamed"],
                "per 100 words": summary["attributions_per_100_words"],
                "claims attributed": summary["claim_sentences_attributed_share"],
                "attribution flags": len(flags) - unsourced,
                "sentences with an unsourced figure": unsourced,
            }
        )
    return pd.DataFrame(rows).set_index("article")
