"""Turning a request's query strings into the library's typed values, with the errors the
handlers answer with 400: bad dates, unknown CAMEO codes, PLOVER categories or actors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from ..analysis.filters import EventFilter, InvalidFilter
from ..errors import EventwireError, UnknownActorCode, UnknownCameoCode
from ..events.ontology import load_ontology
from ..store.merge import timex_interval
from .reader import StoreView

__all__ = [
    "BadRequest",
    "EventQuery",
    "check_actor",
    "parse_day",
    "parse_modality",
]

PLOVER_CATEGORIES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


class BadRequest(EventwireError):
    """A query parameter that cannot be read (answered with 400)."""


def parse_day(value: str | None, name: str, *, end: bool = False) -> date | None:
    """YYYY-MM-DD, or YYYY-MM / YYYY meaning its first (``end``: last) day; None when empty."""
    if value is None or value == "":
        return None
    interval = timex_interval(value) if len(value) >= len("YYYY") else None
    if interval is None or not value[:4].isdigit():
        raise BadRequest(f"{name}: {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    return interval[1] if end else interval[0]


def parse_modality(value: str | None) -> str | None:
    """The modality asked for; ``all`` (or nothing) is every modality."""
    return None if value in (None, "", "all") else value


@cache
def _cameo_codes() -> frozenset[str]:
    return frozenset(entry.code for entry in load_ontology())


def check_cameo(prefix: str) -> str:
    """``prefix`` when some CAMEO code starts with it, else ``UnknownCameoCode``."""
    if not any(code.startswith(prefix) for code in _cameo_codes()):
        raise UnknownCameoCode(f"cameo: no CAMEO code starts with {prefix!r}")
    return prefix


def check_plover(category: str) -> str:
    """The PLOVER category in capitals, or ``BadRequest`` when there is no such category."""
    upper = category.upper()
    if upper not in PLOVER_CATEGORIES:
        raise BadRequest(
            f"plover: {category!r} is not a PLOVER category ({', '.join(PLOVER_CATEGORIES)})"
        )
    return upper


def check_actor(view: StoreView, name: str, what: str = "actor") -> str:
    """``name`` when the store knows it as an actor id, code or country, else an
    ``UnknownActorCode`` (an unknown actor would select nothing and look like "no events")."""
    if not view.knows_actor(name):
        raise UnknownActorCode(
            f"{what}: no actor id, code or country {name!r} in this store"
            " (look a name up at /api/actors/lookup?name=...)"
        )
    return name


@dataclass(frozen=True, slots=True)
class EventQuery:
    """The event filters of a request, as given (strings), before checking."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    country: str | None = None
    location: str | None = None
    cameo: str | None = None
    plover: str | None = None
    quad_class: int | None = None
    modality: str | None = "asserted"
    since: str | None = None
    until: str | None = None
    text: str | None = None
    min_confidence: float | None = None

    def to_filter(self, view: StoreView, default_confidence: float) -> EventFilter:
        """The ``EventFilter`` of these values, each checked (400 on a bad one)."""
        for field, value in (("actor", self.actor), ("source", self.source),
                             ("target", self.target)):  # fmt: skip
            if value:
                check_actor(view, value, field)
        try:
            return EventFilter(
                actor=self.actor or None,
                source=self.source or None,
                target=self.target or None,
                country=self.country.upper() if self.country else None,
                location=self.location.upper() if self.location else None,
                cameo=check_cameo(self.cameo) if self.cameo else None,
                plover=check_plover(self.plover) if self.plover else None,
                quad_class=self.quad_class,
                modality=parse_modality(self.modality),
                since=parse_day(self.since, "since"),
                until=parse_day(self.until, "until", end=True),
                text=self.text or None,
                min_confidence=(
                    default_confidence if self.min_confidence is None else self.min_confidence
                ),
            )
        except InvalidFilter as exc:
            raise BadRequest(str(exc)) from None
