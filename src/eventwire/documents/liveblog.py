"""Live blogs: the items of a live blog or multi-item page, each with its own heading, time or
date where the page gives one, and offsets into the article text and back into the input file.

A live blog ("Ukraine updates: …", then "What you need to know", then items under sub-headings)
stays one ``Article`` (see ``splitting``): its items share the page's sources and sign-off. Its
items are read off the cleaned text: an item opens at a heading — a short line that does not
end like a sentence, a lead-in or a quotation, starts with a capital, and is followed by body
text — optionally preceded by a date line ("December 4, 2024") or opened by a time ("10:45
GMT", "14:05 CET – …"). Text before the first heading that is not the summary is the intro
item (heading None). The summary block is an item of its own marked ``summary``, so a reader of
the items can skip it as the coder does. An item without its own date keeps the blog's.

>>> items = live_items(article)           # doctest: +SKIP
>>> [(i.heading, i.published) for i in items if not i.summary]  # doctest: +SKIP
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .article import Article
from .metadata import MAX_HEADLINE_CHARS, parse_date_line, parse_dateline

__all__ = ["LiveItem", "live_items"]

# A time opening a heading line: "10:45", "10:45 GMT", "9.30am", then a dash, bar or colon.
_TIME_RE = re.compile(
    r"^(?P<time>\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|CET|CEST|EST|EDT|BST))?)"
    r"\s*(?:[-–—|:]\s*)?",
    re.IGNORECASE,
)
_QUOTES = "\"'“”‘’»«"


@dataclass(frozen=True, slots=True)
class LiveItem:
    """One item of a live blog.

    ``start``/``end``: its half-open span in ``Article.text`` (heading included);
    ``input_start``/``input_end``: the same span in the input (``Provenance.input_span``);
    ``heading``: its heading without a leading time (None for the intro and the summary);
    ``time``: the time the page gives it ("10:45 GMT"), else None; ``published``: its own date
    line's date, else the blog's; ``summary``: the "What you need to know" block."""

    start: int
    end: int
    input_start: int
    input_end: int
    heading: str | None
    time: str | None
    published: date | None
    summary: bool = False


def _is_heading(line: str, following: str | None) -> bool:
    text = line.strip()
    if not text or len(text) > MAX_HEADLINE_CHARS or following is None:
        return False
    if not text[0].isupper() and _TIME_RE.match(text) is None:
        return False
    if text.rstrip(_QUOTES).endswith((".", ",", ";", ":", "?", "!")) or text[-1] in _QUOTES:
        return False
    if len(text.split()) < 3 or parse_dateline(text) is not None:
        return False
    return not _is_heading_shape(following)  # a heading is followed by body text


def _is_heading_shape(line: str) -> bool:
    text = line.strip().rstrip(_QUOTES)
    return not text.endswith((".", "?", "!", ":", ";", ","))


def live_items(article: Article) -> tuple[LiveItem, ...]:
    """The items of ``article`` in text order (one item, the whole text, when it has no
    sub-headings); see the module's docstring."""
    text = article.text
    lines: list[tuple[int, int]] = []
    position = 0
    for raw in text.splitlines(keepends=True):
        lines.append((position, position + len(raw.rstrip("\r\n"))))
        position += len(raw)
    summary_end = max((end for _, end in article.summary), default=0)
    opens: list[tuple[int, str | None, str | None, date | None]] = []
    pending_date: tuple[int, date] | None = None
    nonblank = [(a, b) for a, b in lines if text[a:b].strip()]
    for index, (a, b) in enumerate(nonblank):
        if a < summary_end:
            continue
        line = text[a:b]
        day = parse_date_line(line.strip()) if len(line) <= 60 else None
        if day is not None:
            pending_date = (a, day)
            continue
        following = text[slice(*nonblank[index + 1])] if index + 1 < len(nonblank) else None
        if _is_heading(line, following):
            match = _TIME_RE.match(line.strip())
            time = match["time"].strip() if match and match.end() < len(line.strip()) else None
            title = line.strip()[match.end() :].strip() if time and match else line.strip()
            start, own = (pending_date[0], pending_date[1]) if pending_date else (a, None)
            opens.append((start, title, time, own))
        pending_date = None
    items: list[LiveItem] = []
    if article.summary:
        first, last = article.summary[0][0], summary_end
        items.append(_item(article, first, last, None, None, article.published, summary=True))
    body_start = _skip_blank(text, summary_end)
    if not opens or opens[0][0] > body_start:
        end = opens[0][0] if opens else len(text)
        if text[body_start:end].strip():
            items.append(_item(article, body_start, end, None, None, article.published))
    for n, (start, heading, time, own) in enumerate(opens):
        end = opens[n + 1][0] if n + 1 < len(opens) else len(text)
        items.append(_item(article, start, end, heading, time, own or article.published))
    return tuple(items)


def _skip_blank(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _item(
    article: Article,
    start: int,
    end: int,
    heading: str | None,
    time: str | None,
    published: date | None,
    *,
    summary: bool = False,
) -> LiveItem:
    while end > start and article.text[end - 1].isspace():
        end -= 1
    input_start, input_end = article.provenance.input_span(start, end)
    return LiveItem(start, end, input_start, input_end, heading, time, published, summary)
