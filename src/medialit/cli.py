"""The `medialit` command: a thin face over the report and (later) the grader.

Bad input never ends in a traceback: every `MedialitError` becomes one line on
stderr that says what is wrong and what to do, and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import MedialitError

START_NOTEBOOK = "notebooks/00_start_here.ipynb"
DEFAULT_WORKDIR = "medialit-kit"


SOME_ARTICLES_FAILED = 3
"""Exit status of `analyze` when the report was written but some articles could not be analysed."""


def _analyze(args: argparse.Namespace) -> int:
    from .corpus import gather_articles, load_articles
    from .report import analyze, comparison_table, failed_entries

    if args.max_bytes <= 0:
        raise MedialitError("--max-bytes must be a positive number of bytes, e.g. 5000000")
    failures = []
    if args.paths:
        articles, failures = gather_articles(args.paths, max_bytes=args.max_bytes)
        if not articles:  # nothing to report on: the reasons are the whole answer
            for failure in failures[:-1]:
                print(f"medialit: error: {failure.error}", file=sys.stderr)
            raise MedialitError(failures[-1].error)
    else:
        articles = load_articles()
    report = analyze(articles, failures, keep_parses=bool(args.html))  # the HTML reads them again
    failed = failed_entries(report)
    if args.html:
        from .html_report import html_report
        from .storage import atomic_write_text

        unread = {entry["id"] for entry in failed}
        analysed = [a for a in articles if a.id not in unread]
        path = atomic_write_text(args.html, html_report(analysed, skipped=failed))
        print(f"wrote {path}", file=sys.stderr)
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif not args.html:
        import pandas as pd

        with pd.option_context("display.width", 200, "display.max_columns", None):
            print(comparison_table(report).to_string())
    for entry in failed:
        print(f"medialit: skipped {entry['id']}: {entry['error']}", file=sys.stderr)
    return SOME_ARTICLES_FAILED if failed else 0


_HIDDEN_FROM_LEARNERS = (
    # Jupyter's own defaults, then what only the kit's authors and teachers need
    *("__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*.so", "*.dylib", "*~"),
    *("src", "tests", "solutions", "benchmarks", "build", "dist", "*.egg-info"),
    *("Makefile", "pyproject.toml", "environment.yml"),
)


def _lab(args: argparse.Namespace, extra: list[str]) -> int:
    from .paths import project_root

    root = project_root()
    if args.workdir is not None or root is None:
        # A learner's own writable copy (always, when installed from a wheel): the same
        # classroom copy as `medialit release`, so the file tree shows only their folders.
        from .release import release

        copy = release(args.workdir or DEFAULT_WORKDIR)
        print(copy.summary(), file=sys.stderr)
        root = copy.folder
    command = [sys.executable, "-m", "jupyterlab", START_NOTEBOOK, f"--ServerApp.root_dir={root}"]
    if not args.show_all:  # a checkout: learners' file tree shows their folders, not the authors'
        command.append(f"--ContentsManager.hide_globs={json.dumps(list(_HIDDEN_FROM_LEARNERS))}")
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in extra:
        command.append("--allow-root")  # containers and CI machines run as root
    if os.name == "posix":  # become JupyterLab, so that stopping `medialit lab` stops the server
        os.chdir(root)
        os.execv(sys.executable, command + extra)
    return subprocess.call(command + extra, cwd=root)


def _build(args: argparse.Namespace) -> int:
    from .grading.build import build
    from .paths import project_root

    root = project_root()
    if root is None or not (root / "solutions").is_dir():
        raise MedialitError("medialit build works in a source checkout (with a solutions/ folder)")
    stale = build(root, check=args.check)
    for path in stale:
        verb = "stale" if args.check else "wrote"
        print(f"{verb}: {path.relative_to(root) if path.is_relative_to(root) else path}")
    if args.check and stale:
        print(
            "medialit: error: generated files are out of date; run `medialit build`",
            file=sys.stderr,
        )
        return 1
    if not stale:
        print("everything is up to date")
    return 0


def _release(args: argparse.Namespace) -> int:
    from .release import release

    print(release(args.folder).summary())
    return 0


def _grade(args: argparse.Namespace) -> int:
    from .grading.batch import GradingOptions, grade_many
    from .grading.gradebook import write_feedback, write_gradebook

    if args.jobs < 1 or args.timeout <= 0 or args.memory_mb < 256:
        raise MedialitError("--jobs must be ≥ 1, --timeout > 0 and --memory-mb ≥ 256")
    if args.budget is not None and args.budget < args.timeout:
        raise MedialitError("--budget must be at least --timeout (it covers the whole notebook)")
    if args.exercise:
        from .grading.bank import load_set

        try:
            load_set(args.exercise)
        except KeyError as exc:
            raise MedialitError(str(exc.args[0])) from None
    options = GradingOptions(
        timeout=args.timeout, memory_mb=args.memory_mb, exercise=args.exercise, budget=args.budget
    )
    out = Path(args.out)
    journal = out.with_name(f".{out.name}.journal")
    if args.resume and not journal.exists():
        print(f"medialit: nothing to resume for {out}; grading every submission", file=sys.stderr)
    try:
        rows = grade_many(
            args.submissions,
            options,
            jobs=args.jobs,
            progress=not args.quiet,
            journal=journal,
            resume=args.resume,
        )
    except RuntimeError as exc:  # e.g. the sandbox is required but missing
        raise MedialitError(str(exc)) from None
    write_gradebook(rows, out)
    feedback = write_feedback(rows, out.parent / f"{out.stem}-feedback")
    journal.unlink(missing_ok=True)  # the gradebook now holds every row
    problems = sum(bool(r.problems) for r in rows)
    flagged = sum(bool(r.flags) for r in rows)
    print(
        f"graded {len(rows)} submission(s) into {out}; "
        f"feedback in {feedback[0].parent if feedback else '-'}"
        + (f"; {problems} with problems (see the errors column)" if problems else "")
        + (f"; {flagged} flagged for you (see the flags column)" if flagged else "")
    )
    return 0


def _progress(args: argparse.Namespace) -> int:
    from .progress import progress_rows

    root = Path(args.folder)
    if not root.is_dir():
        raise MedialitError(f"{root}: no such folder; give the folder where you work on the kit")
    for row in progress_rows(root):
        if row["kind"] == "problem":
            print(f"  note: {row['title']}")
            continue
        score = f"  {row['points']}/{row['of']} points" if row["of"] else ""
        print(f"{row['kind']:<9} {row['id']:<20} {row['status']}{score}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medialit",
        description="Compare news articles through sourcing, numbers and loaded language.",
    )
    parser.add_argument("--version", action="version", version=f"medialit {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    analyze = commands.add_parser(
        "analyze",
        help="analyse articles (the five bundled ones by default)",
        description="Analyse articles: each PATH is a .txt/.md file or a folder of them.",
    )
    analyze.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
    analyze.add_argument("--json", action="store_true", help="print one JSON object")
    analyze.add_argument(
        "--html", metavar="FILE", help="write one standalone HTML report of every lens"
    )
    analyze.add_argument(
        "--max-bytes",
        type=int,
        default=None,
        metavar="N",
        help="refuse files larger than N bytes (default 5000000)",
    )

    lab = commands.add_parser(
        "lab",
        help="open the kit in JupyterLab at the start notebook",
        description="Open JupyterLab on notebooks/00_start_here.ipynb. "
        "Other options are passed on to JupyterLab (e.g. --no-browser --port 8890).",
    )
    lab.add_argument(
        "--workdir",
        default=None,
        help="open your own classroom copy in this folder, made or completed as by "
        f"`medialit release` (an installed kit always does: default ./{DEFAULT_WORKDIR})",
    )
    lab.add_argument(
        "--show-all",
        action="store_true",
        help="show every folder in JupyterLab's file browser (for teachers and authors; by "
        "default solutions/, src/, tests/ and benchmarks/ are hidden from learners)",
    )
    release = commands.add_parser(
        "release",
        help="make a classroom copy for learners: lessons, exercises, data; no solutions",
        description="Copy what learners need (notebooks, exercises and the data the lessons "
        "read) into FOLDER: no solutions, no answer key in clear, no source or tests. "
        "Files already in FOLDER are kept, never overwritten.",
    )
    release.add_argument("folder", metavar="FOLDER")
    build = commands.add_parser(
        "build",
        help="generate exercises/ and the sealed keys from solutions/",
        description="Generate exercises/*.ipynb from solutions/*.ipynb "
        "and seal solutions/keys/*.toml.",
    )
    build.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if anything is stale"
    )

    grade = commands.add_parser(
        "grade",
        help="grade submitted notebooks into a gradebook CSV",
        description="Grade submissions (a notebook, a folder with one notebook and its "
        "annotations/, "
        "or a .zip of such a folder) and write a gradebook CSV plus a feedback file per learner.",
    )
    grade.add_argument("submissions", nargs="+", metavar="SUBMISSION")
    grade.add_argument(
        "--out", default="gradebook.csv", help="the gradebook CSV (default gradebook.csv)"
    )
    grade.add_argument("--jobs", type=int, default=1, help="submissions graded at once (default 1)")
    grade.add_argument(
        "--timeout", type=float, default=60, help="seconds allowed per cell (default 60)"
    )
    grade.add_argument(
        "--memory-mb",
        type=int,
        default=2048,
        help="memory limit per submission, all its processes together (default 2048)",
    )
    grade.add_argument(
        "--budget",
        type=float,
        help="seconds allowed for a whole submission (default 5 × --timeout)",
    )
    grade.add_argument(
        "--resume",
        action="store_true",
        help="carry on an interrupted run: keep the rows it had finished",
    )
    grade.add_argument(
        "--exercise", help="the exercise set, e.g. 00_warmup (default: read from each notebook)"
    )
    grade.add_argument("--quiet", action="store_true", help="no progress bar")

    progress = commands.add_parser(
        "progress",
        help="show which lessons and exercises you have done, from your saved work",
        description="Read your saved progress under FOLDER (default: here); list lessons, scores.",
    )
    progress.add_argument("folder", nargs="?", default=".", metavar="FOLDER")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "lab":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        if args.command == "analyze":
            from .corpus import DEFAULT_MAX_BYTES

            if args.max_bytes is None:
                args.max_bytes = DEFAULT_MAX_BYTES
            return _analyze(args)
        if args.command == "build":
            return _build(args)
        if args.command == "grade":
            return _grade(args)
        if args.command == "progress":
            return _progress(args)
        if args.command == "release":
            return _release(args)
        return _lab(args, extra)
    except MedialitError as exc:
        print(f"medialit: error: {exc}", file=sys.stderr)
        return exc.exit_status
    except PermissionError as exc:
        print(
            f"medialit: error: {exc.filename}: permission denied; check the file's permissions",
            file=sys.stderr,
        )
        return 2
    except BrokenPipeError:  # e.g. `medialit analyze --json | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("medialit: stopped", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug of ours: one line for the user, the details in a file
        return _report_crash(exc)


def _report_crash(exc: BaseException) -> int:
    import tempfile
    import traceback

    with tempfile.NamedTemporaryFile(
        "w", prefix="medialit-error-", suffix=".txt", delete=False, encoding="utf-8"
    ) as handle:
        traceback.print_exception(exc, file=handle)
    print(
        f"medialit: unexpected error ({type(exc).__name__}: {exc}); this is a bug in medialit, "
        f"not in your files: please report it with the details saved in {handle.name}",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
