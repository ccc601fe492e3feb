"""spaCy's rule components (attribute ruler, rule lemmatizer), worked out once per word type.

In `en_core_web_sm` the attribute ruler and the lemmatizer walk every token in Python
and together cost as much as the neural parser. What they write on a token depends
only on a few of its attributes (its text, tag and dependency label for the ruler; text,
part of speech and morphology for the lemmatizer), and news repeats the same word types
all the time. So each type is worked out once, by spaCy's own machinery (the ruler's own
Matcher patterns, the lemmatizer's own `lemmatize`), and every token of that type gets
the result through `Doc.to_array`/`from_array`.

Nothing here is a hand-made table: the patterns, attributes and rule order are the loaded
components' own, read when the model loads. A component whose patterns use anything
this cannot key on keeps running as spaCy's own. `tests/test_spacy_rules.py` asserts the
token attributes are exactly spaCy's on real news.
"""

from __future__ import annotations

from collections.abc import Callable
from threading import RLock
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler, Lemmatizer
    from spacy.tokens import Doc

__all__ = ["fast_attribute_ruler", "fast_lemmatizer"]

_learning = RLock()

_LEXICAL = (
    "ORTH TEXT LOWER SHAPE PREFIX SUFFIX LENGTH IS_ALPHA IS_ASCII IS_DIGIT IS_LOWER IS_PUNCT "
    "IS_SPACE IS_TITLE IS_UPPER LIKE_URL LIKE_NUM LIKE_EMAIL IS_STOP IS_BRACKET IS_QUOTE "
    "IS_LEFT_PUNCT IS_RIGHT_PUNCT IS_CURRENCY"
).split()
"""Pattern keys that a token's text alone decides (they are read from its lexeme)."""

_TOKEN_LEVEL = ("TAG", "POS", "MORPH", "LEMMA", "DEP")
"""Per-token attributes a pattern may test or a rule may write: all settable by `from_array`."""


class _Column:
    """The tests of some patterns on one column, worked out once per distinct value.

    The column is the word (ORTH: every test on the word's own attributes, such as LOWER
    or IS_SPACE) or one per-token attribute (TAG, DEP...). An equality, IN or NOT_IN is
    compared as the Matcher compares (strings by their id, booleans as 0/1); any other
    test (REGEX...) is run by a Matcher holding that test alone.
    """

    def __init__(self, vocab, attr: int):
        from spacy.matcher import Matcher

        self.vocab = vocab
        self.attr = attr
        self.tests: list[int] = []  # the tests' numbers among all the ruler's tests
        self.negated: list[int] = []  # NOT_IN tests: true unless the value is listed
        self.flips: dict[int, dict[int, list[int]]] = {}  # attr -> value -> tests it flips
        self.matcher = Matcher(vocab, validate=False)
        self.matched: list[int] = []  # positions the matcher decides
        self.results: dict[int, int] = {}  # value -> row id
        self.rows: list = []  # row id -> results of every test
        self.table = None  # the rows as one array
        self._row_ids: dict[bytes, int] = {}

    def add(self, test: int, attr: int, name: str, spec: object) -> None:
        from spacy.strings import get_string_id

        position = len(self.tests)
        self.tests.append(test)
        if _is_set_test(spec) and name != "MORPH":
            negated = next(iter(spec)).upper() == "NOT_IN"
            ids = {get_string_id(v) for v in next(iter(spec.values()))}
        elif isinstance(spec, dict):
            self.matcher.add(str(position), [[{name: spec}]])
            self.matched.append(position)
            return
        else:
            negated = False
            ids = {self.vocab.strings.add(spec) if isinstance(spec, str) else int(spec)}
        if negated:
            self.negated.append(position)
        for value in ids:  # the tests whose answer a value flips
            self.flips.setdefault(attr, {}).setdefault(value, []).append(position)

    def row_ids(self, values) -> object:
        """The row id of each value (a numpy array), learning values not seen before."""
        import numpy as np

        distinct, inverse = np.unique(values, return_inverse=True)
        new = [int(v) for v in distinct if int(v) not in self.results]
        if new:
            with _learning:  # one thread at a time grows the tables
                self._learn([v for v in new if v not in self.results])
        ids = np.array([self.results[int(v)] for v in distinct], dtype=np.int64)
        return ids[inverse.reshape(-1)]

    def _learn(self, values: list[int]) -> None:
        if not values:
            return
        import numpy as np
        from spacy.attrs import ORTH
        from spacy.tokens import Doc

        strings = self.vocab.strings
        if self.attr == ORTH:
            probe = Doc(self.vocab, words=[strings[v] for v in values])
        else:
            probe = Doc(self.vocab, words=["x"] * len(values))
            probe.from_array([self.attr], np.array(values, dtype=np.uint64).reshape(-1, 1))
        found = np.zeros((len(values), len(self.tests)), dtype=bool)
        found[:, self.negated] = True
        if self.flips:
            attrs = list(self.flips)
            for i, row in enumerate(probe.to_array(attrs).reshape(len(values), -1).tolist()):
                for attr, value in zip(attrs, row, strict=True):
                    flipped = self.flips[attr].get(value)
                    if flipped:
                        found[i, flipped] ^= True
        matches = self.matcher(probe, allow_missing=True, as_spans=False) if self.matched else []
        for match_id, start, _end in matches:
            found[start, int(strings[match_id])] = True
        learnt = {}
        for value, row in zip(values, found, strict=True):
            key = row.tobytes()
            if key not in self._row_ids:
                self._row_ids[key] = len(self.rows)
                self.rows.append(row)
            learnt[value] = self._row_ids[key]
        self.table = np.stack(self.rows)  # grown before any value points into it
        self.results.update(learnt)


class _FastAttributeRuler:
    """An `AttributeRuler` worked out once per kind of token.

    spaCy's ruler finds every match, sorts them by rule number and writes each rule's
    attributes in turn, so for any token and attribute the highest-numbered rule that
    matched it wins. A pattern without operators is a fixed run of tokens, each a
    conjunction of tests, each test on one attribute. So every test is worked out once
    per distinct value of its column (`_Column`), a token is the tuple of its columns'
    results, and what the one-token rules write on such a tuple is worked out once.
    Longer patterns are then found on the document, and rule order decides, as in spaCy.
    """

    def __init__(self, ruler: AttributeRuler, alternatives: list[tuple[int, list]]):
        import numpy as np
        from spacy.attrs import IDS, ORTH

        self.vocab = ruler.vocab
        self.rules = len(ruler.attrs)
        self.columns: dict[int, _Column] = {}
        index: dict[tuple[str, str], int] = {}
        for _rule, tokens in alternatives:
            for name, spec in (test for token in tokens for test in token):
                if (name, repr(spec)) in index:
                    continue
                test = index[(name, repr(spec))] = len(index)
                attr = IDS["ORTH" if name == "TEXT" else name]
                column = ORTH if name in _LEXICAL else attr
                if column not in self.columns:
                    self.columns[column] = _Column(self.vocab, column)
                self.columns[column].add(test, attr, name, spec)
        self.tests = len(index)

        def needs(token: list) -> list[int]:
            return [index[(name, repr(spec))] for name, spec in token]

        # one-token patterns at once (a matrix product counts the tests each one passes)
        single = [(rule, needs(tokens[0])) for rule, tokens in alternatives if len(tokens) == 1]
        self.needs = np.zeros((self.tests, len(single)), dtype=np.float32)
        self.alt_rule = np.zeros((len(single), self.rules), dtype=np.float32)
        for a, (rule, needed) in enumerate(single):
            self.needs[needed, a] = 1
            self.alt_rule[a, rule] = 1
        self.needed = self.needs.sum(axis=0)
        # longer patterns one by one: (rule, tests of each token, token the rule writes)
        self.longer = [
            (rule, [needs(token) for token in tokens], ruler.indices[rule] % len(tokens))
            for rule, tokens in alternatives
            if len(tokens) > 1
        ]
        self.written = sorted({attr for attrs in ruler.attrs for attr in attrs})
        self.writes = np.zeros((len(self.written), self.rules), dtype=bool)
        self.values = np.zeros((len(self.written), self.rules), dtype=np.uint64)
        for rule, attrs in enumerate(ruler.attrs):
            for attr, value in attrs.items():
                self.writes[self.written.index(attr), rule] = True
                self.values[self.written.index(attr), rule] = value
        self._kinds: dict[tuple[int, ...], int] = {}
        self._table = None  # kind -> which rules its one-token patterns match

    def __call__(self, doc: Doc) -> Doc:
        import numpy as np

        n = len(doc)
        if not n:
            return doc
        table = doc.to_array(list(self.columns)).reshape(n, -1)
        rows = np.stack(
            [c.row_ids(table[:, j]) for j, c in enumerate(self.columns.values())], axis=1
        )
        kinds, inverse = np.unique(rows, axis=0, return_inverse=True)
        new = [tuple(k) for k in kinds.tolist() if tuple(k) not in self._kinds]
        if new:
            with _learning:
                self._learn([k for k in new if k not in self._kinds])
        kind_of = np.array([self._kinds[tuple(k)] for k in kinds.tolist()])[inverse.reshape(-1)]
        matched = self._table[kind_of]
        if self.longer:
            passed = self._passed(rows)
            for rule, tokens, target in self.longer:
                span = len(tokens)
                if span > n:
                    continue
                starts = np.ones(n - span + 1, dtype=bool)
                for k, needed in enumerate(tokens):
                    starts &= passed[k : n - span + 1 + k][:, needed].all(axis=1)
                matched[np.flatnonzero(starts) + target, rule] = True
        current = doc.to_array(self.written).reshape(n, -1)
        last = self.rules - 1
        for j in range(len(self.written)):
            hits = matched & self.writes[j]
            winner = last - np.argmax(hits[:, ::-1], axis=1)  # the highest-numbered rule
            current[:, j] = np.where(hits.any(axis=1), self.values[j][winner], current[:, j])
        doc.from_array(self.written, current)
        return doc

    def _passed(self, rows) -> object:
        """Every test's result on every row of column results."""
        import numpy as np

        passed = np.zeros((len(rows), self.tests), dtype=bool)
        for j, column in enumerate(self.columns.values()):
            passed[:, column.tests] = column.table[rows[:, j]]
        return passed

    def _learn(self, kinds: list[tuple[int, ...]]) -> None:
        if not kinds:
            return
        import numpy as np

        passed = self._passed(np.array(kinds, dtype=np.int64)).astype(np.float32)
        matched = ((passed @ self.needs) == self.needed).astype(np.float32) @ self.alt_rule > 0
        first = len(self._kinds)
        self._table = matched if self._table is None else np.concatenate([self._table, matched])
        self._kinds.update({kind: first + k for k, kind in enumerate(kinds)})


def _is_set_test(spec: object) -> bool:
    return (
        isinstance(spec, dict)
        and len(spec) == 1
        and next(iter(spec)).upper() in {"IN", "NOT_IN"}
        and isinstance(next(iter(spec.values())), list | tuple)
        and all(isinstance(v, str | int) for v in next(iter(spec.values())))
    )


def fast_attribute_ruler(ruler: AttributeRuler) -> Callable[[Doc], Doc] | None:
    """The ruler tested a column at a time, or None when its patterns need spaCy's own.

    That is: any operator ("OP"), any attribute beyond the word's own and the tagger's,
    parser's and lemmatizer's, or a rule's token index outside its pattern.
    """
    from spacy.attrs import IDS

    alternatives: list[tuple[int, list[list[tuple[str, object]]]]] = []
    for rule in range(len(ruler.attrs)):
        _, patterns = ruler.matcher.get(str(rule))
        for pattern in patterns:
            tokens = [[(key.upper(), spec) for key, spec in token.items()] for token in pattern]
            names = {name for token in tokens for name, _ in token}
            if not tokens or names - set(_LEXICAL) - set(_TOKEN_LEVEL):
                return None
            if not -len(tokens) <= ruler.indices[rule] < len(tokens):
                return None
            alternatives.append((rule, tokens))
    allowed = {IDS[name] for name in _TOKEN_LEVEL}
    if not {attr for attrs in ruler.attrs for attr in attrs} <= allowed:
        return None
    return _FastAttributeRuler(ruler, alternatives)


class _FastLemmatizer:
    """The lemmatizer's own `lemmatize`, asked once per (text, part of speech, morphology).

    spaCy's rule lemmatizer caches on that same key; what it still pays is the Python
    walk over every token, and, for each new word, `form in index` on lists of up to
    57,000 words. Here the walk is `to_array`/`from_array`, and the lemmatizer runs on a
    copy of itself whose word lists are sets (only ever tested for membership), so the
    model's own component is left as loaded.
    """

    def __init__(self, lemmatizer: Lemmatizer):
        import copy
        import types

        from spacy.lookups import Lookups

        self.lemmatizer = copy.copy(lemmatizer)
        self.lemmatizer.cache = {}
        lookups = Lookups()
        for name in lemmatizer.lookups.tables:
            table = lemmatizer.lookups.get_table(name)
            if name == "lemma_index":
                sets = lookups.add_table(name)
                for key, words in table.items():
                    sets[key] = set(words)
            else:
                lookups.set_table(name, table)
        self.lemmatizer.lookups = lookups
        # `lemmatize` is bound when the component is made: bind it to the copy
        self.lemmatizer.lemmatize = types.MethodType(lemmatizer.lemmatize.__func__, self.lemmatizer)
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        import numpy as np
        from spacy.attrs import LEMMA, MORPH, ORTH, POS
        from spacy.errors import Errors

        lemmatizer = self.lemmatizer
        if not lemmatizer._validated:
            lemmatizer._validate_tables(Errors.E1004)
        if not len(doc):
            return doc
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = table[:, 3].copy()
        todo = range(len(doc)) if lemmatizer.overwrite else np.flatnonzero(lemmas == 0).tolist()
        rows = table.tolist()
        add = lemmatizer.vocab.strings.add
        for i in todo:
            key = tuple(rows[i][:3])
            lemma = self._lemmas.get(key)
            if lemma is None:
                lemma = self._lemmas[key] = add(lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


def fast_lemmatizer(lemmatizer: Lemmatizer) -> Callable[[Doc], Doc] | None:
    """The lemmatizer worked out once per type, or None for modes whose lemma needs more."""
    if lemmatizer.mode not in {"rule", "lookup"}:
        return None
    return _FastLemmatizer(lemmatizer)
