"""Cleaning: remove web furniture, keep every sentence of the story, and remember where it was.

The cleaned text is a concatenation of slices of the input (line breaks included), never a
rewrite, so each character maps back to the input through ``Provenance.offsets``.

What is removed (and why it is safe): the headline line and its repeat (kept as ``title``);
before the story starts, share/follow prompts, "Short Url", date stamps ("Updated 14 September
2024", "Updated 4 sec ago"), and photo captions ending in a credit ("… (Reuters)"); anywhere,
lines that are only a prompt from ``FURNITURE_LINES`` or a photo credit; the dateline prefix of
the first paragraph (kept as ``dateline``); a closing agency sign-off (kept as ``credits``).
Bullet points before the story ("What you need to know", "• …") stay as text without their
bullet marks and are marked as ``summary`` spans. Captions, player chrome, links to other
stories and reader prompts inside the story (``documents.furniture``) stay as text, each line
its own sentence, and are marked as ``furniture`` spans: stored, never coded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .furniture import furniture_kind
from .metadata import (
    KNOWN_AGENCIES,
    Dateline,
    looks_like_headline,
    parse_date_line,
    parse_date_text,
    parse_dateline,
    parse_signoff,
    split_glued_headline,
)

__all__ = [
    "FURNITURE_LINES",
    "CleanedText",
    "Line",
    "clean_text",
    "is_caption",
    "is_page_marker",
    "normalise_line",
    "split_lines",
]

# Whole lines that are page chrome, compared case-folded without end punctuation.
FURNITURE_LINES: frozenset[str] = frozenset(
    {
        "short url",
        "follow",
        "follow us",
        "share",
        "share this",
        "share this article",
        "share this story",
        "share on facebook",
        "share on twitter",
        "share via email",
        "tweet",
        "email",
        "print",
        "copy link",
        "link copied",
        "advertisement",
        "ad",
        "skip to content",
        "read more",
        "related",
        "related articles",
        "related stories",
        "related content",
        "comments",
        "subscribe",
        "sign up",
        "listen",
        "listen to this article",
        "save",
        "whatsapp",
        "facebook",
        "twitter",
        "linkedin",
        "telegram",
        "reddit",
        "more",
        "close",
        "continue reading",
        "continue reading the main story",
        "supported by",
        "toggle caption",
        "hide caption",
        "enlarge this image",
        "image",
        "photo",
        "video",
        "play video",
        # CNN's promo, the whole text of two news_cluster records.
        "chat with us in facebook messenger. find out what's happening in the world as it unfolds",
    }
)
# A stamp line before the story: "Updated 14 September 2024", "Xinhua | Updated: 2017-09-15",
# "Published 3 hours ago". At most 70 characters after the verb: a stamp is a date and a time,
# longer lines are prose that starts with "Updated".
_STAMP_RE = re.compile(
    r"(?:(?P<by>[^|\n]{1,40}?)\s*\|\s*)?(?:last\s+|first\s+)?"
    r"(?:updated|published|posted|modified|last modified)\b.{0,70}",
    re.IGNORECASE,
)
# A caption before the story ends with a parenthesised photo credit: "… Shoigu. (Reuters)".
_CAPTION_CREDIT_RE = re.compile(r"\((?P<credit>[^()]{1,60})\)\s*$")
_PHOTO_CREDIT_PREFIXES = ("photo", "file", "image", "getty", "ap photo", "reuters/", "afp/", "epa")
# A photo-credit line anywhere: "Photo: Reuters", "Image copyright Getty Images". 200 characters:
# longer lines are prose that merely starts with the word.
_PHOTO_LINE_RE = re.compile(
    r"(?:(?:image|photo|picture|video)\s*(?:copyright|caption|credit|source)?\s*:|"
    r"image (?:copyright|caption)|(?:photo|picture)\s+credit\b).{0,200}"
    r"|.{0,120}(?:getty images|/ap|ap photo|afp/getty images|/reuters)\)?",
    re.IGNORECASE,
)
_TRAILER_RE = re.compile(
    r"\(?(?:additional\s+)?(?:reporting|writing|editing|compiled)\s+by\b.{0,300}", re.IGNORECASE
)
_BULLET_RE = re.compile(r"[•·▪●◦‣∙*\-–—]\s+")
_SUMMARY_HEADINGS = frozenset(
    {
        "what you need to know",
        "key points",
        "highlights",
        "in brief",
        "at a glance",
        "summary",
        "the latest",
        "key developments",
        "quick read",
        "in short",
    }
)
_LIVE_RE = re.compile(r"\b(?:updates|live|as it happened)\b", re.IGNORECASE)
_LINE_BREAK_RE = re.compile(r"\r\n|[\n\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the input: ``start``/``end`` bound its text without surrounding spaces;
    ``newline_at`` is the input offset of its line-break character (None at the end)."""

    start: int
    end: int
    text: str
    newline_at: int | None


def split_lines(source: str, start: int = 0, end: int | None = None) -> list[Line]:
    """Split ``source[start:end]`` into lines with their input offsets."""
    stop = len(source) if end is None else end
    lines: list[Line] = []
    position = start
    while position < stop:
        match = _LINE_BREAK_RE.search(source, position, stop)
        line_end = match.start() if match else stop
        newline_at = (match.end() - 1) if match else None
        raw = source[position:line_end]
        stripped_left = len(raw) - len(raw.lstrip())
        text = raw.strip()
        first = position + stripped_left
        lines.append(Line(first, first + len(text), text, newline_at))
        position = match.end() if match else stop
    return lines


def normalise_line(text: str) -> str:
    """Case-folded, whitespace-collapsed, quote-neutral form used to compare lines."""
    text = text.translate(str.maketrans("‘’“”", "''\"\""))
    return " ".join(text.split()).casefold().strip(" .:!?\"'")


@dataclass(frozen=True, slots=True)
class CleanedText:
    """The result of cleaning one article region: text, offset runs and what was read off it."""

    text: str
    offsets: tuple[tuple[int, int, int], ...]
    summary: tuple[tuple[int, int], ...]
    furniture: tuple[tuple[int, int], ...]
    headline: str | None
    published: date | None
    dateline: Dateline | None
    credits: tuple[str, ...]
    live_blog: bool


@dataclass(slots=True)
class _Piece:
    start: int
    end: int
    summary: bool
    separators: tuple[int, ...]  # input offsets of the line breaks placed before this piece
    furniture: bool = False


class _Builder:
    """Collects kept line slices and the line breaks between them."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.pieces: list[_Piece] = []
        self._last_kept: Line | None = None
        self._blank_since: Line | None = None

    def blank(self, line: Line) -> None:
        if self._last_kept is not None and self._blank_since is None:
            self._blank_since = line

    def keep(
        self,
        line: Line,
        start: int | None = None,
        *,
        summary: bool = False,
        furniture: bool = False,
    ) -> None:
        first = line.start if start is None else start
        if first >= line.end:
            return
        separators: tuple[int, ...] = ()
        if self._last_kept is not None and self._last_kept.newline_at is not None:
            separators = (self._last_kept.newline_at,)
            blank = self._blank_since
            if blank is not None and blank.newline_at is not None:
                separators += (blank.newline_at,)
        self.pieces.append(_Piece(first, line.end, summary, separators, furniture))
        self._last_kept = line
        self._blank_since = None

    def drop_last(self) -> _Piece | None:
        return self.pieces.pop() if self.pieces else None

    def build(
        self,
    ) -> tuple[
        str,
        tuple[tuple[int, int, int], ...],
        tuple[tuple[int, int], ...],
        tuple[tuple[int, int], ...],
    ]:
        """The text, its offset runs, its summary spans and its furniture spans."""
        parts: list[str] = []
        runs: list[list[int]] = []
        summary: list[tuple[int, int]] = []
        furniture: list[tuple[int, int]] = []
        length = 0

        def add(start: int, end: int) -> None:
            nonlocal length
            if runs and runs[-1][1] + runs[-1][2] == start:
                runs[-1][2] += end - start
            else:
                runs.append([length, start, end - start])
            parts.append(self.source[start:end])
            length += end - start

        for index, piece in enumerate(self.pieces):
            if index > 0:
                for at in piece.separators:
                    add(at, at + 1)
            begin = length
            add(piece.start, piece.end)
            if piece.summary:
                if summary and summary[-1][1] >= begin - len(piece.separators):
                    summary[-1] = (summary[-1][0], length)
                else:
                    summary.append((begin, length))
            if piece.furniture:
                furniture.append((begin, length))
        return (
            "".join(parts),
            tuple((r[0], r[1], r[2]) for r in runs),
            tuple(summary),
            tuple(furniture),
        )


def is_caption(text: str) -> bool:
    """Whether a line is a photo caption ending in a credit ("… Shoigu. (Reuters)")."""
    match = _CAPTION_CREDIT_RE.search(text)
    if match is None or match.start() == 0:
        return False
    credit = match.group("credit").strip().casefold()
    return credit in KNOWN_AGENCIES or credit.startswith(_PHOTO_CREDIT_PREFIXES)


def _is_furniture(text: str) -> bool:
    key = normalise_line(text)
    return key in FURNITURE_LINES or (
        len(text) <= 240 and _PHOTO_LINE_RE.fullmatch(text) is not None
    )


def is_page_marker(text: str) -> bool:
    """Whether a line is page chrome that follows a web headline ("Short Url", "Follow",
    "Updated 4 sec ago"): the splitter takes a headline followed by such lines as a new article.
    """
    return normalise_line(text) in FURNITURE_LINES or _STAMP_RE.fullmatch(text) is not None


def _headline(lines: list[Line], title: str | None) -> tuple[int, str | None, date | None]:
    """Index of the first line after a headline, the headline, and a date glued to it."""
    content = [index for index, line in enumerate(lines) if line.text]
    if not content:
        return 0, None, None
    first = lines[content[0]]
    has_more = len(content) > 1
    glued = split_glued_headline(first.text)
    if title is not None:
        wanted = normalise_line(title)
        # The title's repeat is dropped only when a story follows it: a wire flash whose text
        # is its headline ("DEMOCRATS WIN CONTROL OF SENATE: AP") keeps it.
        if normalise_line(first.text) == wanted and has_more:
            return content[0] + 1, None, None
        if glued is not None and normalise_line(glued.headline) == wanted and has_more:
            return content[0] + 1, None, glued.published
        return content[0], None, None
    if glued is not None and has_more:
        return content[0] + 1, glued.headline, glued.published
    if has_more and looks_like_headline(first.text):
        return content[0] + 1, first.text, None
    return content[0], None, None


def clean_text(
    source: str, start: int = 0, end: int | None = None, *, title: str | None = None
) -> CleanedText:
    """Clean the article in ``source[start:end]``; ``title`` is the headline a record gave.

    Without a ``title``, a short first line is taken as the headline. The result's offsets are
    offsets into ``source`` itself.
    """
    lines = split_lines(source, start, end)
    first_index, headline, published = _headline(lines, title)
    repeat = normalise_line(title if title is not None else headline or "")
    builder = _Builder(source)
    credits: list[str] = []
    dateline: Dateline | None = None
    in_header = True
    summary_heading = False
    for line in lines[first_index:]:
        text = line.text
        if not text:
            builder.blank(line)
            continue
        if in_header:
            key = normalise_line(text)
            repeated = key == repeat and bool(builder.pieces or line is not lines[first_index])
            if repeated or _is_furniture(text) or is_caption(text):
                continue
            if furniture_kind(text) is not None:  # a caption before the story: still header
                builder.keep(line, furniture=True)
                continue
            stamp = _STAMP_RE.fullmatch(text)
            if stamp is not None or (len(text) <= 60 and parse_date_line(text) is not None):
                published = published or parse_date_text(text)
                by = stamp.group("by") if stamp is not None else None
                if by and by.strip().casefold() in KNOWN_AGENCIES:
                    credits.append(by.strip())
                continue
            if key in _SUMMARY_HEADINGS:
                summary_heading = True
                builder.keep(line, summary=True)
                continue
            bullet = _BULLET_RE.match(text)
            if bullet is not None:
                builder.keep(line, line.start + bullet.end(), summary=True)
                continue
            in_header = False
            dateline = parse_dateline(text)
            if dateline is not None:
                if dateline.agency:
                    credits.append(dateline.agency)
                builder.keep(line, line.start + dateline.length)
                continue
        if _is_furniture(text):
            continue
        builder.keep(line, furniture=furniture_kind(text) is not None)
    # Closing sign-offs and reporting trailers, last line first ("sri/rc (AFP, AP, dpa, Reuters)"),
    # looked for above the page's closing links and prompts ("Read or Share this story: …").
    trailing: list[_Piece] = []
    while builder.pieces and builder.pieces[-1].furniture:
        trailing.append(builder.pieces.pop())
    while builder.pieces:
        last = builder.pieces[-1]
        closing = source[last.start : last.end]
        names = parse_signoff(closing)
        if names is not None:
            credits.extend(names)
        elif _TRAILER_RE.fullmatch(closing) is None:
            break
        builder.drop_last()
    builder.pieces.extend(reversed(trailing))
    text, offsets, summary, furniture = builder.build()
    unique_credits = tuple(dict.fromkeys(credits))
    live = summary_heading or bool(headline and _LIVE_RE.search(headline))
    return CleanedText(
        text=text,
        offsets=offsets,
        summary=summary,
        furniture=furniture,
        headline=headline,
        published=published,
        dateline=dateline,
        credits=unique_credits,
        live_blog=live,
    )
