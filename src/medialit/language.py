"""The loaded-language lens: charged words, whose voice they are in, and neutral choices.

`find_loaded_language` reads the article's one shared parse (`medialit.nlp.parse`) and
matches the lexicon in datasets/lexicons/loaded_language.csv on lemmas, with a part of
speech for each entry and sense guards, using spaCy's `PhraseMatcher`: "lies" in "the city
lies on the river" is a verb and is not the noun "lies"; "more dangerous" compares
and does not alarm; "explode" is loaded when people or a city explode, not a bomb.

Voice comes from the parse too. Words inside quotation marks, hashtags and the label
a labelling verb gives ("calling the city 'occupied'") are *quoted*; the clause a
reporting verb governs ("officials said the mob…"), the clause after "according to"
and the content of a claim ("the idea that agents are under siege") are *attributed
paraphrase*; everything else is the author's own voice. A headline's reporting verb
gives its words to the person the headline names.

A lexicon still cannot see irony or every context: the count is a prompt for reading,
not a verdict.
"""

from __future__ import annotations

import csv
import html
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from .corpus import Article, find_quotations
from .nlp import load_pipeline, parse
from .paths import datasets_dir

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Token

__all__ = [
    "TECHNIQUES",
    "VOICES",
    "LoadedTerm",
    "find_loaded_language",
    "language_json",
    "language_summary",
    "language_table",
    "lexicon",
    "loaded_html",
    "loaded_spans",
    "loaded_table",
    "loaded_view",
    "neutral_rewrite",
    "opinion_signals",
    "rewrite_view",
    "technique_name",
]

VOICES = ("author", "quoted", "attributed paraphrase")
DASHES = {"—", "–", "-", "--"}
# Verbs whose object complement is the speaker's label for the object: "calling the city
# 'occupied'", "labelled a war zone", "described as a crisis", "accused of launching riots".
LABEL_VERBS = frozenset(
    "accuse brand call characterise characterize decry denounce describe dub label paint portray "
    "term".split()
)
# Verbs whose object is a fixed form of words: "chanted lock her up", "signs reading …",
# "tweeted: build the wall". What they carry is the crowd's or the poster's, word for word.
SLOGAN_VERBS = frozenset("chant shout post tweet read".split())
GENERIC_TRADE_OFF = (
    "No replacement is perfectly neutral: pick the one that says only what the text can show."
)


def _rows(name: str) -> list[dict[str, str]]:
    with open(datasets_dir() / "lexicons" / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@cache
def _techniques() -> dict[str, tuple[str, str]]:
    return {r["label"]: (r["name"], r["definition"]) for r in _rows("techniques.csv")}


TECHNIQUES = tuple(_techniques())
"""Technique labels as in the SemEval-2020 Task 11 (PTC) corpus, in display order."""


def technique_name(label: str) -> str:
    """The display name of a PTC label ("Name_Calling,Labeling" -> "Name calling / labelling")."""
    return _techniques().get(label, (label.replace("_", " ").replace(",", " / "), ""))[0]


@dataclass(frozen=True)
class Entry:
    """One lexicon row: a lemma or phrase, where it counts as loaded, and what to say instead."""

    term: str
    pos: frozenset[str]
    technique: str
    intensity: int
    alternatives: tuple[str, ...]
    trade_off: str
    explanation: str
    guards: frozenset[str]
    source: str  # "kit" (written by the kit's authors) or "vader" (VADER candidate kept by hand)
    valence: float | None  # VADER's mean valence (-4..4) where VADER lists the word


@dataclass(frozen=True)
class LoadedTerm:
    """One match: the words, the technique, whose voice, neutral choices, why it is loaded here."""

    text: str
    term: str
    technique: str  # the PTC label, e.g. "Name_Calling,Labeling"
    technique_name: str  # for display, e.g. "Name calling / labelling"
    intensity: int
    voice: str  # author | quoted | attributed paraphrase
    speaker: str  # whose words they are as the text presents it ("" = the author or unknown)
    alternatives: tuple[str, ...]
    trade_off: str
    explanation: str
    why: str
    start: int
    end: int

    @property
    def neutral(self) -> str:
        """The first alternative ("" = leave the word out)."""
        return self.alternatives[0] if self.alternatives else ""


@cache
def lexicon() -> tuple[Entry, ...]:
    entries = []
    for r in _rows("loaded_language.csv"):
        alternatives = tuple(a.strip() for a in r["alternatives"].split("|") if a.strip())
        entries.append(
            Entry(
                r["term"],
                frozenset(r["pos"].split()),
                r["technique"],
                int(r["intensity"]),
                alternatives,
                r["trade_off"],
                r["explanation"],
                frozenset(r["guard"].split()),
                r["source"],
                float(r["valence"]) if r["valence"] else None,
            )
        )
    return tuple(entries)


@cache
def _word_list(name: str, column: str) -> frozenset[str]:
    return frozenset(r[column] for r in _rows(name))


def _reporting_verbs() -> frozenset[str]:
    return _word_list("reporting_verbs.csv", "verb")


@cache
def _matchers() -> tuple[dict[str, tuple[int, ...]], PhraseMatcher, PhraseMatcher]:
    """The lexicon's matchers: single words by lemma (the part of speech is checked after
    matching), phrases by lemma and every term by its normalised form, with a plural last
    word too.

    A single word's lemmas are looked up in a dict (lemma → lexicon rows, in lexicon order)
    rather than given to a PhraseMatcher: its ~2,000 one-word patterns cost a Doc each to
    build, the largest part of the kit's start-up, and a one-word match is a lookup.
    """
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    nlp = load_pipeline()
    by_word_lemma: dict[str, list[int]] = {}
    by_lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
    by_form = PhraseMatcher(nlp.vocab, attr="NORM")
    entries = lexicon()
    # each term is tokenised once, in one batch; a LEMMA pattern is read by its lemmas only,
    # so its words are the term's own tokens (a new vocabulary entry is slow to make)
    for index, tokens in enumerate(nlp.tokenizer.pipe(e.term for e in entries)):
        entry = entries[index]
        words = [t.norm_ for t in tokens]
        if len(words) == 1:
            for variant in sorted({entry.term, entry.term.capitalize(), entry.term.upper()}):
                by_word_lemma.setdefault(variant, []).append(index)
            by_form.add(str(index), [tokens])
        else:
            plural = [*words[:-1], words[-1] + "s"]
            by_form.add(
                str(index), [Doc(nlp.vocab, words=w) for w in (words, plural)]
            )
            # an idiom in any inflection: "wreaked havoc", "sowing division", "rips into"
            lemmas = [w.lower() for w in words]
            texts = [t.text for t in tokens]
            by_lemma.add(
                str(index),
                [
                    Doc(nlp.vocab, words=texts, lemmas=w)
                    for w in (lemmas, [lemmas[0].capitalize(), *lemmas[1:]])
                ],
            )
    return {k: tuple(v) for k, v in by_word_lemma.items()}, by_lemma, by_form


def _pos_fits(entry: Entry, token: Token) -> bool:
    """The entry's part of speech, allowing for how the tagger reads modifiers: a participle
    written as the adjective ("chilling crimes", "left them devastated")."""
    tags = entry.pos | ({"PROPN"} if "NOUN" in entry.pos else set())
    if token.pos_ in tags:
        return True
    participle = entry.term.endswith(("ing", "ed", "en")) and token.tag_ in {"VBG", "VBN", "VBD"}
    return "ADJ" in entry.pos and token.lower_ == entry.term and participle


def _lemma_matches(doc: Doc) -> list[tuple[int, int, int]]:
    """(row, start, end) of every match by lemma, in a PhraseMatcher's order: by start, then
    by end (a phrase is never one word, so a word and a phrase never share both)."""
    by_word_lemma, by_lemma, _ = _matchers()
    found = [
        (index, token.i, token.i + 1)
        for token in doc
        for index in by_word_lemma.get(token.lemma_, ())
    ]
    found += [(int(doc.vocab.strings[m]), start, end) for m, start, end in by_lemma(doc)]
    found.sort(key=lambda m: (m[1], m[2]))  # stable: the matcher's own order within a span
    return found


def _matches(doc: Doc) -> Iterable[tuple[Entry, int, int]]:
    """Every lexicon match: single words only where their part of speech is the entry's."""
    entries = lexicon()
    by_form = _matchers()[2]
    form_matches = [(int(doc.vocab.strings[m]), start, end) for m, start, end in by_form(doc)]
    seen = set()
    for index, start, end in [*_lemma_matches(doc), *form_matches]:
        entry = entries[index]
        if (start, end, entry.term) in seen:
            continue
        seen.add((start, end, entry.term))
        if end - start == 1 and entry.pos and not _pos_fits(entry, doc[start]):
            continue
        yield entry, start, end


# --- sense guards --------------------------------------------------------------------------


def _compared(token: Token) -> bool:
    """"more dangerous", "the greatest risk": a comparison, not an alarm."""
    degree = token.morph.get("Degree")
    if degree and degree[0] in {"Cmp", "Sup"}:
        return True
    return any(
        c.dep_ in {"advmod", "amod"} and c.lower_ in {"more", "most", "less", "least", "as"}
        for c in token.children
    )


def _actor(token: Token) -> Token | None:
    """Who or what does what a verb says: its subject, the noun a participle describes, or the
    subject of the clause it hangs from."""
    for _ in range(4):
        for child in token.children:
            if child.dep_ in {"nsubj", "csubj"}:
                return child
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if any(c.dep_ == "nsubjpass" for c in token.children):
            return None  # "the area was not stormed": no one named did it
        if token.dep_ in {"acl", "amod"} and token.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            return token.head
        if token.dep_ in {"acomp", "attr"} and token.head.i != token.i:
            token = token.head  # "they will be massive": the subject of "be"
            continue
        if token.dep_ in {"advcl", "xcomp", "conj", "pcomp"} and token.head.i != token.i:
            token = token.head
            continue
        return None
    return None


def _is_people_or_place(token: Token) -> bool:
    if token.dep_ == "csubj":  # "What began as protests has spiralled": events
        return True
    if token.ent_type_ in {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"}:
        return True
    if token.pos_ == "PROPN" and token.text[:1].isupper():  # a name the model did not type
        return True
    if token.pos_ == "PRON":
        return token.lower_ not in {"it", "this", "that", "which"}
    if token.lemma_.lower() in _word_list("figurative_actors.csv", "lemma"):
        return True
    # a label the lexicon itself gives to people ("the thugs", "the dictator's henchmen")
    return token.lemma_.lower() in _people_labels()


@cache
def _people_labels() -> frozenset[str]:
    return frozenset(
        e.term for e in lexicon() if e.technique == "Name_Calling,Labeling" and "NOUN" in e.pos
    )


def _military(token: Token) -> bool:
    """"Russia's invasion of Ukraine", "troops invaded": an army invading, not a metaphor."""
    military = {"army", "troop", "force", "military", "soldier", "tank", "country", "territory"}
    military.add("ground")  # "a ground invasion"
    related = list(token.children)
    related += [g for c in token.children if c.dep_ == "prep" for g in c.children]
    actor = _actor(token) if token.pos_ == "VERB" else None
    if actor is not None:
        related.append(actor)
    return any(
        t.ent_type_ in {"GPE", "NORP"} and t.dep_ != "nsubjpass" or t.lemma_.lower() in military
        for t in related
    )


def _group_label(token: Token) -> bool:
    """A whole group labelled: plural, with no clause narrowing it to particular people."""
    plural = token.morph.get("Number") == ["Plur"] or token.lower_.endswith("s")
    narrowed = any(
        c.dep_ in {"relcl", "acl"}
        or c.lemma_.lower() in {"convicted", "known", "career", "violent", "accused", "suspected"}
        for c in token.children
    )
    return plural and not narrowed


def _legal_charge(token: Token) -> bool:
    """"seven counts of cruelty", "charged with genocide": the name of a charge, not a verdict."""
    legal = {"count", "charge", "accuse", "convict", "guilty", "indict", "sentence", "trial"}
    node = token
    for _ in range(3):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in legal:
            return True
    return False


def _named(token: Token) -> bool:
    """"the Houthi rebellion", "the Easter Rising": the name of an event, not a description."""
    return any(
        c.dep_ in {"compound", "amod", "poss"} and (c.pos_ == "PROPN" or c.ent_type_ == "NORP")
        for c in token.children
    )


def _arguments(token: Token) -> list[Token]:
    """What a word is done to or said of: a verb's subject, object, passive agent and
    prepositional objects; the noun an adjective describes ("the fire gutted the building",
    "rigged with explosives", "sold-out concert")."""
    related = [token.head] if token.dep_ in {"amod", "acl", "compound"} else []
    for child in token.children:
        if child.dep_ in {"nsubj", "nsubjpass", "dobj", "obj", "attr", "oprd"}:
            related.append(child)
        elif child.dep_ in {"agent", "prep", "prt"}:
            related += [g for g in child.children if g.dep_ == "pobj"]
    return related


def _literal(token: Token, words: set[str]) -> bool:
    """A literal sense shown by what the word acts on: "gutted by fire", "torched cars"."""
    return any(t.lemma_.lower() in words or t.lower_ in words for t in _arguments(token))


def _predicate(token: Token) -> bool:
    """A noun used as a verdict on something else: "the hearing was a circus", "they are
    animals", "the plan turned into a disaster" — not the thing itself ("the disaster
    killed 30")."""
    if token.dep_ in {"attr", "oprd", "appos"}:
        return True
    head = token.head
    return (
        token.dep_ == "pobj"
        and head.lower_ == "into"
        and head.head.lemma_.lower() in {"turn", "descend", "devolve", "become", "degenerate"}
    )


def _of_people(token: Token) -> bool:
    """An adjective that labels people or a group ("radical activists", "they are radical"),
    not an idea ("radical change")."""
    if token.pos_ in {"NOUN", "PROPN"}:
        return True  # "radicals": the noun itself names the people
    if token.dep_ in {"amod", "compound"} and token.head.i != token.i:
        target = token.head
    elif token.dep_ in {"acomp", "attr"}:
        target = next(
            (c for c in token.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None
        )
    else:
        return False
    if target is None:
        return False
    person = target.lemma_.lower() in _word_list("figurative_actors.csv", "lemma")
    return person or target.ent_type_ in {"NORP", "PERSON", "ORG"} or (
        target.pos_ == "PRON" and target.lower_ not in {"it", "this", "that", "which"}
    )


def _context_words(token: Token) -> set[str]:
    doc = token.doc
    near = [token.head, *token.children, *(doc[i] for i in (token.i - 2, token.i - 1) if i >= 0)]
    return {t.lemma_.lower() for t in near} | {t.lower_ for t in near}


def _passes_guards(entry: Entry, span) -> bool:
    token = span.root
    for guard in entry.guards:
        if guard.startswith("unless:") and _context_words(token) & set(guard[7:].split(",")):
            return False
        if guard.startswith("literal:") and _literal(token, set(guard[8:].split(","))):
            return False
        if guard.startswith("only:") and not _literal(token, set(guard[5:].split(","))):
            return False  # "an attack on democracy", not "an attack on the embassy"
    if "predicate" in entry.guards and not _predicate(token):
        return False
    if "of_people" in entry.guards and not _of_people(token):
        return False
    if "not_charge" in entry.guards and _legal_charge(token):
        return False
    if "not_named" in entry.guards and _named(token):
        return False
    if "not_compared" in entry.guards and _compared(token):
        return False
    if "figurative" in entry.guards:
        actor = _actor(token)
        if actor is None or not _is_people_or_place(actor):
            return False
    if "not_military" in entry.guards and _military(token):
        return False
    return "group_label" not in entry.guards or _group_label(token)


# --- voice from the parse ------------------------------------------------------------------


@dataclass(frozen=True)
class _Voice:
    voice: str
    speaker: str


def _phrase(token: Token) -> str:
    """A short name for a speaker: the token with its compounds and possessors."""
    words = token.doc[token.left_edge.i : token.i + 1]
    while len(words) > 1 and (words[0].pos_ in {"DET", "PUNCT"} or words[0].is_space):
        words = words[1:]
    return words.text


def _speaker(verb: Token, heading: bool) -> str:
    """Who a reporting verb's words belong to: its subject, the passive agent, the subject of
    the clause it hangs from, or (in a headline) the person the headline names."""
    node = verb
    for _ in range(4):
        for child in node.children:
            if child.dep_ == "nsubj":
                return _phrase(child)
            if child.dep_ == "agent":
                by = next((c for c in child.children if c.dep_ == "pobj"), None)
                if by is not None and verb.tag_ == "VBN":
                    return _phrase(by)
        if node.dep_ in {"advcl", "acl", "xcomp", "conj"} and node.head.i != node.i:
            node = node.head
            continue
        break
    if heading:
        for ent in verb.sent.ents:
            if ent.label_ in {"PERSON", "ORG", "NORP"}:
                return ent.text.split(" ")[0] if ent.label_ == "PERSON" else ent.text
        first = verb.sent[0]
        if first.pos_ == "PROPN":
            return first.text
    return ""


def _set_aside(token: Token) -> bool:
    """The writer's own comment inside a report: an appositive or relative clause after a dash,
    or a trailing contrast after a comma ("…, when the violence has been unleashed by the
    state")."""
    left = token.left_edge
    before = left.doc[left.i - 1].text if left.i > 0 else ""
    if token.dep_ in {"appos", "relcl", "parataxis"} and before in DASHES:
        return True
    contrast = {"when", "while", "whereas", "although", "though"}
    return (
        token.dep_ == "advcl"
        and token.i > token.head.i
        and before == ","
        and any(c.dep_ in {"mark", "advmod"} and c.lower_ in contrast for c in token.children)
    )


def _pruned(root: Token) -> Iterable[Token]:
    """The subtree of `root` without dash-set-aside comments."""
    stack = [root]
    while stack:
        token = stack.pop()
        if token.i != root.i and _set_aside(token):
            continue
        yield token
        stack.extend(token.children)


def _reported_clause(clause: Token, verb: Token) -> bool:
    """A complement clause is the speaker's unless it comes first and a colon or dash, not a
    comma, stands between ("One thing is certain: the city has been labelled…")."""
    if clause.i > verb.i:
        return True
    between = verb.doc[clause.right_edge.i + 1 : verb.i]
    return not any(t.text in DASHES or t.text in {":", ";"} for t in between)


def _first_person(token: Token) -> bool:
    return token.pos_ == "PRON" and "1" in token.morph.get("Person")


def _attributed(doc: Doc, headings: set[int]) -> dict[int, str]:
    """Token index -> speaker for every token the parse puts in someone else's reported words."""
    found: dict[int, str] = {}
    reporting = _reporting_verbs()
    claim_nouns = _word_list("claim_nouns.csv", "noun")

    def give(tokens: Iterable[Token], speaker: str) -> None:
        for t in tokens:
            found.setdefault(t.i, speaker)

    in_heading = [False] * len(doc)  # once per sentence, not `token.sent` once per token
    for sentence in doc.sents:
        if sentence.start in headings:
            in_heading[sentence.start : sentence.end] = [True] * len(sentence)
    for token in doc:
        lemma = token.lemma_.lower()
        heading = in_heading[token.i]
        sign = lemma != "read" or (token.dep_ == "acl" and token.tag_ == "VBG")  # "signs reading"
        if token.pos_ == "VERB" and lemma in SLOGAN_VERBS and sign:
            speaker = _speaker(token, heading)
            for child in token.children:
                after_colon = child.i > token.i and any(
                    t.text == ":" for t in doc[token.i + 1 : child.left_edge.i]
                )
                if child.dep_ in {"dobj", "ccomp", "xcomp", "oprd"} or after_colon:
                    give(_pruned(child), speaker)
        if token.pos_ in {"VERB", "AUX"} and lemma in reporting:
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is not None and _first_person(subject):
                continue  # "I think…", "we believe…": the author's own view
            speaker = _speaker(token, heading)
            passive = token.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in token.children)
            has_content = False
            for child in token.children:
                content = (child.dep_ == "ccomp" and _reported_clause(child, token)) or (
                    child.dep_ == "prep" and child.lower_ in {"of", "about"}
                )
                if lemma in LABEL_VERBS:
                    content = content or child.dep_ in {"oprd", "attr", "acomp", "xcomp"}
                    content = content or (child.dep_ == "prep" and child.lower_ == "as")
                    content = content or (child.dep_ == "agent" and not passive)
                if content:
                    has_content = True
                    give(_pruned(child), speaker)
            if token.dep_ == "parataxis" and subject is not None and not has_content:
                own = {t.i for t in token.subtree}  # "…, he said."
                give((t for t in _pruned(token.head) if t.i not in own), speaker)
        elif lemma in {"accord", "according"} and any(c.lower_ == "to" for c in token.children):
            source = [g for c in token.children if c.lower_ == "to" for g in c.subtree]
            source_words = {t.lemma_.lower() for t in source if t.pos_ in {"PROPN", "NOUN"}}
            head = token.head
            if head.i == token.i:
                continue
            subject = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            # "According to the Times, the Times offered sobering updates": the writer describes
            # the source's act; only a claim *about something else* is the source's.
            if subject is not None and source_words & {t.lemma_.lower() for t in subject.subtree}:
                continue
            own = {t.i for t in token.subtree}
            name = " ".join(t.text for t in source if t.dep_ != "prep" and t.lower_ != "to")
            give((t for t in _pruned(head) if t.i not in own), name)
        elif token.pos_ == "NOUN" and lemma in claim_nouns:
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            speaker = _phrase(owner) if owner is not None else ""
            for child in token.children:
                if child.dep_ in {"acl", "ccomp", "appos"} or (
                    child.dep_ == "prep" and child.lower_ == "of"
                ):
                    give(_pruned(child), speaker)
    return found


def _transcript_start(article: Article) -> int | None:
    """Where an interview transcript begins: the first paragraph that opens with a speaker's
    label ("((WN))", "Q:"). From there on the words are the interviewer's and interviewee's."""
    for paragraph in article.paragraphs:
        head = paragraph.text.lstrip()
        if head.startswith("((") and "))" in head[:40]:
            return paragraph.start
        if head[:2] in {"Q:", "Q.", "A:"} or head.lower().startswith("interviewer:"):
            return paragraph.start
    return None


@lru_cache(maxsize=512)
def _quoted(article: Article) -> tuple[tuple[int, int], ...]:
    """Quotations, hashtags and interview transcripts: words the text gives to someone else.

    Cached: both the loaded-language lens and the opinion signals ask for them."""
    spans = [(q.start, q.end) for q in find_quotations(article.text)]
    if "#" in article.text:
        spans += [
            (t.idx, t.idx + len(t)) for t in parse(article) if t.text.startswith("#") and len(t) > 1
        ]
    transcript = _transcript_start(article)
    if transcript is not None:
        spans.append((transcript, len(article.text)))
    return tuple(spans)


def _quote_speaker(token: Token, heading: bool, quotes: Sequence[tuple[int, int]]) -> str:
    """The speaker a quotation's sentence names with a reporting verb outside the quotation."""
    reporting = _reporting_verbs()
    for t in token.sent:
        if any(q0 <= t.idx < q1 for q0, q1 in quotes):
            continue
        subject = next((c for c in t.children if c.dep_ == "nsubj"), None)
        if subject is not None and (_first_person(subject) or subject.tag_ in {"WP", "WDT"}):
            continue
        if t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() in reporting:
            speaker = _speaker(t, heading)
            if speaker:
                return speaker
    return ""


# --- finding --------------------------------------------------------------------------------


def _context(token: Token) -> str:
    """What the loaded word is said of, read from the tree, for the "why" line."""
    if token.pos_ in {"ADJ", "VERB"} and token.dep_ in {"amod", "acl"} and token.head.i != token.i:
        head = token.head
        words = [c for c in head.lefts if c.dep_ == "compound"] + [head]
        return f"it describes “{' '.join(w.text for w in words)}”"
    if token.pos_ == "ADV" and token.head.i != token.i:
        return f"it qualifies “{token.head.text}”"
    if token.dep_ in {"acomp", "attr", "oprd"}:
        subject = next(
            (c for c in token.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None
        )
        if subject is not None:
            return f"it is said of “{_phrase(subject)}”"
    if token.pos_ == "VERB":
        actor = _actor(token)
        if actor is not None:
            return f"it tells what “{_phrase(actor)}” did"
    if token.pos_ in {"NOUN", "PROPN"}:
        words = [t for t in token.subtree if not t.is_space]
        if len(words) > 8 or len(words) < 2:
            doc = token.doc
            window = doc[max(token.i - 3, token.sent.start) : min(token.i + 4, token.sent.end)]
            words = [t for t in window if not t.is_space]
        text = "".join(t.text_with_ws for t in words).strip(" ,;:—–“”‘’\"'")
        return f"it names what the text describes in “{text}”"
    return "it frames what the sentence reports"


def _who(speaker: str) -> str:
    """A speaker for the "why" line: a name as written, a pronoun as the text's own word."""
    if speaker.lower() in {"he", "she", "they", "it", "i", "we", "you"}:
        return f"the speaker the sentence calls “{speaker}”"
    return speaker


def _why(entry: Entry, token: Token, voice: str, speaker: str) -> str:
    if voice == "author":
        whose = "in the author's own voice: the text gives these words to no one else"
    elif voice == "quoted":
        whose = f"in words the text quotes{f' from {_who(speaker)}' if speaker else ''}"
    else:
        whose = f"in a paraphrase of {_who(speaker) if speaker else 'someone the text reports'}"
    return f"{entry.explanation} Here {_context(token)}, {whose}."


def _in_long_name(token: Token) -> bool:
    """Part of a name of several words ("Beauty and the Beast", "Beast Boy"); a headline's
    last word the model misreads as a surname ("Trump Orders Crackdown") is not."""
    kinds = {"WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "LAW"}
    return any(
        ent.start <= token.i < ent.end
        and len(ent) > 1
        and (ent.label_ in kinds or ent.label_ == "PERSON" and token.i < ent.end - 1)
        for ent in token.sent.ents
    )


def _capitalised_mid_sentence(token: Token) -> bool:
    """A capital letter where the sentence gives none: the word belongs to a name or a title."""
    if not token.text[:1].isupper() or token.is_upper:
        return False
    before = [t for t in token.doc[token.sent.start : token.i] if not t.is_space]
    if not before:
        return False
    opening = {"\"", "“", "‘", "'", ":", "(", "—", "–", "-", "[", "…", "."}
    return before[-1].text not in opening and any(t.is_alpha for t in before)


@lru_cache(maxsize=512)
def _find(article: Article) -> tuple[LoadedTerm, ...]:
    doc = parse(article)
    headings = {
        doc.char_span(s.start, s.end, alignment_mode="expand").start
        for s in article.sentences
        if s.kind == "heading" and doc.char_span(s.start, s.end, alignment_mode="expand")
    }
    heading_sents = {doc[i].sent.start for i in headings}
    matches = []
    for entry, start, end in _matches(doc):
        span = doc[start:end]
        if (
            len(span) == 1
            and span.root.pos_ == "PROPN"
            and "PROPN" not in entry.pos
            and (
                span.root.sent.start not in heading_sents
                or (start > 0 and doc[start - 1].text == "-")
                or _in_long_name(span.root)
            )
        ):
            continue  # a name ("Storm Ciara", "Tahrir al-Sham"), except in a Title Case headline
        if (
            len(span) == 1
            and "PROPN" not in entry.pos
            and span.root.sent.start not in heading_sents
            and _capitalised_mid_sentence(span.root)
        ):
            continue  # part of a title or a name ("Beauty and the Beast", "Beast Boy")
        if start > 1 and doc[start - 1].text == "-" and doc[start - 2].lower_ == "non":
            continue  # "non-toxic"
        if _passes_guards(entry, span):
            matches.append((start, end, entry))
    # longest first, then reading order; a word belongs to one match only
    matches.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    chosen, taken = [], set()
    for start, end, entry in sorted(matches, key=lambda m: -(m[1] - m[0])):
        if taken.isdisjoint(range(start, end)):
            taken.update(range(start, end))
            chosen.append((start, end, entry))
    chosen.sort(key=lambda m: m[0])
    quotes = _quoted(article)
    attributed = _attributed(doc, heading_sents) if chosen else {}
    found = []
    for start, end, entry in chosen:
        span = doc[start:end]
        root = span.root
        heading = root.sent.start in heading_sents
        char_start, char_end = span.start_char, span.end_char
        if any(q0 <= char_start < q1 for q0, q1 in quotes):
            voice, speaker = "quoted", _quote_speaker(root, heading, quotes)
        elif root.i in attributed or start in attributed:
            voice = "attributed paraphrase"
            speaker = attributed.get(root.i, attributed.get(start, ""))
        else:
            voice, speaker = "author", ""
        if heading and voice != "author" and attributed.get(root.i):
            voice = "quoted"  # a headline's label is the person's word, quotation marks or not
        if entry.technique == "Slogans" and voice == "attributed paraphrase":
            voice = "quoted"  # a slogan is a fixed form of words: reporting it is quoting it
        found.append(
            LoadedTerm(
                text=span.text,
                term=entry.term,
                technique=entry.technique,
                technique_name=technique_name(entry.technique),
                intensity=entry.intensity,
                voice=voice,
                speaker=speaker,
                alternatives=entry.alternatives,
                trade_off=entry.trade_off or (GENERIC_TRADE_OFF if entry.alternatives else ""),
                explanation=entry.explanation,
                why=_why(entry, root, voice, speaker),
                start=char_start,
                end=char_end,
            )
        )
    return tuple(found)


def find_loaded_language(article: Article) -> list[LoadedTerm]:
    """Every lexicon match in the article, with its voice and why it is loaded, in reading order."""
    return list(_find(article))


# --- opinion signals -----------------------------------------------------------------------

# Imperatives that organise the writer's own talk rather than ask the reader to act.
DISCOURSE_VERBS = frozenset(
    "be face say see look consider imagine note mind take remember recall".split()
)
OBLIGATION = frozenset("must should need have ought".split())


def _quoted_chars(article: Article) -> bytearray:
    """1 for each character inside a quotation: one look-up per token, not one per quotation."""
    inside = bytearray(len(article.text))
    for q0, q1 in _quoted(article):
        inside[q0:q1] = b"\x01" * len(inside[q0:q1])
    return inside


def _call_to_action(root: Token) -> bool:
    """An imperative or hortative clause addressed to the reader ("Call your representative",
    "Let us stand together", "We must act now"), not a discourse marker ("Let's be honest")."""
    children = list(root.children)
    subject = next((c for c in children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None)
    if root.lemma_ == "let" and root.tag_ == "VB":
        action = next((c for c in children if c.dep_ in {"ccomp", "xcomp"}), None)
        if action is None:
            return False
        us = [c for c in (*children, *action.children) if c.lower_ in {"us", "'s", "’s"}]
        if not us:
            return False
        return action.lemma_.lower() not in DISCOURSE_VERBS
    if root.tag_ == "VB" and subject is None and root.i == root.sent.start + _lead(root):
        question = root.sent.text.rstrip().endswith("?")
        return root.lemma_.lower() not in DISCOURSE_VERBS and not question
    if subject is not None and subject.lower_ == "we" and root.pos_ == "VERB":
        return any(
            c.dep_ == "aux" and c.lemma_.lower() in OBLIGATION
            or c.dep_ == "xcomp" and root.lemma_ in {"need", "have"}
            for c in children
        ) or (root.lemma_ in {"need", "have"} and any(c.dep_ == "xcomp" for c in children))
    if subject is not None and subject.lower_ == "it" and root.lemma_ == "be":
        # "It is urgent to articulate…", "It is time to…"
        urgent = {"urgent", "essential", "vital", "imperative", "necessary", "time"}
        return any(c.lemma_.lower() in urgent for c in children) and any(
            c.dep_ in {"xcomp", "ccomp"}
            or c.dep_ == "acomp" and any(g.dep_ == "xcomp" for g in c.children)
            for c in children
        )
    return False


def _lead(root: Token) -> int:
    """How many words precede an imperative's verb at the start of its sentence ("Now, call…")."""
    offset = 0
    for t in root.sent:
        if t.i == root.i:
            return offset
        if t.is_punct or t.dep_ in {"advmod", "intj", "npadvmod", "cc", "punct"} or t.is_space:
            offset += 1
        else:
            return -1
    return -1


def _personal_pronoun(token: Token) -> bool:
    """A pronoun by its morphology (so "Title I" is not "I"), and not a word in a title
    ("The Time of Your Life")."""
    if token.pos_ != "PRON" or token.morph.get("PronType") == ["Rel"]:
        return False
    if token.dep_ in {"nmod", "compound", "npadvmod", "appos"}:
        return False  # "Title I", "World War I": part of a name
    if token.ent_type_ in {"WORK_OF_ART", "ORG", "LAW"}:
        return False
    in_title = (
        token.i > token.sent.start
        and token.text[:1].isupper()
        and token.text != "I"
        and any(
            t.text[:1].isupper() and t.i != token.i
            for t in token.doc[max(token.i - 1, 0) : token.i + 2]
        )
    )
    return not in_title


def opinion_signals(article: Article) -> dict[str, int]:
    """Signs of opinion rather than news, read from the parse and counted outside quotations
    and outside headings: first and second person pronouns, rhetorical questions, calls to
    action and exclamation marks."""
    doc = parse(article)
    quoted = _quoted_chars(article)
    body = [(s.start, s.end) for s in article.sentences if s.kind == "body"]
    counts: Counter[str] = Counter()
    for start, end in body:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            if quoted[token.idx]:
                continue
            if _personal_pronoun(token):
                person = token.morph.get("Person")
                after_let = token.i > 0 and doc[token.i - 1].lower_ == "let"
                if token.lower_ in {"'s", "’s"} and after_let:
                    person = ["1"]  # "let's" = "let us"
                if "1" in person:
                    counts["first_person"] += 1
                elif "2" in person:
                    counts["second_person"] += 1
            if token.text == "!":
                counts["exclamations"] += 1
            if token.dep_ == "ROOT" or (token.dep_ == "conj" and token.head.dep_ == "ROOT"):
                counts["call_to_action"] += _call_to_action(token)
        last = next((t for t in reversed(span) if not t.is_space), None)
        if last is not None and last.text == "?" and not quoted[last.idx]:
            counts["rhetorical_questions"] += 1
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


def _as_json(t: LoadedTerm) -> dict[str, Any]:
    return {
        "text": t.text,
        "technique": t.technique,
        "technique_name": t.technique_name,
        "intensity": t.intensity,
        "voice": t.voice,
        "speaker": t.speaker,
        "neutral": t.neutral,
        "alternatives": list(t.alternatives),
        "trade_off": t.trade_off,
        "why": t.why,
        "start": t.start,
        "end": t.end,
    }


def language_json(article: Article) -> dict[str, Any]:
    """The keys the loaded-language lens adds to each article in `medialit analyze --json`."""
    return {
        "loaded": [_as_json(t) for t in find_loaded_language(article)],
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


def _choices(t: LoadedTerm) -> str:
    return " / ".join(t.alternatives) if t.alternatives else "(leave it out)"


def loaded_html(article: Article, voices: Sequence[str] = VOICES) -> str:
    """The article with each match underlined (colour and line style per technique), a legend,
    and a tooltip with the technique, the voice, neutral choices and why the word is loaded."""
    found = [t for t in find_loaded_language(article) if t.voice in voices]
    used = sorted(
        {t.technique for t in found}, key=lambda x: TECHNIQUES.index(x) if x in TECHNIQUES else 99
    )
    legend = " ".join(
        f'<span style="text-decoration:underline {_style(t)[1]} {_style(t)[0]} 2px;'
        f'text-underline-offset:3px;padding:0 .3em">{html.escape(technique_name(t))}</span>'
        for t in used
    )
    parts, cursor = [], 0
    for t in found:
        if t.start < cursor:
            continue
        parts.append(html.escape(article.text[cursor : t.start]))
        colour, line = _style(t.technique)
        tip = (
            f"{t.technique_name} ({t.technique}) — {t.voice}"
            f"{f' ({t.speaker})' if t.speaker else ''}. Neutral: {_choices(t)}. {t.why}"
        )
        weight = "font-weight:bold;" if t.voice == "author" else "font-style:italic;"
        parts.append(
            f'<mark title="{html.escape(tip, quote=True)}" style="background:none;{weight}'
            f'text-decoration:underline {line} {colour} 2px;text-underline-offset:3px">'
            f"{html.escape(article.text[t.start : t.end])}</mark>"
        )
        cursor = t.end
    parts.append(html.escape(article.text[cursor:]))
    body = "".join(parts).replace("\n", "<br>")
    return (
        f"<div><p><strong>Article {html.escape(article.id)}</strong> — "
        "hover a marked word for its technique, "
        "neutral choices and why it is loaded there. <b>Bold</b>: the author's own voice; "
        "<i>italic</i>: quoted or attributed.</p>"
        f"<p>Techniques: {legend}</p>"
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


def loaded_table(article: Article, voice: str | None = None):
    """Every match of one article as a table: words, technique, voice, neutral choices, why."""
    import pandas as pd

    columns = ["¶", "words", "technique", "intensity", "voice", "speaker", "neutral choices", "why"]
    rows = [
        {
            "¶": (article.sentence_at(t.start) or article.sentences[0]).paragraph,
            "words": t.text,
            "technique": t.technique_name,
            "intensity": t.intensity,
            "voice": t.voice,
            "speaker": t.speaker,
            "neutral choices": _choices(t),
            "why": t.why,
        }
        for t in find_loaded_language(article)
        if voice in (None, t.voice)
    ]
    return pd.DataFrame(rows, columns=columns)


def loaded_spans(article: Article, paragraphs: Sequence[int] | None = None):
    """The kit's author-voice matches as Annotator key spans (label "loaded")."""
    from .annotations import KeySpan

    return [
        KeySpan(t.start, t.end, "loaded", f"{t.technique_name}: {t.explanation}")
        for t in find_loaded_language(article)
        if t.voice == "author"
        and (
            not paragraphs
            or (article.sentence_at(t.start) or article.sentences[0]).paragraph in paragraphs
        )
    ]


# --- neutral rewrites -----------------------------------------------------------------------


def _inflect(word: str, token: Token) -> str:
    """Give the neutral word the ending the written word has ("slammed" -> "criticised")."""
    if not word or word.startswith("("):
        return word
    first, _, rest = word.partition(" ")
    tag = token.tag_
    if tag in {"VBD", "VBN"} and not first.endswith("ed"):
        first = first + "d" if first.endswith("e") else first + "ed"
    elif tag == "VBG" and not first.endswith("ing"):
        first = (first[:-1] if first.endswith("e") else first) + "ing"
    elif tag == "VBZ" or (tag == "NNS" and not rest and not first.endswith("s")):
        first = first + ("es" if first.endswith(("s", "sh", "ch")) else "s")
    return f"{first} {rest}".strip()


def neutral_rewrite(text: str | Article, paragraph: int | None = None) -> str:
    """The text (or one paragraph of an article) with each match replaced by its first neutral
    choice, inflected like the written word, or left out. Mechanical: read it critically."""
    article = text if isinstance(text, Article) else Article.from_text(text, id="rewrite")
    doc = parse(article)
    start, end = 0, len(article.text)
    if paragraph is not None:
        start, end = article.paragraph(paragraph).start, article.paragraph(paragraph).end
    pieces, cursor = [], start
    for t in find_loaded_language(article):
        if t.start < cursor or not start <= t.start < end:
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        choice = t.neutral if not t.neutral.startswith("(") else ""
        replacement = _inflect(choice, span.root) if span is not None and len(span) == 1 else choice
        if replacement and article.text[t.start : t.start + 1].isupper():
            replacement = replacement[:1].upper() + replacement[1:]
        pieces.append(article.text[cursor : t.start])
        pieces.append(replacement)
        cursor = t.end
    pieces.append(article.text[cursor:end])
    return _tidy("".join(pieces))


def _tidy(text: str) -> str:
    """Close the gaps a left-out word leaves and fix "a" before a vowel."""
    words = text.split()
    out: list[str] = []
    for word in words:
        if out and word[:1] in ",.;:!?" and len(word) == 1:
            out[-1] += word
            continue
        if out and out[-1].lower() == "a" and word[:1].lower() in "aeiou":
            out[-1] = out[-1][:-1] + out[-1][-1] + "n"
        out.append(word)
    return " ".join(out).strip()


def side_by_side(text: str | Article, paragraph: int | None = None) -> str:
    """An HTML table: the text as written beside its neutral rewrite."""
    if isinstance(text, Article):
        written = text.paragraph(paragraph).text if paragraph is not None else text.text
    else:
        written = text
    return (
        "<table><tr><th>As written</th><th>Neutral rewrite</th></tr>"
        f"<tr><td>{html.escape(written)}</td>"
        f"<td>{html.escape(neutral_rewrite(text, paragraph))}</td></tr></table>"
    )


def rewrite_view(text: str | Article, paragraph: int | None = None) -> HTMLView:
    """`side_by_side` for a notebook cell: `rewrite_view(d, paragraph=1)` reads D's own parse."""
    return HTMLView(side_by_side(text, paragraph))
