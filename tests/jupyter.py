"""Helpers for tests that need a real Jupyter server: isolated settings, a free port, a token."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import nbformat

TOKEN = "medialit-test-token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def isolated_env(home: Path) -> dict[str, str]:
    """Jupyter's config, data, runtime, settings and workspaces in `home`; news checks off."""
    env = dict(os.environ)
    for name in ("CONFIG", "DATA", "RUNTIME"):
        env[f"JUPYTER_{name}_DIR"] = str(home / f"jupyter-{name.lower()}")
    env["JUPYTERLAB_SETTINGS_DIR"] = str(home / "lab-settings")
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(home / "lab-workspaces")
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    env.pop("MEDIALIT_LEARNER", None)
    settings = home / "lab-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8"
    )
    return env


@contextmanager
def jupyter_server(module: Sequence[str], home: Path, args: Sequence[str] = ()) -> Iterator[str]:
    """Run `python -m <module…>` on 127.0.0.1 until the block ends; yield the base URL."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        *module,
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={TOKEN}",
        *args,
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in command:
        command.append("--allow-root")
    server = subprocess.Popen(
        command, env=isolated_env(home), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
                break
            except OSError:
                assert server.poll() is None, "the Jupyter server exited during start-up"
                assert time.monotonic() < deadline, "the Jupyter server did not answer within 60 s"
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def write_notebook(path: Path, *sources: str) -> Path:
    """A notebook with one code cell per source, for the python3 kernel."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    nbformat.write(notebook, path)
    return path
