"""A classroom copy of the kit: what learners need, and nothing a teacher keeps back.

`medialit release DIR` (and `medialit lab --workdir DIR`) copies the lessons, the
exercises and the data the lessons tell learners to read. It copies no solutions,
no answer key in clear (the sealed keys stay inside the installed package; see
docs/grading.md), no package source, tests or docs, so Jupyter's file tree shows a
learner only their own folders. A file already in DIR is never overwritten: a
learner's work survives a second release, and the summary says what was kept.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .errors import MedialitError
from .paths import datasets_dir, kit_dir

__all__ = ["RELEASED_DATASETS", "RELEASED_FOLDERS", "Release", "release"]

RELEASED_FOLDERS = ("notebooks", "exercises")
# What the lessons send learners to.
RELEASED_DATASETS = ("articles", "lexicons", "practice", "reference")
_SKIP = {".ipynb_checkpoints", "__pycache__", ".medialit"}


@dataclass
class Release:
    """What a release copied, and which of the learner's files it left alone."""

    folder: Path
    copied: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        new = f"{len(self.copied)} new file(s)"
        lines = [f"medialit: your copy of the kit is in {self.folder} ({new})"]
        if self.kept:
            shown = ", ".join(str(p) for p in self.kept[:5])
            more = f" and {len(self.kept) - 5} more" if len(self.kept) > 5 else ""
            lines.append(
                f"medialit: kept {len(self.kept)} file(s) already there, not overwritten: "
                f"{shown}{more}"
            )
        return "\n".join(lines)


def _sources() -> list[tuple[Path, Path]]:
    """(source folder, folder inside the copy) for everything a release holds."""
    pairs = [(kit_dir(name), Path(name)) for name in RELEASED_FOLDERS]
    pairs += [(datasets_dir() / name, Path("datasets") / name) for name in RELEASED_DATASETS]
    return pairs


def release(folder: str | Path) -> Release:
    """Copy the learner's kit into `folder`, keeping every file already there."""
    target = Path(folder).expanduser().resolve()
    if target.exists() and not target.is_dir():
        raise MedialitError(f"{target} is a file; give a folder for the classroom copy")
    done = Release(target)
    for source, inside in _sources():
        if not source.is_dir():
            raise MedialitError(f"the kit's {inside} folder is missing; reinstall medialit")
        for path in sorted(source.rglob("*")):
            relative = path.relative_to(source)
            if path.is_dir() or _SKIP & set(relative.parts):
                continue
            destination = target / inside / relative
            if destination.exists():
                done.kept.append(inside / relative)
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
            done.copied.append(inside / relative)
    return done
