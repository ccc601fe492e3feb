"""Who is working: one learner name, asked once and reused by every part of the kit.

The Annotator asks for the name and remembers it in `.medialit/learner.txt`; the
assessment and the progress record read the same file, so a learner's annotations,
ratings and lessons are all saved under one name. `$MEDIALIT_LEARNER` (a teacher's
shared machine, the batch grader) wins over the file.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

__all__ = ["NAME_FILE", "learner_name", "remember_learner", "remembered_learner"]

NAME_FILE = Path(".medialit") / "learner.txt"


def learner_name(learner: str | None = None) -> str:
    """The learner's name for file paths: given, else $MEDIALIT_LEARNER, else "learner"."""
    name = learner or os.environ.get("MEDIALIT_LEARNER") or "learner"
    safe = re.sub(r"[^\w.-]+", "_", name.strip()).strip("._")
    return safe or "learner"


def remembered_learner(folder: str | Path = ".") -> str:
    """$MEDIALIT_LEARNER, else the name remembered in `folder` or the kit folder above it; or ""."""
    if os.environ.get("MEDIALIT_LEARNER", "").strip():
        return learner_name()
    folder = Path(folder)
    for place in (folder, folder.parent):  # notebooks/ and exercises/ share the kit's root
        with contextlib.suppress(OSError, UnicodeDecodeError):
            name = (place / NAME_FILE).read_text(encoding="utf-8").strip()
            if name:
                return learner_name(name)
    return ""


def remember_learner(name: str, folder: str | Path = ".") -> str:
    """Save the name for the next notebook (best effort: a read-only folder just forgets it)."""
    safe = learner_name(name)
    path = Path(folder) / NAME_FILE
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(safe + "\n", encoding="utf-8")
    return safe
