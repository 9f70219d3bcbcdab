"""Where the command line prints: one console for reports, one for messages."""

from __future__ import annotations

import sys

from rich.console import Console

__all__ = ["PIPE_WIDTH", "error_console", "report_console"]

# Not a terminal (a pipe, a log file): print tables at a report width, not rich's 80 columns,
# which folds event tables into unreadable columns of three letters.
PIPE_WIDTH = 200


def report_console() -> Console:
    """The console for tables and reports on standard output."""
    return Console(width=None if sys.stdout.isatty() else PIPE_WIDTH)


def error_console() -> Console:
    """The console for progress and messages on standard error."""
    return Console(stderr=True)
