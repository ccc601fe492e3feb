"""The Annotator: learners mark sources, numbers and loaded words in the article itself.

The front end (annotator.js) only shows the text and reports what the learner did;
this class decides: it snaps selections to whole words, validates, keeps the undo
history and saves every change at once to the learner's own file
(`annotations/<learner>/<article>.json`), so closing the notebook loses nothing and
the grader can read the answers later. Offsets are Python string offsets (code
points) into `Article.text`; the front end converts from the browser's UTF-16.
Colours come from `medialit.palette` (as CSS variables), so contrast is tested in one place.
A saved notebook reopened without its kernel shows "Run this cell to show the Annotator"
(see `_ipython_display_`), not JupyterLab's "model not found".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from ..annotations import (
    KeySpan,
    Span,
    annotation_path,
    compare_spans,
    read_spans,
    save_spans,
    snap_to_words,
    to_brat,
    to_csv,
    to_ptc_tsv,
    validate_spans,
)
from ..corpus import Article
from ..learner import learner_name, remember_learner, remembered_learner
from ..palette import LABEL_STYLES, css_variables

__all__ = ["DEFAULT_LABELS", "LABEL_STYLES", "Annotator"]

DEFAULT_LABELS = ("source", "number", "loaded")
_HERE = Path(__file__).resolve().parent
NOTHING_MARKED = (
    "Nothing marked yet: mark the words in the text above, then run this cell again to "
    "compare (or compare(..., reveal=True) to see the kit's marks without yours)."
)
PLACEHOLDER = "Run this cell to show the Annotator."
# Shown in the output before the widget. While the widget lives, the rule below (JupyterLab,
# Notebook 7) or the widget itself (other front ends, see annotator.js) hides this note; in a
# reopened notebook (no widget model any more) the rule hides JupyterLab's error instead.
_PLACEHOLDER_HTML = (
    "<style>.jp-OutputArea:has(.mla-root) .mla-placeholder {{ display: none; }}"
    ".jp-OutputArea:has(.mla-placeholder) .jp-OutputArea-output.jupyter-widgets"
    ":not(:has(*)) {{ display: none; }}</style>"
    '<p class="mla-placeholder" style="font-style:italic;color:{muted}">{text}</p>'
)


class Annotator(anywidget.AnyWidget):
    """Select words, press a label's button or number key; spans sync both ways and autosave."""

    _esm = _HERE / "annotator.js"
    _css = css_variables() + (_HERE / "annotator.css").read_text(encoding="utf-8")

    article_id = traitlets.Unicode().tag(sync=True)
    text = traitlets.Unicode().tag(sync=True)
    paragraphs = traitlets.List().tag(sync=True)  # [start, end, number, kind]
    words = traitlets.List().tag(sync=True)  # [start, end] of every word, for keyboard selection
    sentences = traitlets.List().tag(sync=True)  # [start, end] of every sentence, for ↑/↓ jumps
    labels = traitlets.List().tag(sync=True)  # [{name, key, colour, line}]
    spans = traitlets.List().tag(sync=True)  # [{start, end, label, text, note}]
    review = traitlets.List().tag(
        sync=True
    )  # [{kind: missed|extra, start, end, label, explanation}]
    learner = traitlets.Unicode("").tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)

    def __init__(
        self,
        article: Article,
        labels: Sequence[str] = DEFAULT_LABELS,
        learner: str | None = None,
        folder: str | Path | None = None,
        autosave: bool = True,
    ):
        if not labels or len(set(labels)) != len(labels) or len(labels) > 9:
            raise ValueError("give one to nine different labels, e.g. ('source', 'number')")
        self.article = article
        self.folder = Path(folder) if folder is not None else Path.cwd()
        self.autosave = autosave
        self._history: list[list[dict[str, Any]]] = []
        self._restoring = False
        super().__init__(
            article_id=article.id,
            text=article.text,
            paragraphs=[[p.start, p.end, p.number, p.kind] for p in article.paragraphs],
            words=[list(span) for span in _word_spans(article)],
            sentences=[[s.start, s.end] for s in article.sentences],
            labels=[
                {"name": name, "key": str(index + 1), **LABEL_STYLES[index % len(LABEL_STYLES)]}
                for index, name in enumerate(labels)
            ],
        )
        self.on_msg(self._on_front_end_message)
        name = learner or self._remembered_name()
        if name:
            self.learner = learner_name(name)  # loads the saved spans (see _learner_changed)

    def _ipython_display_(self) -> None:
        """The widget plus a plain note that takes over when the notebook is reopened."""
        from IPython.display import HTML, display

        from ..palette import ROLES

        bundle = self._repr_mimebundle_()
        if not bundle:  # a closed widget has nothing to show
            return
        data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
        data["text/plain"] = ""  # the note above says it once (an untrusted notebook shows both)
        display(HTML(_PLACEHOLDER_HTML.format(muted=ROLES["muted text"], text=PLACEHOLDER)))
        display(data, metadata=metadata, raw=True)  # display(self) would come back here

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        if isinstance(data, dict) and "text/plain" in data:
            data["text/plain"] = PLACEHOLDER  # what a front end without widgets shows
        return bundle

    # --- the learner and their file -------------------------------------------------------

    @property
    def label_names(self) -> list[str]:
        return [label["name"] for label in self.labels]

    @property
    def path(self) -> Path | None:
        """The autosave file, once the learner's name is known."""
        return annotation_path(self.article.id, self.learner, self.folder) if self.learner else None

    def _remembered_name(self) -> str:
        """The name given once before, or the only learner with saved marks here (a re-run)."""
        remembered = remembered_learner(self.folder)
        if remembered:
            return remembered
        saved = self.folder / "annotations"
        folders = [p for p in saved.iterdir() if p.is_dir()] if saved.is_dir() else []
        return folders[0].name if len(folders) == 1 else ""

    @traitlets.validate("learner")
    def _valid_learner(self, proposal):
        return learner_name(proposal["value"]) if proposal["value"].strip() else ""

    @traitlets.observe("learner")
    def _learner_changed(self, change):
        if not change["new"]:
            return
        remember_learner(change["new"], self.folder)  # asked once: the next notebook knows it
        saved, message = read_spans(self.path)
        good, dropped = [], 0
        for span in saved:
            try:
                good.extend(validate_spans([span], self.article.text, self.label_names))
            except ValueError:
                dropped += 1
        merged = {(s.start, s.end, s.label): s for s in [*good, *self._span_objects()]}
        self._restoring = True
        try:
            self.spans = [asdict(s) for s in merged.values()]
        finally:
            self._restoring = False
        notes = [m for m in (message,) if m]
        if dropped:
            notes.append(f"{dropped} saved span(s) did not fit this article and were left out")
        self.status = "; ".join(notes) or (
            f"Loaded {len(good)} saved span(s) for {self.learner}."
            if good
            else f"Saving to {self.path}"
        )
        if merged and len(merged) != len(good):
            self._save()

    # --- spans ------------------------------------------------------------------------------

    @traitlets.validate("spans")
    def _valid_spans(self, proposal):
        try:
            return [
                asdict(s) for s in validate_spans(proposal["value"], self.text, self.label_names)
            ]
        except ValueError as exc:
            raise traitlets.TraitError(str(exc)) from None

    @traitlets.observe("spans")
    def _spans_changed(self, change):
        if not self._restoring:
            self._history.append(change["old"])
            del self._history[:-100]
        self._save()

    def _save(self) -> None:
        if not (self.autosave and self.learner):
            return
        try:
            save_spans(self.article.id, self.spans, self.learner, self.folder)
        except OSError as exc:  # keep working in memory; say so plainly
            self.status = (
                f"Could not save ({exc.strerror or exc}); your marks are kept until you close."
            )

    def _span_objects(self) -> list[Span]:
        return [Span(**s) for s in self.spans]

    def add(self, start: int, end: int, label: str, note: str = "") -> dict[str, Any] | None:
        """Mark a stretch (widened to whole words) with a label; returns the span, or None."""
        if label not in self.label_names:
            raise ValueError(f"unknown label {label!r}; use one of {self.label_names}")
        snapped = snap_to_words(self.text, start, end)
        if snapped is None:
            self.status = "Select at least one word first."
            return None
        span = {"start": snapped[0], "end": snapped[1], "label": label, "note": note}
        if any(
            (s["start"], s["end"], s["label"]) == (span["start"], span["end"], label)
            for s in self.spans
        ):
            self.status = "That is already marked with this label."
            return None
        self.spans = [*self.spans, span]
        self.status = f"Marked “{self.text[span['start'] : span['end']]}” as {label}."
        return next(
            s for s in self.spans if (s["start"], s["end"], s["label"]) == (*snapped, label)
        )

    def remove(self, index: int) -> None:
        spans = list(self.spans)
        removed = spans.pop(index)
        self.spans = spans
        self.status = f"Removed “{removed['text']}”."

    def relabel(self, index: int, label: str) -> None:
        if label not in self.label_names:
            raise ValueError(f"unknown label {label!r}; use one of {self.label_names}")
        spans = [dict(s) for s in self.spans]
        spans[index]["label"] = label
        self.spans = spans

    def annotate(self, index: int, note: str) -> None:
        spans = [dict(s) for s in self.spans]
        spans[index]["note"] = note
        self.spans = spans

    def undo(self) -> bool:
        """Go back one change; False when there is nothing to undo."""
        if not self._history:
            self.status = "Nothing to undo."
            return False
        previous = self._history.pop()
        self._restoring = True
        try:
            self.spans = previous
        finally:
            self._restoring = False
        self.status = "Undone."
        return True

    def _on_front_end_message(self, _widget, content, _buffers) -> None:
        try:
            kind = content.get("type")
            if kind == "add":
                self.add(int(content["start"]), int(content["end"]), str(content["label"]))
            elif kind == "remove":
                self.remove(int(content["index"]))
            elif kind == "relabel":
                self.relabel(int(content["index"]), str(content["label"]))
            elif kind == "note":
                self.annotate(int(content["index"]), str(content["note"]))
            elif kind == "undo":
                self.undo()
        except (KeyError, IndexError, TypeError, ValueError, traitlets.TraitError) as exc:
            self.status = f"That did not work: {exc}"

    # --- results ----------------------------------------------------------------------------

    def to_dataframe(self):
        import pandas as pd

        return pd.DataFrame(self.spans, columns=["start", "end", "label", "text", "note"])

    def export(self, path: str | Path, format: str | None = None) -> Path:
        """Write the spans as CSV (.csv), brat standoff (.ann) or PTC-style TSV (.tsv)."""
        path = Path(path)
        kind = format or {".csv": "csv", ".ann": "brat", ".tsv": "tsv"}.get(path.suffix.lower())
        spans = self._span_objects()
        if kind == "csv":
            return to_csv(spans, self.article.id, path)
        if kind == "brat":
            return to_brat(spans, self.text, path)
        if kind == "tsv":
            return to_ptc_tsv(spans, self.article.id, path)
        raise ValueError("export to a .csv, .ann (brat) or .tsv (PTC) file, or pass format=")

    def compare(self, key: Iterable[KeySpan | dict[str, Any]], reveal: bool = False):
        """Score against a key (per label) and show missed and extra spans in the widget.

        Before the learner has marked anything, it shows nothing of the key (so Run All
        does not give the answers away) unless asked with `reveal=True`.
        """
        import pandas as pd

        if not self.spans and not reveal:
            self.status = NOTHING_MARKED
            print(NOTHING_MARKED)
            return None
        scores, review = compare_spans(self._span_objects(), key, self.label_names)
        self.review = review
        missed = sum(r["kind"] == "missed" for r in review)
        extra = sum(r["kind"] == "extra" for r in review)
        self.status = (
            f"Compared with the key: {missed} missed (dashed outline), {extra} not in the key."
        )
        return pd.DataFrame(scores).set_index("label")

    def clear_review(self) -> None:
        self.review = []


def _word_spans(article: Article) -> list[tuple[int, int]]:
    from ..corpus import word_spans

    return word_spans(article.text)
