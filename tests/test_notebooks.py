"""Every notebook in the kit runs top to bottom, and is committed clean."""

from __future__ import annotations

import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import ROOT

NOTEBOOKS = sorted(
    path.relative_to(ROOT)
    for folder in ("notebooks", "exercises", "solutions")
    for path in (ROOT / folder).glob("*.ipynb")
)


def test_the_kit_has_notebooks():
    assert ROOT / "notebooks" / "00_start_here.ipynb" in [ROOT / p for p in NOTEBOOKS]


@pytest.mark.parametrize("relative", NOTEBOOKS, ids=str)
def test_notebook_is_committed_without_outputs(relative):
    notebook = nbformat.read(ROOT / relative, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, cell.source[:60]
    assert notebook.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.slow
@pytest.mark.parametrize("relative", NOTEBOOKS, ids=str)
def test_notebook_executes_without_errors(relative, tmp_path):
    # Run a copy in a scratch folder so a notebook that writes files cannot touch the checkout.
    workdir = tmp_path / relative.parent
    workdir.mkdir(parents=True)
    shutil.copy(ROOT / relative, workdir)
    notebook = nbformat.read(workdir / relative.name, as_version=4)
    NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}
    ).execute()
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
