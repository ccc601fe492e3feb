"""medialit: a Jupyter teaching kit on media literacy.

Import what a lesson needs from the modules themselves (``medialit.corpus``,
``medialit.readability``…); this top level stays light so that ``import medialit``
is fast and a learner's first cell never waits.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
