"""`medialit grade`: run a class's submitted notebooks and write a gradebook.

Each submission is read here, in the grader (regular files only: a symbolic link
is never followed), and its files are handed to a warm runner inside a sandbox
(see `sandbox.py` and `runner.py`), which runs the cells and sends back only the
learner's answer values. They are scored here against the sealed key, which the
sandbox cannot see, so redefining `check`, patching the kit inside the notebook or
printing fake results changes nothing. A function the learner writes is taken from
the notebook's source and run on the hidden inputs in the sandbox too.

Nothing a submission does can cost the batch: every failure becomes that row's
problem, each finished row is journalled (`--resume` carries on after a crash),
and the gradebook and the feedback folder are replaced whole, once, at the end.
"""

from __future__ import annotations

import ast
import base64
import contextlib
import json
import os
import queue
import re
import sys
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import paths
from .bank import ExerciseSet, available_sets, load_set
from .gradebook import GradedSubmission, Journal
from .questions import (
    AnswerTypeError,
    Question,
    Result,
    check_plain,
    hidden_inputs,
    score,
    score_function_outputs,
)
from .sandbox import REQUIRE_ENV, Worker, WorkerDied, isolation, warn_once
from .submission import (
    Notebook,
    Submission,
    SubmissionError,
    clean_text,
    learner_id,
    parse_notebook,
    read_submission,
)

__all__ = ["GradingOptions", "grade_many", "grade_submission"]

MAX_BYTES = 1_000_000  # one cap for answers, printed output, widget messages and function outputs
MAX_REWRITE_CHARS = 2_000  # a rewrite is a sentence or two
MAX_POINTER_CHARS = 300
SCORE_SECONDS = 20.0  # scoring one answer (rewrites and evidence run the kit's lenses)
WARM_SECONDS = 120.0  # each cell of the kit's own exercise notebook, run once per runner
FUNCTION_SECONDS = 10.0  # each call of a learner's function on a hidden input


@dataclass(frozen=True)
class GradingOptions:
    timeout: float = 60.0  # seconds per cell
    memory_mb: int = 2048  # for the submission's whole process tree
    exercise: str | None = None  # which set; else read from the notebook
    budget: float | None = None  # seconds for the whole submission; default 5 × timeout
    max_bytes: int = MAX_BYTES

    @property
    def total_budget(self) -> float:
        return self.budget if self.budget is not None else 5 * self.timeout


def _options_key(options: GradingOptions) -> str:
    return json.dumps(
        [
            options.timeout,
            options.memory_mb,
            options.exercise,
            options.total_budget,
            options.max_bytes,
        ]
    )


# --- which exercise is it? --------------------------------------------------------------------

_EXERCISE_CALL = re.compile(r"""\bexercise\(\s*["']([\w-]+)["']""")


def _content_set(notebook: Notebook) -> str | None:
    known = set(available_sets())
    for source in notebook.code:
        for found in _EXERCISE_CALL.findall(source):
            if found in known:
                return found
    return None


def _named_set(name: str) -> str | None:
    return next((s for s in available_sets() if s in name), None)


def _which_set(
    notebook: Notebook | None, names: list[str], options: GradingOptions, row
) -> str | None:
    """The set to grade against, flagging every disagreement; None when it must not be graded."""
    content = _content_set(notebook) if notebook is not None else None
    declared = None
    if notebook is not None:
        meta = notebook.metadata.get("medialit", {})
        value = meta.get("exercise") if isinstance(meta, dict) else None
        declared = value if isinstance(value, str) and value in available_sets() else None
    named = next((s for s in map(_named_set, names) if s), None)
    actual = content or declared or named
    if options.exercise:
        if actual and actual != options.exercise:
            row.flags.append(f"this is exercise {actual}, not {options.exercise}: not graded")
            row.problems.append(
                f"this notebook is exercise {actual}, not {options.exercise}, so it was not "
                "graded; your teacher will check it"
            )
            row.exercise = actual
            return None
        actual = options.exercise
    if actual is None:
        raise SubmissionError("cannot tell which exercise this is; name it with --exercise")
    if declared and declared != actual:
        row.flags.append(f"metadata says {declared}, the notebook is {actual}")
    if named and named != actual:
        row.flags.append(f"the file name says {named}, the notebook is {actual}")
    return actual


# --- running in the sandbox -------------------------------------------------------------------


def _job_base(options: GradingOptions) -> dict[str, Any]:
    return {"memory_mb": options.memory_mb, "max_bytes": options.max_bytes}


def _describe_failure(failure: dict, options: GradingOptions) -> str:
    cell = failure.get("cell")
    where = f"cell {cell + 1}" if isinstance(cell, int) else "a cell"
    why = failure.get("why")
    if why == "timeout":
        return f"{where} ran longer than {options.timeout:g} s (an endless loop?) and was skipped"
    if why == "memory":
        return (
            f"{where} used more than {options.memory_mb:,} MB (counting every process it "
            "started) and was skipped"
        )
    return f"the notebook stopped while running {where} (os._exit, a crash or a signal); skipped"


def _run_notebook(
    worker: Worker,
    notebook_cells: list[str],
    submission: Submission,
    names: list[str],
    options: GradingOptions,
    deadline: float,
) -> tuple[dict[str, Any], list[str], list[str]]:
    """(answers, learner-facing problems, teacher flags) for one notebook run in the sandbox."""
    folder = str(Path(submission.notebook).parent)
    job = {
        **_job_base(options),
        "kind": "notebook",
        "cells": notebook_cells,
        "names": names,
        "files": {k: base64.b64encode(v).decode() for k, v in submission.files.items()},
        "folder": folder,
        "notebook": Path(submission.notebook).name,
        "timeout": options.timeout,
        "budget": max(1.0, deadline - time.monotonic()),
    }
    problems: list[str] = []
    try:
        reply = worker.run(job, job["budget"] + 30)
    except WorkerDied:
        return (
            {},
            ["the grader's runner was stopped while running this notebook; not graded"],
            ["the runner died or overran while grading this submission"],
        )
    for failure in reply.get("failures", []):
        if isinstance(failure, dict):
            problems.append(_describe_failure(failure, options))
    for error in reply.get("errors", [])[:20]:
        if isinstance(error, dict) and isinstance(error.get("cell"), int):
            problems.append(
                f"cell {error['cell'] + 1} raised {clean_text(error.get('ename'), 60)}: "
                f"{clean_text(error.get('evalue'), 160)}"
            )
    end = reply.get("end")
    flags: list[str] = []
    if end == "budget":
        problems.append(
            f"the notebook used up its time budget of {options.total_budget:g} s; "
            "answers from the cells not run score zero"
        )
    elif end == "channel":
        problems.append(
            f"the notebook sent more than {options.max_bytes:,} bytes, or unreadable data, "
            "instead of its answers; they could not be read"
        )
    elif end == "internal":
        print(f"medialit grade: runner error: {reply.get('internal')}", file=sys.stderr)
        problems.append("the grader could not run this notebook; your teacher has been told")
        flags.append("internal grading error (details on stderr)")
    elif end == "died" and "answers" not in reply:
        problems.append("the notebook stopped before its answers could be read")
    if reply.get("flooded"):
        problems.append(f"output over {options.max_bytes:,} bytes was cut")
    answers = reply.get("answers")
    return (answers if isinstance(answers, dict) else {}), problems, flags


def function_source(notebook: Notebook, name: str) -> str | None:
    """The learner's last top-level `def name(...)`, with the notebook's top-level imports."""
    imports: list[str] = []
    found: str | None = None
    for cell in notebook.code:
        source = "\n".join(
            "" if line.lstrip().startswith(("%", "!")) else line for line in cell.splitlines()
        )
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError):
            continue
        for node in tree.body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                imports.append(ast.get_source_segment(source, node) or "")
            elif isinstance(node, ast.FunctionDef) and node.name == name:
                found = ast.get_source_segment(source, node)
    if found is None:
        return None
    return "\n".join([*imports, found])


def run_function_isolated(
    worker: Worker, source: str, name: str, inputs: list[list[Any]], options: GradingOptions
) -> tuple[list[Any], str | None]:
    """Run a learner's function on hidden inputs in the sandbox; (outputs, problem)."""
    seconds = min(options.timeout, FUNCTION_SECONDS)
    failed = [{"__error__": "not run"}] * len(inputs)
    job = {
        **_job_base(options),
        "kind": "function",
        "source": source,
        "name": name,
        "inputs": inputs,
        "timeout": seconds,
        "budget": seconds * (len(inputs) + 1),
    }
    try:
        reply = worker.run(job, job["budget"] + 30)
    except WorkerDied:
        return failed, f"{name}() stopped the grader's runner"
    if "fatal" in reply:
        return (
            failed,
            f"{name}() could not be defined on its own: {clean_text(reply['fatal'], 160)}",
        )
    outputs = reply.get("outputs")
    if not isinstance(outputs, list) or len(outputs) != len(inputs):
        why = {"timeout": f"ran longer than {seconds:g} s", "memory": "used too much memory"}
        return failed, f"{name}() {why.get(reply.get('end'), 'stopped')} on the hidden inputs"
    return outputs, None


# --- scoring ----------------------------------------------------------------------------------

_scorers = ThreadPoolExecutor(max_workers=2, thread_name_prefix="medialit-score")


def _too_big(question: Question, value: Any, options: GradingOptions) -> str | None:
    if len(json.dumps(value)) > options.max_bytes:
        return f"the answer is larger than the {options.max_bytes:,}-byte limit"
    if question.kind == "rewrite" and isinstance(value, str) and len(value) > MAX_REWRITE_CHARS:
        return f"a rewrite is a sentence or two: keep it under {MAX_REWRITE_CHARS:,} characters"
    if question.kind == "evidence" and isinstance(value, dict):
        texts = [v for part in value.values() if isinstance(part, dict) for v in part.values()]
        if len(value) > 20 or any(isinstance(t, str) and len(t) > MAX_POINTER_CHARS for t in texts):
            return f"each pointer is a few words from the text (at most {MAX_POINTER_CHARS})"
    return None


def _score_bounded(question: Question, value: Any, options: GradingOptions) -> Result:
    """Score under a size and a time limit (a rewrite runs the loaded-language lens)."""
    reason = _too_big(question, value, options)
    if reason:
        return Result(question.id, 0.0, question.points, "error", reason)
    future = _scorers.submit(score, question, value)
    try:
        return future.result(timeout=SCORE_SECONDS)
    except FutureTimeout:
        return Result(
            question.id,
            0.0,
            question.points,
            "error",
            f"this answer took longer than {SCORE_SECONDS:g} s to score; "
            "your teacher will check it",
        )
    except Exception:  # noqa: BLE001 - the grader's own failure: never echoed to the learner
        return Result(
            question.id,
            0.0,
            question.points,
            "error",
            "this answer could not be scored; your teacher will check it",
        )


def _score_all(
    exercise: ExerciseSet,
    notebook: Notebook | None,
    answers: dict[str, Any],
    options: GradingOptions,
    problems: list[str],
    worker: Worker | None,
) -> list[Result]:
    results = []
    for question in exercise.questions:
        if question.kind == "function":
            source = function_source(notebook, question.variable) if notebook is not None else None
            if source is None or worker is None:
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
                worker, source, question.variable, hidden_inputs(question), options
            )
            if problem:
                problems.append(problem)
            results.append(score_function_outputs(question, outputs))
            continue
        entry = answers.get(question.variable)
        entry = entry if isinstance(entry, dict) else {"missing": True}
        if "value" in entry:
            try:
                value = check_plain(entry["value"])
            except AnswerTypeError as exc:
                results.append(Result(question.id, 0.0, question.points, "error", str(exc)))
                continue
            results.append(_score_bounded(question, value, options))
        elif "error" in entry:
            results.append(
                Result(
                    question.id,
                    0.0,
                    question.points,
                    "error",
                    f"{question.variable} is not a plain value ({clean_text(entry['error'], 120)})",
                )
            )
        else:
            message = (
                "not answered" if "unanswered" in entry else f"{question.variable} was not defined"
            )
            results.append(Result(question.id, 0.0, question.points, "unanswered", message))
    return results


# --- one submission ---------------------------------------------------------------------------


class _Warmth:
    """Warm-ups, each done once: a runner's per exercise set (see `runner.warm`), worth it only
    when a set has more submissions than there are runners; and the grader's own scorers."""

    def __init__(self, counts: dict[str, int] | None = None, runners: int = 1):
        self._done: dict[int, set[tuple[str, int]]] = {}
        self._counts, self._runners = counts or {}, runners
        self._scored: set[str] = set()
        self._lock = threading.Lock()

    def scorers(self, exercise: ExerciseSet) -> None:
        """Load the lenses a rewrite or evidence answer is scored with before any time limit."""
        with self._lock:
            if exercise.id in self._scored:
                return
            self._scored.add(exercise.id)
            for question in exercise.questions:
                if question.kind in ("rewrite", "evidence"):
                    with contextlib.suppress(Exception):
                        score(question, "A warm-up sentence." if question.kind == "rewrite" else {})

    def ensure(self, worker: Worker, set_id: str, options: GradingOptions) -> None:
        worker.ready()
        if self._counts.get(set_id, 0) <= self._runners:
            return
        done = self._done.setdefault(id(worker), set())
        key = (set_id, worker.generation)
        if key in done:
            return
        done.add(key)
        path = paths.kit_dir("exercises") / f"{set_id}.ipynb"
        try:
            cells = list(parse_notebook(path.read_bytes()).code)
        except (OSError, SubmissionError):
            return
        with contextlib.suppress(WorkerDied):  # a failed warm-up only costs speed
            worker.run(
                {**_job_base(options), "kind": "warm", "cells": cells, "timeout": WARM_SECONDS},
                WARM_SECONDS * len(cells),
            )


def _grade_with(
    path: Path,
    options: GradingOptions,
    worker: Worker,
    warmth: _Warmth,
    submission: Submission | None = None,
    error: SubmissionError | None = None,
) -> GradedSubmission:
    started = time.monotonic()
    deadline = started + options.total_budget
    row = GradedSubmission(
        learner=learner_id(path), submission=str(path), exercise=options.exercise or ""
    )
    notebook = None
    try:
        if error is not None:
            raise error
        assert submission is not None
        if submission.skipped_links:
            row.problems.append(
                f"{len(submission.skipped_links)} symbolic link(s) in the submission were "
                "ignored; hand in files, not links"
            )
        notebook = parse_notebook(submission.files[submission.notebook])
        declared = notebook.metadata.get("medialit", {})
        if isinstance(declared, dict) and isinstance(declared.get("learner"), str):
            row.name = clean_text(declared["learner"], 64)
        set_id = _which_set(notebook, [submission.notebook, path.name], options, row)
        if set_id is None:
            return row
        row.exercise = set_id
        exercise = load_set(set_id)
        warmth.ensure(worker, set_id, options)
        warmth.scorers(exercise)
        deadline = time.monotonic() + options.total_budget  # the warm-up is the grader's time
        names = [q.variable for q in exercise.questions if q.kind != "function"]
        answers, problems, flags = _run_notebook(
            worker, list(notebook.code), submission, names, options, deadline
        )
        row.problems.extend(problems)
        row.flags.extend(flags)
        row.results = _score_all(exercise, notebook, answers, options, row.problems, worker)
    except SubmissionError as exc:
        row.problems.append(str(exc))
        if not row.exercise:
            try:
                row.exercise = _which_set(None, [path.name], options, row) or ""
            except SubmissionError:
                row.exercise = ""
        if row.exercise and not row.results and not row.flags:
            row.results = _score_all(load_set(row.exercise), None, {}, options, row.problems, None)
    except Exception as exc:  # noqa: BLE001 - one submission never stops the batch
        print(f"medialit grade: {path}: {type(exc).__name__}: {exc}", file=sys.stderr)
        row.problems.append(
            "the grader could not grade this submission; your teacher has been told"
        )
        row.flags.append("internal grading error (details on stderr)")
    finally:
        row.seconds = round(time.monotonic() - started, 2)
    return row


def grade_submission(path: str | Path, options: GradingOptions) -> GradedSubmission:
    """Grade one submission; never raises for a problem with the submission itself."""
    return grade_many([path], options, progress=False)[0]


# --- the batch --------------------------------------------------------------------------------


def _short(submission: str) -> str:
    """The submission's last two path parts: enough to find it, not the teacher's whole tree."""
    return clean_text("/".join(Path(submission).parts[-2:]), 80)


def _guess_set(submission: Submission | None, options: GradingOptions) -> str:
    """The exercise set a submission will most likely be graded against (for planning)."""
    if options.exercise or submission is None:
        return options.exercise or ""
    try:
        notebook = parse_notebook(submission.files[submission.notebook])
    except SubmissionError:
        return ""
    return _content_set(notebook) or _named_set(submission.notebook) or ""


def _flag_duplicates(rows: list[GradedSubmission]) -> None:
    seen: dict[str, list[GradedSubmission]] = {}
    for row in rows:
        seen.setdefault(row.learner.casefold(), []).append(row)
    for same in seen.values():
        if len(same) > 1:
            for row in same:
                others = ", ".join(_short(o.submission) for o in same if o is not row)
                row.flags.append(f"duplicate learner id (also {others})")


def grade_many(
    paths: Sequence[str | Path],
    options: GradingOptions,
    jobs: int = 1,
    progress: bool = True,
    journal: str | Path | None = None,
    resume: bool = False,
) -> list[GradedSubmission]:
    """Grade submissions, `jobs` at a time; rows come back in the order given."""
    from tqdm import tqdm

    setting = isolation()
    if not setting.isolated:
        if os.environ.get(REQUIRE_ENV) == "1":
            raise RuntimeError(f"{setting.warning} ({REQUIRE_ENV}=1 forbids grading without it)")
        warn_once(setting.warning)
    submissions = [Path(p) for p in paths]
    record = Journal(Path(journal) if journal else None, _options_key(options), resume)
    rows: list[GradedSubmission | None] = [None] * len(submissions)
    keys: list[str] = [""] * len(submissions)
    todo: list[tuple[int, Path]] = []
    counts: dict[str, int] = {}
    for index, path in enumerate(submissions):  # a first look, to plan (files not kept)
        submission, _error, digest = read_submission(path)
        done = record.finished(record.key(path, digest)) if resume else None
        if done is not None:
            rows[index] = done
            continue
        todo.append((index, path))
        guess = _guess_set(submission, options)
        counts[guess] = counts.get(guess, 0) + 1
    workers: queue.Queue[Worker] = queue.Queue()
    pool = [Worker() for _ in range(max(1, min(jobs, len(todo) or 1)))]
    for worker in pool:
        workers.put(worker)
    warmth = _Warmth(counts, len(pool))
    running: dict[int, str] = {}
    lock = threading.Lock()

    def one(index: int, path: Path) -> tuple[int, GradedSubmission]:
        worker = workers.get()
        with lock:
            running[index] = path.name
        try:
            submission, error, digest = read_submission(path)
            keys[index] = record.key(path, digest)
            return index, _grade_with(path, options, worker, warmth, submission, error)
        except Exception as exc:  # noqa: BLE001 - one submission never stops the batch
            print(f"medialit grade: {path}: {type(exc).__name__}: {exc}", file=sys.stderr)
            row = GradedSubmission(learner_id(path), str(path), options.exercise or "")
            row.problems.append(
                "the grader could not grade this submission; your teacher has been told"
            )
            row.flags.append("internal grading error (details on stderr)")
            return index, row
        finally:
            workers.put(worker)
            with lock:
                running.pop(index, None)

    bar = tqdm(
        total=len(submissions),
        initial=len(submissions) - len(todo),
        desc="grading",
        unit="notebook",
        disable=not progress,
        file=sys.stderr,
        dynamic_ncols=True,
    )
    try:
        with ThreadPoolExecutor(max_workers=len(pool)) as threads:
            futures = [threads.submit(one, *item) for item in todo]
            for future in as_completed(futures):
                index, row = future.result()
                rows[index] = row
                record.record(keys[index], row)
                with lock:
                    now = ", ".join(clean_text(n, 40) for n in running.values())
                bar.set_postfix_str(
                    f"now: {now}" if now else f"done: {clean_text(submissions[index].name, 40)}"
                )
                bar.update(1)
    finally:
        bar.close()
        for worker in pool:
            worker.stop()
    final = [r for r in rows if r is not None]
    _flag_duplicates(final)
    return final
