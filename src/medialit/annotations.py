"""Learners' marked spans: files, checks, exports, scoring and the class view — headless.

Spans are saved as one JSON file per learner and article, at
`annotations/<learner>/<article>.json` under the learner's working folder (the
notebook's folder), so they travel with a submitted notebook and a notebook
re-run by the grader reads the same answers. The Annotator widget writes them;
exercise cells read them with `saved_spans`; a teacher reads a whole class with
`class_view`.
"""

from __future__ import annotations

import csv
import html
import io
import os
import re
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .corpus import Article, word_spans
from .learner import learner_name
from .palette import DARK, mix, readable_text_on
from .storage import CorruptFileError, atomic_write_text, load_json, save_json

__all__ = [
    "ClassView",
    "KeySpan",
    "Span",
    "annotation_path",
    "class_view",
    "compare_spans",
    "learner_name",
    "load_spans",
    "read_spans",
    "save_spans",
    "saved_spans",
    "snap_to_words",
    "span_scores",
    "to_brat",
    "to_csv",
    "to_ptc_tsv",
    "validate_spans",
]

FORMAT = "medialit-annotations/1"


@dataclass(frozen=True)
class Span:
    """One marked stretch of an article: offsets into `Article.text`, a label and a note."""

    start: int
    end: int
    label: str
    text: str = ""
    note: str = ""


@dataclass(frozen=True)
class KeySpan:
    """A span of an answer key, with why it belongs there."""

    start: int
    end: int
    label: str
    explanation: str = ""


# --- names and paths ------------------------------------------------------------------------


def annotation_path(article_id: str, learner: str | None = None, folder: str | Path = ".") -> Path:
    """Where a learner's spans for one article are saved.

    With no learner named anywhere and exactly one learner's folder present (a
    submitted notebook re-run by the grader), that folder is the one meant.
    """
    root = Path(folder) / "annotations"
    name = learner_name(learner)
    if learner is None and not os.environ.get("MEDIALIT_LEARNER") and not (root / name).is_dir():
        folders = [p for p in root.glob("*") if p.is_dir()] if root.is_dir() else []
        if len(folders) == 1:
            name = folders[0].name
    return root / name / f"{article_id}.json"


# --- checking spans -------------------------------------------------------------------------


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Widen a selection to whole words and drop spaces and punctuation at its edges.

    Returns None when the selection holds no word at all.
    """
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    inside = [(s, e) for s, e in word_spans(text) if s < end and e > start]
    if not inside:
        return None
    return inside[0][0], inside[-1][1]


def validate_spans(
    spans: Iterable[Span | dict[str, Any]], text: str, labels: Sequence[str] | None = None
) -> list[Span]:
    """Spans as `Span` objects, sorted, with `text` recomputed from the offsets.

    Raises ValueError naming the first bad span: offsets outside the text, start not
    before end, or a label not among `labels`.
    """
    checked = []
    for index, raw in enumerate(spans):
        item = asdict(raw) if isinstance(raw, Span) else dict(raw)
        try:
            start, end, label = item["start"], item["end"], item["label"]
        except KeyError as missing:
            raise ValueError(f"span {index} has no {missing.args[0]!r}") from None
        if type(start) is not int or type(end) is not int:
            raise ValueError(
                f"span {index}: start and end must be whole numbers, got {start!r}, {end!r}"
            )
        if not 0 <= start < end <= len(text):
            raise ValueError(
                f"span {index}: offsets {start}–{end} are not inside the text (0–{len(text)})"
            )
        if labels is not None and label not in labels:
            raise ValueError(f"span {index}: unknown label {label!r}; use one of {list(labels)}")
        checked.append(Span(start, end, str(label), text[start:end], str(item.get("note") or "")))
    return sorted(checked, key=lambda s: (s.start, s.end, s.label))


# --- files ----------------------------------------------------------------------------------


def save_spans(
    article_id: str,
    spans: Iterable[Span | dict[str, Any]],
    learner: str | None = None,
    folder: str | Path = ".",
) -> Path:
    """Write a learner's spans for one article atomically."""
    items = [asdict(s) if isinstance(s, Span) else dict(s) for s in spans]
    payload = {
        "format": FORMAT,
        "article": article_id,
        "learner": learner_name(learner),
        "spans": items,
    }
    return save_json(annotation_path(article_id, learner, folder), payload)


def read_spans(path: Path) -> tuple[list[Span], str | None]:
    """The spans in a file, and a message for the learner if something was wrong with it.

    A file that cannot be read is moved aside (never overwritten); a readable file
    with damaged entries keeps its good entries.
    """
    try:
        data = load_json(path, default=None)
    except CorruptFileError as exc:
        return [], str(exc)
    if data is None:
        return [], None
    if not isinstance(data, dict) or not isinstance(data.get("spans"), list):
        moved = path.rename(path.with_name(path.stem + ".not-annotations" + path.suffix))
        return [], f"{path} was not an annotation file; it was kept as {moved.name}"
    spans, skipped = [], 0
    for item in data["spans"]:
        try:
            spans.append(
                Span(
                    int(item["start"]),
                    int(item["end"]),
                    str(item["label"]),
                    str(item.get("text", "")),
                    str(item.get("note", "")),
                )
            )
        except (KeyError, TypeError, ValueError):
            skipped += 1
    message = (
        f"{skipped} damaged entr{'y' if skipped == 1 else 'ies'} in {path} skipped"
        if skipped
        else None
    )
    return spans, message


def load_spans(article_id: str, learner: str | None = None, folder: str | Path = ".") -> list[Span]:
    """A learner's saved spans for one article ([] if none); problems become a warning."""
    spans, message = read_spans(annotation_path(article_id, learner, folder))
    if message:
        warnings.warn(message, stacklevel=2)
    return spans


def saved_spans(
    article_id: str, label: str | None = None, learner: str | None = None, folder: str | Path = "."
) -> list[dict[str, Any]]:
    """The saved spans as plain dicts (an exercise answer), optionally only those with one label."""
    return [asdict(s) for s in load_spans(article_id, learner, folder) if label in (None, s.label)]


# --- exports --------------------------------------------------------------------------------


def to_csv(spans: Iterable[Span], article_id: str, path: str | Path) -> Path:
    """CSV with a header: article, label, start, end, text, note."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["article", "label", "start", "end", "text", "note"])
    for s in spans:
        writer.writerow([article_id, s.label, s.start, s.end, s.text, s.note])
    return atomic_write_text(path, buffer.getvalue())


def to_ptc_tsv(spans: Iterable[Span], article_id: str, path: str | Path) -> Path:
    """The Propaganda Techniques Corpus layout: `article<TAB>label<TAB>start<TAB>end`, no header."""
    lines = [f"{article_id}\t{s.label}\t{s.start}\t{s.end}" for s in spans]
    return atomic_write_text(path, "\n".join(lines) + ("\n" if lines else ""))


def to_brat(spans: Iterable[Span], text: str, path: str | Path) -> Path:
    """brat standoff (.ann): one text-bound annotation per span; notes as `#` comments.

    A span that crosses a line break is written as fragments, as brat requires.
    """
    lines = []
    for number, s in enumerate(spans, start=1):
        fragments, cursor = [], s.start
        for piece in text[s.start : s.end].split("\n"):
            if piece:
                fragments.append(f"{cursor} {cursor + len(piece)}")
            cursor += len(piece) + 1
        shown = text[s.start : s.end].replace("\n", " ")
        lines.append(f"T{number}\t{s.label} {';'.join(fragments)}\t{shown}")
        if s.note:
            lines.append(f"#{number}\tAnnotatorNotes T{number}\t{s.note}")
    return atomic_write_text(path, "\n".join(lines) + ("\n" if lines else ""))


# --- scoring --------------------------------------------------------------------------------


def _covered(span: tuple[int, int], others: Iterable[tuple[int, int]]) -> float:
    start, end = span
    chars: set[int] = set()
    for o_start, o_end in others:
        chars.update(range(max(start, o_start), min(end, o_end)))
    return len(chars) / max(end - start, 1)


def span_scores(
    predicted: Iterable[tuple[int, int]], expected: Iterable[tuple[int, int]]
) -> dict[str, float]:
    """Partial-overlap precision, recall and F1 (as in the SemEval-2020 Task 11 span scorer).

    Each predicted span earns the share of it covered by key spans (precision); each key
    span earns the share of it covered by predicted spans (recall).
    """
    predicted, expected = list(predicted), list(expected)
    precision = sum(_covered(s, expected) for s in predicted) / len(predicted) if predicted else 0.0
    recall = sum(_covered(s, predicted) for s in expected) / len(expected) if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _key_spans(key: Iterable[KeySpan | dict[str, Any]]) -> list[KeySpan]:
    return [
        k
        if isinstance(k, KeySpan)
        else KeySpan(int(k["start"]), int(k["end"]), str(k["label"]), str(k.get("explanation", "")))
        for k in key
    ]


def compare_spans(
    spans: Sequence[Span],
    key: Iterable[KeySpan | dict[str, Any]],
    labels: Sequence[str] | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Per-label scores, and the review list: key spans missed and marked spans not in the key.

    A key span counts as found when at least half of it is marked with its label;
    a marked span counts as extra when less than half of it lies in key spans of its label.
    """
    key = _key_spans(key)
    labels = list(labels or dict.fromkeys([*(k.label for k in key), *(s.label for s in spans)]))
    scores, review = [], []
    for label in labels:
        mine = [(s.start, s.end) for s in spans if s.label == label]
        wanted = [k for k in key if k.label == label]
        result = span_scores(mine, [(k.start, k.end) for k in wanted])
        scores.append({"label": label, "marked": len(mine), "in key": len(wanted), **result})
        for k in wanted:
            if _covered((k.start, k.end), mine) < 0.5:
                review.append(
                    {
                        "kind": "missed",
                        "start": k.start,
                        "end": k.end,
                        "label": label,
                        "explanation": k.explanation,
                    }
                )
        for s in spans:
            if (
                s.label == label
                and _covered((s.start, s.end), [(k.start, k.end) for k in wanted]) < 0.5
            ):
                review.append(
                    {
                        "kind": "extra",
                        "start": s.start,
                        "end": s.end,
                        "label": label,
                        "explanation": "not in the key for this label",
                    }
                )
    return scores, sorted(review, key=lambda r: (r["start"], r["kind"]))


# --- the class view -------------------------------------------------------------------------


@dataclass
class ClassView:
    """What a teacher projects after an annotation exercise."""

    article: Article
    learners: list[str]
    labels: list[str]
    word_counts: Any  # DataFrame: one row per word, one column per label (learners who tagged it)
    agreement: dict[str, float | None]
    top_phrases: Any  # DataFrame: label, phrase, learners
    versus_key: Any = None  # DataFrame: learner, label, precision, recall, f1
    problems: list[str] = field(default_factory=list)

    def heat_map_html(self, label: str) -> str:
        """The article, each word shaded by how many learners tagged it, the count beside it."""
        total = max(len(self.learners), 1)
        counts = self.word_counts
        parts, cursor = [], 0
        text = self.article.text
        for row in counts.itertuples(index=False):
            parts.append(html.escape(text[cursor : row.start]))
            n = getattr(row, _column(label))
            word = html.escape(text[row.start : row.end])
            if n:
                shade = mix(DARK["blue"], share=0.15 + 0.75 * n / total)
                parts.append(
                    f'<span style="background:{shade};color:{readable_text_on(shade)}" '
                    f'title="{n} of {total} learners">{word}<sup>{n}</sup></span>'
                )
            else:
                parts.append(word)
            cursor = row.end
        parts.append(html.escape(text[cursor:]))
        body = "".join(parts).replace("\n", "<br>")
        return (
            f"<figure><figcaption><strong>{html.escape(label)}</strong>: "
            f"how many of {total} learners "
            f"tagged each word (number after the word; darker = more)</figcaption>"
            f'<div style="line-height:1.7;max-height:30em;overflow-y:auto">{body}</div></figure>'
        )

    def _repr_html_(self) -> str:
        agreement = ", ".join(
            f"{label}: {'n/a' if a is None else f'{a:.2f}'}" for label, a in self.agreement.items()
        )
        sections = [
            f"<h4>Article {html.escape(self.article.id)} — {len(self.learners)} learners</h4>",
            "<p>Agreement (Krippendorff's alpha over words, 1 = perfect, 0 = chance): "
            f"{agreement}</p>",
        ]
        sections += [self.heat_map_html(label) for label in self.labels]
        sections.append("<h4>Most-tagged phrases</h4>" + self.top_phrases.to_html(index=False))
        if self.versus_key is not None:
            sections.append(
                "<h4>Each learner against the key</h4>"
                + self.versus_key.to_html(index=False, float_format="{:.2f}".format)
            )
        return "\n".join(sections)


def _column(label: str) -> str:
    return re.sub(r"\W", "_", label)


def _alpha(matrix) -> float | None:
    import krippendorff
    import numpy as np

    data = np.asarray(matrix, dtype=float)
    if data.shape[0] < 2 or len(np.unique(data)) < 2:
        return None  # fewer than two learners, or nobody disagreed because nothing varied
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def class_view(
    folder: str | Path,
    article: Article,
    labels: Sequence[str] | None = None,
    key: Iterable[KeySpan | dict[str, Any]] | None = None,
) -> ClassView:
    """Read every learner's file for one article under `folder` (a class's `annotations/` folder,
    or a folder of submissions holding them) and sum it up."""
    import pandas as pd

    folder = Path(folder)
    files = sorted(folder.rglob(f"{article.id}.json"))
    learners, marked, problems = [], {}, []
    for path in files:
        spans, message = read_spans(path)
        if message:
            problems.append(message)
            if not spans:
                continue
        try:
            spans = validate_spans(spans, article.text)
        except ValueError as exc:
            problems.append(f"{path}: {exc}")
            continue
        name = path.parent.name
        if name in marked:
            name = f"{name} ({path.parent.parent.name})"
        learners.append(name)
        marked[name] = spans
    labels = list(labels or sorted({s.label for spans in marked.values() for s in spans}))
    words = word_spans(article.text)
    rows, matrices = [], {label: [] for label in labels}
    for label in labels:
        for name in learners:
            tagged = [(s.start, s.end) for s in marked[name] if s.label == label]
            matrices[label].append(
                [int(any(s < e2 and e > s2 for s2, e2 in tagged)) for s, e in words]
            )
    for index, (start, end) in enumerate(words):
        row = {"word": article.text[start:end], "start": start, "end": end}
        for label in labels:
            row[_column(label)] = sum(m[index] for m in matrices[label])
        rows.append(row)
    word_counts = pd.DataFrame(
        rows, columns=["word", "start", "end", *(_column(x) for x in labels)]
    )
    phrases = Counter(
        (s.label, article.text[s.start : s.end]) for spans in marked.values() for s in spans
    )
    top = pd.DataFrame(
        [
            {"label": lab, "phrase": text, "learners": n}
            for (lab, text), n in phrases.most_common(15)
        ],
        columns=["label", "phrase", "learners"],
    )
    versus = None
    if key is not None:
        key = _key_spans(key)
        versus = pd.DataFrame(
            [
                {"learner": name, **score}
                for name in learners
                for score in compare_spans(marked[name], key, labels)[0]
            ]
        )
    agreement = {label: _alpha(matrices[label]) for label in labels}
    return ClassView(article, learners, labels, word_counts, agreement, top, versus, problems)
