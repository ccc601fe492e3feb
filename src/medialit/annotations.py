"""Learners' marked spans, saved as one JSON file per learner and article — headless.

Files live at `annotations/<learner>/<article>.json` under the learner's working
folder (the notebook's folder), so they travel with a submitted notebook and a
re-executed notebook reads the same answers. The Annotator widget writes them;
exercise cells read them with `saved_spans`.
"""

from __future__ import annotations

import os
import re
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .storage import CorruptFileError, load_json, save_json

__all__ = ["Span", "annotation_path", "learner_name", "load_spans", "save_spans", "saved_spans"]

FORMAT = "medialit-annotations/1"


@dataclass(frozen=True)
class Span:
    """One marked stretch of an article: offsets into `Article.text`, a label and a note."""

    start: int
    end: int
    label: str
    text: str = ""
    note: str = ""


def learner_name(learner: str | None = None) -> str:
    """The learner's name for file paths: given, else $MEDIALIT_LEARNER, else "learner"."""
    name = learner or os.environ.get("MEDIALIT_LEARNER") or "learner"
    safe = re.sub(r"[^\w.-]+", "_", name.strip()).strip("._")
    return safe or "learner"


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


def save_spans(
    article_id: str,
    spans: list[Span | dict[str, Any]],
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


def load_spans(article_id: str, learner: str | None = None, folder: str | Path = ".") -> list[Span]:
    """A learner's saved spans for one article ([] if none); a damaged file is moved aside."""
    path = annotation_path(article_id, learner, folder)
    try:
        data = load_json(path, default=None)
    except CorruptFileError as exc:
        warnings.warn(str(exc), stacklevel=2)
        return []
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("spans"), list):
        warnings.warn(
            f"{path} is not a medialit annotation file; it was left untouched", stacklevel=2
        )
        return []
    spans = []
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
            continue
    return spans


def saved_spans(
    article_id: str, label: str | None = None, learner: str | None = None, folder: str | Path = "."
) -> list[dict[str, Any]]:
    """The saved spans as plain dicts (an exercise answer), optionally only those with one label."""
    return [asdict(s) for s in load_spans(article_id, learner, folder) if label in (None, s.label)]
