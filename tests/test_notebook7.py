"""The Annotator in Jupyter Notebook 7, not only JupyterLab: render, mark, read back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from medialit.corpus import load_articles

from .test_annotator_browser import (
    _SELECT_AND_LABEL,
    CHROMIUM,
    CHROMIUM_ARGS,
    _browser_or_skip,
    _free_port,
)

pytestmark = pytest.mark.slow


def test_annotator_works_in_notebook_7(tmp_path):
    _browser_or_skip()
    from playwright.sync_api import sync_playwright

    root = tmp_path / "work"
    root.mkdir()
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "from medialit.corpus import load_articles\n"
            "from medialit.widgets.annotator import Annotator\n"
            "annotator = Annotator(load_articles(['B'])[0], learner='nb7')\nannotator"
        )
    ]
    nbformat.write(notebook, root / "nb7.ipynb")
    env = dict(os.environ)
    for name in ("CONFIG", "DATA", "RUNTIME"):
        env[f"JUPYTER_{name}_DIR"] = str(tmp_path / name.lower())
    env["JUPYTERLAB_SETTINGS_DIR"] = str(tmp_path / "settings")
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(tmp_path / "workspaces")
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    port, token = _free_port(), "nb7-token"
    command = [
        sys.executable,
        "-m",
        "notebook",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        f"--IdentityProvider.token={token}",
        "--JupyterNotebookApp.expose_app_in_browser=True",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, (
                    "Notebook 7 did not start"
                )
                time.sleep(0.3)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto(f"{base}/notebooks/nb7.ipynb?token={token}")
            page.wait_for_function(
                "window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel?.status"
                " === 'idle'",
                timeout=90_000,
            )
            page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
            page.wait_for_selector(".mla-root", timeout=90_000)
            page.evaluate(
                _SELECT_AND_LABEL.replace(
                    "'.jp-NotebookPanel:not(.lm-mod-hidden) .mla-root'", "'.mla-root'"
                ),
                [0, "Gavin Newsom", "1"],
            )
            browser.close()
        saved = json.loads((root / "annotations" / "nb7" / "B.json").read_text(encoding="utf-8"))
        article = load_articles(["B"])[0]
        start = article.text.index("Gavin Newsom")
        assert [(s["start"], s["end"]) for s in saved["spans"]] == [
            (start, start + len("Gavin Newsom"))
        ]
    finally:
        server.terminate()
        server.wait(timeout=30)
