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
- ``events.event_day``: ``coalesce(date_start, first_reported)``, the day every query uses.
- ``events.source_side`` / ``target_side``: ids into ``event_sides``, one row per distinct
  (actor id, code, country) of a side, numbered in (country, code, actor id) order. A name
  given by a user (actor id, code or country) becomes the few ids it names; events are
  written in the Z-order of (source_side, target_side), then by day, so DuckDB's zonemaps
  skip every row group the ids cannot be in, on either side. (Sorted by source side first,
  a target-side match still read 78 of 82 row groups of the 10 M-event benchmark: 442 of
  the 514 ms of ``timeline("C150")``.)
- ``event_day_totals``: events per day and modality, the denominators of the dyad's shares.
"""

from __future__ import annotations

import duckdb

__all__ = ["EVENT_COLUMNS", "SIDE_ORDER", "rewrite_events", "z_order"]

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
# DATEADDED and SOURCEURL; undated articles last). ``{summary}`` names the merge's summary.
_MERGED = """
    CREATE OR REPLACE TEMP TABLE eventwire_merged AS
    SELECT s.event_id, m.source_code, m.target_code, m.source_actor_id, m.target_actor_id,
        m.source_country, m.target_country, m.cameo, m.plover_category, m.plover_mode,
        m.plover_context, m.goldstein, m.quad_class, m.modality, m.date_value,
        m.date_granularity, m.date_start, m.date_end, m.location_country, m.lat, m.lon,
        s.num_mentions, s.num_articles, s.num_sources, s.conf AS confidence,
        s.rep AS first_mention_id, f.published AS first_reported,
        f.article_id AS first_article_id, coalesce(m.date_start, f.published) AS event_day,
        m.source_name, m.target_name, m.sentence, m.article_id AS sentence_article_id
    FROM {summary} s
    JOIN event_mentions m ON m.mention_id = s.rep
    LEFT JOIN (
        SELECT r.event_id, min(a.published) AS published,
               first(a.article_id ORDER BY a.published NULLS LAST, a.article_id) AS article_id
        FROM event_mentions r JOIN articles a USING (article_id)
        GROUP BY r.event_id
    ) f ON f.event_id = s.event_id
"""

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

_DAY_TOTALS = """
    INSERT INTO event_day_totals
    SELECT event_day, modality, count(*) FROM eventwire_merged
    WHERE event_day IS NOT NULL
    GROUP BY ALL
"""


def rewrite_events(con: duckdb.DuckDBPyConnection, summary: str) -> None:
    """Replace ``events``, ``event_sides`` and ``event_day_totals`` by the merged events of
    ``summary`` (a table or view of ``event_id, rep, num_mentions, num_articles,
    num_sources, conf``; ``rep`` is the representative mention's id).

    Run it inside the caller's transaction, once ``event_mentions.event_id`` holds the new
    assignment (the earliest report is read through it).
    """
    con.execute(_MERGED.format(summary=summary))
    try:
        for table in ("events", "event_sides", "event_day_totals"):
            con.execute(f"DELETE FROM {table}")
        con.execute(_SIDES)
        con.execute(_EVENTS)
        con.execute(_DAY_TOTALS)
    finally:
        con.execute("DROP TABLE IF EXISTS eventwire_merged")
