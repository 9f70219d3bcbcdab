"""Metadata from the text itself: publication dates, datelines, agency sign-offs, headlines.

Dates are read with explicit patterns (absolute calendar dates only), never with a relative
parser: "Updated 4 sec ago" or "on Thursday, December 5" carry no year and give no date, so an
undated article stays undated.

>>> parse_date_text("Updated 14 September 2024")
datetime.date(2024, 9, 14)
>>> parse_dateline("KUALA LUMPUR, April 1 (AFP) - Malaysian shares fell").place
'KUALA LUMPUR'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = [
    "KNOWN_AGENCIES",
    "MAX_DATELINE_WORDS",
    "MAX_HEADLINE_CHARS",
    "Dateline",
    "GluedHeadline",
    "find_date",
    "looks_like_headline",
    "parse_date_line",
    "parse_date_text",
    "parse_dateline",
    "parse_record_date",
    "parse_signoff",
    "split_glued_headline",
]

# A headline is one line of at most this many characters: the longest title in the three shared
# corpora has 167 characters; longer lines are taken for body paragraphs.
MAX_HEADLINE_CHARS = 200

# Words in a dateline place: "BANDAR SERI BEGAWAN" has 3, "BERLIN/KYIV" 2; a capitalised
# line opening with five or more words ("DEMOCRATS WIN CONTROL OF SENATE: AP") is a flash.
MAX_DATELINE_WORDS = 4

# Agencies recognised in sign-offs and datelines. A parenthesised list at the end of an article
# counts as a sign-off only when every name is here, or when it follows editor initials
# ("sri/rc"), so a closing "(The story was corrected.)" is never taken for credits.
KNOWN_AGENCIES: frozenset[str] = frozenset(
    name.casefold()
    for name in (
        "AFP",
        "AP",
        "dpa",
        "Reuters",
        "KNA",
        "epd",
        "EFE",
        "ANSA",
        "Xinhua",
        "TASS",
        "Interfax",
        "Yonhap",
        "Kyodo",
        "Bloomberg",
        "UPI",
        "IANS",
        "PTI",
        "Anadolu",
        "AA",
        "RIA Novosti",
        "KCNA",
        "APA",
        "SID",
        "Lusa",
        "CNA",
        "Bernama",
        "Antara",
        "WAFA",
        "IRNA",
        "PAP",
        "AP Photo",
        "Associated Press",
        "Agence France-Presse",
        "agencies",
        "wires",
        "CNN",
    )
)

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _number

_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)"
_ORDINAL = r"(?:st|nd|rd|th)?"
_MDY = rf"(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}}){_ORDINAL}\s*,?\s*(?P<y1>(?:19|20)\d\d)"
_DMY = rf"(?P<d2>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<m2>{_MONTH})\.?,?\s+(?P<y2>(?:19|20)\d\d)"
_ISO = r"(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)"
_DATE = rf"(?:{_MDY}|{_DMY}|{_ISO})"
_DATE_RE = re.compile(rf"(?<![\w-]){_DATE}(?![\w-])", re.IGNORECASE)
_TIME = (
    r"(?:[T ,]+\d{1,2}:\d\d(?::\d\d)?(?:\s*(?:am|pm|a\.m\.|p\.m\.))?"
    r"(?:\s*[A-Z]{2,4}|Z|[+-]\d\d:?\d\d)?)?"
)
_DATE_LINE_RE = re.compile(
    rf"\s*(?:(?:last\s+)?(?:updated|published|posted|modified)\s*(?:on|at)?\s*:?\s*)?"
    rf"{_WEEKDAY}?{_DATE}{_TIME}\s*",
    re.IGNORECASE,
)
# Headline glued to its date: "…defense pact takes effectDecember 5, 2024" (a page whose date
# element followed the <h1> with no space), or separated by "|", "-" or a comma.
_GLUED_RE = re.compile(
    rf"(?P<head>.*?\S)[\s|,–—-]*(?P<date>{_WEEKDAY}?{_DATE}){_TIME}\s*$", re.IGNORECASE
)

_PLACE = r"(?P<place>[A-Z][A-Z'’.\-]+(?:[ /][A-Z][A-Z'’.\-]*)*(?:,\s*[A-Z][a-z]{1,5}\.)?)"
_DATELINE_DATE = rf"(?:,\s*(?P<when>(?i:{_MONTH})\.?\s+\d{{1,2}}(?:\s*,\s*(?:19|20)\d\d)?))?"
_AGENCY = r"(?:\s*\((?P<agency>[A-Za-z][A-Za-z .&\-]{0,30})\))?"
_DATELINE_RE = re.compile(
    rf"{_PLACE}{_DATELINE_DATE}{_AGENCY}(?P<sep>\s*(?::|--|—|–|-)\s+|(?<=\))\s+)"
)
_RECORD_DATELINE_RE = re.compile(rf"\s*{_PLACE}{_DATELINE_DATE}{_AGENCY}\s*[:—–-]*\s*")
# Words in capitals that open a paragraph but are not places.
_NOT_PLACES = frozenset(
    {
        "UPDATE",
        "UPDATED",
        "BREAKING",
        "EXCLUSIVE",
        "WATCH",
        "LIVE",
        "ANALYSIS",
        "OPINION",
        "NOTE",
        "EDITOR'S NOTE",
        "CORRECTION",
        "READ",
        "PHOTO",
        "VIDEO",
        "LISTEN",
        "FILE",
        "FLASH",
        "URGENT",
        "Q",
        "A",
    }
)
_SIGNOFF_RE = re.compile(
    r"(?P<initials>[a-z]{1,5}(?:/[a-z]{1,5})+\s*)?"
    r"\((?:with\s+)?(?P<agencies>[A-Za-z][A-Za-z .&\-]*(?:\s*[,;/]\s*[A-Za-z][A-Za-z .&\-]*)*)\)"
    r"\.?"
)
_WIRE_SIGNOFF_RE = re.compile(
    r"(?:[-—–]{1,2}\s*|with\s+|source:\s*)(?P<agencies>[A-Za-z .,&]+)", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline at the start of a story: its place, optional date text and agency.

    ``length`` is how many characters of the line it takes, separator and spaces included, so
    the story text starts right after it.
    """

    place: str
    when: str | None
    agency: str | None
    length: int


@dataclass(frozen=True, slots=True)
class GluedHeadline:
    """A headline line split from a date at its end; ``head_length`` is the headline's length."""

    headline: str
    published: date
    head_length: int


def _build_date(year: str, month: str, day: str) -> date | None:
    month_number = int(month) if month.isdigit() else _MONTHS.get(month.casefold().rstrip("."))
    if month_number is None:
        return None
    try:
        return date(int(year), month_number, int(day))
    except ValueError:
        return None


def _date_from_match(match: re.Match[str]) -> date | None:
    for suffix in ("1", "2", "3"):
        if match.group("y" + suffix):
            return _build_date(
                match.group("y" + suffix), match.group("m" + suffix), match.group("d" + suffix)
            )
    return None


def find_date(text: str) -> date | None:
    """The first absolute calendar date written in ``text`` (with a year), or None."""
    for match in _DATE_RE.finditer(text):
        found = _date_from_match(match)
        if found is not None:
            return found
    return None


def parse_date_text(text: str) -> date | None:
    """The date of a short date-bearing line ("Updated 14 September 2024"), or None.

    Relative stamps ("Updated 4 sec ago") and dates without a year give None.
    """
    return find_date(text)


def parse_date_line(line: str) -> date | None:
    """The date when the whole line is a date stamp ("Friday, January 4, 2019"), else None."""
    match = _DATE_LINE_RE.fullmatch(line)
    return _date_from_match(match) if match else None


def parse_record_date(value: object) -> date | None:
    """A record's date field: ISO ("2017-09-15T00:00:00", "1997-04-01") or written out."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return find_date(text)


def split_glued_headline(line: str) -> GluedHeadline | None:
    """Split "Headline textDecember 5, 2024" into the headline and its date, or None."""
    match = _GLUED_RE.fullmatch(line.strip())
    if match is None:
        return None
    published = _date_from_match(match)
    head = match.group("head").rstrip(" |,–—-")
    if published is None or not head or len(head) > MAX_HEADLINE_CHARS:
        return None
    offset = len(line) - len(line.lstrip())
    return GluedHeadline(headline=head, published=published, head_length=offset + len(head))


def parse_dateline(line: str) -> Dateline | None:
    """The dateline opening a story paragraph ("SEOUL: …", "BERLIN/KYIV: …",
    "KUALA LUMPUR, April 1 (AFP) - …", "LAKE FOREST, Ill. (AP) …"), or None."""
    match = _DATELINE_RE.match(line)
    if match is None:
        return None
    place = match.group("place").strip()
    letters = [c for c in place if c.isalpha()]
    words = re.split(r"[ /]", place.split(",")[0])
    if len(letters) < 3 or len(words) > MAX_DATELINE_WORDS or place.upper() in _NOT_PLACES:
        return None
    if match.end() >= len(line.rstrip()):
        return None  # nothing follows: a heading in capitals, not a dateline
    return Dateline(
        place=place, when=match.group("when"), agency=match.group("agency"), length=match.end()
    )


def parse_record_dateline(value: str) -> Dateline | None:
    """A record's own dateline field ("KUALA LUMPUR, April 1 , 1997 (AFP)"), or None."""
    match = _RECORD_DATELINE_RE.fullmatch(value)
    if match is None:
        return None
    return Dateline(
        place=match.group("place").strip(),
        when=match.group("when"),
        agency=match.group("agency"),
        length=match.end(),
    )


def _split_agencies(text: str) -> tuple[str, ...]:
    names = [name.strip(" .") for name in re.split(r"\s*(?:[,;/]|\band\b)\s*", text)]
    return tuple(name for name in names if name)


def parse_signoff(line: str) -> tuple[str, ...] | None:
    """The agencies credited by a closing sign-off line, or None if the line is not one.

    "sri/rc (AFP, AP, dpa, Reuters)" → ("AFP", "AP", "dpa", "Reuters"); "(Reuters)" and
    "— AFP" count only when every name is a known agency.
    """
    text = line.strip()
    match = _SIGNOFF_RE.fullmatch(text)
    if match is not None:
        names = _split_agencies(match.group("agencies"))
        if names and (match.group("initials") or _all_known(names)):
            return names
        return None
    match = _WIRE_SIGNOFF_RE.fullmatch(text)
    if match is not None:
        names = _split_agencies(match.group("agencies"))
        if names and _all_known(names):
            return names
    return None


def _all_known(names: tuple[str, ...]) -> bool:
    return all(name.casefold() in KNOWN_AGENCIES for name in names)


def looks_like_headline(line: str) -> bool:
    """Whether a line could be a headline: short, and not ending like a sentence or a lead-in."""
    text = line.strip()
    if not text or len(text) > MAX_HEADLINE_CHARS:
        return False
    if text.endswith((".", ",", ";", ":")) and not text.endswith(("..", "etc.")):
        return False
    return parse_dateline(text) is None
