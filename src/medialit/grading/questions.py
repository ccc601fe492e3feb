"""Questions, sealed keys and scoring: pure functions, no notebook, no kernel.

A key is *sealed* so that the self-check in a learner's notebook can score an
answer without showing it: exact answers are kept as salted SHA-256 hashes, a
number with a tolerance as the hashes of every acceptable value at the
question's resolution, a ranking as hashes of its ordered pairs. Spans and the
hidden inputs of function questions must be compared by value, so they are only
encoded (a learner who decodes them has done the exercise's work another way).
The batch grader scores with the same sealed key, in its own process.

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
from dataclasses import dataclass, field
from typing import Any

from ..annotations import span_scores

__all__ = [
    "KINDS",
    "AnswerTypeError",
    "Question",
    "Result",
    "as_span_pairs",
    "check_plain",
    "decode",
    "encode",
    "hidden_inputs",
    "normalise",
    "score",
    "score_function_outputs",
    "seal_question",
    "span_scores",
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


class AnswerTypeError(TypeError):
    """An answer of the wrong type; the message tells the learner how to fix it."""


@dataclass(frozen=True)
class Question:
    """One sealed question of an exercise set."""

    id: str
    kind: str
    points: float
    prompt: str
    key: dict[str, Any]
    hint: str = ""
    feedback: dict[str, str] = field(default_factory=dict)
    salt: str = ""

    @property
    def variable(self) -> str:
        """The notebook name that holds the answer: `answer_q1`, or the function's own name."""
        return self.key.get("function", f"answer_{self.id}")


@dataclass(frozen=True)
class Result:
    """The outcome of scoring one answer."""

    question: str
    points: float
    max_points: float
    status: str  # "correct" | "partial" | "incorrect" | "unanswered" | "error"
    feedback: str

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


def _hash(salt: str, text: str) -> str:
    return hashlib.sha256(f"{salt}\x1f{text}".encode()).hexdigest()[:24]


def encode(data: Any) -> str:
    """Compact, non-obvious storage for key parts compared by value (spans, hidden inputs)."""
    return base64.b64encode(zlib.compress(json.dumps(data, ensure_ascii=False).encode())).decode()


def decode(blob: str) -> Any:
    return json.loads(zlib.decompress(base64.b64decode(blob)).decode())


def _number_hashes(salt: str, value: float, tolerance: float, resolution: float) -> list[str]:
    steps = round(tolerance / resolution)
    centre = round(value / resolution)
    return sorted(_hash(salt, f"#{n}") for n in range(centre - steps, centre + steps + 1))


def seal_question(plain: Mapping[str, Any], salt: str) -> Question:
    """Turn a question as authored (plain key) into its sealed form."""
    kind = plain["kind"]
    if kind not in KINDS:
        raise ValueError(f"question {plain.get('id')}: unknown kind {kind!r}; use one of {KINDS}")
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
                for alias, target in plain["aliases"].items()
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
        key = {
            "article": plain["article"],
            "spans": encode(answer),
            "threshold": float(plain.get("threshold", 0.5)),
        }
        if "label" in plain:
            key["label"] = plain["label"]
    elif kind == "evidence":
        # Any pointer the text bears out counts: nothing to hide.
        key = {"articles": list(plain["articles"]), "parts": list(plain["parts"])}
    elif kind == "rewrite":
        # Nothing to hide: the learner must keep these facts and drop every lexicon term.
        key = {"keep": list(plain["keep"])}
    else:  # function
        cases = plain["cases"]
        key = {
            "function": plain["function"],
            "inputs": encode([c["input"] for c in cases]),
            "outputs": [_hash(salt, json.dumps(c["output"], sort_keys=True)) for c in cases],
        }
    feedback = {
        _hash(salt, normalise(wrong)): message
        for wrong, message in (plain.get("feedback") or {}).items()
    }
    return Question(
        id=plain["id"],
        kind=kind,
        points=float(plain.get("points", 1)),
        prompt=plain.get("prompt", ""),
        key=key,
        hint=plain.get("hint", ""),
        feedback=feedback,
        salt=salt,
    )


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

_EXPECTED = {
    "choice": 'one answer as text, e.g. "C"',
    "multi": 'a set of texts, e.g. {"A", "B"}',
    "number": "a number, e.g. 42",
    "mapping": 'a dict, e.g. {"A": 3, "B": 5}',
    "ranking": 'a list in order, e.g. ["C", "A", "B"]',
    "spans": "a list of (start, end) pairs, or the spans you marked in the Annotator",
    "function": "a function (def …)",
    "rewrite": "your rewritten sentence as text, in quotes",
    "evidence": 'a dict per article, e.g. {"A": {"source": "…", "figure": "…", "loaded": "…"}}',
}


def _type_error(question: Question, value: Any) -> Result:
    got = type(value).__name__
    hint = ""
    if question.kind == "multi" and isinstance(value, str):
        hint = ' — put the items in braces: {"first", "second"}'
    elif question.kind == "number" and isinstance(value, str):
        hint = " — write the number without quotes, or use int(...) / float(...)"
    elif question.kind == "choice" and isinstance(value, list | set | tuple):
        hint = " — give just one answer"
    return Result(
        question.id,
        0.0,
        question.points,
        "error",
        f"expected {_EXPECTED[question.kind]}, got {got}{hint}",
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


def score(question: Question, answer: Any) -> Result:
    """Score one answer against a sealed question (function questions: give the outputs list)."""
    if answer is Ellipsis or answer is None:
        return Result(question.id, 0.0, question.points, "unanswered", "not answered yet")
    try:
        if question.kind != "spans":
            answer = check_plain(answer)
    except AnswerTypeError as exc:
        return Result(question.id, 0.0, question.points, "error", str(exc))
    scorer = _SCORERS[question.kind]
    return scorer(question, answer)


def _known_feedback(question: Question, value: Any) -> str:
    return question.feedback.get(_hash(question.salt, normalise(value)), "")


def _score_choice(question: Question, answer: Any) -> Result:
    if not isinstance(answer, str | int | float) or isinstance(answer, bool):
        return _type_error(question, answer)
    if _hash(question.salt, normalise(answer)) in question.key["accept"]:
        return _result(question, 1.0, "Correct.")
    return _result(question, 0.0, _known_feedback(question, answer) or "Not this one.")


def _score_multi(question: Question, answer: Any) -> Result:
    if not isinstance(answer, list):
        return _type_error(question, answer)
    wanted = set(question.key["items"])
    aliases = question.key.get("aliases", {})
    given = set()
    for item in answer:
        hashed = _hash(question.salt, normalise(item))
        given.add(aliases.get(hashed, hashed))
    hits, extras = len(given & wanted), len(given - wanted)
    size = question.key["size"]
    fraction = max(0.0, (hits - extras) / size)
    if hits == size and not extras:
        return _result(question, 1.0, f"Correct: all {size}.")
    parts = [f"You listed {hits} of the {size} expected."]
    if extras:
        parts.append(f"{extras} of your items {'is' if extras == 1 else 'are'} not in the key.")
        notes = [_known_feedback(question, item) for item in answer]
        parts.extend(n for n in notes if n)
    return _result(question, fraction, " ".join(parts))


def _number_hash(question: Question, value: float, salt: str | None = None) -> str:
    resolution = question.key["resolution"]
    return _hash(question.salt if salt is None else salt, f"#{round(value / resolution)}")


def _score_number(question: Question, answer: Any) -> Result:
    if isinstance(answer, bool) or not isinstance(answer, int | float):
        return _type_error(question, answer)
    if _number_hash(question, answer) in question.key["accept"]:
        return _result(question, 1.0, "Correct.")
    return _result(
        question, 0.0, _known_feedback(question, answer) or "Not within the accepted range."
    )


def _score_mapping(question: Question, answer: Any) -> Result:
    if not isinstance(answer, dict):
        return _type_error(question, answer)
    items = question.key["items"]
    right = []
    for name, sealed in items.items():
        if name not in answer:
            continue
        value = answer[name]
        if "numbers" in sealed:
            ok = (
                isinstance(value, int | float)
                and not isinstance(value, bool)
                and (_number_hash(question, value, salt=question.salt + name) in sealed["numbers"])
            )
        else:
            ok = _hash(question.salt + name, normalise(value)) == sealed["exact"]
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


def _score_ranking(question: Question, answer: Any) -> Result:
    if not isinstance(answer, list) or not all(isinstance(a, str) for a in answer):
        return _type_error(question, answer)
    order = [normalise(a) for a in answer]
    if sorted(order) != question.key["items"]:
        expected = len(question.key["items"])
        return _result(
            question,
            0.0,
            f"Rank each of the {expected} items exactly once (you gave {len(order)}).",
        )
    pairs = {_hash(question.salt, f"{a}<{b}") for i, a in enumerate(order) for b in order[i + 1 :]}
    right = len(pairs & set(question.key["pairs"]))
    total = len(question.key["pairs"])
    if right == total:
        return _result(question, 1.0, "Correct order.")
    return _result(question, right / total, f"{right} of {total} pairs are in the right order.")


def as_span_pairs(answer: Any, label: str | None = None) -> list[tuple[int, int]]:
    """Accept (start, end) pairs, span dicts from the Annotator, or an object with `.spans`."""
    spans = getattr(answer, "spans", answer)
    if isinstance(spans, dict) or not isinstance(spans, list | tuple):
        raise AnswerTypeError(f"expected {_EXPECTED['spans']}, got {type(answer).__name__}")
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


def _score_spans(question: Question, answer: Any) -> Result:
    try:
        given = as_span_pairs(answer, question.key.get("label"))
    except AnswerTypeError as exc:
        return Result(question.id, 0.0, question.points, "error", str(exc))
    if not given:
        return Result(question.id, 0.0, question.points, "unanswered", "no spans marked yet")
    expected = [tuple(s[:2]) for s in decode(question.key["spans"])]
    scores = span_scores(given, expected)
    threshold = question.key["threshold"]
    message = (
        f"Precision {scores['precision']:.0%} (how much of what you marked is in the key), "
        f"recall {scores['recall']:.0%} (how much of the key you marked)."
    )
    if scores["f1"] >= threshold:
        return _result(question, 1.0, f"Well marked. {message}")
    return _result(question, scores["f1"] / threshold, message)


def score_function_outputs(question: Question, outputs: list[Any]) -> Result:
    """Score a function question from its outputs on the hidden inputs (an error is wrong)."""
    expected = question.key["outputs"]
    right = 0
    for produced, wanted in zip(outputs, expected, strict=True):
        if isinstance(produced, dict) and "__error__" in produced:
            continue
        try:
            plain = check_plain(produced)
        except AnswerTypeError:
            continue
        if _hash(question.salt, json.dumps(plain, sort_keys=True)) == wanted:
            right += 1
    if right == len(expected):
        return _result(question, 1.0, f"Correct on all {len(expected)} hidden test inputs.")
    errors = sum(isinstance(o, dict) and "__error__" in o for o in outputs)
    message = f"Right on {right} of {len(expected)} hidden test inputs."
    if errors:
        message += f" It raised an error on {errors}."
    return _result(question, right / len(expected), message)


def hidden_inputs(question: Question) -> list[Any]:
    """The hidden test inputs of a function question (each a list of positional arguments)."""
    return decode(question.key["inputs"])


def _score_function(question: Question, answer: Any) -> Result:
    # A function cannot be compared as a value: its outputs on the hidden inputs are
    # (see selfcheck.run_function and batch.run_function_isolated).
    return Result(
        question.id,
        0.0,
        question.points,
        "error",
        "function questions are scored by running the function; use check()",
    )


def _score_rewrite(question: Question, answer: Any) -> Result:
    from ..corpus import Article
    from ..errors import EmptyArticleError
    from ..language import find_loaded_language

    if not isinstance(answer, str):
        return _type_error(question, answer)
    try:
        loaded = find_loaded_language(Article.from_text(answer, id="rewrite"))
    except EmptyArticleError:
        return Result(question.id, 0.0, question.points, "unanswered", "not answered yet")
    keep = question.key["keep"]
    kept = [word for word in keep if word.casefold() in answer.casefold()]
    fraction = 0.5 * (not loaded) + 0.5 * len(kept) / len(keep)
    parts = []
    if loaded:
        parts.append(
            "Still loaded: " + ", ".join(f"“{t.text}” ({t.technique_name})" for t in loaded) + "."
        )
    if len(kept) < len(keep):
        parts.append(
            f"Keep the facts: {len(keep) - len(kept)} of the words that carry them are missing."
        )
    return _result(question, fraction, " ".join(parts) or "Neutral, and the facts are kept.")


def _points_at(article, part: str, pointer: str) -> bool:
    """Does `pointer` name a source, a figure or an author-voice loaded word the kit finds?"""
    from ..language import find_loaded_language
    from ..numbers import find_quantities
    from ..sourcing import find_attributions

    wanted = pointer.casefold().strip(" .,“”\"'")
    if len(wanted) < 2 or wanted not in article.text.casefold():
        return False
    if part == "source":
        names = [n for a in find_attributions(article) for n in (a.source, a.mention)]
    elif part == "figure":
        names = [q.text for q in find_quantities(article)]
    else:
        names = [t.text for t in find_loaded_language(article) if t.voice == "author"]
    return any(wanted in n.casefold() or n.casefold() in wanted for n in names if len(n) > 1)


def _score_evidence(question: Question, answer: Any) -> Result:
    from ..corpus import load_articles

    if not isinstance(answer, dict):
        return _type_error(question, answer)
    articles = {a.id: a for a in load_articles(question.key["articles"])}
    parts = question.key["parts"]
    good, missing = 0, []
    for article_id, article in articles.items():
        given = answer.get(article_id, {})
        for part in parts:
            pointer = given.get(part) if isinstance(given, dict) else None
            if isinstance(pointer, str) and _points_at(article, part, pointer):
                good += 1
            else:
                missing.append(f"{article_id} {part}")
    total = len(articles) * len(parts)
    if good == total:
        return _result(question, 1.0, "Every piece of evidence is in the text.")
    return _result(
        question,
        good / total,
        f"{good} of {total} pointers found in the text as asked; check: {', '.join(missing)}.",
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
