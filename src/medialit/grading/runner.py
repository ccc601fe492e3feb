"""The warm executor that runs learners' code for `medialit grade`, inside the sandbox.

One runner process is started per grading job (see `sandbox.Worker`), inside
bubblewrap when it is available. It imports the kit and computes its analyses of
the bundled articles once, then waits for submissions. For each one it forks: the
child enters namespaces of its own (user, PID, mount, IPC), gets an empty `/tmp`
and `/grading` (where the submission's files are written), drops every capability,
sets its limits and runs the cells. So each submission pays only for its own
cells, and nothing one submission leaves behind (processes, files, shared memory)
is seen by the next: its PID namespace, and every process in it, dies with it.

The runner reports to the grader over stdin/stdout in length-prefixed JSON
frames. What the child reports is learner-controlled and treated as such: the
runner caps it, checks it and passes on only plain answer values, cell numbers,
exception names and their (truncated) messages. Scoring happens in the grader.
"""

from __future__ import annotations

import base64
import contextlib
import ctypes
import io
import json
import os
import re
import resource
import selectors
import shutil
import signal
import struct
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

FRAME = struct.Struct(">I")
WORKDIR = "/grading"  # inside the sandbox; the kit and Python are never below it
MAX_PROCESSES = 64
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DIGITS = 1000  # an answer is a count or a measure, never a 1,000-digit number
GRACE = 2.0  # seconds a cell gets past its timeout to stop on its own before it is killed
_CLONE_NEWNS, _CLONE_NEWIPC, _CLONE_NEWUSER, _CLONE_NEWPID = (
    0x20000,
    0x8000000,
    0x10000000,
    0x20000000,
)
_PR_SET_DUMPABLE, _PR_CAPBSET_DROP, _PR_SET_CHILD_SUBREAPER, _PR_SET_NO_NEW_PRIVS = 4, 24, 36, 38
_PR_CAP_AMBIENT, _PR_CAP_AMBIENT_CLEAR_ALL = 47, 4


# --- frames -----------------------------------------------------------------------------------


def write_frame(fd: int, message: Any) -> None:
    data = json.dumps(message, ensure_ascii=False).encode()
    view = memoryview(FRAME.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def read_exactly(fd: int, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_frame(fd: int, cap: int) -> Any:
    """The next frame on a blocking fd; None at end of file. Raises ValueError when oversized."""
    head = read_exactly(fd, FRAME.size)
    if head is None:
        return None
    (size,) = FRAME.unpack(head)
    if size > cap:
        raise ValueError(f"a message of {size:,} bytes is over the {cap:,}-byte limit")
    data = read_exactly(fd, size)
    if data is None:
        return None
    return json.loads(data)


def split_frames(buffer: bytearray, cap: int) -> list[Any]:
    """Take the complete frames off the front of `buffer` (ValueError if one is too big or bad)."""
    frames = []
    while len(buffer) >= FRAME.size:
        (size,) = FRAME.unpack_from(buffer)
        if size > cap:
            raise ValueError("oversized")
        if len(buffer) < FRAME.size + size:
            break
        data = bytes(buffer[FRAME.size : FRAME.size + size])
        del buffer[: FRAME.size + size]
        frames.append(json.loads(data))  # ValueError for bad JSON or a number past the digit limit
    return frames


# --- answers as plain values ------------------------------------------------------------------

_type, _str, _int, _float, _bool, _list, _tuple, _dict = (
    type,
    str,
    int,
    float,
    bool,
    list,
    tuple,
    dict,
)


def plain(value: Any, depth: int = 0) -> Any:
    """`value` as JSON-ready data, refusing every type that could redefine equality."""
    kind = _type(value)
    if depth > 20:
        raise TypeError("nested too deeply")
    if kind is _int:
        if value.bit_length() > MAX_DIGITS * 3.33:
            raise TypeError(f"a number with more than {MAX_DIGITS:,} digits")
        return value
    if kind in (_str, _float, _bool, type(None)):
        return value
    if kind in (_list, _tuple):
        return [plain(v, depth + 1) for v in value]
    if kind in (set, frozenset):
        return sorted((plain(v, depth + 1) for v in value), key=repr)
    if kind is _dict:
        return {_str(plain(k, depth + 1)): plain(v, depth + 1) for k, v in value.items()}
    raise TypeError(kind.__name__)


def _entry(namespace: dict, name: str) -> dict:
    if name not in namespace:
        return {"missing": True}
    if namespace[name] is Ellipsis:
        return {"unanswered": True}
    try:
        return {"value": plain(namespace[name])}
    except Exception as exc:  # noqa: BLE001 - the learner's value may fail in any way
        return {"error": _str(exc)[:200]}


def extract(namespace: dict, names: list[str], cap: int) -> dict:
    """Each answer variable as {"value": …} | {"missing"} | {"unanswered"} | {"error": why}."""
    out, used = {}, 0
    for name in names:
        entry = _entry(namespace, name)
        try:
            size = len(json.dumps(entry))
        except (TypeError, ValueError) as exc:
            entry, size = {"error": _str(exc)[:200]}, 0
        if used + size > cap:
            entry, size = {"error": f"the answer is larger than the {cap:,}-byte limit"}, 0
        used += size
        out[name] = entry
    return out


# --- the child: namespaces, limits, running the cells -----------------------------------------


class CellTimeout(BaseException):  # noqa: N818 - what the learner sees in a traceback
    """Raised inside a cell that runs past its time limit."""


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _enter_namespaces() -> None:
    """Become PID 1 of fresh user, PID, mount and IPC namespaces with an empty /tmp and /grading.

    The calling process forks: the parent waits and exits with the child's status,
    the child returns. Raises OSError when the kernel refuses.
    """
    libc = _libc()
    uid, gid = os.geteuid(), os.getegid()
    libc.prctl(_PR_SET_DUMPABLE, 1, 0, 0, 0)  # so that this process may write its own id maps
    if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWPID | _CLONE_NEWNS | _CLONE_NEWIPC) != 0:
        raise OSError(ctypes.get_errno(), "unshare")
    for name, text in (
        ("setgroups", "deny"),
        ("uid_map", f"{uid} {uid} 1"),
        ("gid_map", f"{gid} {gid} 1"),
    ):
        fd = os.open(f"/proc/self/{name}", os.O_WRONLY)
        try:
            os.write(fd, text.encode())
        finally:
            os.close(fd)
    libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)  # the learner's code cannot reach into this process
    pid = os.fork()
    if pid:
        _, status = os.waitpid(pid, 0)
        os._exit(os.waitstatus_to_exitcode(status) & 0xFF)
    # PID 1 of the new namespace: when it exits, the kernel kills every process left in it.
    os.setsid()  # a group of its own: kill(0, …) cannot reach the process that made it
    libc.mount(b"none", b"/", None, 0x40000 | 0x4000, None)  # MS_PRIVATE | MS_REC
    fresh = [(WORKDIR.encode(), b"size=256m,mode=755"), (b"/dev/shm", b"size=64m,mode=1777")]
    if not any(p.startswith("/tmp/") for p in (sys.prefix, sys.base_prefix, __file__)):
        fresh.append((b"/tmp", b"size=128m,mode=1777"))
    else:  # the kit itself is mounted below /tmp: keep it and the runner's home, empty the rest
        _empty_except(Path("/tmp"), {str(_HOME)} if _HOME else set())
    for target, size in fresh:
        if libc.mount(b"tmpfs", target, b"tmpfs", 0x2 | 0x4, size) != 0:  # MS_NOSUID | MS_NODEV
            raise OSError(ctypes.get_errno(), f"mount {target.decode()}")


def _mount_points() -> set[str]:
    points = set()
    with open("/proc/self/mountinfo", encoding="utf-8") as handle:
        for line in handle:
            fields = line.split()
            if len(fields) > 4:  # octal escapes (\040 for a space) as the kernel writes them
                points.add(re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), fields[4]))
    return points


def _empty_except(folder: Path, keep: set[str]) -> None:
    """Remove everything below `folder` that an earlier submission may have left there,
    keeping the mounts (the read-only kit), the paths in `keep` and the folders that lead to
    them. Links are removed, never followed."""
    kept = {m for m in _mount_points() if m.startswith(f"{folder}/")} | keep
    _remove_all_but(folder, kept, {str(parent) for k in kept for parent in Path(k).parents})


def _remove_all_but(folder: Path, kept: set[str], ancestors: set[str]) -> None:
    for entry in os.scandir(folder):
        path = entry.path
        if path in kept:
            continue
        if path in ancestors and entry.is_dir(follow_symlinks=False):
            _remove_all_but(Path(path), kept, ancestors)
        elif entry.is_dir(follow_symlinks=False):
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                os.unlink(path)


def _drop_capabilities() -> None:
    libc = _libc()
    for cap in range(64):
        libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0)
    libc.prctl(_PR_CAP_AMBIENT, _PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
    data = (ctypes.c_uint32 * 6)()
    if libc.capset(header, data) != 0:
        raise OSError(ctypes.get_errno(), "capset")
    libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)


def _virtual_bytes() -> int:
    with contextlib.suppress(OSError, ValueError, IndexError):
        return int(Path("/proc/self/statm").read_text().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    return 0


def _limit(job: dict, nested: bool) -> None:
    # The memory budget covers the whole process tree (watched by the runner); this per-process
    # ceiling is a backstop, on top of what the preloaded kit already maps.
    ceiling = _virtual_bytes() + job["memory_mb"] * 1024 * 1024
    for which, value in (
        (resource.RLIMIT_AS, ceiling),
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_FSIZE, MAX_FILE_BYTES),
    ):
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(which, (value, value))
    if nested:  # counted per user namespace, so only this submission's processes count
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NPROC, (MAX_PROCESSES, MAX_PROCESSES))


def _write_files(files: dict[str, str], root: Path) -> None:
    for relative, blob in files.items():
        target = (root / relative).resolve()
        if not target.is_relative_to(root.resolve()):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(blob))


def _isolate_fds(keep: int, output: int) -> None:
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(output, 1)
    os.dup2(output, 2)
    os.closerange(3, keep)
    os.closerange(keep + 1, 1 << 16)


def _env() -> None:
    os.environ.clear()
    os.environ.update(
        {
            "HOME": "/tmp",
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "MPLBACKEND": "Agg",
            "MPLCONFIGDIR": "/tmp/.matplotlib",
            "OPENBLAS_NUM_THREADS": "1",
            "MEDIALIT_GRADING": "1",
            "MEDIALIT_LEARNER": "",
        }
    )


class _Budget:
    """One size cap for everything a submission prints or sends to widgets."""

    def __init__(self, cap: int):
        self.cap, self.used = cap, 0

    def take(self, size: int) -> bool:
        self.used += size
        return self.used <= self.cap


class _CappedText(io.TextIOBase):
    def __init__(self, fd: int, budget: _Budget):
        self._fd, self._budget = fd, budget

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        data = _str(text).encode("utf-8", "replace")
        if self._budget.take(len(data)):
            with contextlib.suppress(OSError):
                os.write(self._fd, data)
        return len(text)

    def flush(self) -> None:
        return None


def _cap_widget_messages(budget: _Budget) -> None:
    """Widget messages go nowhere while grading, but still count against the output cap."""
    import comm
    from comm.base_comm import BaseComm

    class CountedComm(BaseComm):
        def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
            size = len(json.dumps(data, default=repr)) + sum(len(b) for b in buffers or ())
            budget.take(size)

    comm.create_comm = lambda *args, **kwargs: CountedComm(*args, **kwargs)


def _on_timeout(signum, frame):
    raise CellTimeout("the cell ran past its time limit")


def _run_cells(job: dict, skip: set[int], channel: int, root: Path) -> None:
    shell = _SHELL
    budget = _Budget(job["max_bytes"])
    sys.stdout = _CappedText(1, budget)
    sys.stderr = _CappedText(2, budget)
    _cap_widget_messages(budget)
    signal.signal(signal.SIGALRM, _on_timeout)
    os.chdir(root / job["folder"])
    shell.user_ns["__file__"] = job["notebook"]
    for index, source in enumerate(job["cells"]):
        if index in skip:
            continue
        write_frame(channel, {"cell": index})
        signal.setitimer(signal.ITIMER_REAL, job["timeout"])
        try:
            result = shell.run_cell(source, store_history=False)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        error = result.error_before_exec or result.error_in_exec
        if isinstance(error, CellTimeout):
            write_frame(channel, {"timeout": index})
            os._exit(0)
        if error is not None:
            write_frame(
                channel,
                {"error": index, "ename": _type(error).__name__[:60], "evalue": _str(error)[:200]},
            )
        if any(name in source for name in job["names"]):  # kept if a later cell runs out of time
            signal.setitimer(signal.ITIMER_REAL, job["timeout"])
            write_frame(
                channel, {"snapshot": extract(shell.user_ns, job["names"], job["max_bytes"])}
            )
            signal.setitimer(signal.ITIMER_REAL, 0)
    signal.setitimer(signal.ITIMER_REAL, job["timeout"])
    answers = extract(shell.user_ns, job["names"], job["max_bytes"])
    signal.setitimer(signal.ITIMER_REAL, 0)
    write_frame(channel, {"answers": answers, "flooded": budget.used > budget.cap})


def _run_function(job: dict, channel: int) -> None:
    namespace: dict[str, Any] = {"__name__": "learner"}
    signal.signal(signal.SIGALRM, _on_timeout)
    budget = _Budget(job["max_bytes"])
    sys.stdout, sys.stderr = _CappedText(1, budget), _CappedText(2, budget)
    signal.setitimer(signal.ITIMER_REAL, job["timeout"])
    try:
        exec(compile(job["source"], "<your function>", "exec"), namespace)  # noqa: S102
        function = namespace[job["name"]]
    except BaseException as exc:  # noqa: BLE001 - the learner's code may raise anything
        signal.setitimer(signal.ITIMER_REAL, 0)
        write_frame(channel, {"fatal": f"{_type(exc).__name__}: {_str(exc)[:160]}"})
        return
    outputs, used = [], 0
    for arguments in job["inputs"]:
        signal.setitimer(signal.ITIMER_REAL, job["timeout"])
        try:
            output = plain(function(*arguments))
            size = len(json.dumps(output))
            if used + size > job["max_bytes"]:
                output = {"__error__": "output over the size limit"}
            used += size
        except BaseException as exc:  # noqa: BLE001
            output = {"__error__": f"{_type(exc).__name__}: {_str(exc)[:160]}"}
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        outputs.append(output)
    write_frame(channel, {"outputs": outputs})


def _child(job: dict, skip: set[int], nested: bool, channel: int, output: int, root: Path) -> None:
    """In the forked child: isolate, limit, then run the learner's code. Never returns."""
    try:
        os.setsid()
        if nested:
            _enter_namespaces()
        _write_files(job.get("files", {}), root)
        os.chdir(root)  # never left in the runner's own folder
        _isolate_fds(channel, output)
        _env()
        _limit(job, nested)
        if nested:
            _libc().prctl(_PR_SET_DUMPABLE, 1, 0, 0, 0)  # so the runner can measure its memory
            _drop_capabilities()
        if job["kind"] == "function":
            _run_function(job, channel)
        else:
            _run_cells(job, skip, channel, root)
    except BaseException:  # noqa: BLE001 - whatever happens, the child must not return
        pass
    os._exit(0)


# --- the runner: fork, watch, kill -----------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    with contextlib.suppress(OSError):
        for task in os.listdir(f"/proc/{pid}/task"):
            with contextlib.suppress(OSError, ValueError):
                text = Path(f"/proc/{pid}/task/{task}/children").read_text()
                found.extend(int(p) for p in text.split())
    return found


def descendants(pid: int) -> list[int]:
    seen, todo = [], _children(pid)
    while todo:
        child = todo.pop()
        if child not in seen:
            seen.append(child)
            todo.extend(_children(child))
    return seen


def _memory_bytes(pids: list[int]) -> int:
    """Proportional memory of the processes (shared pages split between their users)."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError, ValueError, IndexError):
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
            total += int(text.split("Pss:")[1].split()[0]) * 1024
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * 4096
    return total


def kill_everything_below(me: int) -> None:
    """Kill every process descended from the runner (and reap them): nothing outlives a run."""
    for _ in range(100):
        pids = descendants(me)
        if not pids:
            break
        for pid in pids:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.002)
        _reap()
    _reap()


def _reap() -> None:
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


def run_once(job: dict, skip: set[int], nested: bool, deadline: float) -> dict:
    """Fork one child for `job` and watch it; return what it reported and how it ended."""
    channel_r, channel_w = os.pipe()
    output_r, output_w = os.pipe()
    # Nested: a fresh tmpfs at /grading. Otherwise a fresh folder, removed after the run.
    scratch = None if nested else Path(tempfile.mkdtemp(prefix="run-", dir=_SCRATCH))
    pid = os.fork()
    if pid == 0:
        os.close(channel_r)
        os.close(output_r)
        _child(job, skip, nested, channel_w, output_w, scratch or Path(WORKDIR))
    os.close(channel_w)
    os.close(output_w)
    me = os.getpid()
    cap = job["max_bytes"] + 65536
    outcome: dict[str, Any] = {"errors": [], "end": None, "cell": None, "flooded": False}
    buffer, printed = bytearray(), 0
    cell_started = None
    limit = job["memory_mb"] * 1024 * 1024
    next_memory_check = 0.0
    selector = selectors.DefaultSelector()
    for fd in (channel_r, output_r):
        os.set_blocking(fd, False)
        selector.register(fd, selectors.EVENT_READ)
    exited = False
    try:
        while outcome["end"] is None:
            for key, _ in selector.select(0.05):
                try:
                    data = os.read(key.fd, 1 << 16)
                except BlockingIOError:
                    continue
                if not data:
                    selector.unregister(key.fd)
                    continue
                if key.fd == output_r:
                    printed += len(data)
                    continue
                buffer += data
                try:
                    frames = split_frames(buffer, cap)
                except ValueError:
                    outcome["end"] = "channel"
                    break
                for frame in frames:
                    if not isinstance(frame, dict):
                        continue
                    if "cell" in frame and _type(frame["cell"]) is int:
                        outcome["cell"], cell_started = frame["cell"], time.monotonic()
                    elif "error" in frame and len(outcome["errors"]) < 50:
                        outcome["errors"].append(
                            {
                                "cell": frame.get("error"),
                                "ename": _str(frame.get("ename"))[:60],
                                "evalue": _str(frame.get("evalue"))[:200],
                            }
                        )
                    elif "timeout" in frame:
                        outcome["end"] = "timeout"
                    elif "snapshot" in frame and isinstance(frame["snapshot"], dict):
                        outcome["snapshot"] = frame["snapshot"]
                    elif "answers" in frame and isinstance(frame["answers"], dict):
                        outcome["answers"] = frame["answers"]
                        outcome["flooded"] = bool(frame.get("flooded"))
                        outcome["end"] = "done"
                    elif "outputs" in frame and isinstance(frame["outputs"], list):
                        outcome["outputs"] = frame["outputs"]
                        outcome["end"] = "done"
                    elif "fatal" in frame:
                        outcome["fatal"] = _str(frame["fatal"])[:200]
                        outcome["end"] = "done"
            if outcome["end"]:
                break
            now = time.monotonic()
            if cell_started is not None and now - cell_started > job["timeout"] + GRACE:
                outcome["end"] = "timeout"
            elif now > deadline:
                outcome["end"] = "budget"
            elif now >= next_memory_check:
                next_memory_check = now + 0.1
                if _memory_bytes(descendants(me)) > limit:
                    outcome["end"] = "memory"
            if not exited and os.waitpid(pid, os.WNOHANG)[0]:
                exited = True
                deadline = min(deadline, now + 0.2)  # drain what is left, then stop
            if exited and not selector.get_map():
                outcome["end"] = "died"
    finally:
        selector.close()
        os.close(channel_r)
        os.close(output_r)
        kill_everything_below(me)
        if scratch is not None:
            _remove(scratch)
        if not nested and _SCRATCH is not None:  # sandboxed, un-nested: the shared /tmp is cleared
            _clear_tmp()
    if outcome["end"] == "budget" and exited:
        outcome["end"] = "died"
    outcome["flooded"] = outcome["flooded"] or printed > job["max_bytes"]
    return outcome


def serve_notebook(job: dict, nested: bool) -> dict:
    """Run the cells; a cell that loops, dies or eats memory is skipped and the rest run again."""
    deadline = time.monotonic() + job["budget"]
    skip: set[int] = set()
    failures: list[dict] = []
    for _attempt in range(len(job["cells"]) + 1):  # each retry skips one more cell
        outcome = run_once(job, skip, nested, deadline)
        if outcome["end"] in ("timeout", "died", "memory") and outcome["cell"] is not None:
            failures.append({"cell": outcome["cell"], "why": outcome["end"]})
            if outcome["cell"] in skip:  # the runner itself failed after the cells
                break
            skip.add(outcome["cell"])
            continue
        break
    outcome["failures"] = failures
    if (
        outcome["end"] == "budget" and "snapshot" in outcome
    ):  # what was answered before time ran out
        outcome["answers"] = outcome["snapshot"]
    outcome.pop("snapshot", None)
    return outcome


def serve_function(job: dict, nested: bool) -> dict:
    deadline = time.monotonic() + job["budget"]
    return run_once(job, set(), nested, deadline)


def _clear_tmp() -> None:
    for entry in Path("/tmp").iterdir():
        if entry == _HOME:
            continue
        if entry.is_dir() and not entry.is_symlink():
            _remove(entry)
        else:
            with contextlib.suppress(OSError):
                entry.unlink()


def _remove(folder: Path) -> None:
    """Remove a run's folder, even where the learner took away permissions (never follows links)."""
    for path in folder.rglob("*"):
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o700)
    shutil.rmtree(folder, ignore_errors=True)


# --- starting up ------------------------------------------------------------------------------

_SHELL = None
_SCRATCH: str | None = None  # where un-nested runs get their folder
_HOME: Path | None = None  # the runner's own folder


def preload() -> None:
    """Import the kit and the libraries a notebook uses, once for the whole batch."""
    global _SHELL
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401
    import pandas  # noqa: F401
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    import medialit.widgets.annotator  # noqa: F401
    from medialit import language, numbers, readability, report, sourcing  # noqa: F401
    from medialit.corpus import load_articles

    load_articles()
    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "nocolor"
    config.InteractiveShell.xmode = "Plain"
    _SHELL = InteractiveShell.instance(config=config)


def warm(job: dict) -> dict:
    """Run the kit's own, unanswered exercise notebook here, once: its analyses are then cached
    in this process, and every submission forked afterwards starts with them."""
    signal.signal(signal.SIGALRM, _on_timeout)
    for source in job["cells"]:
        signal.setitimer(signal.ITIMER_REAL, job["timeout"])
        try:
            _SHELL.run_cell(source, store_history=False, silent=True)
        except BaseException:  # noqa: BLE001 - a failed warm-up only costs speed
            pass
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    _SHELL.reset(new_session=False)
    return {"end": "done"}


def can_nest() -> bool:
    """Does the kernel let a child enter namespaces of its own here? Tried once, in a child."""
    pid = os.fork()
    if pid == 0:
        try:
            _enter_namespaces()
            _drop_capabilities()
            os._exit(0)
        except BaseException:  # noqa: BLE001
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


def main(argv: list[str]) -> None:
    global _SCRATCH, _HOME
    sandboxed = "--sandboxed" in argv
    _SCRATCH = WORKDIR if sandboxed else None
    requests = os.dup(0)
    replies = os.dup(1)
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)  # nothing the kit prints can corrupt the frames
    os.environ["MEDIALIT_GRADING"] = "1"
    home = _HOME = Path(tempfile.mkdtemp(prefix="medialit-runner-"))
    os.chdir(home)  # anything the kit writes while warming up goes here
    try:
        preload()
    except Exception as exc:  # noqa: BLE001
        write_frame(replies, {"ready": False, "why": f"{type(exc).__name__}: {exc}"[:300]})
        os.chdir("/")
        _remove(home)
        return
    libc = _libc()
    libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)  # orphans come back to be killed
    nested = sandboxed and can_nest()
    libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)  # a learner's process cannot read or trace the runner
    write_frame(replies, {"ready": True, "nested": nested})
    while True:
        try:
            job = read_frame(requests, 512 * 1024 * 1024)
        except ValueError:
            job = None
        if job is None:  # the grader is done
            kill_everything_below(os.getpid())
            os.chdir("/")
            _remove(home)
            return
        try:
            if job.get("kind") == "function":
                reply = serve_function(job, nested)
            elif job.get("kind") == "warm":
                reply = warm(job)
            else:
                reply = serve_notebook(job, nested)
        except Exception as exc:  # noqa: BLE001 - reported to the teacher, not to the learner
            reply = {"end": "internal", "internal": f"{type(exc).__name__}: {exc}"[:300]}
        write_frame(replies, reply)


if __name__ == "__main__":
    main(sys.argv[1:])
