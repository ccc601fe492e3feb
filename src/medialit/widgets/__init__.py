"""Widgets: the only part of the kit that knows about a screen.

Import from the submodules (`medialit.widgets.browser`…) so that each one loads
only the front-end code it needs.
"""
