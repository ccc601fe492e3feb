"""Lettered choice questions: options authored once, letters balanced and shuffled by the build.

A teacher writes a choice question's options in `solutions/keys/<set>.toml`
(`[[questions.options]]`, one marked `right = true`) and never picks a letter.
`medialit build` gives the right options of the whole kit letters in turn (a, b, c,
d, a, …), shuffles them within each set and the wrong options within each question,
all from fixed seeds, so the same key always builds the same notebook and no
letter is "usually right". It writes the option list and an answer-format line into
the solution notebook's question cell, the letter into its answer, and seals it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["LETTERS", "answer_format", "letter_orders", "render_options", "with_letters"]

LETTERS = "abcdefgh"
_CYCLE = 4  # the usual number of options: the right answer's letter turns over a, b, c, d

_FORMATS = {
    "choice": "one answer in quotes",
    "multi": 'a set in braces, each item in quotes: `{"…", "…"}`',
    "number": "a number, without quotes",
    "mapping": 'a dict in braces: `{"name": value, …}`',
    "ranking": 'a list in square brackets, first to last, each item in quotes: `["…", "…"]`',
    "spans": "your marks in the Annotator above (then run the cell below)",
    "function": "the completed function (then run the cell; it is tested on hidden inputs)",
    "rewrite": "your sentence as text in quotes (marked for your teacher to review)",
    "evidence": 'a dict per article: `{"A": {"source": "…", "figure": "…", "loaded": "…"}, …}`, '
    "each pointer copied word for word from the text",
}


def _right_and_wrong(question: Mapping[str, Any]) -> tuple[int, list[int]]:
    options = question["options"]
    right = [i for i, o in enumerate(options) if o.get("right")]
    if len(right) != 1 or len(options) < 2:
        raise ValueError(
            f"question {question['id']}: give two or more options and mark exactly one "
            "`right = true`"
        )
    return right[0], [i for i in range(len(options)) if i != right[0]]


def letter_orders(
    sets: Sequence[tuple[str, Sequence[Mapping[str, Any]]]],
) -> dict[tuple[str, str], list[int]]:
    """For every lettered question of the kit, its options in the order shown (a, b, …)."""
    orders: dict[tuple[str, str], list[int]] = {}
    turn = 0
    for set_id, questions in sets:
        lettered = [q for q in questions if q.get("options")]
        slots = [(turn + i) % _CYCLE for i in range(len(lettered))]
        turn += len(lettered)
        random.Random(f"medialit-letters:{set_id}").shuffle(slots)
        for question, slot in zip(lettered, slots, strict=True):
            right, wrong = _right_and_wrong(question)
            random.Random(f"medialit-letters:{set_id}:{question['id']}").shuffle(wrong)
            slot %= len(question["options"])
            orders[(set_id, question["id"])] = [*wrong[:slot], right, *wrong[slot:]]
    return orders


def with_letters(question: Mapping[str, Any], order: Sequence[int]) -> dict[str, Any]:
    """The question as the sealer sees it: the right letter as answer, feedback by letter."""
    plain = dict(question)
    options = plain.pop("options")
    feedback = dict(plain.get("feedback") or {})
    for letter, index in zip(LETTERS, order, strict=False):
        if options[index].get("right"):
            plain["answer"] = letter
        elif options[index].get("feedback"):
            feedback[letter] = options[index]["feedback"]
    plain["feedback"] = feedback
    return plain


def render_options(question: Mapping[str, Any], order: Sequence[int]) -> list[str]:
    options = question["options"]
    return [f"- **{LETTERS[n]}** — {options[i]['text']}" for n, i in enumerate(order)]


def answer_format(question: Mapping[str, Any]) -> str:
    """The line that tells a learner how to write the answer (a key may say it itself)."""
    if question.get("format"):
        text = question["format"]
    elif question.get("options"):
        letters = LETTERS[: len(question["options"])]
        text = f"one letter — {', '.join(letters[:-1])} or {letters[-1]} — in quotes"
    else:
        text = _FORMATS[question["kind"]]
    return f"**Answer format:** {text}."


OPTION_LINE = re.compile(r"^- \*\*[a-h]\*\* — ")
FORMAT_LINE = re.compile(r"^\*\*Answer format:\*\*")
