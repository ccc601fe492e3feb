"""`medialit grade`: run a class's submitted notebooks and write a gradebook.

Each submission runs in a temporary copy, in a fresh kernel with a memory limit
and a per-cell timeout. Only the learner's answer values leave the kernel, as
JSON; they are scored here, in the grader's own process, against the sealed key,
so redefining `check`, patching the grader module inside the notebook, or
printing fake results changes nothing. A function the learner writes is taken
from the notebook's source and run on the hidden inputs in a second, fresh
Python process. One broken submission becomes one row that says what went wrong;
it never stops the batch.

The learner's code runs with the grader's user rights (as in nbgrader and
otter-grader): grade untrusted work inside a container or an unprivileged account.
"""

from __future__ import annotations

import ast
import csv
import io
import json
import os
import queue
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import zipfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

from ..storage import atomic_write_text
from .bank import ExerciseSet, available_sets, load_set
from .questions import (
    AnswerTypeError,
    Result,
    check_plain,
    hidden_inputs,
    score,
    score_function_outputs,
)

__all__ = [
    "GradedSubmission",
    "GradingOptions",
    "grade_many",
    "grade_submission",
    "write_gradebook",
]

MAX_SUBMISSION_BYTES = 50_000_000
MAX_OUTPUT_BYTES = 1_000_000


@dataclass(frozen=True)
class GradingOptions:
    timeout: float = 60.0  # seconds per cell
    memory_mb: int = 2048
    exercise: str | None = None  # which set; else read from the notebook


@dataclass
class GradedSubmission:
    """One gradebook row: who, which exercise, points per question, and every problem met."""

    learner: str
    submission: str
    exercise: str
    results: list[Result] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        return round(sum(r.points for r in self.results), 2)

    @property
    def max_points(self) -> float:
        return round(sum(r.max_points for r in self.results), 2)


class SubmissionError(Exception):
    """The submission cannot be graded at all (every question scores zero)."""


# --- reading a submission ---------------------------------------------------------------------


def _copy_submission(path: Path, workdir: Path) -> Path:
    """Copy a notebook, a folder or a zip into `workdir`; return the notebook to run."""
    if not path.exists():
        raise SubmissionError(f"{path} does not exist")
    if path.is_dir():
        size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        if size > MAX_SUBMISSION_BYTES:
            raise SubmissionError(
                f"the folder holds {size:,} bytes, over the {MAX_SUBMISSION_BYTES:,} limit"
            )
        shutil.copytree(path, workdir, dirs_exist_ok=True, symlinks=True)
    elif path.suffix.lower() == ".zip":
        _extract_zip(path, workdir)
    elif path.suffix.lower() == ".ipynb":
        shutil.copy2(path, workdir / path.name)
        beside = path.parent / "annotations"
        if beside.is_dir():  # spans marked with the Annotator travel with the notebook
            shutil.copytree(beside, workdir / "annotations", dirs_exist_ok=True)
    else:
        raise SubmissionError(f"{path.name} is not a notebook (.ipynb), a folder or a .zip")
    notebooks = sorted(
        p
        for p in workdir.rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts and not p.name.startswith(".")
    )
    if not notebooks:
        raise SubmissionError("no .ipynb notebook in the submission")
    if len(notebooks) > 1:
        names = ", ".join(p.name for p in notebooks)
        raise SubmissionError(
            f"several notebooks in one submission ({names}); submit one per learner"
        )
    return notebooks[0]


def _extract_zip(path: Path, workdir: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if sum(m.file_size for m in members) > MAX_SUBMISSION_BYTES:
                raise SubmissionError("the zip unpacks to more than the size limit")
            for member in members:
                target = (workdir / member.filename).resolve()
                if not target.is_relative_to(workdir.resolve()):
                    raise SubmissionError(f"the zip holds an unsafe path: {member.filename}")
            archive.extractall(workdir)
    except zipfile.BadZipFile:
        raise SubmissionError(f"{path.name} is not a readable zip file") from None


def _read_notebook(path: Path) -> nbformat.NotebookNode:
    try:
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
    except Exception as exc:  # nbformat raises many kinds for a damaged file
        reason = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        raise SubmissionError(
            f"not a valid notebook ({reason}); was it saved completely?"
        ) from None
    return notebook


def _learner_id(notebook: nbformat.NotebookNode, original: Path) -> str:
    learner = notebook.metadata.get("medialit", {}).get("learner")
    if isinstance(learner, str) and learner.strip():
        return learner.strip()
    return original.stem if original.suffix else original.name


def _exercise_id(
    notebook: nbformat.NotebookNode | None, original: Path, options: GradingOptions
) -> str:
    if options.exercise:
        return options.exercise
    if notebook is not None:
        declared = notebook.metadata.get("medialit", {}).get("exercise")
        if isinstance(declared, str) and declared in available_sets():
            return declared
    for set_id in available_sets():
        if set_id in original.name:
            return set_id
    raise SubmissionError("cannot tell which exercise this is; name it with --exercise")


# --- running the notebook -------------------------------------------------------------------


def _kernel_spec_dir(memory_mb: int) -> Path:
    root = Path(tempfile.mkdtemp(prefix="medialit-kernels-"))
    spec = root / "medialit-grader"
    spec.mkdir()
    spec.joinpath("kernel.json").write_text(
        json.dumps(
            {
                "argv": [
                    sys.executable,
                    "-m",
                    "medialit.grading.kernel",
                    "-f",
                    "{connection_file}",
                ],
                "display_name": "medialit grader",
                "language": "python",
                "env": {
                    "MEDIALIT_KERNEL_MEMORY_MB": str(memory_mb),
                    "MEDIALIT_GRADING": "1",
                    "MEDIALIT_LEARNER": "",
                    "MEDIALIT_KERNEL_PRELOAD": "1",
                    "OPENBLAS_NUM_THREADS": "1",
                    "MPLBACKEND": "Agg",
                },
            }
        ),
        encoding="utf-8",
    )
    return root


class KernelPool:
    """Kernels started ahead of need, each handed out once and never reused.

    Starting a kernel and importing the kit is most of the cost of grading a
    notebook; the pool does it in the background while other submissions run.
    """

    def __init__(self, spec_dir: Path, size: int, planned: int | None = None):
        self._spec_dir = spec_dir
        self._ready: queue.Queue = queue.Queue()
        self._wanted: queue.Queue = queue.Queue()
        self._home = Path(tempfile.mkdtemp(prefix="medialit-pool-"))
        self._closed = threading.Event()
        self._lock = threading.Lock()
        self._planned = planned  # kernels the batch will need, so none is started in vain
        self._requested = self._taken = 0
        for _ in range(max(1, size if planned is None else min(size, planned))):
            self._request()
        self._filler = threading.Thread(target=self._fill, name="medialit-kernel-pool", daemon=True)
        self._filler.start()

    def _start(self):
        manager = AsyncKernelManager(
            kernel_name="medialit-grader",
            kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(self._spec_dir)]),
        )
        run_sync(manager.start_kernel)(stderr=subprocess.DEVNULL, cwd=str(self._home))
        return manager

    def _fill(self) -> None:
        while not self._closed.is_set():
            try:
                self._wanted.get(timeout=0.2)
            except queue.Empty:
                continue
            try:
                self._ready.put(self._start())
            except Exception as exc:  # hand the failure to whoever waits for this kernel
                self._ready.put(exc)

    def _request(self) -> None:
        self._requested += 1
        self._wanted.put(True)

    def take(self):
        """A started kernel manager, used for one run and then shut down by the caller."""
        with self._lock:
            self._taken += 1
            if self._requested < self._taken:  # a retry beyond the plan
                self._request()
            if self._planned is None or self._requested < self._planned:
                self._request()  # keep the next one warming
        manager = self._ready.get()
        if isinstance(manager, Exception):
            raise RuntimeError(f"could not start a kernel: {manager}")
        return manager

    def close(self) -> None:
        self._closed.set()
        self._filler.join(timeout=60)
        while not self._ready.empty():
            manager = self._ready.get()
            if not isinstance(manager, Exception) and manager.has_kernel:
                run_sync(manager.shutdown_kernel)(now=True)
        shutil.rmtree(self._home, ignore_errors=True)


_EXTRACT = """
def __medialit_extract(names, marker):
    import json
    out = {}
    namespace = globals()
    def plain(value, depth=0):
        kind = type(value)
        if depth > 20:
            raise TypeError("nested too deeply")
        if kind in (str, int, float, bool, type(None)):
            return value
        if kind in (list, tuple):
            return [plain(v, depth + 1) for v in value]
        if kind in (set, frozenset):
            return sorted((plain(v, depth + 1) for v in value), key=repr)
        if kind is dict:
            return {str(k): plain(v, depth + 1) for k, v in value.items()}
        raise TypeError(kind.__name__)
    for name in names:
        if name not in namespace:
            out[name] = {"missing": True}
        elif namespace[name] is Ellipsis:
            out[name] = {"unanswered": True}
        else:
            try:
                out[name] = {"value": plain(namespace[name])}
            except Exception as exc:
                out[name] = {"error": str(exc)}
    print(marker + json.dumps(out) + marker)
__medialit_extract(NAMES, MARKER)
"""


def _client_class():
    class BoundedClient(NotebookClient):
        """Keeps at most MAX_OUTPUT_BYTES of a notebook's output, so a flood cannot fill memory."""

        kept_bytes = 0
        flooded = False

        def output(self, outs, msg, display_id, cell_index):  # noqa: D401 - nbclient hook
            size = len(json.dumps(msg.get("content", {})))
            if self.kept_bytes + size > MAX_OUTPUT_BYTES and not getattr(self, "extracting", False):
                self.flooded = True
                return None
            self.kept_bytes += size
            return super().output(outs, msg, display_id, cell_index)

    return BoundedClient


def _run_notebook(
    notebook: nbformat.NotebookNode,
    workdir: Path,
    names: list[str],
    options: GradingOptions,
    pool: KernelPool,
) -> tuple[dict[str, Any], list[str]]:
    """Execute the learner's cells; return their answer values and the problems met.

    A cell that times out or kills the kernel is skipped, and the notebook is run
    again in a fresh kernel without it, so only the answers that depend on it are lost.
    """

    client_class = _client_class()
    skipped: set[int] = set()
    problems: list[str] = []
    code_cells = [i for i, c in enumerate(notebook.cells) if c.cell_type == "code"]
    for _attempt in range(4):
        run = nbformat.from_dict(notebook)
        try:
            manager = pool.take()
        except RuntimeError as exc:
            problems.append(str(exc)[:200])
            return {}, problems
        client = client_class(
            run,
            km=manager,
            timeout=options.timeout,
            allow_errors=True,
            interrupt_on_timeout=False,
            startup_timeout=60,
            shutdown_kernel="immediate",
            resources={"metadata": {"path": str(workdir)}},
        )
        failed_at: int | None = None
        try:
            with client.setup_kernel(stderr=subprocess.DEVNULL):
                # The kernel was started ahead, elsewhere: move it to the submission's folder.
                # (nbclient stores each executed cell at its index, so this cell is put first.)
                chdir = f"import os as _os; _os.chdir({str(workdir)!r}); del _os"
                run.cells.insert(0, nbformat.v4.new_code_cell(chdir))
                client.execute_cell(run.cells[0], 0)
                for index in code_cells:
                    if index in skipped:
                        continue
                    cell = run.cells[index + 1]
                    try:
                        client.execute_cell(cell, index + 1)
                    except CellTimeoutError:
                        problems.append(
                            f"cell {index + 1} ran longer than {options.timeout:g} s "
                            "(an endless loop?) "
                            "and was skipped"
                        )
                        failed_at = index
                        break
                    except DeadKernelError:
                        problems.append(
                            f"the kernel stopped while running cell {index + 1} "
                            "(os._exit, a crash or too "
                            "much memory); that cell was skipped"
                        )
                        failed_at = index
                        break
                    for output in cell.get("outputs", []):
                        if output.get("output_type") == "error":
                            problems.append(
                                f"cell {index + 1} raised {output.get('ename')}: "
                                f"{str(output.get('evalue'))[:120]}"
                            )
                if failed_at is None:
                    if client.flooded:
                        problems.append(f"output over {MAX_OUTPUT_BYTES:,} bytes was cut")
                    return _extract(client, run, names), problems
        except DeadKernelError:
            problems.append("the kernel could not start or stopped at once")
            return {}, problems
        except RuntimeError as exc:
            problems.append(f"the kernel failed: {str(exc)[:160]}")
            return {}, problems
        finally:
            if client.kc is not None:  # nbclient leaves these to us when it does not own the kernel
                client.kc.stop_channels()
            if manager.has_kernel:
                run_sync(manager.shutdown_kernel)(now=True)
        skipped.add(failed_at)
    problems.append("too many cells failed; grading stopped")
    return {}, problems


def _extract(client, run: nbformat.NotebookNode, names: list[str]) -> dict[str, Any]:
    marker = secrets.token_hex(16)
    code = _EXTRACT.replace("NAMES", json.dumps(names)).replace("MARKER", json.dumps(marker))
    cell = nbformat.v4.new_code_cell(code)
    run.cells.append(cell)
    client.extracting = True
    try:
        client.execute_cell(cell, len(run.cells) - 1)
    except (CellTimeoutError, DeadKernelError):
        return {}
    text = "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream")
    found = re.search(re.escape(marker) + r"(.*?)" + re.escape(marker), text, re.S)
    if not found:
        return {}
    try:
        return json.loads(found.group(1))
    except json.JSONDecodeError:
        return {}


# --- function questions ----------------------------------------------------------------------

_RUNNER = """
import json, sys
from medialit.grading.questions import check_plain
payload = json.loads(sys.stdin.read())
marker = payload["marker"]
namespace = {"__name__": "learner"}
try:
    exec(compile(payload["source"], "<your function>", "exec"), namespace)
    function = namespace[payload["name"]]
except BaseException as exc:
    sys.stdout.write(marker + json.dumps({"fatal": f"{type(exc).__name__}: {exc}"}) + marker)
    sys.exit(0)
outputs = []
for arguments in payload["inputs"]:
    try:
        outputs.append(check_plain(function(*arguments)))
    except BaseException as exc:
        outputs.append({"__error__": f"{type(exc).__name__}: {exc}"})
sys.stdout.write(marker + json.dumps({"outputs": outputs}) + marker)
"""


def function_source(notebook: nbformat.NotebookNode, name: str) -> str | None:
    """The learner's last top-level `def name(...)`, with the notebook's top-level imports."""
    imports: list[str] = []
    found: str | None = None
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        source = "\n".join(
            "" if line.lstrip().startswith(("%", "!")) else line
            for line in cell.source.splitlines()
        )
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                imports.append(ast.get_source_segment(source, node) or "")
            elif isinstance(node, ast.FunctionDef) and node.name == name:
                found = ast.get_source_segment(source, node)
    if found is None:
        return None
    return "\n".join([*imports, found])


def _limits(memory_mb: int, cpu_seconds: int) -> Callable[[], None] | None:
    if os.name != "posix":
        return None

    def apply() -> None:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))

    return apply


def run_function_isolated(
    source: str, name: str, inputs: list[list[Any]], options: GradingOptions
) -> tuple[list[Any], str | None]:
    """Run a learner's function on hidden inputs in a fresh Python process; (outputs, problem)."""
    marker = secrets.token_hex(16)
    payload = json.dumps({"source": source, "name": name, "inputs": inputs, "marker": marker})
    failed = [{"__error__": "not run"}] * len(inputs)
    try:
        completed = subprocess.run(
            [sys.executable, "-I", "-c", _RUNNER],
            input=payload,
            capture_output=True,
            text=True,
            timeout=options.timeout,
            preexec_fn=_limits(options.memory_mb, int(options.timeout) + 1),  # noqa: PLW1509
            env={"PATH": os.environ.get("PATH", ""), "OPENBLAS_NUM_THREADS": "1"},
        )
    except subprocess.TimeoutExpired:
        return failed, f"{name}() ran longer than {options.timeout:g} s on the hidden inputs"
    found = re.search(re.escape(marker) + r"(.*?)" + re.escape(marker), completed.stdout, re.S)
    if not found:
        return failed, f"{name}() stopped the test process (exit status {completed.returncode})"
    result = json.loads(found.group(1))
    if "fatal" in result:
        return failed, f"{name}() could not be defined on its own: {result['fatal'][:160]}"
    return result["outputs"], None


# --- grading ---------------------------------------------------------------------------------


def _score_all(
    exercise: ExerciseSet,
    notebook: nbformat.NotebookNode | None,
    answers: dict[str, Any],
    options: GradingOptions,
    problems: list[str],
) -> list[Result]:
    results = []
    for question in exercise.questions:
        if question.kind == "function":
            source = function_source(notebook, question.variable) if notebook is not None else None
            if source is None:
                results.append(
                    Result(
                        question.id,
                        0.0,
                        question.points,
                        "unanswered",
                        f"no function {question.variable}() found",
                    )
                )
                continue
            outputs, problem = run_function_isolated(
                source, question.variable, hidden_inputs(question), options
            )
            if problem:
                problems.append(problem)
            results.append(score_function_outputs(question, outputs))
            continue
        entry = answers.get(question.variable, {"missing": True})
        if "value" in entry:
            try:
                value = check_plain(entry["value"])
            except AnswerTypeError as exc:
                results.append(Result(question.id, 0.0, question.points, "error", str(exc)))
                continue
            results.append(score(question, value))
        elif "error" in entry:
            results.append(
                Result(
                    question.id,
                    0.0,
                    question.points,
                    "error",
                    f"{question.variable} is not a plain value ({entry['error']})",
                )
            )
        else:
            status = "unanswered"
            message = (
                "not answered" if "unanswered" in entry else f"{question.variable} was not defined"
            )
            results.append(Result(question.id, 0.0, question.points, status, message))
    return results


def grade_submission(
    path: str | Path, options: GradingOptions, pool: KernelPool | None = None
) -> GradedSubmission:
    """Grade one submission; never raises for a problem with the submission itself."""
    original = Path(path)
    own_pool = pool is None
    spec_dir = _kernel_spec_dir(options.memory_mb) if own_pool else None
    pool = pool or KernelPool(spec_dir, size=1, planned=1)
    row = GradedSubmission(
        learner=original.stem, submission=str(original), exercise=options.exercise or ""
    )
    notebook = None
    try:
        with tempfile.TemporaryDirectory(prefix="medialit-grade-") as scratch:
            workdir = Path(scratch)
            try:
                notebook_path = _copy_submission(original, workdir)
                notebook = _read_notebook(notebook_path)
                row.learner = _learner_id(notebook, original)
                row.exercise = _exercise_id(notebook, original, options)
            except SubmissionError as exc:
                row.problems.append(str(exc))
                if not row.exercise:
                    try:
                        row.exercise = _exercise_id(None, original, options)
                    except SubmissionError:
                        return row
                row.results = _score_all(load_set(row.exercise), None, {}, options, row.problems)
                return row
            exercise = load_set(row.exercise)
            names = [q.variable for q in exercise.questions if q.kind != "function"]
            answers, problems = _run_notebook(notebook, notebook_path.parent, names, options, pool)
            row.problems.extend(problems)
            row.results = _score_all(exercise, notebook, answers, options, row.problems)
    finally:
        if own_pool:
            pool.close()
            shutil.rmtree(spec_dir, ignore_errors=True)
    return row


def grade_many(
    paths: Sequence[str | Path], options: GradingOptions, jobs: int = 1, progress: bool = True
) -> list[GradedSubmission]:
    """Grade submissions, `jobs` at a time, in the order given."""
    from tqdm import tqdm

    spec_dir = _kernel_spec_dir(options.memory_mb)
    kernels = KernelPool(spec_dir, size=max(1, jobs), planned=len(paths))
    try:
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as workers:
            futures = [workers.submit(grade_submission, p, options, kernels) for p in paths]
            bar = tqdm(
                total=len(futures),
                desc="grading",
                unit="notebook",
                disable=not progress,
                file=sys.stderr,
            )
            rows = []
            for future in futures:
                rows.append(future.result())
                bar.update(1)
            bar.close()
        return rows
    finally:
        kernels.close()
        shutil.rmtree(spec_dir, ignore_errors=True)


# --- the gradebook and feedback files ---------------------------------------------------------


def _cell(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula (=, +, -, @ at the start)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write_gradebook(rows: Iterable[GradedSubmission], out: str | Path) -> Path:
    """One CSV row per submission (UTF-8 with BOM, so spreadsheets read names correctly)."""
    rows = list(rows)
    question_ids: list[str] = []
    for row in rows:
        for result in row.results:
            if result.question not in question_ids:
                question_ids.append(result.question)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["learner", "submission", "exercise", *question_ids, "total", "max", "errors"])
    for row in rows:
        points = {r.question: r.points for r in row.results}
        writer.writerow(
            [
                _cell(row.learner),
                _cell(Path(row.submission).name),
                row.exercise,
                *(f"{points.get(q, 0):g}" for q in question_ids),
                f"{row.total:g}",
                f"{row.max_points:g}",
                _cell("; ".join(row.problems)),
            ]
        )
    return atomic_write_text(out, "\ufeff" + buffer.getvalue())


def feedback_markdown(row: GradedSubmission) -> str:
    lines = [
        f"# Feedback for {row.learner}",
        "",
        f"Exercise **{row.exercise or 'unknown'}** — "
        f"**{row.total:g} / {row.max_points:g}** points.",
        "",
        "| question | points | feedback |",
        "|---|---|---|",
    ]
    for result in row.results:
        text = result.feedback.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {result.question} | {result.points:g} / {result.max_points:g} | {text} |")
    if row.problems:
        lines += ["", "## Problems while running your notebook", ""]
        lines += [f"- {p}" for p in row.problems]
    return "\n".join(lines) + "\n"


def write_feedback(rows: Iterable[GradedSubmission], folder: str | Path) -> list[Path]:
    """A Markdown feedback file per submission, named after the learner."""
    written, used = [], set()
    for row in rows:
        name = re.sub(r"[^\w.-]+", "_", row.learner).strip("._") or "learner"
        candidate, counter = name, 1
        while candidate in used:
            counter += 1
            candidate = f"{name}-{counter}"
        used.add(candidate)
        written.append(atomic_write_text(Path(folder) / f"{candidate}.md", feedback_markdown(row)))
    return written
