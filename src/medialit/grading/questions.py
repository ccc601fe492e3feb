"""Questions, sealed keys and scoring: pure functions, no notebook, no kernel.

A question has two halves. Its *public* half (`Question`: id, kind, points,
prompt, hint) ships readable in `grading/sets/`, so a notebook can show and
record questions even where the keys are hidden (the batch grader's sandbox).
Its *sealed* half lives only in `grading/keys/<set>.json` and is read from disk
for each scoring and dropped again, so no object a learner holds keeps it.

Sealing is one-way where the scorer allows it: an exact answer, every acceptable
value of a number, the ordered pairs of a ranking and the word positions of a
span key or of a keyed evidence answer are stored as salted PBKDF2 hashes (slow
on purpose, so guessing in bulk costs time). A function question's hidden inputs
must be handed to the learner's function, so they are only obscured.
docs/grading.md says honestly what a determined reader can still recover; the
grade that counts is the batch grader's, computed in the teacher's own process.

Answers must be plain values — str, int, float, bool, list, tuple, set, dict of
those — so that no object can claim to equal anything.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
import unicodedata
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = [
    "KINDS",
    "AnswerTypeError",
    "KeysUnavailable",
    "Question",
    "Result",
    "as_span_pairs",
    "check_plain",
    "hidden_inputs",
    "normalise",
    "score",
    "score_function_outputs",
    "seal_question",
]

KINDS = (
    "choice",
    "multi",
    "number",
    "mapping",
    "ranking",
    "spans",
    "function",
    "rewrite",
    "evidence",
)
HASH_ROUNDS = 10_000  # PBKDF2 rounds per hash: ~5 ms, unnoticed in a check, slow for bulk guessing


class AnswerTypeError(TypeError):
    """An answer of the wrong type; the message tells the learner how to fix it."""


class KeysUnavailable(LookupError):
    """The sealed keys are not on this machine (e.g. in the batch grader's sandbox)."""


@dataclass(frozen=True)
class Question:
    """The public half of a question: what a learner may read. It holds no key."""

    id: str
    kind: str
    points: float
    prompt: str
    hint: str = ""
    variable: str = ""  # the notebook name that holds the answer: `answer_q1`, or a function's
    set_id: str = ""

    def __post_init__(self) -> None:
        if not self.variable:
            object.__setattr__(self, "variable", f"answer_{self.id}")


@dataclass(frozen=True)
class Result:
    """The outcome of scoring one answer.

    `needs_review` marks an answer the machine can only pre-score (a rewrite): the
    teacher reads it and has the last word.
    """

    question: str
    points: float
    max_points: float
    status: str  # "correct" | "partial" | "incorrect" | "unanswered" | "error" | "recorded"
    feedback: str
    needs_review: bool = False

    @property
    def fraction(self) -> float:
        return self.points / self.max_points if self.max_points else 0.0


# --- normalising and sealing ------------------------------------------------------------------


def normalise(value: Any) -> str:
    """The form in which exact answers are compared: case, spaces and quote styles folded."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return format(float(value), ".10g")
    text = unicodedata.normalize("NFKC", str(value)).casefold()
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"\s+", " ", text).strip().strip("\"'.,;: ")
    return text


@lru_cache(maxsize=4096)
def _hash(salt: str, text: str) -> str:
    digest = hashlib.pbkdf2_hmac("sha256", text.encode(), salt.encode(), HASH_ROUNDS)
    return digest.hex()[:24]


def _keystream(salt: str, size: int) -> bytes:
    blocks = (hashlib.sha256(f"{salt}\x1f{n}".encode()).digest() for n in range(size // 32 + 1))
    return b"".join(blocks)[:size]


def _mask(raw: bytes, salt: str) -> bytes:
    return bytes(a ^ b for a, b in zip(raw, _keystream(salt, len(raw)), strict=True))


def _obscure(data: Any, salt: str) -> str:
    """Hidden inputs, compressed and masked: not readable at a glance (see docs/grading.md)."""
    raw = zlib.compress(json.dumps(data, ensure_ascii=False).encode())
    return base64.b64encode(_mask(raw, salt)).decode()


def _reveal(blob: str, salt: str) -> Any:
    return json.loads(zlib.decompress(_mask(base64.b64decode(blob), salt)).decode())


def _number_hashes(salt: str, value: float, tolerance: float, resolution: float) -> list[str]:
    steps = round(tolerance / resolution)
    centre = round(value / resolution)
    return sorted(_hash(salt, f"#{n}") for n in range(centre - steps, centre + steps + 1))


def _word_positions(article_id: str, spans: list[list[int]]) -> list[tuple[int, int]]:
    """The whole words of an article that lie inside the given character spans."""
    from ..corpus import load_articles, word_spans

    text = load_articles([article_id])[0].text
    return [
        (s, e)
        for s, e in word_spans(text)
        if any(start <= s and e <= end for start, end, *_ in spans)
    ]


def _pointer_words(article, paragraph: int, words: str) -> list[tuple[int, int]]:
    """The whole words of `words`, found once in one paragraph of the article (as authored)."""
    from ..corpus import word_spans

    p = article.paragraph(paragraph)
    text = article.text
    first = text.find(words, p.start, p.end)
    if first < 0 or text.find(words, first + 1, p.end) >= 0:
        raise ValueError(
            f"key words {words!r} must stand exactly once in {article.id} ¶{paragraph}"
        )
    end = first + len(words)
    spans = word_spans(text)
    found = [(s, e) for s, e in spans if first <= s and e <= end]
    cut = [(s, e) for s, e in spans if s < first < e or s < end < e]
    if not found or cut:
        raise ValueError(f"key words {words!r} in {article.id} ¶{paragraph} are not whole words")
    return found


def _seal_pointers(answer: Mapping[str, Any], salt: str) -> dict[str, dict[str, list[list[str]]]]:
    """Each keyed part: its accepted passages, each as the hashed positions of its words."""
    from ..corpus import load_articles

    articles = {a.id: a for a in load_articles(list(answer))}
    sealed: dict[str, dict[str, list[list[str]]]] = {}
    for article_id, parts in answer.items():
        article = articles[article_id]
        for part, passages in parts.items():
            sealed.setdefault(article_id, {})[part] = [
                sorted(
                    _hash(salt, f"{article_id}:{s}:{e}")
                    for s, e in _pointer_words(article, int(p["paragraph"]), p["words"])
                )
                for p in passages
            ]
    return sealed


def seal_question(plain: Mapping[str, Any], salt: str) -> tuple[Question, dict[str, Any]]:
    """Split a question as authored (plain key) into its public half and its sealed key."""
    kind = plain["kind"]
    if kind not in KINDS:
        raise ValueError(f"question {plain.get('id')}: unknown kind {kind!r}; use one of {KINDS}")
    salt = f"{salt}:{plain['id']}"
    answer = plain.get("answer")
    key: dict[str, Any]
    if kind == "choice":
        options = answer if isinstance(answer, list) else [answer]
        key = {"accept": sorted(_hash(salt, normalise(a)) for a in options)}
    elif kind == "multi":
        key = {"items": sorted(_hash(salt, normalise(a)) for a in answer), "size": len(answer)}
        if plain.get("aliases"):
            key["aliases"] = {
                _hash(salt, normalise(alias)): _hash(salt, normalise(target))
                for alias, target in sorted(plain["aliases"].items())
            }
    elif kind == "number":
        resolution = float(plain.get("resolution", 1))
        key = {
            "accept": _number_hashes(
                salt, float(answer), float(plain.get("tolerance", 0)), resolution
            ),
            "resolution": resolution,
        }
    elif kind == "mapping":
        resolution = float(plain.get("resolution", 1))
        tolerance = float(plain.get("tolerance", 0))
        items = {}
        for name, value in answer.items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                items[name] = {"numbers": _number_hashes(salt + name, value, tolerance, resolution)}
            else:
                items[name] = {"exact": _hash(salt + name, normalise(value))}
        key = {"items": items, "resolution": resolution}
    elif kind == "ranking":
        order = [normalise(a) for a in answer]
        pairs = [f"{a}<{b}" for i, a in enumerate(order) for b in order[i + 1 :]]
        key = {
            "pairs": sorted(_hash(salt, p) for p in pairs),
            "items": sorted(order),
        }
    elif kind == "spans":
        words = _word_positions(plain["article"], answer)
        key = {
            "article": plain["article"],
            "words": sorted(_hash(salt, f"{s}:{e}") for s, e in words),
            "threshold": float(plain.get("threshold", 0.5)),
        }
        if "label" in plain:
            key["label"] = plain["label"]
    elif kind == "evidence":
        # A source, figure or own-voice word the kit finds: any the text bears out counts, nothing
        # to hide. A part the key answers itself (the words that show where the kit goes wrong)
        # is sealed like a span key: the hashed positions of the words it must cover.
        key = {"articles": list(plain["articles"]), "parts": list(plain["parts"])}
        if answer:
            key["keyed"] = _seal_pointers(answer, salt)
    elif kind == "rewrite":
        # Nothing to hide: the facts to keep, and where the original stands.
        key = {
            "keep": list(plain["keep"]),
            "article": plain["article"],
            "paragraph": int(plain["paragraph"]),
        }
    else:  # function
        cases = plain["cases"]
        key = {
            "inputs": _obscure([c["input"] for c in cases], salt),
            "outputs": [_hash(salt, json.dumps(c["output"], sort_keys=True)) for c in cases],
        }
    feedback = {
        _hash(salt, normalise(wrong)): message
        for wrong, message in sorted((plain.get("feedback") or {}).items())
    }
    question = Question(
        id=plain["id"],
        kind=kind,
        points=float(plain.get("points", 1)),
        prompt=plain.get("prompt", ""),
        hint=plain.get("hint", ""),
        variable=plain.get("function", ""),
    )
    return question, {"salt": salt, "key": key, "feedback": feedback}


def _sealed(question: Question) -> dict[str, Any]:
    """The sealed key of a shipped question, read from disk now and not kept."""
    from .bank import read_sealed

    for entry in read_sealed(question.set_id).get("questions", []):
        if entry.get("id") == question.id:
            return {
                "salt": entry["salt"],
                "key": entry["key"],
                "feedback": entry.get("feedback", {}),
            }
    raise KeysUnavailable(f"no key for {question.set_id} {question.id}")


# --- checking that an answer is a plain value -------------------------------------------------

_PLAIN_SCALARS = (str, int, float, bool, type(None))


def check_plain(value: Any, depth: int = 0) -> Any:
    """Return `value` as plain JSON-ready data, or raise `AnswerTypeError` saying why not.

    Sets and tuples become lists. Subclasses of the builtin types are refused: they
    could redefine equality.
    """
    if depth > 20:
        raise AnswerTypeError("the answer is nested too deeply; use a simple list, set or dict")
    kind = type(value)
    if kind in _PLAIN_SCALARS:
        if kind is float and not math.isfinite(value):
            raise AnswerTypeError("the answer is not a finite number (nan or infinity)")
        return value
    if kind in (list, tuple, set, frozenset):
        items = [check_plain(v, depth + 1) for v in value]
        return sorted(items, key=repr) if kind in (set, frozenset) else items
    if kind is dict:
        return {str(check_plain(k, depth + 1)): check_plain(v, depth + 1) for k, v in value.items()}
    raise AnswerTypeError(
        f"answers must be plain values (text, numbers, lists, sets, dicts), got {kind.__name__}"
    )


# --- scoring --------------------------------------------------------------------------------

EXPECTED = {
    "choice": 'one answer as text, in quotes, e.g. "c"',
    "multi": 'a set of texts in braces, e.g. {"A", "B"}',
    "number": "a number without quotes, e.g. 42",
    "mapping": 'a dict, e.g. {"A": 3, "B": 5}',
    "ranking": 'a list in order, e.g. ["C", "A", "B"]',
    "spans": "the spans you marked in the Annotator (or a list of (start, end) pairs)",
    "function": "a function (def …)",
    "rewrite": "your rewritten sentence as text, in quotes",
    "evidence": 'a dict per article, e.g. {"A": {"source": "…", "figure": "…", "loaded": "…"}}',
}


def quote_hint(question: Question, value: Any) -> str:
    """The plain-language fix for a choice answered without quotes (a name, not a letter)."""
    name = getattr(value, "id", None)
    shown = f" (here it is article {name}, not a letter)" if isinstance(name, str) else ""
    return (
        f"put your answer in quotes, e.g. {question.variable} = \"b\" — without quotes Python "
        f"reads b as the name of something{shown}"
    )


def _type_error(question: Question, value: Any) -> Result:
    got = type(value).__name__
    hint = ""
    if question.kind == "multi" and isinstance(value, str):
        hint = ' — put the items in braces: {"first", "second"}'
    elif question.kind == "number" and isinstance(value, str):
        hint = " — write the number without quotes, or use int(...) / float(...)"
    elif question.kind == "choice" and isinstance(value, list | set | tuple):
        hint = " — give just one answer"
    elif question.kind == "choice":
        hint = " — " + quote_hint(question, value)
    return Result(
        question.id,
        0.0,
        question.points,
        "error",
        f"expected {EXPECTED[question.kind]}, got {got}{hint}",
    )


def _status(fraction: float) -> str:
    if fraction >= 0.999:
        return "correct"
    return "partial" if fraction > 0 else "incorrect"


def _result(question: Question, fraction: float, message: str) -> Result:
    fraction = max(0.0, min(1.0, fraction))
    points = round(question.points * fraction, 2)
    status = _status(fraction)
    if status != "correct" and question.hint:
        message = f"{message} Hint: {question.hint}".strip()
    return Result(question.id, points, question.points, status, message)


def score(question: Question, answer: Any, sealed: Mapping[str, Any] | None = None) -> Result:
    """Score one answer (function questions: give the outputs list).

    `sealed` is the key from `seal_question`; without it the shipped key is read
    from disk (`KeysUnavailable` when it is not there).
    """
    if answer is Ellipsis or answer is None:
        return Result(question.id, 0.0, question.points, "unanswered", "not answered yet")
    try:
        if question.kind != "spans":
            answer = check_plain(answer)
    except AnswerTypeError as exc:
        if question.kind == "choice":
            return _type_error(question, answer)
        return Result(question.id, 0.0, question.points, "error", str(exc))
    sealed = sealed if sealed is not None else _sealed(question)
    return _SCORERS[question.kind](question, sealed, answer)


def _digest(sealed: Mapping[str, Any], text: str) -> str:
    return _hash(sealed["salt"], text)


def _known_feedback(sealed: Mapping[str, Any], value: Any) -> str:
    return sealed["feedback"].get(_digest(sealed, normalise(value)), "")


def _score_choice(question: Question, sealed: Mapping[str, Any], answer: Any) -> Result:
    if not isinstance(answer, str | int | float) or isinstance(answer, bool):
        return _type_error(question, answer)
    if _digest(sealed, normalise(answer)) in sealed["key"]["accept"]:
        return _result(question, 1.0, "Correct.")
    return _result(question, 0.0, _known_feedback(sealed, answer) or "Not this one.")


def _score_multi(question: Question, sealed: Mapping[str, Any], answer: Any) -> Result:
    """Each expected item counts once, however many spellings of it are given; extras cost.

    A second spelling of an item already given is an extra too: the prompt asks
    for each item once, and a list of every variant is not an answer.
    """
    if not isinstance(answer, list):
        return _type_error(question, answer)
    key = sealed["key"]
    wanted = set(key["items"])
    aliases = key.get("aliases", {})
    seen: set[str] = set()
    hits = extras = repeats = 0
    for item in dict.fromkeys(normalise(a) for a in answer):
        hashed = _digest(sealed, item)
        target = aliases.get(hashed, hashed)
        if target in seen:
            repeats += 1
        elif target in wanted:
            hits += 1
        else:
            extras += 1
        seen.add(target)
    size = key["size"]
    fraction = max(0.0, (hits - extras - repeats) / size)
    if hits == size and not extras and not repeats:
        return _result(question, 1.0, f"Correct: all {size}.")
    parts = [f"You listed {hits} of the {size} expected."]
    if repeats:
        parts.append(
            f"{repeats} of your items {'is' if repeats == 1 else 'are'} another spelling of "
            "one you already gave: give each once."
        )
    if extras:
        parts.append(f"{extras} of your items {'is' if extras == 1 else 'are'} not in the key.")
        notes = [_known_feedback(sealed, item) for item in answer]
        parts.extend(dict.fromkeys(n for n in notes if n))
    return _result(question, fraction, " ".join(parts))


def _number_hash(sealed: Mapping[str, Any], value: float, salt: str) -> str:
    resolution = sealed["key"]["resolution"]
    return _hash(salt, f"#{round(value / resolution)}")


def _score_number(question: Question, sealed: Mapping[str, Any], answer: Any) -> Result:
    if isinstance(answer, bool) or not isinstance(answer, int | float):
        return _type_error(question, answer)
    if _number_hash(sealed, answer, sealed["salt"]) in sealed["key"]["accept"]:
        return _result(question, 1.0, "Correct.")
    return _result(
        question, 0.0, _known_feedback(sealed, answer) or "Not within the accepted range."
    )


def _score_mapping(question: Question, sealed: Mapping[str, Any], answer: Any) -> Result:
    if not isinstance(answer, dict):
        return _type_error(question, answer)
    items = sealed["key"]["items"]
    salt = sealed["salt"]
    right = []
    for name, item in items.items():
        if name not in answer:
            continue
        value = answer[name]
        if "numbers" in item:
            ok = (
                isinstance(value, int | float)
                and not isinstance(value, bool)
                and _number_hash(sealed, value, salt + name) in item["numbers"]
            )
        else:
            ok = _hash(salt + name, normalise(value)) == item["exact"]
        if ok:
            right.append(name)
    missing = [n for n in items if n not in answer]
    unknown = [n for n in answer if n not in items]
    fraction = len(right) / len(items)
    if fraction == 1 and not unknown:
        return _result(question, 1.0, f"Correct: all {len(items)}.")
    parts = [f"{len(right)} of {len(items)} right."]
    if missing:
        parts.append(f"Missing: {', '.join(sorted(missing))}.")
    if unknown:
        parts.append(f"Not asked for: {', '.join(sorted(unknown))}.")
    return _result(question, fraction, " ".join(parts))


def _score_ranking(question: Question, sealed: Mapping[str, Any], answer: Any) -> Result:
    if not isinstance(answer, list) or not all(isinstance(a, str) for a in answer):
        return _type_error(question, answer)
    key = sealed["key"]
    order = [normalise(a) for a in answer]
    if sorted(order) != key["items"]:
        expected = len(key["items"])
        return _result(
            question,
            0.0,
            f"Rank each of the {expected} items exactly once (you gave {len(order)}).",
        )
    pairs = {_digest(sealed, f"{a}<{b}") for i, a in enumerate(order) for b in order[i + 1 :]}
    right = len(pairs & set(key["pairs"]))
    total = len(key["pairs"])
    if right == total:
        return _result(question, 1.0, "Correct order.")
    return _result(question, right / total, f"{right} of {total} pairs are in the right order.")


def as_span_pairs(answer: Any, label: str | None = None) -> list[tuple[int, int]]:
    """Accept (start, end) pairs, span dicts from the Annotator, or an object with `.spans`."""
    spans = getattr(answer, "spans", answer)
    if isinstance(spans, dict) or not isinstance(spans, list | tuple):
        raise AnswerTypeError(f"expected {EXPECTED['spans']}, got {type(answer).__name__}")
    pairs = []
    for span in spans:
        if isinstance(span, dict):
            if label is not None and span.get("label") not in (None, label):
                continue
            start, end = span.get("start"), span.get("end")
        elif isinstance(span, list | tuple) and len(span) >= 2:
            start, end = span[0], span[1]
        else:
            raise AnswerTypeError(f"each span must be (start, end) or a dict, got {span!r}")
        if not (type(start) is int and type(end) is int and 0 <= start < end):
            raise AnswerTypeError(
                f"a span needs whole-number offsets with start < end, got {span!r}"
            )
        pairs.append((start, end))
    return pairs


def _score_spans(question: Question, sealed: Mapping[str, Any], answer: Any) -> Result:
    """Word by word: a word counts when it is marked whole and lies in the key's spans.

    A mark that cuts through a word ("Tr" of "Trump") earns nothing for that word
    and counts against precision, so fragments never pass.
    """
    from ..corpus import load_articles, word_spans

    key = sealed["key"]
    try:
        given = as_span_pairs(answer, key.get("label"))
    except AnswerTypeError as exc:
        return Result(question.id, 0.0, question.points, "error", str(exc))
    if not given:
        return Result(question.id, 0.0, question.points, "unanswered", "no spans marked yet")
    text = load_articles([key["article"]])[0].text
    marked: set[tuple[int, int]] = set()
    cut: set[tuple[int, int]] = set()
    for s, e in word_spans(text):
        inside = [start <= s and e <= end for start, end in given if s < end and e > start]
        if any(inside):
            marked.add((s, e))
        elif inside:
            cut.add((s, e))
    size = len(key["words"])
    if len(marked) + len(cut) > 4 * size + 20:
        return _result(
            question,
            0.0,
            f"You marked {len(marked) + len(cut)} words: "
            "mark only the words the question asks for.",
        )
    wanted = set(key["words"])
    hits = sum(_digest(sealed, f"{s}:{e}") in wanted for s, e in marked)
    precision = hits / (len(marked) + len(cut)) if marked or cut else 0.0
    recall = hits / size if size else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    message = (
        f"Precision {precision:.0%} (how much of what you marked is in the key), "
        f"recall {recall:.0%} (how much of the key you marked)."
    )
    if cut:
        message += f" {len(cut)} of your marks cut through a word: mark whole words."
    if f1 >= key["threshold"] and not cut:
        return _result(question, 1.0, f"Well marked. {message}")
    return _result(question, min(f1 / key["threshold"], 0.99), message)


def score_function_outputs(
    question: Question, outputs: list[Any], sealed: Mapping[str, Any] | None = None
) -> Result:
    """Score a function question from its outputs on the hidden inputs (an error is wrong)."""
    sealed = sealed if sealed is not None else _sealed(question)
    expected = sealed["key"]["outputs"]
    right = 0
    for produced, wanted in zip(outputs, expected, strict=True):
        if isinstance(produced, dict) and "__error__" in produced:
            continue
        try:
            plain = check_plain(produced)
        except AnswerTypeError:
            continue
        if _digest(sealed, json.dumps(plain, sort_keys=True)) == wanted:
            right += 1
    if right == len(expected):
        return _result(question, 1.0, f"Correct on all {len(expected)} hidden test inputs.")
    errors = sum(isinstance(o, dict) and "__error__" in o for o in outputs)
    message = f"Right on {right} of {len(expected)} hidden test inputs."
    if errors:
        message += f" It raised an error on {errors}."
    return _result(question, right / len(expected), message)


def hidden_inputs(question: Question, sealed: Mapping[str, Any] | None = None) -> list[Any]:
    """The hidden test inputs of a function question (each a list of positional arguments)."""
    sealed = sealed if sealed is not None else _sealed(question)
    return _reveal(sealed["key"]["inputs"], sealed["salt"])


def _score_function(question: Question, sealed: Mapping[str, Any], answer: Any) -> Result:
    # A function cannot be compared as a value: its outputs on the hidden inputs are
    # (see selfcheck and batch.run_function_isolated).
    return Result(
        question.id,
        0.0,
        question.points,
        "error",
        "function questions are scored by running the function; use check()",
    )


# --- rewrites: a sentence that keeps the facts ------------------------------------------------

_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
_OBJECTS = {"dobj", "obj", "pobj", "attr", "dative", "oprd", "ccomp", "xcomp", "acomp"}
_CONTENT = {"NOUN", "PROPN", "VERB", "NUM", "ADJ"}


def _parse(text: str):
    from ..nlp import load_pipeline

    return load_pipeline()(text)


def _content_lemmas(doc, skip: set[str]) -> set[str]:
    return {
        t.lemma_.casefold()
        for t in doc
        if t.pos_ in _CONTENT and not t.is_stop and t.text.casefold() not in skip
    }


def _score_rewrite(question: Question, sealed: Mapping[str, Any], answer: Any) -> Result:
    """Pre-score a rewrite for the teacher: neutral, a real sentence, the facts kept.

    Four equal parts: no lexicon term left; the words that carry the facts kept;
    each sentence has a subject, a verb and an object; the length within half and
    twice the original's and at least half of its content words (its loaded words
    aside) kept. Always marked for the teacher's review.
    """
    from ..corpus import Article, load_articles
    from ..errors import EmptyArticleError
    from ..language import find_loaded_language

    if not isinstance(answer, str):
        return _type_error(question, answer)
    try:
        loaded = find_loaded_language(Article.from_text(answer, id="rewrite"))
    except EmptyArticleError:
        return Result(question.id, 0.0, question.points, "unanswered", "not answered yet")
    key = sealed["key"]
    original_article = load_articles([key["article"]])[0]
    original = next(p for p in original_article.paragraphs if p.number == key["paragraph"])
    original_loaded = {
        w.casefold()
        for t in find_loaded_language(original_article)
        if original.start <= t.start < original.end
        for w in t.text.split()
    }
    keep = key["keep"]
    kept = [word for word in keep if re.search(rf"\b{re.escape(word)}\b", answer, re.I)]
    doc, source = _parse(answer), _parse(original.text)
    sentences = list(doc.sents)
    grammatical = bool(sentences) and all(
        any(t.dep_ == "ROOT" and t.pos_ in {"VERB", "AUX"} for t in s)
        and any(t.dep_ in _SUBJECTS for t in s)
        and any(t.dep_ in _OBJECTS for t in s)
        for s in sentences
    )
    words, original_words = len(answer.split()), len(original.text.split())
    wanted = _content_lemmas(source, original_loaded)
    overlap = len(wanted & _content_lemmas(doc, set())) / len(wanted) if wanted else 1.0
    close = 0.5 * original_words <= words <= 2 * original_words and overlap >= 0.5
    fraction = 0.25 * ((not loaded) + len(kept) / len(keep) + grammatical + close)
    parts = []
    if loaded:
        parts.append(
            "Still loaded: " + ", ".join(f"“{t.text}” ({t.technique_name})" for t in loaded) + "."
        )
    if len(kept) < len(keep):
        parts.append(
            f"Keep the facts: {len(keep) - len(kept)} of the words that carry them are missing."
        )
    if not grammatical:
        parts.append("Write a full sentence: who (subject) does what (verb) to whom (object).")
    if not close:
        parts.append(
            f"Stay close to the original: it has {original_words} words and you wrote {words}; "
            f"you kept {overlap:.0%} of its content words (aim for at least half)."
        )
    verdict = " ".join(parts) or "Neutral, a full sentence, and the facts are kept."
    review = "Pre-scored: marked for your teacher to review."
    result = _result(question, fraction, f"{verdict} {review}")
    return Result(
        result.question, result.points, result.max_points, result.status, result.feedback, True
    )


# --- evidence: pointers into the text ---------------------------------------------------------

_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "their"}
_MAX_EXTRA_WORDS = 4


def _occurrences(text: str, pointer: str) -> list[tuple[int, int]]:
    """Where `pointer` stands in the text as whole words (any case, any run of spaces)."""
    words = re.findall(r"\S+", pointer)
    if not words:
        return []
    # Straight or curly: a learner who types "migrant riot" still points at “migrant riot”.
    quotes = {'"': '["“”]', "“": '["“”]', "”": '["“”]', "'": "['‘’]", "‘": "['‘’]", "’": "['‘’]"}
    pattern = r"\s+".join("".join(quotes.get(c, re.escape(c)) for c in w) for w in words)
    return [
        m.span() for m in re.finditer(rf"(?<![\w]){pattern}(?![\w])", text, flags=re.IGNORECASE)
    ]


def _candidates(article, part: str) -> list[tuple[int, int]]:
    """The spans the kit finds for one kind of evidence (sources, figures, own-voice words)."""
    from ..corpus import find_quotations
    from ..language import find_loaded_language
    from ..numbers import find_quantities
    from ..sourcing import find_attributions

    if part == "source":
        return [
            (a.start, a.end)
            for a in find_attributions(article)
            if a.mention.casefold() not in _PRONOUNS and a.end - a.start > 1
        ]
    if part == "figure":
        return [(q.start, q.end) for q in find_quantities(article)]
    quotes = find_quotations(article.text)
    return [
        (t.start, t.end)
        for t in find_loaded_language(article)
        if t.voice == "author" and not any(q.start <= t.start < q.end for q in quotes)
    ]


def _points_at(article, part: str, pointer: str) -> bool:
    """Does `pointer`, as whole words of the text, cover a whole source, figure or own-voice word?

    "Tr", "the", "war" inside "warfare" or "400" without its "over" cover no whole
    span the kit finds, so they do not count; nor does a quoted word as the author's.
    """
    pointer = pointer.strip(" .,;:“”‘’\"'")
    spans = _candidates(article, part)
    for start, end in _occurrences(article.text, pointer):
        size = len(article.text[start:end].split())
        for s, e in spans:
            span_words = len(article.text[s:e].split())
            if start <= s and e <= end and size <= span_words + _MAX_EXTRA_WORDS:
                return True
    return False


_MAX_POINTER_HASHES = 200  # a pointer such as "the" stands hundreds of times: bound the work


def _covers_key(article, pointer: str, passages: list[list[str]], sealed) -> bool:
    """Does `pointer`, as whole words of the text, cover every word of one keyed passage?

    Like a figure with its modifier, a passage is covered whole or not at all ("10,000"
    alone does not cover "More than 10,000"), with at most four words around it.
    """
    from ..corpus import word_spans

    pointer = pointer.strip(" .,;:“”‘’\"'?!")
    longest = max((len(p) for p in passages), default=0) + _MAX_EXTRA_WORDS
    words = word_spans(article.text)
    budget = _MAX_POINTER_HASHES
    for start, end in _occurrences(article.text, pointer):
        inside = [(s, e) for s, e in words if start <= s and e <= end]
        if not inside or len(inside) > longest:
            continue
        budget -= len(inside)
        if budget < 0:
            return False
        hashed = {_digest(sealed, f"{article.id}:{s}:{e}") for s, e in inside}
        if any(set(p) <= hashed and len(inside) <= len(p) + _MAX_EXTRA_WORDS for p in passages):
            return True
    return False


def _score_evidence(question: Question, sealed: Mapping[str, Any], answer: Any) -> Result:
    from ..corpus import load_articles

    if not isinstance(answer, dict):
        return _type_error(question, answer)
    key = sealed["key"]
    keyed = key.get("keyed", {})
    articles = {a.id: a for a in load_articles(key["articles"])}
    parts = key["parts"]
    good, missing = 0, []
    for article_id, article in articles.items():
        given = answer.get(article_id, {})
        for part in parts:
            pointer = given.get(part) if isinstance(given, dict) else None
            passages = keyed.get(article_id, {}).get(part)
            if not isinstance(pointer, str):
                ok = False
            elif passages is not None:
                ok = _covers_key(article, pointer, passages, sealed)
            else:
                ok = _points_at(article, part, pointer)
            if ok:
                good += 1
            else:
                missing.append(f"{article_id} {part}")
    total = len(articles) * len(parts)
    if good == total:
        return _result(question, 1.0, "Every piece of evidence is in the text, as whole words.")
    shape = ""
    if any(isinstance(answer.get(a), str) for a in articles):
        example = ", ".join(f'"{p}": "…"' for p in parts)
        first = next(iter(articles))
        shape = f' Give each article a dict of pointers, e.g. {{"{first}": {{{example}}}}}.'
    return _result(
        question,
        good / total,
        f"{good} of {total} pointers found in the text as asked (whole words copied from the "
        f"text, covering the whole of what is asked: a source's name, a figure with its "
        f"modifier, an own-voice word outside quotation marks, the words that show it); "
        f"check: {', '.join(missing)}.{shape}",
    )


_SCORERS = {
    "choice": _score_choice,
    "multi": _score_multi,
    "number": _score_number,
    "mapping": _score_mapping,
    "ranking": _score_ranking,
    "spans": _score_spans,
    "function": _score_function,
    "rewrite": _score_rewrite,
    "evidence": _score_evidence,
}
