"""Importers for dictionaries our users already own: PETRARCH/Phoenix actor and agent files
and REIGN-style leader lists. Each reads ``(path, kb)`` into the knowledge base's current layer
and records every line it cannot use as a :class:`DictionaryProblem`; the rest loads.

PETRARCH actors (``*.actors.txt``)::

    VLADIMIR_PUTIN_  # comment           an entry: words joined by "_", a trailing "_" ends it
    +PUTIN_                              an alias of the entry above
    \t[RUSGOV 991231-080507]             a code with dates (YYMMDD or YYYYMMDD; ">d" from, "<d" to)
    \t[RUSELI]                           a code without dates: the default outside dated codes
    NATO_ [IGOWSTNAT]                    an entry and its code on one line

PETRARCH agents (``agents.txt``): ``WORD_OR_PHRASE {plurals} [~SECTOR]`` and substitution sets
``!PERSON! = MAN, MEN, ...``. REIGN (latin-1 CSV): ``ccode, leader, sdate/smonth/syear,
emonth/eyear`` (COW country codes, mapped to ISO3 by ``data/cow_codes.csv``).

Names are stored title-cased ("Vladimir Putin") because the component matches names
case-sensitively, as news text writes them.
"""

from __future__ import annotations

import csv
import re
from calendar import monthrange
from datetime import date, timedelta
from pathlib import Path

from eventwire import registry
from eventwire.actors.kb import (
    ActorRecord,
    DictionaryProblem,
    KnowledgeBase,
    NameEntry,
    Role,
    Vocabulary,
    fold,
    slug,
)

__all__ = [
    "import_petrarch_actors",
    "import_petrarch_agents",
    "import_reign_csv",
    "petrarch_name",
    "petrarch_names",
]

_CODE = re.compile(r"\[([^\]]*)\]")
_DATE6 = re.compile(r"^\d{6}$")
_DATE8 = re.compile(r"^\d{8}$")
# Two-digit years: the Phoenix dictionaries (2014) date offices from the 1930s to the 2010s,
# so 30-99 are 19xx and 00-29 20xx; a range that would end before it starts moves its start
# back a century ("331108-730717": 1933 to 1973).
_CENTURY_PIVOT = 30
_CENTURY = 100
_LOWER_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "de", "al", "bin", "von", "van"})
# All-capital words up to this length may be acronyms (UN, NATO, IAEA): kept as a variant.
_ACRONYM_LENGTH = 4
_COW_CODES = Path(__file__).parent / "data" / "cow_codes.csv"


def petrarch_names(raw: str) -> list[str]:
    """The ways news text writes a PETRARCH name: title case, and with short all-capital
    words kept as acronyms when that differs (``"UN_SECRETARY_GENERAL"`` → ``"Un Secretary
    General"``, ``"UN Secretary General"``; ``"U.N._"`` → ``"U.N."``)."""
    words = [w for w in raw.strip().strip("_").replace("_", " ").split() if w]
    titled: list[str] = []
    acronyms: list[str] = []
    for index, word in enumerate(words):
        lower = word.lower()
        if index and lower in _LOWER_WORDS:
            form = lower
        else:
            form = "-".join(part.capitalize() for part in lower.split("-"))
        titled.append(form)
        dotted = "." in word and word.replace(".", "").isalpha()
        short = len(word) <= _ACRONYM_LENGTH and word.isalpha()
        acronyms.append(word if dotted or short else form)
    names = [" ".join(titled), " ".join(acronyms)]
    return list(dict.fromkeys(n for n in names if n))


def petrarch_name(raw: str) -> str:
    """``"RUSSIAN_PRESIDENT_VLADIMIR_V._PUTIN_"`` → ``"Russian President Vladimir V. Putin"``."""
    return petrarch_names(raw)[0] if petrarch_names(raw) else ""


def _petrarch_date(text: str) -> date:
    if _DATE8.match(text):
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    if _DATE6.match(text):
        year = int(text[:2])
        year += 1900 if year >= _CENTURY_PIVOT else 2000
        return date(year, int(text[2:4]), int(text[4:]))
    raise ValueError(f"bad date {text!r} (expected YYMMDD or YYYYMMDD)")


def _petrarch_role(code_text: str) -> Role:
    """``"RUSGOV 991231-080507"`` → a Role (ValueError on a malformed code or date)."""
    parts = re.sub(r"([<>])\s+", r"\1", code_text).split()  # "[EGYGOV > 140608]" occurs
    if not parts or not re.fullmatch(r"[A-Z~]{3,15}", parts[0]):
        raise ValueError(f"bad code [{code_text}]")
    code = parts[0]
    start: date | None = None
    end: date | None = None
    if len(parts) > 2:
        raise ValueError(f"bad code [{code_text}]")
    if len(parts) == 2:
        span = parts[1]
        if span.startswith(">"):
            start = _petrarch_date(span[1:])
        elif span.startswith("<"):
            end = _petrarch_date(span[1:])
        else:
            first, sep, last = span.partition("-")
            if not sep:
                raise ValueError(f"bad date range {span!r}")
            start, end = _petrarch_date(first), _petrarch_date(last) + timedelta(days=1)
            if start >= end and len(first) == len("YYMMDD"):
                start = start.replace(year=start.year - _CENTURY)
    country = code[:3] if len(code) >= 3 and not code.startswith("IGO") else None
    sector = code[3:6] or None if country else None
    return Role(code, "", start, end, country, sector)


class _Entry:
    """An actor entry being read: its names, codes and first line."""

    def __init__(self, names: list[str], line: int) -> None:
        self.names = list(names)
        self.line = line
        self.roles: list[Role] = []


def _flush(entry: _Entry | None, path: Path, kb: KnowledgeBase) -> int:
    if entry is None:
        return 0
    if not entry.roles:
        kb.report(DictionaryProblem(str(path), entry.line, f"entry {entry.names[0]!r} has no code"))
        return 0
    dated = tuple(r for r in entry.roles if r.start or r.end)
    undated = [r for r in entry.roles if not (r.start or r.end)]
    default = undated[-1] if undated else None
    name = entry.names[0]
    is_person = bool(dated)
    source = f"{path.name}:{entry.line}"
    if not is_person and default is not None:
        code = default.code
        if default.country and kb.record(default.country) is not None and len(code) == 3:
            # A country's alias list ("+KABUL_" under "AFGHANISTAN_ [AFG]"): names of the state.
            for alias in entry.names:
                kb.add_name(alias, NameEntry(default.country, source=source))
            return 1
    actor_id = f"{'person' if is_person else 'group'}/petrarch-{slug(name)}"
    base = default.code if default else ""
    kb.add_record(
        ActorRecord(
            actor_id,
            name,
            "person" if is_person else ("igo" if base.startswith("IGO") else "group"),
            base,
            default.country if default else None,
            default.sector if default else None,
            dated,
            source=source,
        )
    )
    for alias in entry.names:
        kb.add_name(alias, NameEntry(actor_id, source=source))
    return 1


def import_petrarch_actors(path: Path, kb: KnowledgeBase) -> None:
    """Load a PETRARCH/Phoenix actors dictionary (see the module docstring for the format)."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        kb.report(DictionaryProblem(str(path), 0, f"cannot read: {exc}"))
        return
    entry: _Entry | None = None
    for number, raw in enumerate(lines, start=1):
        text = raw.split("#", 1)[0].rstrip()
        if not text.strip():
            continue
        stripped = text.strip()
        codes = _CODE.findall(stripped)
        if "[" in stripped and stripped.count("[") != len(codes):
            kb.report(DictionaryProblem(str(path), number, f"unbalanced brackets: {stripped!r}"))
            continue
        head = _CODE.sub("", stripped).strip()
        if stripped.startswith("+"):
            if entry is None:
                kb.report(DictionaryProblem(str(path), number, "alias before any entry"))
                continue
            entry.names.extend(petrarch_names(head[1:]))
        elif head and not stripped.startswith("["):
            _flush(entry, path, kb)
            entry = _Entry(petrarch_names(head), number)
        elif entry is None:
            kb.report(DictionaryProblem(str(path), number, "code before any entry"))
            continue
        for code_text in codes:
            try:
                role = _petrarch_role(code_text)
            except ValueError as exc:
                kb.report(DictionaryProblem(str(path), number, str(exc)))
                continue
            if entry is not None:
                entry.roles.append(role)
    _flush(entry, path, kb)


def import_petrarch_agents(path: Path, kb: KnowledgeBase) -> None:
    """Load a PETRARCH agents dictionary as sector vocabulary (``[~GOV]`` → sector GOV)."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        kb.report(DictionaryProblem(str(path), 0, f"cannot read: {exc}"))
        return
    substitutions: dict[str, list[str]] = {}
    for number, raw in enumerate(lines, start=1):
        text = raw.split("#", 1)[0].strip()
        if not text:
            continue
        if text.startswith("!") and "=" in text:
            key, _, listed = text.partition("=")
            substitutions[key.strip()] = [v.strip() for v in listed.split(",") if v.strip()]
            continue
        codes = _CODE.findall(text)
        head = re.sub(r"\{[^}]*\}", "", _CODE.sub("", text)).strip()
        if len(codes) != 1 or not codes[0].startswith("~") or not head:
            kb.report(DictionaryProblem(str(path), number, f"not 'PHRASE [~CODE]': {text!r}"))
            continue
        sector = codes[0][1:].strip()
        if not re.fullmatch(r"[A-Z]{3,12}", sector):
            kb.report(DictionaryProblem(str(path), number, f"bad agent code {codes[0]!r}"))
            continue
        phrases = [head]
        for key, values in substitutions.items():
            if key in head:
                phrases = [p.replace(key, value) for p in phrases for value in values]
        unknown = re.search(r"![A-Z]+!", " ".join(phrases))
        if unknown:
            kb.report(DictionaryProblem(str(path), number, f"unknown set {unknown.group()}"))
            continue
        for phrase in phrases:
            words = phrase.replace("_", " ").strip().lower()
            if words:
                kb.add_vocabulary(words, Vocabulary(sector))


def _cow_table() -> dict[str, str]:
    with _COW_CODES.open(encoding="utf-8", newline="") as handle:
        return {row["cow"]: row["iso3"] for row in csv.DictReader(handle)}


def _month_end(year: int, month: int) -> date:
    return date(year, month, monthrange(year, month)[1]) + timedelta(days=1)


def import_reign_csv(path: Path, kb: KnowledgeBase) -> None:
    """Load a REIGN leader list (latin-1 CSV) as heads of state/government with dated spells.

    REIGN gives surnames only ("Putin") and an end month without a day, so a spell ends at the
    end of its month. Leaders the knowledge base already knows by that surname in that country
    are not added again (our own entries carry full names and offices).
    """
    cow = _cow_table()
    try:
        handle = path.open(encoding="latin-1", newline="")
    except OSError as exc:
        kb.report(DictionaryProblem(str(path), 0, f"cannot read: {exc}"))
        return
    with handle:
        reader = csv.DictReader(handle)
        needed = {"ccode", "leader", "sdate", "smonth", "syear", "emonth", "eyear"}
        missing = needed - set(reader.fieldnames or ())
        if missing:
            kb.report(DictionaryProblem(str(path), 1, f"missing columns {sorted(missing)}"))
            return
        for row in reader:
            number = reader.line_num
            iso = cow.get((row["ccode"] or "").strip())
            leader = (row["leader"] or "").strip()
            if iso is None or kb.record(iso) is None:
                reason = f"no current state for COW code {row['ccode']!r} ({leader})"
                kb.report(DictionaryProblem(str(path), number, reason))
                continue
            try:
                start = date(int(row["syear"]), int(row["smonth"]), int(row["sdate"]))
                end = (
                    _month_end(int(row["eyear"]), int(row["emonth"]))
                    if (row["eyear"] or "").strip()
                    else None
                )
            except ValueError as exc:
                kb.report(DictionaryProblem(str(path), number, f"bad date: {exc}"))
                continue
            if not leader:
                kb.report(DictionaryProblem(str(path), number, "no leader name"))
                continue
            _add_reign_leader(kb, path, number, iso, leader, start, end)


def _add_reign_leader(
    kb: KnowledgeBase,
    path: Path,
    number: int,
    iso: str,
    leader: str,
    start: date,
    end: date | None,
) -> None:
    surname = leader.split()[-1]
    for entry in kb.lookup(surname):
        record = kb.record(entry.actor_id)
        if record is not None and record.kind == "person" and record.country == iso:
            return  # already known, with a full name and offices
    actor_id = f"person/reign-{iso.lower()}-{slug(leader)}"
    old = kb.record(actor_id)
    role = Role(iso + "GOV", "head of state or government", start, end, iso, "GOV")
    roles = (*old.roles, role) if old is not None else (role,)
    source = f"{path.name}:{number}"
    kb.add_record(ActorRecord(actor_id, leader, "person", iso, iso, None, roles, source=source))
    kb.add_name(leader, NameEntry(actor_id, source=source))
    if fold(surname) != fold(leader):
        kb.add_name(surname, NameEntry(actor_id, short=True, source=source))


registry.actor_dictionaries.register(
    "eventwire.actors.petrarch_actors.v1", func=import_petrarch_actors
)
registry.actor_dictionaries.register(
    "eventwire.actors.petrarch_agents.v1", func=import_petrarch_agents
)
registry.actor_dictionaries.register("eventwire.actors.reign_csv.v1", func=import_reign_csv)
