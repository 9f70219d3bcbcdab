"""Splitting: one input text that holds several web articles becomes several regions.

A new article starts at a headline-like line, after a blank line, that is followed within
``HEADER_WINDOW`` lines by page chrome ("Short Url", "Updated …", "Follow") or by its own repeat
— the shape a saved news page leaves behind (``shared/seeds/003_…`` holds two such articles).
A live blog ("… updates", "What you need to know", then items under sub-headings) has no such
markers between its items and stays one article.
"""

from __future__ import annotations

from .cleaning import Line, is_caption, is_page_marker, normalise_line, split_lines
from .metadata import looks_like_headline, parse_signoff, split_glued_headline

__all__ = ["HEADER_WINDOW", "split_articles"]

# Lines after a headline in which its page chrome must appear: the seeds put the repeat of the
# headline 6 lines below it (caption, Short Url, Updated, Follow, blank lines in between).
HEADER_WINDOW = 8


def _header_end(lines: list[Line], index: int) -> int | None:
    """Index of the last chrome line in the header opened by ``lines[index]``, or None."""
    headline = lines[index].text
    key = normalise_line(headline)
    last: int | None = None
    seen = 0
    for later in range(index + 1, len(lines)):
        text = lines[later].text
        if not text:
            continue
        seen += 1
        if seen > HEADER_WINDOW:
            break
        if normalise_line(text) == key or is_page_marker(text):
            last = later
    return last


def _is_headline(line: Line) -> bool:
    text = line.text
    if parse_signoff(text) is not None or is_caption(text) or is_page_marker(text):
        return False  # the previous article's sign-off or the next one's caption
    return looks_like_headline(text) or split_glued_headline(text) is not None


def split_articles(source: str) -> list[tuple[int, int]]:
    """Half-open ``(start, end)`` regions of ``source``, one per article, covering all of it."""
    lines = split_lines(source)
    starts = [0]
    index = 0
    first = True
    while index < len(lines):
        line = lines[index]
        after_blank = index == 0 or not lines[index - 1].text
        if line.text and (first or after_blank) and _is_headline(line):
            end = _header_end(lines, index)
            if end is not None:
                if not first:
                    starts.append(line.start)
                index = end + 1
                first = False
                continue
        if line.text:
            first = False
        index += 1
    bounds = [*starts, len(source)]
    return [(bounds[i], bounds[i + 1]) for i in range(len(starts))]
