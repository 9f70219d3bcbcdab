"""What merging derives for the reads: ``events`` (with their day, side ids and representative
report, in side order), ``event_sides`` and ``event_day_totals``.

All three are rewritten from the stored mentions in the merge's own transaction, so they are
always exactly as right as the events: an ingest that adds reports to existing dyads and
periods, a re-merge, or a re-ingest that adds nothing leaves them equal to what the
straightforward queries over ``events`` and ``event_mentions`` compute
(tests/store/test_derived.py and tests/analysis/test_indexed_queries.py check it on a small
store, through ingests, a bridging report and a re-ingest).

- ``events.sentence``, ``source_name``, ``target_name``, ``sentence_article_id``: the
  representative report's (``first_mention_id``), so reads need not join ``event_mentions``.
- ``events.event_day``: ``coalesce(date_start, first_reported)``, the day every query uses;
  NULL for undated background (``PAST_REF``), which no series counts
  (``analysis._sql.event_day_sql``).
- ``events.source_side`` / ``target_side``: ids into ``event_sides``, one row per distinct
  (actor id, code, country) of a side, numbered in (country, code, actor id) order. A name
  given by a user (actor id, code or country) becomes the few ids it names; events are
  written in the Z-order of (source_side, target_side), then by day, so DuckDB's zonemaps
  skip every row group the ids cannot be in, on either side. (Sorted by source side first,
  a target-side match still read 78 of 82 row groups of the 10 M-event benchmark: 442 of
  the 514 ms of ``timeline("C150")``.)
- ``event_day_totals``: events per day and modality, the denominators of the dyad's shares.
- ``event_week_counts``: events per week (its Monday), modality, source and target country,
  PLOVER category and confidence step (the largest k of 0-20 with ``confidence >= k/20``),
  of the events whose date lies within one week (an event dated only to a month or a year is
  left out, as the series leave it out: ``analysis.periods``), what the change table of a week
  (``analysis.changes``) counts: it reads 53 weeks of this
  small table, in week order, instead of every event (the events are in side order, so a
  range of days prunes nothing: 0.3-0.8 CPU s a table on 10 M events).
- ``event_range_counts``: the events dated to a range of days (``date_start <> date_end``: a
  week, a month, a year), counted per day, modality, date range, countries, PLOVER category
  and confidence step. Only such an event can be coarser than a period, and the reads leave
  those out of their counts and their denominators (``analysis.periods``): the dyad's shares
  and the change table's "left out" found them by reading every event (a dyad's 50 ms of CPU
  became 190 ms on 10 M events); they read this table instead.

- ``event_keys``: one row per (event, report) with the event's side ids and day, in event id
  order: an event page finds its event by id in a few row groups of this table (DuckDB's
  zonemaps; the events are in side order, so ``events.event_id = ?`` read all 10 M ids of the
  benchmark, 160-210 ms of CPU), then its row in ``events`` by side ids and day (a row group
  or two of the Z-order) and its reports by their primary key.

A full merge rewrites them all (``rewrite_events``). An incremental merge
(``store/merging.py``) replaces only the events whose mentions changed (``update_events``):
their old rows are deleted and the new ones appended at the end of ``events``, in side order
among themselves; a side seen for the first time takes the next free id (``side_ids`` finds it
all the same; only the id range a name covers widens until the next rewrite); a side no event
uses any more is dropped; the day totals move by the difference. The appended tail is not in
side order, so its row groups are read by every query: once it passes
``RESORT_TAIL_FRACTION`` of the table, ``resort_events`` rewrites the events in side order and
numbers the sides densely again, as a full merge would.
"""

from __future__ import annotations

import duckdb

from ..analysis._sql import event_day_sql, has_event_keys, has_range_counts, has_week_counts

__all__ = [
    "CONFIDENCE_STEPS",
    "EVENT_COLUMNS",
    "EVENT_KEYS",
    "RANGE_COUNTS",
    "RESORT_TAIL_FRACTION",
    "SIDE_ORDER",
    "WEEK_COUNTS",
    "resort_events",
    "rewrite_events",
    "update_events",
    "z_order",
]

# Events appended since the last rewrite in side order, as a share of the table, beyond which
# an incremental merge rewrites the table in side order. Every query reads the whole tail
# (its row groups' zonemaps span all side ids): 2 % of 10 M events is under 2 of the 82 row
# groups, against the 8-15 a side's query reads, and tails of 1.3 % and 2.5 % of 7.7 M events
# left dyad and timeline latency within the machine's noise. Re-sorting costs about as much
# as the table is large (38 s for 1.8 M events, 100 s for 7.7 M) and comes once every 2 % of
# growth, so its share of each ingest stays flat (about 0.2-0.3 s a run of 100 articles;
# benchmarks/archive_growth.py, docs/performance.md). A table smaller than 50 events is
# re-sorted by any change.
RESORT_TAIL_FRACTION = 0.02

# The columns of ``events`` in table order (schema migrations 1, 2 and 4).
EVENT_COLUMNS = (
    "event_id",
    "source_code",
    "target_code",
    "source_actor_id",
    "target_actor_id",
    "source_country",
    "target_country",
    "cameo",
    "plover_category",
    "plover_mode",
    "plover_context",
    "goldstein",
    "quad_class",
    "modality",
    "date_value",
    "date_granularity",
    "date_start",
    "date_end",
    "location_country",
    "lat",
    "lon",
    "num_mentions",
    "num_articles",
    "num_sources",
    "confidence",
    "first_mention_id",
    "first_reported",
    "first_article_id",
    "event_day",
    "source_side",
    "target_side",
    "source_name",
    "target_name",
    "sentence",
    "sentence_article_id",
)


def z_order(source: str, target: str) -> str:
    """SQL interleaving the bits of two non-negative INTEGER expressions (Morton order): rows
    close in both stay close, so a range on either one covers few row groups."""

    def spread(column: str) -> str:
        return " | ".join(
            f"(((CAST({column} AS UBIGINT) >> {i}) & 1) << {2 * i})" for i in range(31)
        )

    return f"((({spread(source)}) << 1) | ({spread(target)}))"


# The order events are stored in: Z-order of the side ids, then day and id (total).
SIDE_ORDER = f"{z_order('source_side', 'target_side')}, event_day, event_id"

# One row per merged event, from its representative mention and its earliest report (GDELT's
# DATEADDED and SOURCEURL; undated articles last). ``{summary}`` names the merge's summary;
# ``{only}`` limits the earliest reports to its events (an incremental merge's few).
_MERGED = """
    CREATE OR REPLACE TEMP TABLE eventwire_merged AS
    SELECT s.event_id, m.source_code, m.target_code, m.source_actor_id, m.target_actor_id,
        m.source_country, m.target_country, m.cameo, m.plover_category, m.plover_mode,
        m.plover_context, m.goldstein, m.quad_class, m.modality, m.date_value,
        m.date_granularity, m.date_start, m.date_end, m.location_country, m.lat, m.lon,
        s.num_mentions, s.num_articles, s.num_sources, s.conf AS confidence,
        s.rep AS first_mention_id, f.published AS first_reported,
        f.article_id AS first_article_id, {day} AS event_day,
        m.source_name, m.target_name, m.sentence, m.article_id AS sentence_article_id
    FROM {summary} s
    JOIN event_mentions m ON m.mention_id = s.rep
    LEFT JOIN (
        SELECT r.event_id, min(a.published) AS published,
               first(a.article_id ORDER BY a.published NULLS LAST, a.article_id) AS article_id
        FROM event_mentions r JOIN articles a USING (article_id)
        {only}
        GROUP BY r.event_id
    ) f ON f.event_id = s.event_id
""".replace("{day}", event_day_sql("m.date_start", "m.date_value", "f.published"))

_SIDES = """
    INSERT INTO event_sides
    SELECT row_number() OVER (ORDER BY coalesce(country, code, actor_id) NULLS LAST,
                              country NULLS LAST, code NULLS LAST, actor_id NULLS LAST),
           actor_id, code, country
    FROM (SELECT source_actor_id AS actor_id, source_code AS code, source_country AS country
          FROM eventwire_merged
          UNION
          SELECT target_actor_id, target_code, target_country FROM eventwire_merged)
"""

# The side ids are looked up by the whole (actor id, code, country); a side may be all NULL.
_SIDE_IDS = {"source_side": "s.side_id", "target_side": "t.side_id"}
_EVENTS = f"""
    INSERT INTO events ({", ".join(EVENT_COLUMNS)})
    SELECT {", ".join(_SIDE_IDS.get(c, "m." + c) for c in EVENT_COLUMNS)}
    FROM eventwire_merged m
    JOIN event_sides s ON s.actor_id IS NOT DISTINCT FROM m.source_actor_id
        AND s.code IS NOT DISTINCT FROM m.source_code
        AND s.country IS NOT DISTINCT FROM m.source_country
    JOIN event_sides t ON t.actor_id IS NOT DISTINCT FROM m.target_actor_id
        AND t.code IS NOT DISTINCT FROM m.target_code
        AND t.country IS NOT DISTINCT FROM m.target_country
    ORDER BY {z_order("s.side_id", "t.side_id")}, m.event_day, m.event_id
"""

# The confidence step of an event: the largest k in 0-20 with ``confidence >= k / 20.0``, so
# that ``confidence >= k / 20`` holds exactly when ``step >= k`` (the floor of ``20 * c`` is
# corrected by a comparison where rounding puts it one off); NULL without a confidence.
CONFIDENCE_STEPS = 20
_STEP = (
    "CASE WHEN confidence IS NULL THEN NULL ELSE greatest(0, least(20,"
    " CAST(floor(confidence * 20) AS INTEGER)"
    " + CAST(confidence >= (floor(confidence * 20) + 1) / 20.0 AS INTEGER)"
    " - CAST(confidence < floor(confidence * 20) / 20.0 AS INTEGER))) END"
)
WEEK_COUNTS = f"""
    INSERT INTO event_week_counts
    SELECT CAST(date_trunc('week', event_day) AS DATE) AS week, modality, source_country,
           target_country, plover_category, {_STEP} AS confidence_step, count(*)
    FROM events WHERE event_day IS NOT NULL
        AND (date_start IS NULL OR date_end IS NULL
             OR date_trunc('week', date_start) = date_trunc('week', date_end))  -- a longer
        {{only}}
    GROUP BY ALL ORDER BY week
"""

RANGE_COUNTS = f"""
    INSERT INTO event_range_counts
    SELECT event_day, modality, date_start, date_end, source_country, target_country,
           plover_category, {_STEP} AS confidence_step, count(*)
    FROM events WHERE event_day IS NOT NULL AND date_start <> date_end {{only}}
    GROUP BY ALL ORDER BY event_day
"""

# The key rows of the events ``{events}`` selects (a table, or ``events`` filtered), joined
# to their reports, in event id order (``event_keys``: schema migration 11).
EVENT_KEYS = """
    INSERT INTO event_keys
    SELECT e.event_id, r.mention_id, e.source_side, e.target_side, e.event_day
    FROM {events} e JOIN event_mentions r ON r.event_id = e.event_id
    ORDER BY e.event_id, r.mention_id
"""

_DAY_TOTALS = """
    INSERT INTO event_day_totals
    SELECT event_day, modality, count(*) FROM eventwire_merged
    WHERE event_day IS NOT NULL
    GROUP BY ALL
"""


# The sides of the merged events that ``event_sides`` lacks, numbered after its largest id in
# the same order as ``_SIDES``.
_NEW_SIDES = """
    INSERT INTO event_sides
    SELECT ? + row_number() OVER (ORDER BY coalesce(country, code, actor_id) NULLS LAST,
                                  country NULLS LAST, code NULLS LAST, actor_id NULLS LAST),
           actor_id, code, country
    FROM (SELECT source_actor_id AS actor_id, source_code AS code, source_country AS country
          FROM eventwire_merged
          UNION
          SELECT target_actor_id, target_code, target_country FROM eventwire_merged) n
    WHERE NOT EXISTS (
        SELECT 1 FROM event_sides s
        WHERE s.actor_id IS NOT DISTINCT FROM n.actor_id AND s.code IS NOT DISTINCT FROM n.code
            AND s.country IS NOT DISTINCT FROM n.country)
"""

# How the day totals move: +1 for each appended event, -1 for each removed one.
_DAY_TOTALS_DELTA = """
    INSERT INTO event_day_totals
    SELECT event_day, modality, sum(n) FROM (
        SELECT event_day, modality, 1 AS n FROM eventwire_merged
        UNION ALL
        SELECT event_day, modality, -1 FROM eventwire_removed
    ) WHERE event_day IS NOT NULL
    GROUP BY ALL HAVING sum(n) <> 0
    ON CONFLICT (day, modality) DO UPDATE SET events = events + excluded.events
"""


def rewrite_events(con: duckdb.DuckDBPyConnection, summary: str) -> None:
    """Replace ``events``, ``event_sides`` and ``event_day_totals`` by the merged events of
    ``summary`` (a table or view of ``event_id, rep, num_mentions, num_articles,
    num_sources, conf``; ``rep`` is the representative mention's id).

    Run it inside the caller's transaction, once ``event_mentions.event_id`` holds the new
    assignment (the earliest report is read through it).
    """
    con.execute(_MERGED.format(summary=summary, only=""))
    try:
        for table in ("events", "event_sides", "event_day_totals"):
            con.execute(f"DELETE FROM {table}")
        con.execute(_SIDES)
        con.execute(_EVENTS)
        con.execute(_DAY_TOTALS)
        if has_week_counts(con):
            con.execute("DELETE FROM event_week_counts")
            con.execute(WEEK_COUNTS.format(only=""))
        if has_range_counts(con):
            con.execute("DELETE FROM event_range_counts")
            con.execute(RANGE_COUNTS.format(only=""))
        _rekey_all(con)
    finally:
        con.execute("DROP TABLE IF EXISTS eventwire_merged")


def _recount_weeks(con: duckdb.DuckDBPyConnection) -> None:
    """Count again the weeks of the events just appended (``eventwire_merged``) or removed
    (``eventwire_removed``) in ``event_week_counts``, from ``events`` as they now are."""
    if not has_week_counts(con):
        return
    con.execute(
        "CREATE OR REPLACE TEMP TABLE eventwire_weeks AS"
        " SELECT DISTINCT CAST(date_trunc('week', event_day) AS DATE) AS week FROM"
        " (SELECT event_day FROM eventwire_merged UNION ALL SELECT event_day FROM"
        " eventwire_removed) WHERE event_day IS NOT NULL"
    )
    try:
        weeks = "(SELECT week FROM eventwire_weeks)"
        con.execute(f"DELETE FROM event_week_counts WHERE week IN {weeks}")
        only = f"AND CAST(date_trunc('week', event_day) AS DATE) IN {weeks}"
        con.execute(WEEK_COUNTS.format(only=only))
    finally:
        con.execute("DROP TABLE IF EXISTS eventwire_weeks")


def _recount_ranges(con: duckdb.DuckDBPyConnection) -> None:
    """Count again, in ``event_range_counts``, the days of the events just appended
    (``eventwire_merged``) or removed (``eventwire_removed``), from ``events`` as they now
    are."""
    if not has_range_counts(con):
        return
    con.execute(
        "CREATE OR REPLACE TEMP TABLE eventwire_days AS SELECT DISTINCT event_day FROM"
        " (SELECT event_day FROM eventwire_merged UNION ALL SELECT event_day FROM"
        " eventwire_removed) WHERE event_day IS NOT NULL"
    )
    try:
        days = "(SELECT event_day FROM eventwire_days)"
        con.execute(f"DELETE FROM event_range_counts WHERE event_day IN {days}")
        con.execute(RANGE_COUNTS.format(only=f"AND event_day IN {days}"))
    finally:
        con.execute("DROP TABLE IF EXISTS eventwire_days")


def _rekey_all(con: duckdb.DuckDBPyConnection) -> None:
    """Write ``event_keys`` anew from ``events`` as they now are (after a rewrite: side ids
    may have been numbered again)."""
    if has_event_keys(con):
        con.execute("DELETE FROM event_keys")
        con.execute(EVENT_KEYS.format(events="events"))


def _rekey(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the key rows of the events just removed (``eventwire_removed``) and append those
    of the events just appended (``eventwire_merged``), in id order among themselves: like the
    events' tail, the appended rows are read by every look-up until the next rewrite."""
    if not has_event_keys(con):
        return
    con.execute("DELETE FROM event_keys WHERE event_id IN (SELECT event_id FROM eventwire_removed)")
    # (cast: a merge that appends nothing has an empty summary, whose ids are typed INTEGER)
    appended = (
        "(SELECT * FROM events"
        " WHERE event_id IN (SELECT CAST(event_id AS VARCHAR) FROM eventwire_merged))"
    )
    con.execute(EVENT_KEYS.format(events=appended))


def update_events(con: duckdb.DuckDBPyConnection, summary: str, removed: str) -> int:
    """Delete the events whose ids ``removed`` (a table or view of ``event_id``) lists and
    append the merged events of ``summary`` (as in ``rewrite_events``), keeping
    ``event_sides`` and ``event_day_totals`` exact; return the number of events appended.

    Run it inside the caller's transaction, once ``event_mentions.event_id`` holds the new
    assignment. An event both removed and in ``summary`` (one that gained reports) is
    replaced.
    """
    only = f"WHERE r.event_id IN (SELECT event_id FROM {summary})"
    con.execute(_MERGED.format(summary=summary, only=only))
    try:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE eventwire_removed AS"
            " SELECT event_id, event_day, modality, source_side, target_side FROM events"
            f" WHERE event_id IN (SELECT event_id FROM {removed})"
        )
        con.execute(f"DELETE FROM events WHERE event_id IN (SELECT event_id FROM {removed})")
        row = con.execute("SELECT coalesce(max(side_id), 0) FROM event_sides").fetchone()
        con.execute(_NEW_SIDES, [row[0] if row else 0])
        con.execute(_EVENTS)
        con.execute(_DAY_TOTALS_DELTA)
        con.execute("DELETE FROM event_day_totals WHERE events = 0")
        _recount_weeks(con)
        _recount_ranges(con)
        _rekey(con)
        _drop_unused_sides(con)
        appended = con.execute("SELECT count(*) FROM eventwire_merged").fetchone()
    finally:
        con.execute("DROP TABLE IF EXISTS eventwire_merged")
        con.execute("DROP TABLE IF EXISTS eventwire_removed")
    return int(appended[0]) if appended else 0


def _drop_unused_sides(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the sides of the removed events that no event has any more (a full merge numbers
    only the sides events have). The candidates go in as a list of constants, which DuckDB
    checks against each row group's zonemap, instead of a join that reads every row."""
    rows = con.execute(
        "SELECT source_side FROM eventwire_removed UNION SELECT target_side FROM eventwire_removed"
    ).fetchall()
    if not rows:
        return
    listed = ", ".join(str(int(r[0])) for r in rows)
    used = con.execute(
        f"SELECT source_side FROM events WHERE source_side IN ({listed})"
        f" UNION SELECT target_side FROM events WHERE target_side IN ({listed})"
    ).fetchall()
    unused = {int(r[0]) for r in rows} - {int(r[0]) for r in used}
    if unused:
        con.execute("DELETE FROM event_sides WHERE side_id IN (SELECT unnest(?))", [sorted(unused)])


def resort_events(con: duckdb.DuckDBPyConnection) -> None:
    """Rewrite ``events`` in side order and ``event_sides`` numbered densely, from the events
    as they are (no re-merging): the layout a full merge writes.

    Run it inside the caller's transaction.
    """
    columns = ", ".join(c for c in EVENT_COLUMNS if c not in _SIDE_IDS)
    con.execute(f"CREATE OR REPLACE TEMP TABLE eventwire_merged AS SELECT {columns} FROM events")
    try:
        con.execute("DELETE FROM events")
        con.execute("DELETE FROM event_sides")
        con.execute(_SIDES)
        con.execute(_EVENTS)
        _rekey_all(con)
    finally:
        con.execute("DROP TABLE IF EXISTS eventwire_merged")
