"""The kit as a new user meets it: `medialit lab` serves the start notebook, and a wheel works
installed on its own, away from the source tree."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
import venv
from pathlib import Path

import pytest

from .conftest import ROOT
from .jupyter import TOKEN, jupyter_server


@pytest.mark.slow
def test_medialit_lab_serves_the_start_notebook(tmp_path):
    with jupyter_server(["medialit.cli", "lab"], tmp_path) as base:
        url = f"{base}/api/contents/notebooks/00_start_here.ipynb?token={TOKEN}"
        with urllib.request.urlopen(url, timeout=10) as response:
            model = json.load(response)
        assert model["type"] == "notebook"
        assert model["content"]["cells"][0]["source"].startswith("# Start here")
        with urllib.request.urlopen(f"{base}/api/contents?token={TOKEN}", timeout=10) as listing:
            shown = {item["name"] for item in json.load(listing)["content"]}
        assert {"notebooks", "exercises", "datasets"} <= shown
        assert not shown & {"solutions", "src", "tests", "benchmarks"}  # learners see their folders
        page_url = f"{base}/lab/tree/notebooks/00_start_here.ipynb?token={TOKEN}"
        with urllib.request.urlopen(page_url, timeout=10) as page:
            assert page.status == 200 and b"JupyterLab" in page.read()


@pytest.mark.slow
def test_wheel_installs_and_analyzes_away_from_the_source_tree(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = wheels.glob("medialit-*.whl")
    target = tmp_path / "venv"
    venv.create(target, with_pip=True)
    python = target / "bin" / "python"
    # Reuse this environment's third-party packages instead of downloading them again; the
    # editable install of the checkout is not visible, since .pth files found there are not run.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    deps = next(p for p in sys.path if p.endswith("site-packages"))
    Path(site, "medialit-test-deps.pth").write_text(deps + "\n", encoding="utf-8")
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    probe = subprocess.run(
        [
            str(python),
            "-c",
            "import medialit.paths as p; print(p.project_root(), p.datasets_dir())",
        ],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert probe[0] == "None" and probe[1].startswith(site)
    result = subprocess.run(
        [str(target / "bin" / "medialit"), "analyze", "--json"],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [a["id"] for a in report["articles"]] == list("ABCDE")
    for shipped in (
        ("kit", "notebooks", "00_start_here.ipynb"),
        ("kit", "exercises", "00_warmup.ipynb"),
        ("widgets", "annotator.js"),
        ("widgets", "annotator.css"),
        ("grading", "keys", "00_warmup.json"),
    ):
        assert Path(site, "medialit", *shipped).is_file(), shipped
    assert not Path(site, "medialit", "kit", "solutions").exists()

    # On a shared read-only install a learner gets their own copy; the install stays untouched.
    def snapshot():
        package = Path(site, "medialit")
        return {
            (str(p.relative_to(package)), p.stat().st_mtime_ns)
            for p in package.rglob("*")
            if "__pycache__" not in p.parts
        }

    before = snapshot()
    mine = work / "my-medialit"
    lab = subprocess.run(
        [str(target / "bin" / "medialit"), "lab", "--workdir", str(mine), "--version"],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert lab.returncode == 0, lab.stderr
    assert (mine / "notebooks" / "04_capstone.ipynb").is_file()
    assert (mine / "exercises" / "01_sourcing.ipynb").is_file()
    assert "your copy of the kit is in" in lab.stderr
    subprocess.run(
        [str(target / "bin" / "medialit"), "progress", str(mine)],
        cwd=work,
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert snapshot() == before
