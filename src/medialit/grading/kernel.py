"""The kernel a submission runs in: an ordinary IPython kernel under a memory limit.

Started by the batch grader through its own kernel spec; the limit comes from
MEDIALIT_KERNEL_MEMORY_MB so a runaway notebook fails with MemoryError instead of
taking the teacher's machine down. With MEDIALIT_KERNEL_PRELOAD=1 the kit and its
heavy libraries are imported before any learner code runs: the process is still
used for one submission only, so isolation is unchanged, but a kernel started
ahead of time (the grader's pool) is then ready to run an exercise at once.
"""

from __future__ import annotations

import os


def _limit_memory() -> None:
    megabytes = int(os.environ.get("MEDIALIT_KERNEL_MEMORY_MB", "0") or 0)
    if megabytes <= 0:
        return
    try:
        import resource
    except ImportError:  # Windows: no rlimits; the per-cell timeout still applies
        return
    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _preload() -> None:
    if os.environ.get("MEDIALIT_KERNEL_PRELOAD") != "1":
        return
    import matplotlib.figure  # noqa: F401
    import pandas  # noqa: F401

    from medialit import grading, report  # noqa: F401
    from medialit.corpus import load_articles
    from medialit.readability import readability

    readability(load_articles()[0])  # loads pysbd, textstat and its pronouncing dictionary


if __name__ == "__main__":
    _limit_memory()
    _preload()
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()
