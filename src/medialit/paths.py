"""Where the kit's data lives, in a source checkout and in an installed wheel.

The wheel carries `datasets/` inside the package (see pyproject's force-include);
an editable install or a checkout reads the top-level `datasets/` folder. Nothing
here ever writes: learners' files go to their own working folder.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def project_root() -> Path | None:
    """The source checkout holding this package, or None when installed from a wheel."""
    candidate = _PACKAGE_DIR.parent.parent
    if (candidate / "pyproject.toml").is_file() and (candidate / "datasets").is_dir():
        return candidate
    return None


@cache
def datasets_dir() -> Path:
    """The folder with the articles, lexicons and reference tables."""
    shipped = _PACKAGE_DIR / "datasets"
    if shipped.is_dir():
        return shipped
    root = project_root()
    if root is not None:
        return root / "datasets"
    raise FileNotFoundError(
        "medialit cannot find its datasets folder; reinstall the kit (pip install medialit)"
    )


def kit_dir(name: str) -> Path:
    """A folder of notebooks (`notebooks`, `exercises`): the checkout's, else the wheel's copy."""
    root = project_root()
    if root is not None and (root / name).is_dir():
        return root / name
    return _PACKAGE_DIR / "kit" / name
