"""The knowledge base: actors, their names, dated roles, sector vocabulary and memberships.

A :class:`KnowledgeBase` is built in *layers*: the shipped data is layer 0 and every user or
imported dictionary adds a layer on top. Within one layer a name may point to several actors
(that is an ambiguity the resolver reports as unresolved); a later layer that defines a name
replaces what earlier layers said about that name, and a later record with the same actor id
replaces the earlier record. Once loaded, a knowledge base is only read.

Actor ids (stable across dates): a state is its ISO3 code (``"RUS"``), a state's sector is the
CAMEO code (``"RUSMIL"``), an international organisation is ``"IGO-<key>"`` (``"IGO-NATO"``),
another organisation ``"org/<key>"``, a region its CAMEO region code (``"WST"``), a person
``"person/<slug>"`` (``"person/sergei-shoigu"``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

__all__ = [
    "SECTOR_LABELS",
    "ActorRecord",
    "DictionaryProblem",
    "KnowledgeBase",
    "Membership",
    "NameEntry",
    "Role",
    "Vocabulary",
    "fold",
    "normalise_office",
    "slug",
]

SECTOR_LABELS: dict[str, str] = {
    "GOV": "government",
    "MIL": "military",
    "COP": "police",
    "JUD": "judiciary",
    "LEG": "legislature",
    "OPP": "opposition",
    "REB": "rebels",
    "MED": "media",
    "BUS": "business",
    "NGO": "NGOs",
    "CVL": "civilians",
    "EDU": "education",
    "HLH": "health",
    "LAB": "labour",
    "ELI": "elites",
    "AGR": "agriculture",
}
"""CAMEO sector codes and the words used to name a state's sector actor ("Russia military")."""

# Letters that Unicode decomposition leaves alone but news text often writes without the mark.
_FOLD_EXTRA = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "ı": "i", "ß": "ss"})
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """The case-, accent- and spacing-insensitive key of a name ("Radosław" → "radoslaw")."""
    if text.isascii():
        # Most names are plain ASCII: no quotes to unify and nothing to decompose. This path
        # halves the cost of resolving a phrase (benchmarks/actors_resolve.py).
        return _SPACE.sub(" ", text).strip().casefold()
    text = text.translate(_QUOTES).translate(_FOLD_EXTRA)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACE.sub(" ", text).strip().casefold()


def slug(text: str) -> str:
    """A lowercase ASCII slug for ids (``"Kim Jong-un"`` → ``"kim-jong-un"``)."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


@dataclass(frozen=True, slots=True)
class DictionaryProblem:
    """One line of a dictionary that could not be loaded, and why. The rest of the file loads."""

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Role:
    """An office held from ``start`` (inclusive) to ``end`` (exclusive; None = still held).

    ``code`` is the CAMEO code while the role is held (``"RUSGOV"``, ``"IGOWSTNAT"``).
    """

    code: str
    office: str
    start: date | None = None
    end: date | None = None
    country: str | None = None
    sector: str | None = None

    def active_on(self, day: date) -> bool:
        """True when the role was held on ``day``."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """One actor of the knowledge base, with its dated roles (people) and where it came from.

    ``code`` is the code outside any role: a state's ISO3, an organisation's IGO code, a
    person's country plus baseline sector (``"USABUS"``) or just the country.
    """

    actor_id: str
    name: str
    kind: str
    code: str
    country: str | None = None
    sector: str | None = None
    roles: tuple[Role, ...] = ()
    gender: str | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class NameEntry:
    """What one written name points to.

    ``sector`` narrows a state to one of its sectors (``"the Kremlin"`` → GOV); ``context``
    lists states one of which must already be mentioned for the name to apply (``"the North"``
    in a Korean story); ``short`` marks a second-reference form such as a surname.
    """

    actor_id: str
    sector: str | None = None
    context: tuple[str, ...] = ()
    short: bool = False
    source: str = field(default="", compare=False)
    """Where the name was defined (``"metonyms.yaml:6"``), for explanations; not compared,
    so the same name defined twice for the same actor stays one entry."""


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """A sector word: a group noun (``office`` None: "navy") or a person's title ("minister")."""

    sector: str
    office: str | None = None


@dataclass(frozen=True, slots=True)
class Membership:
    """A state's membership of an organisation, from ``joined`` to ``left`` (exclusive)."""

    organisation: str
    country: str
    joined: date | None = None
    left: date | None = None

    def active_on(self, day: date) -> bool:
        """True when the state was a member on ``day``."""
        return (self.joined is None or self.joined <= day) and (
            self.left is None or day < self.left
        )


@dataclass
class _Layered:
    layer: int
    entries: list[NameEntry] = field(default_factory=list)


class KnowledgeBase:
    """Actors and the names, vocabulary and memberships that lead to them.

    Build with :func:`eventwire.actors.load_knowledge_base`; read with :meth:`record`,
    :meth:`lookup`, :meth:`lookup_folded`, :meth:`vocabulary`, :meth:`members`,
    :meth:`office_holders`. ``problems`` lists every dictionary line that did not load.
    """

    def __init__(self) -> None:
        self.records: dict[str, ActorRecord] = {}
        self._names: dict[str, _Layered] = {}
        self._folded: dict[str, _Layered] = {}
        self._vocabulary: dict[str, tuple[int, Vocabulary]] = {}
        self._members: dict[str, list[Membership]] = {}
        self._offices: dict[tuple[str, str], list[tuple[str, Role]]] = {}
        self.problems: list[DictionaryProblem] = []
        self.layer = 0

    # -- building --------------------------------------------------------------------------
    def new_layer(self) -> int:
        """Start a layer whose names override those of earlier layers; returns its number."""
        self.layer += 1
        return self.layer

    def add_record(self, record: ActorRecord) -> None:
        """Add or replace an actor (same id: the newer record wins)."""
        self.records[record.actor_id] = record
        for role in record.roles:
            if role.country is not None:
                key = (role.country, normalise_office(role.office))
                self._offices.setdefault(key, []).append((record.actor_id, role))

    def add_name(self, name: str, entry: NameEntry) -> None:
        """Point a written name at an actor, in the current layer."""
        name = name.strip()
        if not name:
            return
        for index, key in ((self._names, name), (self._folded, fold(name))):
            slot = index.get(key)
            if slot is None or slot.layer < self.layer:
                index[key] = _Layered(self.layer, [entry])
            elif entry not in slot.entries:
                slot.entries.append(entry)

    def add_vocabulary(self, phrase: str, vocabulary: Vocabulary) -> None:
        """Add a sector word (matched case-insensitively); a later layer overrides."""
        key = fold(phrase)
        old = self._vocabulary.get(key)
        if old is None or old[0] <= self.layer:
            self._vocabulary[key] = (self.layer, vocabulary)

    def add_membership(self, membership: Membership) -> None:
        """Record a state's membership of an organisation."""
        self._members.setdefault(membership.organisation, []).append(membership)

    def report(self, problem: DictionaryProblem) -> None:
        """Record a dictionary line that did not load."""
        self.problems.append(problem)

    # -- reading ---------------------------------------------------------------------------
    def record(self, actor_id: str) -> ActorRecord | None:
        """The actor with this id, or None."""
        return self.records.get(actor_id)

    def lookup(self, name: str) -> list[NameEntry]:
        """Entries for a name written exactly so (case-sensitive)."""
        slot = self._names.get(name.strip())
        return list(slot.entries) if slot else []

    def lookup_folded(self, name: str) -> list[NameEntry]:
        """Entries for a name, ignoring case, accents and spacing."""
        slot = self._folded.get(fold(name))
        return list(slot.entries) if slot else []

    def names(self) -> Iterable[tuple[str, list[NameEntry]]]:
        """Every exact name with its entries (for building matchers)."""
        return ((name, slot.entries) for name, slot in self._names.items())

    def vocabulary(self, phrase: str) -> Vocabulary | None:
        """The sector word for a phrase, or None."""
        hit = self._vocabulary.get(fold(phrase))
        return hit[1] if hit else None

    def vocabulary_phrases(self) -> Iterable[str]:
        """Every sector phrase (folded)."""
        return self._vocabulary.keys()

    def members(self, organisation: str, on_date: date | None = None) -> list[str]:
        """ISO3 codes of the members of an organisation key (``"NATO"``) on a date (None: ever)."""
        found = self._members.get(organisation, [])
        return sorted({m.country for m in found if on_date is None or m.active_on(on_date)})

    def memberships(self, organisation: str) -> list[Membership]:
        """The membership records of an organisation key."""
        return list(self._members.get(organisation, []))

    def office_holders(self, country: str, office: str, on_date: date) -> list[str]:
        """Ids of the people who held ``office`` in ``country`` on ``on_date``."""
        found = self._offices.get((country, normalise_office(office)), [])
        return sorted({pid for pid, role in found if role.active_on(on_date)})

    def __len__(self) -> int:
        return len(self.records)


_OFFICE_SPELLING = (("defense", "defence"), ("premier", "prime minister"))


def normalise_office(office: str) -> str:
    """One spelling per office, so "Defense Minister" and "defence minister" compare equal."""
    text = fold(office)
    for variant, canonical in _OFFICE_SPELLING:
        text = text.replace(variant, canonical)
    return text
