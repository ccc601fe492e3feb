"""Reading a submission as the grader does: regular files only, never following a link.

A submission is a notebook, a folder holding one (and its `annotations/`) or a zip of such
a folder. Its files are read into memory here, in the grader, within size limits, and only
they are handed to the sandbox. Its learner id comes from where it is, not from what it says.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import stat
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .bank import available_sets

__all__ = [
    "Notebook",
    "Submission",
    "SubmissionError",
    "clean_text",
    "collect",
    "learner_id",
    "parse_notebook",
    "read_submission",
]

MAX_SUBMISSION_BYTES = 50_000_000
MAX_FILES = 2_000


class SubmissionError(Exception):
    """The submission cannot be graded at all (every question scores zero)."""


# --- names ------------------------------------------------------------------------------------

_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}  # controls, bidi and format marks, …


def clean_text(text: Any, limit: int = 200) -> str:
    """Text safe to show in a table or a file: no control or bidi characters, one line, bounded."""
    text = unicodedata.normalize("NFC", str(text))
    text = "".join(" " if unicodedata.category(c) in _INVISIBLE else c for c in text)
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def learner_id(path: str | Path) -> str:
    """A stable id from where the submission is: `ana.ipynb`, `ana/`, `ana.zip` → "ana".

    A notebook named after its exercise (`ana/00_warmup.ipynb`) takes its folder's name.
    """
    path = Path(os.path.abspath(path))
    name = path.name
    if path.suffix.lower() in (".ipynb", ".zip"):
        name = path.stem
        if any(set_id in name for set_id in available_sets()) or name in ("submission", "notebook"):
            name = path.parent.name or name
    return clean_text(name, 64) or "unnamed"


# --- reading a submission (regular files only; links are never followed) ----------------------


@dataclass
class Submission:
    files: dict[str, bytes]
    notebook: str  # relative path of the notebook among `files`
    skipped_links: list[str]

    def digest(self) -> str:
        hasher = hashlib.sha256()
        for name in sorted(self.files):
            hasher.update(name.encode() + b"\0" + hashlib.sha256(self.files[name]).digest())
        return hasher.hexdigest()


def _read_regular(path: Path) -> bytes:
    """The file's bytes, refusing a link or anything that is not a plain file."""
    # No link followed, and a FIFO or device does not block the grader: it is refused below.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise SubmissionError(f"{path.name} is not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_SUBMISSION_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_SUBMISSION_BYTES:
        raise SubmissionError(f"{path.name} is over the {MAX_SUBMISSION_BYTES:,}-byte limit")
    return data


def _walk(folder: Path, files: dict[str, bytes], links: list[str], prefix: str = "") -> None:
    total = sum(len(b) for b in files.values())
    for top, dirs, names in os.walk(folder, followlinks=False):
        base = Path(top)
        for name in list(dirs):
            if (base / name).is_symlink():
                dirs.remove(name)
                links.append(str((base / name).relative_to(folder)))
        for name in names:
            path = base / name
            relative = prefix + str(path.relative_to(folder))
            if path.is_symlink():
                links.append(relative)
                continue
            if not path.is_file():
                continue
            if len(files) >= MAX_FILES:
                raise SubmissionError(f"the submission holds more than {MAX_FILES:,} files")
            files[relative] = _read_regular(path)
            total += len(files[relative])
            if total > MAX_SUBMISSION_BYTES:
                raise SubmissionError(
                    f"the submission holds more than {MAX_SUBMISSION_BYTES:,} bytes"
                )


# damaged, encrypted, or compressed in a way Python cannot read
_UNREADABLE_ZIP = (
    zipfile.BadZipFile,
    NotImplementedError,
    RuntimeError,
    EOFError,
    ValueError,
    zlib.error,
)


def _read_zip(path: Path, files: dict[str, bytes], links: list[str]) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(_read_regular(path))) as archive:
            members = archive.infolist()
            if len(members) > MAX_FILES:
                raise SubmissionError(f"the zip holds more than {MAX_FILES:,} files")
            if sum(m.file_size for m in members) > MAX_SUBMISSION_BYTES:
                raise SubmissionError("the zip unpacks to more than the size limit")
            for member in members:
                name = member.filename
                parts = Path(name).parts
                if name.startswith(("/", "\\")) or ".." in parts or ":" in name:
                    raise SubmissionError(f"the zip holds an unsafe path: {clean_text(name, 80)}")
                if member.is_dir():
                    continue
                if stat.S_ISLNK(member.external_attr >> 16):
                    links.append(name)
                    continue
                files[name] = archive.read(member)
    except _UNREADABLE_ZIP:
        raise SubmissionError(f"{path.name} is not a readable zip file") from None


def collect(path: Path) -> Submission:
    if path.is_symlink():
        raise SubmissionError(
            f"{path.name} is a symbolic link; medialit never follows links in submissions"
        )
    if not path.exists():
        raise SubmissionError(f"{path.name} does not exist")
    files: dict[str, bytes] = {}
    links: list[str] = []
    if path.is_dir():
        _walk(path, files, links)
    elif path.suffix.lower() == ".zip":
        _read_zip(path, files, links)
    elif path.suffix.lower() == ".ipynb":
        files[path.name] = _read_regular(path)
        beside = path.parent / "annotations"
        if beside.is_dir() and not beside.is_symlink():  # spans marked with the Annotator
            _walk(beside, files, links, prefix="annotations/")
    else:
        raise SubmissionError(f"{path.name} is not a notebook (.ipynb), a folder or a .zip")
    notebooks = sorted(
        name
        for name in files
        if name.endswith(".ipynb")
        and ".ipynb_checkpoints" not in Path(name).parts
        and not Path(name).name.startswith(".")
    )
    linked = [n for n in links if n.endswith(".ipynb")]
    if not notebooks:
        if linked:
            raise SubmissionError(
                "the notebook is a symbolic link; hand in the notebook file itself"
            )
        raise SubmissionError("no .ipynb notebook in the submission")
    if len(notebooks) > 1:
        names = ", ".join(clean_text(Path(p).name, 60) for p in notebooks[:5])
        raise SubmissionError(
            f"several notebooks in one submission ({names}); submit one per learner"
        )
    return Submission(files, notebooks[0], links)


@dataclass(frozen=True)
class Notebook:
    """What grading needs of an .ipynb: its code cells' source and its metadata."""

    code: tuple[str, ...]
    metadata: dict


def parse_notebook(data: bytes | str) -> Notebook:
    """Read an nbformat-4 notebook's JSON, checking the parts grading relies on.

    (Plain JSON rather than nbformat: a full schema validation is not needed to find code
    cells, and importing it costs the grader seconds.)
    """
    try:
        raw = json.loads(data)
        if not isinstance(raw, dict) or raw.get("nbformat") != 4:
            raise ValueError("not nbformat 4")
        cells, metadata = raw["cells"], raw.get("metadata", {})
        if not isinstance(cells, list) or not isinstance(metadata, dict):
            raise ValueError("cells or metadata of the wrong kind")
        code = []
        for cell in cells:
            source = cell["source"]
            if isinstance(source, list) and all(isinstance(line, str) for line in source):
                source = "".join(source)
            if not isinstance(source, str) or not isinstance(cell["cell_type"], str):
                raise ValueError("a cell of the wrong kind")
            if cell["cell_type"] == "code":
                code.append(source)
    except (ValueError, KeyError, TypeError, RecursionError, UnicodeDecodeError):
        raise SubmissionError(
            "not a valid notebook (it could not be read as .ipynb); was it saved completely?"
        ) from None
    return Notebook(tuple(code), metadata)


def read_submission(path: Path) -> tuple[Submission | None, SubmissionError | None, str]:
    """The submission's files and a digest for the journal (of the error, when unreadable)."""
    try:
        submission = collect(path)
        return submission, None, submission.digest()
    except SubmissionError as exc:
        return None, exc, hashlib.sha256(str(exc).encode()).hexdigest()
    except OSError as exc:
        error = SubmissionError(f"{path.name} could not be read ({exc.strerror or 'error'})")
        return None, error, hashlib.sha256(str(error).encode()).hexdigest()
