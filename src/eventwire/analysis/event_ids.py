"""Event ids as people type them: tables in narrow terminals show the first 9 characters of an
id, and every command that takes an id accepts such a unique prefix back.

>>> find_event(store.con, "e3989c157")   # doctest: +SKIP
'e3989c157876b26f'
"""

from __future__ import annotations

import duckdb

from ..errors import EventwireError

__all__ = ["MIN_PREFIX", "AmbiguousEvent", "UnknownEvent", "find_event"]

# A prefix shorter than this would match too much to be meant ("e" + 3 hex digits).
MIN_PREFIX = 4


class UnknownEvent(EventwireError):
    """No stored event has this id or id prefix."""


class AmbiguousEvent(EventwireError):
    """Several stored events start with this id prefix; the message lists some of them."""


def find_event(con: duckdb.DuckDBPyConnection, given: str) -> str:
    """The full id of the event ``given`` names: its id or a unique prefix of it. Raises
    :class:`UnknownEvent` or :class:`AmbiguousEvent`."""
    prefix = given.strip().lower()
    if len(prefix) < MIN_PREFIX:
        raise UnknownEvent(
            f"event id {given!r} is too short: give at least {MIN_PREFIX} characters"
        )
    rows = con.execute(
        "SELECT event_id FROM events WHERE starts_with(event_id, ?) ORDER BY event_id LIMIT 6",
        [prefix],
    ).fetchall()
    if not rows:
        raise UnknownEvent(f"no event has the id {given!r}")
    if len(rows) > 1:
        shown = ", ".join(r[0] for r in rows[:5])
        raise AmbiguousEvent(f"event id {given!r} is ambiguous: {shown}…; give more characters")
    return str(rows[0][0])
