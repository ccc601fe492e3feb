"""Typed errors for bad input.

Every message says what is wrong *and* what to do about it, because the reader is
often a learner who did not write the code. The command line prints the message
as one line and exits with status 2; the Python API raises the exception.
"""

from __future__ import annotations


class MedialitError(Exception):
    """Base class for every problem the kit reports to a person."""

    exit_status = 2


class ArticleError(MedialitError, ValueError):
    """An article file or text cannot be used."""


class ArticleNotFoundError(MedialitError, FileNotFoundError):
    """A path given by the user does not exist."""


class EmptyArticleError(ArticleError):
    """The text holds no words."""


class NotTextError(ArticleError):
    """The file is binary or not UTF-8 encoded."""


class ArticleTooLargeError(ArticleError):
    """The file is larger than the configured limit."""


class NoArticlesError(ArticleError):
    """A folder holds no .txt or .md file."""
