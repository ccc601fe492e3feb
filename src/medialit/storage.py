"""Saving learners' and teachers' files so that nothing is ever half-written or silently lost.

Writes go to a temporary file in the same folder and are moved into place in one
step (`os.replace`), so a crash leaves either the old file or the new one. A file
that cannot be read back is moved aside under a new name, never overwritten.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = ["CorruptFileError", "atomic_write_text", "load_json", "move_aside", "save_json"]


def _default_mode() -> int:
    # mkstemp makes private (0600) files; a saved file should get the mode any new file would.
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


_NEW_FILE_MODE = _default_mode()


class CorruptFileError(ValueError):
    """A saved file could not be read; it has been moved aside (see `moved_to`)."""

    def __init__(self, message: str, moved_to: Path | None):
        super().__init__(message)
        self.moved_to = moved_to


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write `text` to `path` all at once: readers see the old file or the new one, never a mix."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else _NEW_FILE_MODE)
        with os.fdopen(handle, "w", encoding=encoding, newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def save_json(path: str | Path, data: Any) -> Path:
    return atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def move_aside(path: Path) -> Path:
    """Rename a damaged file to `<name>.corrupt-<time><suffix>` and return the new path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.corrupt-{stamp}{path.suffix}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.stem}.corrupt-{stamp}-{counter}{path.suffix}")
    path.rename(target)
    return target


def load_json(path: str | Path, default: Any = None) -> Any:
    """Read a JSON file: missing gives `default`; damaged is moved aside and reported."""
    path = Path(path)
    if not path.exists():
        return default
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        moved = move_aside(path)
        raise CorruptFileError(
            f"{path} could not be read ({exc.__class__.__name__}); it was kept as {moved.name} "
            "and a fresh file will be started. Ask your teacher if you need what it held.",
            moved,
        ) from None
