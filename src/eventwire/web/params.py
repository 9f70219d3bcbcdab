"""Turning a request's query strings into the library's typed values.

Nothing is checked here: the library refuses what the command line refuses, with the same
messages (``analysis.filters``: dates, modalities, CAMEO codes and PLOVER categories with a
did-you-mean; ``analysis.names``: actors and countries, by code or by name through the
knowledge base), and the app answers those errors with 400 (``app.status_of``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..analysis.filters import EventFilter, EventScope, parse_day
from ..analysis.names import store_actor, with_actor_keys
from .reader import StoreView

__all__ = ["EventQuery", "actor_key", "event_scope", "parse_day", "parse_modality"]


def parse_modality(value: str | None) -> str | None:
    """The modality asked for; ``all`` (or nothing) is every modality."""
    return None if value in (None, "", "all") else value


def actor_key(view: StoreView, name: str, on_date: date | None = None) -> str:
    """What the store's events are matched on for the actor ``name`` (an id, code or country
    of the store, or a name the knowledge base resolves on ``on_date``); an ``UnknownActor``
    naming the nearest known names otherwise."""
    return store_actor(view.con, name, on_date).key


def event_scope(
    since: str | None,
    until: str | None,
    modality: str | None,
    min_confidence: float | None,
    default_confidence: float,
) -> EventScope:
    """The library's ``EventScope`` of a request's period values (``default_confidence``, the
    config's ``[analysis] min_confidence``, when none is asked for), as the commands build it."""
    return EventScope(
        modality=parse_modality(modality),
        since=parse_day(since, "since"),
        until=parse_day(until, "until", end=True),
        min_confidence=default_confidence if min_confidence is None else min_confidence,
    )


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
        """The library's ``EventFilter`` of these values, with the actors and countries turned
        into what the store's events are matched on (as ``eventwire events`` does)."""
        selection = EventFilter(
            actor=self.actor or None,
            source=self.source or None,
            target=self.target or None,
            country=self.country or None,
            location=self.location or None,
            cameo=self.cameo or None,
            plover=self.plover or None,
            quad_class=self.quad_class,
            modality=parse_modality(self.modality),
            since=parse_day(self.since, "since"),
            until=parse_day(self.until, "until", end=True),
            text=self.text or None,
            min_confidence=(
                default_confidence if self.min_confidence is None else self.min_confidence
            ),
        )
        return with_actor_keys(view.con, selection)
