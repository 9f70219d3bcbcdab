"""Where the command line prints: one console for reports, one for messages.

What comes from inputs (file names, titles, rejection reasons) is printed as text, never as
the terminal library's markup, and with control characters escaped: a zip member named
``[/bold]`` crashed the command after storing, and ANSI escape codes in titles reached the
terminal raw (issue 15).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.text import Text

__all__ = [
    "PIPE_WIDTH",
    "cell_text",
    "error_console",
    "escape_controls",
    "print_rejections",
    "rejection_line",
    "report_console",
]

# Not a terminal (a pipe, a log file): print tables at a report width, not rich's 80 columns,
# which folds event tables into unreadable columns of three letters.
PIPE_WIDTH = 200

# C0 and C1 control characters (ESC starts ANSI sequences; CR rewrites a line; BEL rings) and
# the Unicode line and paragraph separators, shown as escapes instead of acting on the
# terminal. Tab and line feed are kept where a message is multi-line (see ``escape_controls``).
_CONTROLS = {code: f"\\x{code:02x}" for code in (*range(0x00, 0x20), *range(0x7F, 0xA0))} | {
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def escape_controls(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with control characters written as escapes (``"\\x1b"``)."""
    if text.isprintable():
        return text
    table = dict(_CONTROLS)
    if keep_newlines:
        del table[0x0A]
    return text.translate(table)


def cell_text(value: Any) -> Text:
    """A table cell from any value: plain text, no markup, controls escaped."""
    return Text(escape_controls(str(value)))


def rejection_line(rejection: object) -> Text:
    """One line for a rejected input: the word in red, then the rejection as plain text."""
    return Text.assemble(("rejected", "red"), " ", escape_controls(str(rejection)))


def print_rejections(console: Console, rejections: Iterable[object]) -> None:
    """One line a rejection: red on a terminal; plain text written at once otherwise (rich
    renders 0.15 ms a line: 50,000 rejections took 7.5 s to print into a log)."""
    if console.is_terminal:
        for rejection in rejections:
            console.print(rejection_line(rejection), highlight=False)
        return
    lines = [f"rejected {escape_controls(str(rejection))}\n" for rejection in rejections]
    console.file.write("".join(lines))
    console.file.flush()


def report_console() -> Console:
    """The console for tables and reports on standard output."""
    return Console(width=None if sys.stdout.isatty() else PIPE_WIDTH)


def error_console() -> Console:
    """The console for progress and messages on standard error; a message is one line,
    never folded at the terminal's width (a log keeps one rejection a line)."""
    return Console(stderr=True, soft_wrap=True)
