"""Where learners' code runs while grading: a bubblewrap sandbox, one warm runner per job.

The sandbox shows the runner only what running a notebook needs, read-only:
the system's libraries, Python and its packages, the kit's code and datasets.
The sealed keys are covered by an empty folder; `solutions/`, the teacher's home,
the submissions themselves and the gradebook are simply not there. It has no
network, its own PID namespace (dies with the grader), an empty environment
and no capabilities. Inside it, each submission gets namespaces of its own from
the runner (see `runner.py`).

Without bubblewrap (macOS, Windows, Linux without user namespaces) grading
still works, but nothing is isolated; `isolation()` says so once, with what to do.
"""

from __future__ import annotations

import contextlib
import os
import platform
import selectors
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .. import paths
from . import bank
from .runner import WORKDIR, read_frame, write_frame

__all__ = ["Isolation", "Worker", "isolation"]

REQUIRE_ENV = "MEDIALIT_REQUIRE_SANDBOX"
_START_SECONDS = 180.0


@dataclass(frozen=True)
class Isolation:
    """How submissions will run: `prefix` is put before the runner's command line."""

    isolated: bool
    prefix: tuple[str, ...]
    warning: str = ""


def _unsandboxed_warning(reason: str) -> str:
    if platform.system() != "Linux":
        what = "grade inside a Linux container or virtual machine with bubblewrap installed"
    else:
        what = (
            "install bubblewrap (Debian/Ubuntu: sudo apt install bubblewrap; Fedora: sudo dnf "
            "install bubblewrap) on a kernel that allows user namespaces, or grade inside a "
            "container or virtual machine"
        )
    return (
        f"medialit grade: NOT ISOLATED — {reason}. Learners' code runs with your rights and can "
        f"read your files, the sealed keys and other submissions. To isolate it, {what}."
    )


def _bind(args: list[str], source: Path, option: str = "--ro-bind") -> None:
    if source.is_symlink() and source.parent == Path("/"):
        args += ["--symlink", os.readlink(source), str(source)]
    elif source.exists():
        args += [option, str(source), str(source)]


def _bwrap_prefix(bwrap: str) -> list[str]:
    args = [
        bwrap,
        "--unshare-all",
        "--die-with-parent",
        "--new-session",
        "--cap-drop",
        "ALL",
        "--hostname",
        "grader",
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--tmpfs",
        "/tmp",
        "--tmpfs",
        WORKDIR,
    ]
    for name in ("usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        _bind(args, Path("/") / name)
    for name in ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "fonts", "mime.types"):
        _bind(args, Path("/etc") / name)
    python = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.executable).resolve().parent}
    package = Path(paths.__file__).resolve().parent
    kit = [package.parent]  # the folder that holds the `medialit` package
    root = paths.project_root()
    if root is not None:  # a checkout: its datasets and pyproject, never solutions/ or tests/
        kit += [root / "datasets", root / "pyproject.toml"]
    for source in sorted({*python, *kit}, key=lambda p: len(p.parts)):
        if source != Path("/") and not any(source.is_relative_to(f"/{n}") for n in ("usr", "lib")):
            _bind(args, source)
    # The package's own sealed keys, wherever `bank.SEALED_DIR` points for the grader itself.
    keys = (Path(bank.__file__).resolve().parent / "keys").resolve()
    if any(keys.is_relative_to(p.resolve()) for p in (*python, *kit) if p.exists()):
        args += ["--tmpfs", str(keys)]  # the sealed keys: an empty folder inside
    # Nothing but /tmp and /grading stays writable, so no run leaves a file for a later one
    # (each submission also gets its own fresh /tmp, /grading and /dev/shm: see runner.py).
    args += ["--remount-ro", "/dev", "--remount-ro", "/"]
    if os.geteuid() == 0:
        # Run as root, the runner may map root in the namespaces it makes for each submission
        # only with this capability; the learner's code itself runs with none.
        args += ["--cap-add", "CAP_SETFCAP"]
    args += ["--chdir", "/tmp"]
    return args


@cache
def isolation() -> Isolation:
    """Is bubblewrap usable here? Tried once per process by starting a real sandbox."""
    bwrap = shutil.which("bwrap")
    if os.name != "posix" or platform.system() != "Linux":
        return Isolation(
            False, (), _unsandboxed_warning(f"bubblewrap needs Linux ({platform.system()})")
        )
    if bwrap is None:
        return Isolation(False, (), _unsandboxed_warning("bubblewrap (bwrap) is not installed"))
    prefix = _bwrap_prefix(bwrap)
    try:
        probe = subprocess.run(
            [*prefix, sys.executable, "-I", "-c", "pass"],
            capture_output=True,
            text=True,
            timeout=60,
            env={},
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Isolation(False, (), _unsandboxed_warning(f"bubblewrap could not start ({exc})"))
    if probe.returncode != 0:
        why = (probe.stderr.strip().splitlines() or ["no message"])[-1][:200]
        return Isolation(False, (), _unsandboxed_warning(f"bubblewrap fails here ({why})"))
    return Isolation(True, tuple(prefix))


_warned = threading.Lock()
_warned_once: list[bool] = []
_said: set[str] = set()


def warn_once(message: str) -> None:
    """The not-isolated warning, printed once per process however many batches run."""
    with _warned:
        if not _warned_once:
            _warned_once.append(True)
            print(message, file=sys.stderr, flush=True)


def _say_once(message: str) -> None:
    with _warned:
        if message not in _said:
            _said.add(message)
            print(message, file=sys.stderr, flush=True)


class WorkerDied(Exception):
    """The runner stopped (killed from inside, crashed, or over the time allowed)."""


class Worker:
    """One warm runner, started on first use and restarted whenever it dies."""

    def __init__(self, kit_src: Path | None = None):
        self._kit_src = kit_src or Path(paths.__file__).resolve().parent.parent
        self._process: subprocess.Popen | None = None
        self.nested = False
        self.startup_seconds = 0.0
        self.generation = 0  # counts (re)starts: a restarted runner has lost its warm-up

    def _command(self, isolated: Isolation) -> list[str]:
        code = (
            "import sys; sys.path.insert(0, sys.argv[1]); "
            "from medialit.grading.runner import main; main(sys.argv[2:])"
        )
        flags = ["--sandboxed"] if isolated.isolated else []
        return [*isolated.prefix, sys.executable, "-I", "-c", code, str(self._kit_src), *flags]

    def start(self) -> None:
        setting = isolation()
        if not setting.isolated:
            if os.environ.get(REQUIRE_ENV) == "1":
                raise RuntimeError(
                    setting.warning + f" ({REQUIRE_ENV}=1 forbids grading without it)"
                )
            warn_once(setting.warning)
        started = time.perf_counter()
        self.generation += 1
        env = {
            "MPLBACKEND": "Agg",
            "MPLCONFIGDIR": "/tmp/.matplotlib",
            "XDG_CACHE_HOME": "/tmp/.cache",
            "HOME": "/tmp",
            "OPENBLAS_NUM_THREADS": "1",
            "LANG": "C.UTF-8",
        }
        if not setting.isolated:
            env["PATH"] = os.environ.get("PATH", "/usr/bin:/bin")
        self._process = subprocess.Popen(
            self._command(setting),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd="/",
            start_new_session=True,
        )
        hello = self._read(time.monotonic() + _START_SECONDS)
        if not isinstance(hello, dict) or not hello.get("ready"):
            why = hello.get("why") if isinstance(hello, dict) else "no answer"
            self.stop()
            raise RuntimeError(f"the grading runner could not start: {why}")
        self.nested = bool(hello.get("nested"))
        if setting.isolated and not self.nested:
            _say_once(
                "medialit grade: the sandbox works, but this kernel refuses nested namespaces: "
                "submissions are isolated from your files and keys, yet the ones graded by the "
                "same job share a /tmp (files are cleared and processes killed between them)."
            )
        self.startup_seconds = time.perf_counter() - started

    def _read(self, deadline: float) -> Any:
        """The next reply, or WorkerDied when the runner stops or passes `deadline`."""
        assert self._process is not None and self._process.stdout is not None
        fd = self._process.stdout.fileno()
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            left = deadline - time.monotonic()
            if left <= 0 or not selector.select(left):
                raise WorkerDied("over time")
        try:
            os.set_blocking(fd, True)
            return read_frame(fd, 256 * 1024 * 1024)
        except (OSError, ValueError) as exc:
            raise WorkerDied(str(exc)) from None

    def ready(self) -> None:
        """Start the runner unless it is already running."""
        if self._process is None or self._process.poll() is not None:
            self.start()

    def run(self, job: dict, seconds: float) -> dict:
        """Send one job and wait for its reply, at most `seconds` (then the runner is killed)."""
        self.ready()
        assert self._process is not None and self._process.stdin is not None
        try:
            write_frame(self._process.stdin.fileno(), job)
            reply = self._read(time.monotonic() + seconds)
            if reply is None:
                raise WorkerDied("the runner stopped")
        except (OSError, WorkerDied):
            self.stop()
            raise WorkerDied("the runner stopped") from None
        if not isinstance(reply, dict):
            self.stop()
            raise WorkerDied("a malformed reply")
        return reply

    def stop(self) -> None:
        """Ask the runner to finish (end of input), and kill it if it does not at once."""
        process, self._process = self._process, None
        if process is None:
            return
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(process.pid, 9)
            except OSError:
                process.kill()
            process.wait()
