"""One event's whole provenance: the merged event, and every report of it with its article,
sentence and the words each part was coded from. Built once for the CLI's ``event`` command,
briefings and the web app.

>>> event_provenance(store.con, "e3989c15").event["cameo"]   # doctest: +SKIP
'042'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from ..errors import EventwireError
from ._sql import ensure_codebook

__all__ = ["AmbiguousEvent", "EventProvenance", "UnknownEvent", "event_provenance", "find_event"]

# An id prefix shorter than this would match too much to be meant ("e" + 3 hex digits).
MIN_PREFIX = 4


class UnknownEvent(EventwireError):
    """No stored event has this id or id prefix."""


class AmbiguousEvent(EventwireError):
    """Several stored events start with this id prefix; the message lists some of them."""


@dataclass(frozen=True, slots=True)
class EventProvenance:
    """A merged event (its row of ``events`` with the CAMEO label) and its reports (one dict
    per mention: the article's id, title, date, source and URL or file, the sentence, and
    the words of the source, target, trigger, date, place and attribution)."""

    event: dict[str, Any]
    mentions: tuple[dict[str, Any], ...]


def find_event(con: duckdb.DuckDBPyConnection, given: str) -> str:
    """The full id of the event ``given`` names: its id or a unique prefix of it (the short
    ids tables show). Raises :class:`UnknownEvent` or :class:`AmbiguousEvent`."""
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


def _dicts(result: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in result.description or []]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def event_provenance(con: duckdb.DuckDBPyConnection, given: str) -> EventProvenance:
    """The event ``given`` names (an id or a unique prefix) with every report of it, oldest
    article first."""
    event_id = find_event(con, given)
    ensure_codebook(con)
    event = _dicts(
        con.execute(
            """SELECT e.event_id, e.date_value, coalesce(e.date_start, e.first_reported) AS day,
                      e.source_code, e.source_actor_id, e.target_code, e.target_actor_id,
                      e.cameo, c.label AS cameo_label, e.plover_category, e.plover_mode,
                      e.plover_context, e.goldstein, e.quad_class, e.modality,
                      e.location_country, e.num_mentions, e.num_articles, e.num_sources,
                      e.confidence, e.first_reported
               FROM events e LEFT JOIN cameo_codebook c ON c.code = e.cameo
               WHERE e.event_id = ?""",
            [event_id],
        )
    )[0]
    mentions = _dicts(
        con.execute(
            """SELECT m.mention_id, m.article_id, a.published, a.title, a.source,
                      coalesce(a.url, a.path) AS location, a.record, m.sentence_index,
                      m.sentence, m.source_text, m.source_code, m.target_text, m.target_code,
                      m.trigger_text, m.cameo, m.modality, m.attribution_text, m.date_text,
                      m.date_value, m.location_text, m.confidence
               FROM event_mentions m JOIN articles a USING (article_id)
               WHERE m.event_id = ?
               ORDER BY a.published NULLS LAST, m.article_id, m.sentence_index""",
            [event_id],
        )
    )
    return EventProvenance(event, tuple(mentions))
