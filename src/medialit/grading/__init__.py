"""Auto-graded exercises: sealed question bank, self-check, build, batch grader — headless.

In a notebook: ``check, progress = exercise("00_warmup")``.
"""

from __future__ import annotations

from .selfcheck import exercise

__all__ = ["exercise"]
