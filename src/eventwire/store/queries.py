"""The reads of the store: pandas DataFrames by default, Arrow tables with ``arrow=True``.

The analysis logic lives in ``eventwire.analysis`` as functions over the DuckDB connection;
these methods delegate to them, so the CLI, the Python API and the web app share one core.

>>> store = eventwire.open("eventwire.duckdb")            # doctest: +SKIP
>>> store.dyad("RUS", "PRK", freq="month")                # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import duckdb

from ..analysis._sql import Freq, event_day_sql, fetch
from ..analysis.articles import ArticleFilter, select_articles
from ..analysis.brief import Briefing, build_briefing
from ..analysis.changes import ChangeKind, WeeklyChanges, weekly_changes
from ..analysis.dyads import actor_series, dyad_series
from ..analysis.filters import EventFilter, EventScope, scoped, select_events
from ..analysis.networks import Level, network
from ..analysis.records import (
    ArticleRecord,
    EventPage,
    EventRecord,
    SortKey,
    actor_known,
    article_record,
    event_record,
    page_events,
)
from ..analysis.timelines import TimelinePage, timeline, timeline_counterparts, timeline_page

__all__ = ["COUNTED_TABLES", "StoreQueries"]

# The tables ``counts`` reports, in the order of the data flow.
COUNTED_TABLES = (
    "articles",
    "sentences",
    "mentions",
    "quotes",
    "event_mentions",
    "events",
    "actors",
    "rejected_inputs",
    "runs",
)


class StoreQueries:
    """Read methods of ``Store`` (mixed in); every table-returning method takes ``arrow``."""

    con: duckdb.DuckDBPyConnection

    def query(self, sql: str, params: Sequence[Any] = (), *, arrow: bool = False) -> Any:
        """Any SQL over the store's tables (see docs/analysis.md for the schema)."""
        return fetch(self.con, sql, params, arrow)

    def events(
        self, where: EventFilter | None = None, *, arrow: bool = False, **filters: Any
    ) -> Any:
        """Merged events, asserted only by default; filters as an ``EventFilter`` or as its
        fields (``store.events(country="USA", since=date(2019, 1, 1), modality=None)``;
        ``min_confidence=0.3`` keeps the events whose calibrated confidence is at least 0.3)."""
        selection = where or EventFilter(**filters)
        return select_events(self.con, selection, arrow=arrow)

    def timeline(
        self,
        actor: str,
        scope: EventScope | None = None,
        *,
        newest_first: bool = False,
        arrow: bool = False,
        **fields: Any,
    ) -> Any:
        """Every event ``actor`` (id, code or country) took part in, oldest first (or
        ``newest_first``), within an ``EventScope`` or its fields (``modality``, ``since``,
        ``until``, ``min_confidence``: ``store.timeline("PRK", min_confidence=0.3)``)."""
        return timeline(
            self.con, actor, scoped(scope, fields), newest_first=newest_first, arrow=arrow
        )

    def timeline_page(
        self,
        actor: str,
        scope: EventScope | None = None,
        *,
        newest_first: bool = False,
        offset: int = 0,
        limit: int = 50,
        **fields: Any,
    ) -> TimelinePage:
        """One page of ``timeline`` (same order) and the number of its events in all."""
        return timeline_page(
            self.con,
            actor,
            scoped(scope, fields),
            newest_first=newest_first,
            offset=offset,
            limit=limit,
        )

    def counterparts(
        self, actor: str, scope: EventScope | None = None, *, limit: int = 20, **fields: Any
    ) -> list[dict[str, Any]]:
        """The actors ``actor`` dealt with most (asserted events by default): events and mean
        Goldstein per counterpart code, most events first."""
        return timeline_counterparts(self.con, actor, scoped(scope, fields), limit=limit)

    def dyad(
        self,
        a: str,
        b: str,
        freq: Freq = "month",
        scope: EventScope | None = None,
        *,
        directed: bool = False,
        arrow: bool = False,
        **fields: Any,
    ) -> Any:
        """Events between ``a`` and ``b`` per period: counts by quad class, Goldstein sum and
        mean, and each count as a share of all events of the period. ``min_confidence``
        selects the events counted; ``all_events`` stays every event of the period."""
        return dyad_series(
            self.con, a, b, scoped(scope, fields), freq=freq, directed=directed, arrow=arrow
        )

    def actor_series(
        self,
        actor: str,
        freq: Freq = "month",
        scope: EventScope | None = None,
        *,
        arrow: bool = False,
        **fields: Any,
    ) -> Any:
        """Like ``dyad`` for every event ``actor`` took part in."""
        return actor_series(self.con, actor, scoped(scope, fields), freq=freq, arrow=arrow)

    def network(
        self,
        scope: EventScope | None = None,
        *,
        level: Level = "country",
        include_self: bool = False,
        arrow: bool = False,
        **fields: Any,
    ) -> Any:
        """Directed edges weighted by events and mean Goldstein (see ``analysis.networks``),
        of the events of an ``EventScope`` or its fields (``store.network(since=date(2024, 1,
        1), min_confidence=0.3)``)."""
        return network(
            self.con, scoped(scope, fields), level=level, include_self=include_self, arrow=arrow
        )

    def changes(
        self,
        week: date | None = None,
        *,
        by: ChangeKind = "country",
        modality: str | None = "asserted",
        min_confidence: float | None = None,
        limit: int | None = None,
    ) -> WeeklyChanges:
        """What changed in the week holding ``week`` (default: ``default_week``) by country, dyad or
        PLOVER category, against the 4 and 52 weeks before (``analysis.changes``); the first
        ``limit`` rows (None: all) and how many there are."""
        return weekly_changes(
            self.con, week, by=by, modality=modality, min_confidence=min_confidence, limit=limit
        )

    def brief(
        self,
        day: date | None = None,
        *,
        since: date | None = None,
        until: date | None = None,
        min_confidence: float | None = None,
        max_stories: int | None = None,
    ) -> Briefing:
        """The briefing of a day (default: the latest article's) or a period: "What you need
        to know" and one section per story, each line citing its events and sentences
        (``eventwire.analysis.brief.build_briefing``)."""
        return build_briefing(
            self.con,
            day,
            since=since,
            until=until,
            min_confidence=min_confidence,
            max_stories=max_stories,
        )

    def event_page(
        self,
        where: EventFilter | None = None,
        *,
        offset: int = 0,
        limit: int = 50,
        sort: SortKey = "day",
        descending: bool = False,
    ) -> EventPage:
        """One sorted page of the events ``where`` selects, with their total."""
        return page_events(
            self.con, where, offset=offset, limit=limit, sort=sort, descending=descending
        )

    def event(self, event_id: str) -> EventRecord:
        """One merged event with every report of it (article, sentence, spans)."""
        return event_record(self.con, event_id)

    def article(self, article_id: str) -> ArticleRecord:
        """One article with its text, event mentions and actor mentions."""
        return article_record(self.con, article_id)

    def knows_actor(self, name: str) -> bool:
        """Whether ``name`` is an actor id, code or country the store has events or mentions
        of."""
        return actor_known(self.con, name)

    def actors(self, *, arrow: bool = False) -> Any:
        """Every actor seen: id, name, kind, country, usual code and sector, how many merged
        events (any modality) and mentions it has, and its first and last event day (undated
        background events have none: ``analysis._sql.event_day_sql``)."""
        return self.query(
            """
            SELECT a.actor_id, a.name, a.kind, a.country, a.code, a.sector,
                   coalesce(ev.events, 0) AS events, coalesce(mn.mentions, 0) AS mentions,
                   ev.first_day, ev.last_day
            FROM actors a
            LEFT JOIN (
                SELECT actor_id, count(DISTINCT event_id) AS events,
                       min(day) AS first_day, max(day) AS last_day
                FROM (
                    SELECT source_actor_id AS actor_id, event_id, {day} AS day FROM events
                    UNION ALL
                    SELECT target_actor_id, event_id, {day} FROM events
                ) GROUP BY actor_id
            ) ev USING (actor_id)
            LEFT JOIN (SELECT actor_id, count(*) AS mentions FROM mentions GROUP BY actor_id) mn
                USING (actor_id)
            ORDER BY events DESC, mentions DESC, a.actor_id
            """.replace("{day}", event_day_sql("date_start", "date_value", "first_reported")),
            arrow=arrow,
        )

    def reporting_start(self) -> date | None:
        """The earliest publication date of a stored article (None when none is dated)."""
        row = self.con.execute("SELECT min(published) FROM articles").fetchone()
        return row[0] if row and row[0] is not None else None

    def articles(
        self, where: ArticleFilter | None = None, *, arrow: bool = False, **filters: Any
    ) -> Any:
        """Stored articles (without their text) with the number of event mentions of each,
        oldest first by default; filters as an ``ArticleFilter`` or its fields
        (``store.articles(source="www.rt.com", text="sanctions", order="newest")``)."""
        selection = where or ArticleFilter(**{"order": "oldest", **filters})
        return select_articles(self.con, selection, arrow=arrow)

    def quotes(self, speaker: str | None = None, *, arrow: bool = False) -> Any:
        """Direct quotations with speaker and article date; only ``speaker``'s (actor id, code
        or country) when given."""
        match = ""
        params: list[Any] = []
        if speaker:
            match = "WHERE ? IN (q.speaker_actor_id, q.speaker_code, q.speaker_country)"
            params = [speaker]
        return self.query(
            "SELECT q.quote_id, a.published, q.speaker_name, q.speaker_code, q.speaker_text,"
            " q.text, q.article_id, q.sentence_index, q.start_char, q.end_char"
            f" FROM quotes q JOIN articles a USING (article_id) {match}"
            " ORDER BY a.published NULLS LAST, q.article_id, q.start_char",
            params,
            arrow=arrow,
        )

    def rejected(self, *, arrow: bool = False) -> Any:
        """Inputs that did not become articles, with the reason and the runs that saw them."""
        return self.query("SELECT * FROM rejected_inputs ORDER BY path, record", arrow=arrow)

    def runs(self, *, arrow: bool = False) -> Any:
        """Every ingest run: when, inputs, config hash, package and model versions, counts."""
        return self.query("SELECT * FROM runs ORDER BY started_at", arrow=arrow)

    def counts(self) -> dict[str, int]:
        """Rows per table (``COUNTED_TABLES``)."""
        result: dict[str, int] = {}
        for table in COUNTED_TABLES:
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            result[table] = int(row[0]) if row else 0
        return result
