"""Articles as text with character offsets: the ground every lens stands on.

An `Article` keeps its text verbatim (after a documented trim of surrounding
whitespace) and describes paragraphs and sentences as spans into it, so that any
finding of any lens can point back at the exact characters a learner can read:
``article.text[span.start:span.end] == span.text`` always holds.

This module imports nothing else from the kit.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from .errors import (
    ArticleError,
    ArticleNotFoundError,
    ArticleTooLargeError,
    EmptyArticleError,
    MedialitError,
    NoArticlesError,
    NotTextError,
)
from .paths import datasets_dir

__all__ = [
    "ARTICLE_SUFFIXES",
    "DEFAULT_MAX_BYTES",
    "Article",
    "Paragraph",
    "Sentence",
    "Span",
    "article_files",
    "article_from_bytes",
    "count_words",
    "find_quotations",
    "gather_articles",
    "LoadFailure",
    "word_spans",
    "load_articles",
    "load_folder",
    "load_paths",
    "read_article_file",
    "split_sentences",
]

DEFAULT_MAX_BYTES = 5_000_000
"""Files larger than this are refused unless the caller raises the limit."""

ARTICLE_SUFFIXES = (".txt", ".md")
"""What a folder of articles is searched for."""

_WORD = re.compile(r"\w+(?:[’'.,\-]\w+)*")
_LINE = re.compile(r"[^\n]+")
_QUOTE_MARK = re.compile("[“”\"‘’']")
_TERMINAL = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")", "…")


@dataclass(frozen=True)
class Span:
    """A stretch of an article's text; `text` is always `article.text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Paragraph(Span):
    """One line-separated block. `kind` is "heading" for titles and sub-heads, else "body"."""

    number: int
    kind: str = "body"


@dataclass(frozen=True)
class Sentence(Span):
    """One sentence; `paragraph` is the 1-based number of the paragraph holding it."""

    paragraph: int
    kind: str = "body"


@dataclass(frozen=True)
class Article:
    """An article's verbatim text plus its paragraphs, sentences, and what the text says of itself.

    `title` and `date` are only ever taken from the article's own text (a headline
    line, a Markdown heading, a dateline); the kit never invents them.
    """

    id: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    title: str | None = None
    dateline: Span | None = None
    date: str | None = None
    source: str | None = None

    @classmethod
    def from_text(cls, text: str, id: str = "article", *, source: str | None = None) -> Article:
        """Build an article from raw text (a teacher's or learner's own, or a bundled one).

        Line endings become "\\n" and surrounding whitespace is trimmed, so offsets
        are the same on every platform. Raises `EmptyArticleError` when no word is left.
        """
        if not isinstance(text, str):
            raise TypeError(f"expected the article's text as a str, got {type(text).__name__}")
        clean = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").strip()
        if not count_words(clean):
            where = f" ({source})" if source else ""
            raise EmptyArticleError(
                f"article {id!r}{where} has no words; "
                "paste or save the article's text and try again"
            )
        paragraphs = tuple(_paragraphs(clean))
        dateline, date, body_start = _dateline(clean, paragraphs)
        sentences = tuple(_sentences(clean, paragraphs, skip_until=body_start))
        title = _title(paragraphs)
        return cls(
            id=str(id),
            text=clean,
            paragraphs=paragraphs,
            sentences=sentences,
            title=title,
            dateline=dateline,
            date=date,
            source=source,
        )

    @property
    def words(self) -> int:
        """Number of words in the whole text (see `count_words`)."""
        return count_words(self.text)

    @property
    def body_text(self) -> str:
        """The text without headings and dateline: what readability formulas should see."""
        return "\n".join(s.text for s in self.sentences if s.kind == "body")

    @property
    def label(self) -> str:
        """A short human name: the title if the text has one, else its first words."""
        if self.title:
            return self.title
        first = self.sentences[0].text if self.sentences else self.text
        words = first.split()
        return " ".join(words[:8]) + ("…" if len(words) > 8 else "")

    def paragraph(self, number: int) -> Paragraph:
        """The paragraph with this 1-based number (as shown to learners)."""
        if not 1 <= number <= len(self.paragraphs):
            raise IndexError(
                f"article {self.id} has paragraphs 1–{len(self.paragraphs)}, not {number}"
            )
        return self.paragraphs[number - 1]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing a character offset, if any."""
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None


def count_words(text: str) -> int:
    """Count words as a reader would: "2,500", "U.S." and "second-largest" are one word each."""
    return len(_WORD.findall(text))


def find_quotations(text: str) -> list[Span]:
    """Quoted passages (the words inside the marks), paragraph by paragraph.

    Curly and straight double quotes pair in order. A single ‘ opens a quotation
    only where it starts a word, and a ’ closes one only when one is open and no
    letter follows, so apostrophes (Trump’s, workers’ state) are never quotes. A
    quotation still open at the end of its paragraph ends there.
    """
    found: list[Span] = []
    for paragraph in _LINE.finditer(text):
        start, line = paragraph.start(), paragraph.group()
        open_double: int | None = None
        open_single: int | None = None
        for mark in _QUOTE_MARK.finditer(line):  # other characters change nothing
            index, char = mark.start(), mark.group()
            before = line[index - 1] if index else " "
            after = line[index + 1] if index + 1 < len(line) else " "
            if char in '“”"':
                opening = char == "“" or (char == '"' and open_double is None)
                if opening and open_double is None:
                    open_double = index + 1
                elif not opening and open_double is not None:
                    found.append(Span(start + open_double, start + index, line[open_double:index]))
                    open_double = None
            elif char in "‘'" and open_single is None and not before.isalnum() and after.isalnum():
                open_single = index + 1
            elif char in "’'" and open_single is not None and not after.isalpha():
                found.append(Span(start + open_single, start + index, line[open_single:index]))
                open_single = None
        for pending in (open_double, open_single):
            if pending is not None and pending < len(line):
                found.append(Span(start + pending, start + len(line), line[pending:]))
    return sorted(found, key=lambda q: q.start)


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every word, by the same rule as `count_words`."""
    return [m.span() for m in _WORD.finditer(text)]


# --- paragraphs, headings, datelines -------------------------------------------------------


def _paragraphs(text: str) -> Iterator[Paragraph]:
    """Each non-blank line is a paragraph: news text rarely wraps lines inside a paragraph."""
    number = 0
    for match in re.finditer(r"[^\n]+", text):
        stripped = match.group().strip()
        if not stripped:
            continue
        start = match.start() + (len(match.group()) - len(match.group().lstrip()))
        end = start + len(stripped)
        number += 1
        yield Paragraph(
            start, end, stripped, number, "heading" if _is_heading(stripped) else "body"
        )


def _is_heading(line: str) -> bool:
    """A short line without closing punctuation is a headline or sub-head, not a sentence.

    Short question lines count as sub-heads too, as opinion columns use them that way.
    """
    if line.startswith("#"):
        return True
    words = count_words(line)
    if line.endswith("?") and words <= 8 and line[0] not in "\"“‘'":
        return True  # a one-line question such as "What happens now?" is a sub-head
    return words <= 20 and not line.endswith(_TERMINAL)


def _title(paragraphs: tuple[Paragraph, ...]) -> str | None:
    """The first paragraph is a title when it is a heading and body text follows it."""
    if len(paragraphs) > 1 and paragraphs[0].kind == "heading":
        return paragraphs[0].text.lstrip("#").strip() or None
    return None


_ISO_DATELINE = re.compile(r"(?:date:?\s+)?(\d{4}-\d{2}-\d{2})\b[\s,:—–-]*", re.IGNORECASE)
_WIRE_DATELINE = re.compile(
    r"[A-Z][A-Z.'’\-]+(?:[ ,]+[A-Z][A-Za-z.'’\-]*)*\s*(?:\([^)\n]{1,40}\))?\s*[—–]\s*"
)


def _dateline(text: str, paragraphs: tuple[Paragraph, ...]) -> tuple[Span | None, str | None, int]:
    """A dateline opening the first body paragraph: "date 2025-06-09 …" or "LOS ANGELES (AP) — …".

    Returns the dateline's span, its ISO date if it has one, and where the prose begins.
    """
    body = next((p for p in paragraphs if p.kind == "body"), None)
    if body is None:
        return None, None, 0
    for pattern in (_ISO_DATELINE, _WIRE_DATELINE):
        match = pattern.match(text, body.start, body.end)
        if match and match.end() < body.end:
            label = match.group().rstrip(" ,:—–-\t")
            date = match.group(1) if pattern is _ISO_DATELINE else None
            return Span(body.start, body.start + len(label), label), date, match.end()
    return None, None, 0


# --- sentences ----------------------------------------------------------------------------

# A dotted initialism ("U.S.", "L.A.") can end a sentence. pysbd keeps such a sentence
# joined to the next; we split when the next word is one that starts sentences rather
# than continuing a name ("L.A. Multiple outlets…" splits, "U.S. Army" does not).
_INITIALISM_THEN_WORD = re.compile(r"\b(?:[A-Z]\.){2,}\s+([A-Z][a-z]+)\b")
_SENTENCE_OPENERS = frozenset(
    (
        "a an the this that these those there then thus but and or so yet still also however "
        "meanwhile instead indeed moreover he she it we they i you his her its our their my your "
        "many most multiple several some few all both each every no none one two three four five "
        "in on at by for from with after before during since while when where if as although "
        "though what who why how which officials police protesters critics residents authorities"
    ).split()
)


@cache
def _segmenter():
    import pysbd  # imported lazily: it is the slowest import of the corpus

    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentence boundaries in `text` as (start, end) offsets, shifted by `offset`.

    Uses pysbd (rule-based, handles abbreviations such as Gov., Sen., Mr., U.S. and
    quotations with full stops inside), then splits after initialisms that end a
    sentence. Leading and trailing whitespace is left out of every span.
    """
    bounds: list[tuple[int, int]] = []
    cursor = 0
    for piece in _segmenter().segment(text):
        found = text.find(piece, cursor) if piece else -1
        if found < 0:  # pysbd altered the text: keep the rest as one sentence rather than guess
            bounds.append((cursor, len(text)))
            cursor = len(text)
            break
        bounds.append((found, found + len(piece)))
        cursor = found + len(piece)
    if cursor < len(text) and text[cursor:].strip():
        bounds.append((cursor, len(text)))
    result: list[tuple[int, int]] = []
    for start, end in bounds:
        for sub_start, sub_end in _split_after_initialisms(text, start, end):
            piece = text[sub_start:sub_end]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                trail = len(piece) - len(piece.rstrip())
                result.append((offset + sub_start + lead, offset + sub_end - trail))
    return result


def _split_after_initialisms(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    for match in _INITIALISM_THEN_WORD.finditer(text, start, end):
        if match.group(1).lower() in _SENTENCE_OPENERS:
            cut = match.start(1)
            yield start, cut
            start = cut
    yield start, end


def _sentences(text: str, paragraphs: tuple[Paragraph, ...], skip_until: int) -> Iterator[Sentence]:
    for paragraph in paragraphs:
        if paragraph.kind == "heading":
            yield Sentence(
                paragraph.start, paragraph.end, paragraph.text, paragraph.number, "heading"
            )
            continue
        start = max(paragraph.start, skip_until)
        if start >= paragraph.end:
            continue
        for s, e in split_sentences(text[start : paragraph.end], offset=start):
            yield Sentence(s, e, text[s:e], paragraph.number, "body")


# --- loading files ----------------------------------------------------------------------


def read_article_file(
    path: str | Path, *, id: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Article:
    """Read one article from a UTF-8 text or Markdown file, refusing what is not an article.

    Raises `ArticleNotFoundError`, `ArticleTooLargeError`, `NotTextError` or
    `EmptyArticleError`, each with a message that says what to do.
    """
    path = Path(path)
    if not path.exists():
        raise ArticleNotFoundError(f"{path}: no such file or folder; check the path and try again")
    if not path.is_file():
        raise ArticleError(
            f"{path}: not a regular file; give a .txt or .md file or a folder of them"
        )
    size = path.stat().st_size
    if size > max_bytes:  # checked before reading, so a huge file is never loaded
        raise ArticleTooLargeError(
            f"{path}: {size:,} bytes is over the {max_bytes:,}-byte limit; split the file into "
            "one article per file, or raise the limit (--max-bytes on the command line)"
        )
    return article_from_bytes(
        path.read_bytes(), id=id or path.stem, source=str(path), max_bytes=max_bytes
    )


def article_from_bytes(
    data: bytes,
    id: str = "article",
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """An article from raw bytes (a file or an upload), refusing what is not an article."""
    where = source or id
    if len(data) > max_bytes:
        raise ArticleTooLargeError(
            f"{where}: {len(data):,} bytes is over the {max_bytes:,}-byte limit; "
            "use one article per file"
        )
    if b"\x00" in data[:65536]:
        raise NotTextError(
            f"{where}: this is a binary file (a PDF, Word document or image?), not text; "
            "copy the article's text into a plain .txt file saved as UTF-8"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotTextError(
            f"{where}: not UTF-8 text (undecodable byte at position {exc.start}); "
            "re-save the file with UTF-8 encoding (in most editors: Save As… → Encoding: UTF-8)"
        ) from None
    return Article.from_text(text, id=id, source=source)


def load_folder(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Article]:
    """Every .txt and .md article directly inside a folder, in file-name order."""
    return _unique_ids([read_article_file(p, max_bytes=max_bytes) for p in article_files(path)])


def article_files(path: str | Path) -> list[Path]:
    """The .txt and .md files directly inside a folder, in file-name order (not hidden ones)."""
    folder = Path(path)
    if not folder.exists():
        raise ArticleNotFoundError(f"{folder}: no such folder; check the path and try again")
    if not folder.is_dir():
        raise ArticleError(f"{folder}: not a folder; use read_article_file() for a single file")
    files = sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith(".")
    )
    if not files:
        raise NoArticlesError(
            f"{folder}: no .txt or .md files here; "
            "save each article as its own .txt file in this folder"
        )
    return files


def load_paths(paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Article]:
    """Articles from a mix of files and folders (the command line's PATH arguments)."""
    articles: list[Article] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            articles.extend(load_folder(path, max_bytes=max_bytes))
        else:
            articles.append(read_article_file(path, max_bytes=max_bytes))
    return _unique_ids(articles)


@dataclass(frozen=True)
class LoadFailure:
    """A file that could not be read as an article, and the one-line reason (with what to do)."""

    id: str
    source: str
    error: str


def gather_articles(
    paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[Article], list[LoadFailure]]:
    """Like `load_paths`, but one unreadable file is set aside instead of stopping the rest.

    A folder of a hundred articles with one scanned PDF in it is still a report of 99.
    A path that is missing, or a folder with no articles at all, is still an error.
    """
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        files.extend(article_files(path) if path.is_dir() else [path])
    articles: list[Article] = []
    failures: list[LoadFailure] = []
    for file in files:
        try:
            articles.append(read_article_file(file, max_bytes=max_bytes))
        except (MedialitError, OSError) as exc:
            reason = str(exc) if isinstance(exc, MedialitError) else f"{file}: {exc.strerror}"
            failures.append(LoadFailure(file.stem, str(file), reason))
    return _unique_ids(articles), failures


def _unique_ids(articles: list[Article]) -> list[Article]:
    """Two files named alike in different folders get ids "x" and "x-2", never a silent clash."""
    seen: dict[str, int] = {}
    unique = []
    for article in articles:
        count = seen.get(article.id, 0) + 1
        seen[article.id] = count
        if count > 1:
            article = replace(article, id=f"{article.id}-{count}")
        unique.append(article)
    return unique


@dataclass(frozen=True)
class ArticleRecord:
    """One row of datasets/articles.csv: what the kit records about a bundled article."""

    id: str
    file: str
    title: str
    dateline: str
    words: int
    notes: str


def article_records() -> list[ArticleRecord]:
    """The rows of datasets/articles.csv, in A–E order."""
    with open(datasets_dir() / "articles.csv", encoding="utf-8", newline="") as handle:
        return [
            ArticleRecord(**{**row, "words": int(row["words"])}) for row in csv.DictReader(handle)
        ]


@cache
def _bundled() -> tuple[Article, ...]:
    folder = datasets_dir() / "articles"
    return tuple(
        replace(
            read_article_file(folder / record.file, id=record.id),
            source=f"datasets/articles/{record.file}",
        )
        for record in article_records()
    )


def load_articles(ids: Iterable[str] | None = None) -> list[Article]:
    """The five bundled articles A–E (or the ones named), parsed once and cached."""
    articles = list(_bundled())
    if ids is None:
        return articles
    by_id = {a.id: a for a in articles}
    wanted = list(ids)
    unknown = [i for i in wanted if i not in by_id]
    if unknown:
        raise KeyError(f"unknown article id(s) {unknown}; the bundled articles are {sorted(by_id)}")
    return [by_id[i] for i in wanted]
