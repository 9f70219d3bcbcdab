"""Exports of the merged events: CSV, Parquet, JSON Lines, and GDELT 2.0's event table.

Every export carries what it was made with — the package, DuckDB and schema versions, the
codebook's digest, the filter, and the versions of every ingest run behind the data — in a
sidecar ``PATH.meta.json``; Parquet also carries it in its file metadata (key
``eventwire``). Columns are described one by one in docs/analysis.md.

>>> export_events(store.con, "events.parquet", "parquet")   # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import duckdb
import pyarrow as pa

from ..errors import EventwireError
from ..versions import package_version
from ._sql import EVENT_DAY, codebook_digest, ensure_codebook, has_query_tables
from .filters import EventFilter

__all__ = [
    "EXPORT_FORMATS",
    "GDELT_COLUMNS",
    "ExportFailed",
    "ExportFormat",
    "ExportResult",
    "export_events",
    "export_metadata",
]

ExportFormat = Literal["csv", "parquet", "jsonl", "gdelt"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("csv", "parquet", "jsonl", "gdelt")
METADATA_KEY = "eventwire"
SIDECAR_SUFFIX = ".meta.json"
# The temporary table of the events an export selects (``_export_rows``).
_CHOSEN = "eventwire_export_events"


class ExportFailed(EventwireError):
    """An export could not be written (bad path, unknown format...)."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote: the data file, its sidecar, the format and the number of rows."""

    path: Path
    metadata_path: Path
    format: ExportFormat
    rows: int


_EVENTS_SQL = f"""
    SELECT e.event_id, {EVENT_DAY} AS day, e.date_value, e.date_granularity, e.date_start,
           e.date_end,
           e.source_actor_id, e.source_code, {{rep}}.source_name, e.source_country,
           r.source_sector,
           e.target_actor_id, e.target_code, {{rep}}.target_name, e.target_country,
           r.target_sector,
           e.cameo, c.label AS cameo_label, e.plover_category, e.plover_mode, e.plover_context,
           e.goldstein, e.quad_class, e.modality, r.attribution_code,
           r.location_text, e.location_country, e.lat, e.lon,
           e.num_mentions, e.num_articles, e.num_sources, e.confidence,
           e.first_reported, e.first_article_id, coalesce(a.url, a.path) AS source_url,
           {{rep}}.sentence, {{sentence_article}} AS sentence_article_id
    FROM {{events}} e
    JOIN event_mentions r ON r.mention_id = e.first_mention_id
    LEFT JOIN articles a ON a.article_id = e.first_article_id
    LEFT JOIN cameo_codebook c ON c.code = e.cameo
    WHERE {{where}}
    ORDER BY day NULLS LAST, e.event_id
"""


def _actor(n: int, side: str) -> list[str]:
    return [
        f"e.{side}_code AS Actor{n}Code",
        f"{{rep}}.{side}_name AS Actor{n}Name",
        f"e.{side}_country AS Actor{n}CountryCode",
        f"CAST(NULL AS VARCHAR) AS Actor{n}KnownGroupCode",
        f"CAST(NULL AS VARCHAR) AS Actor{n}EthnicCode",
        f"CAST(NULL AS VARCHAR) AS Actor{n}Religion1Code",
        f"CAST(NULL AS VARCHAR) AS Actor{n}Religion2Code",
        f"r.{side}_sector AS Actor{n}Type1Code",
        f"CAST(NULL AS VARCHAR) AS Actor{n}Type2Code",
        f"CAST(NULL AS VARCHAR) AS Actor{n}Type3Code",
    ]


def _geo(prefix: str, known: bool) -> list[str]:
    if not known:  # we do not geolocate actors, only where an event took place
        return [
            f"CAST(NULL AS INTEGER) AS {prefix}_Type",
            f"CAST(NULL AS VARCHAR) AS {prefix}_FullName",
            f"CAST(NULL AS VARCHAR) AS {prefix}_CountryCode",
            f"CAST(NULL AS VARCHAR) AS {prefix}_ADM1Code",
            f"CAST(NULL AS VARCHAR) AS {prefix}_ADM2Code",
            f"CAST(NULL AS DOUBLE) AS {prefix}_Lat",
            f"CAST(NULL AS DOUBLE) AS {prefix}_Long",
            f"CAST(NULL AS VARCHAR) AS {prefix}_FeatureID",
        ]
    # GDELT geo types: 1 country, 4 world city (a point); 0 would be "no location".
    return [
        f"CASE WHEN e.lat IS NOT NULL THEN 4 WHEN e.location_country IS NOT NULL THEN 1 END"
        f" AS {prefix}_Type",
        f"r.location_text AS {prefix}_FullName",
        f"e.location_country AS {prefix}_CountryCode",
        f"CAST(NULL AS VARCHAR) AS {prefix}_ADM1Code",
        f"CAST(NULL AS VARCHAR) AS {prefix}_ADM2Code",
        f"e.lat AS {prefix}_Lat",
        f"e.lon AS {prefix}_Long",
        f"CAST(NULL AS VARCHAR) AS {prefix}_FeatureID",
    ]


_GDELT_SELECT = [
    "e.event_id AS GlobalEventID",
    f"CAST(strftime({EVENT_DAY}, '%Y%m%d') AS INTEGER) AS Day",
    f"CAST(strftime({EVENT_DAY}, '%Y%m') AS INTEGER) AS MonthYear",
    f"year({EVENT_DAY}) AS Year",
    # GDELT: year plus the fraction of the year elapsed, over 365 days, to four places.
    f"round(year({EVENT_DAY}) + (dayofyear({EVENT_DAY}) - 1) / 365.0, 4) AS FractionDate",
    *_actor(1, "source"),
    *_actor(2, "target"),
    "CAST(coalesce(s.first_sentence = 0, FALSE) AS INTEGER) AS IsRootEvent",
    "e.cameo AS EventCode",
    "left(e.cameo, 3) AS EventBaseCode",
    "left(e.cameo, 2) AS EventRootCode",
    "e.quad_class AS QuadClass",
    "e.goldstein AS GoldsteinScale",
    "e.num_mentions AS NumMentions",
    "e.num_sources AS NumSources",
    "e.num_articles AS NumArticles",
    "CAST(NULL AS DOUBLE) AS AvgTone",
    *_geo("Actor1Geo", known=False),
    *_geo("Actor2Geo", known=False),
    *_geo("ActionGeo", known=True),
    "CAST(strftime(e.first_reported, '%Y%m%d') || '000000' AS BIGINT) AS DATEADDED",
    "coalesce(a.url, a.path) AS SOURCEURL",
]
# The 61 columns of a GDELT 2.0 event export file, in GDELT's order.
GDELT_COLUMNS: tuple[str, ...] = tuple(item.rsplit(" AS ", 1)[1] for item in _GDELT_SELECT)

_GDELT_SQL = f"""
    SELECT {", ".join(_GDELT_SELECT)}
    FROM {{events}} e
    JOIN event_mentions r ON r.mention_id = e.first_mention_id
    LEFT JOIN articles a ON a.article_id = e.first_article_id
    LEFT JOIN (SELECT event_id, min(sentence_index) AS first_sentence FROM event_mentions
               WHERE {{mentions_of}} GROUP BY event_id) s ON s.event_id = e.event_id
    WHERE {{where}}
    ORDER BY {EVENT_DAY} NULLS LAST, e.event_id
"""


def export_metadata(
    con: duckdb.DuckDBPyConnection,
    fmt: ExportFormat,
    where: EventFilter,
    columns: list[str],
    rows: int,
) -> dict[str, Any]:
    """What an export was made with: versions, codebook digest, filter, and the ingest runs."""
    schema = con.execute("SELECT max(version) FROM schema_migrations").fetchone()
    runs = con.execute(
        "SELECT package_version, model, model_version, config_hash, count(*) AS runs,"
        " min(started_at) AS first_run, max(started_at) AS last_run"
        " FROM runs GROUP BY ALL ORDER BY first_run"
    ).fetchall()
    chosen = {
        f.name: str(getattr(where, f.name))
        for f in dataclasses.fields(where)
        if getattr(where, f.name) != f.default
    }
    return {
        "format": fmt,
        "rows": rows,
        "columns": columns,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "filter": chosen,
        "modality": where.modality or "all",
        "versions": {
            "eventwire": package_version(),
            "duckdb": duckdb.__version__,
            "schema": schema[0] if schema else None,
        },
        "codebook": {
            "table": "eventwire/events/data/cameo.csv",
            "sha256": codebook_digest(),
            "cameo": "CAMEO 1.1b3 with ICEWS variant codes",
            "plover": "PLOVER draft 0.8 (2021), via the published CAMEO conversion",
        },
        "ingest_runs": [
            {
                "package_version": r[0],
                "model": r[1],
                "model_version": r[2],
                "config_hash": r[3],
                "runs": r[4],
                "first_run": str(r[5]),
                "last_run": str(r[6]),
            }
            for r in runs
        ],
    }


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _export_rows(con: duckdb.DuckDBPyConnection, template: str, selection: EventFilter) -> pa.Table:
    """The rows of ``template`` (``_EVENTS_SQL`` or ``_GDELT_SQL``) for the events
    ``selection`` selects.

    On a store at schema migration 4 or later the events are selected as ``select_events``
    selects them (``EventFilter.indexed_where``: pruned scans by side id and stored day, joined
    with UNION ALL), the representative report's names, sentence and article are the event's
    own, and only the selected events' mentions are read for GDELT's ``IsRootEvent``; the
    straightforward query matches names on every event and groups every mention. Both still
    join the representative mention for what the events do not carry (sectors, attribution,
    place name)."""
    if not has_query_tables(con):
        condition, params = selection.where()
        sql = template.format(
            events="events",
            where=condition,
            mentions_of="TRUE",
            rep="r",
            sentence_article="r.article_id",
        )
        return con.execute(sql, params).to_arrow_table()
    conditions, params = selection.indexed_where(con)
    chosen = " UNION ALL ".join(f"SELECT e.* FROM events e WHERE {c}" for c in conditions)
    # A table, not a subquery: DuckDB then knows how few the events are and hashes them, not
    # the 10 M mentions, for the join (with a subquery it hashed the mentions: 2.9 s of
    # operator time for an export of 2,446 events on the 10 M-event benchmark).
    con.execute(f"CREATE OR REPLACE TEMP TABLE {_CHOSEN} AS {chosen}", params * len(conditions))
    try:
        sql = template.format(
            events=_CHOSEN,
            where="TRUE",
            mentions_of=f"event_id IN (SELECT event_id FROM {_CHOSEN})",
            rep="e",
            sentence_article="e.sentence_article_id",
        )
        return con.execute(sql).to_arrow_table()
    finally:
        con.execute(f"DROP TABLE IF EXISTS {_CHOSEN}")


def export_events(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    fmt: ExportFormat,
    where: EventFilter | None = None,
) -> ExportResult:
    """Write the merged events ``where`` selects (asserted only by default) to ``path`` in
    ``fmt``, with the sidecar ``PATH.meta.json``. GDELT files are tab-separated without a
    header, as GDELT's own; the column names are in the sidecar and in ``GDELT_COLUMNS``."""
    if fmt not in EXPORT_FORMATS:
        raise ExportFailed(f"unknown format {fmt!r} (one of {', '.join(EXPORT_FORMATS)})")
    selection = dataclasses.replace(where or EventFilter(), limit=None)
    ensure_codebook(con)
    template = _GDELT_SQL if fmt == "gdelt" else _EVENTS_SQL
    table = _export_rows(con, template, selection)
    target = Path(path)
    sidecar = target.with_name(target.name + SIDECAR_SUFFIX)
    meta = export_metadata(con, fmt, selection, list(table.column_names), table.num_rows)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "parquet":
            import pyarrow.parquet as pq

            tagged = table.replace_schema_metadata(
                {**(table.schema.metadata or {}), METADATA_KEY: json.dumps(meta)}
            )
            pq.write_table(tagged, target)
        else:
            options = {
                "csv": "FORMAT csv, HEADER true",
                "jsonl": "FORMAT json",
                "gdelt": "FORMAT csv, DELIMITER '\t', HEADER false",
            }[fmt]
            con.register("export_rows", table)
            try:
                con.execute(f"COPY export_rows TO {_literal(str(target))} ({options})")
            finally:
                con.unregister("export_rows")
        sidecar.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    except (OSError, duckdb.Error) as exc:
        raise ExportFailed(f"cannot write {target}: {exc}") from None
    return ExportResult(path=target, metadata_path=sidecar, format=fmt, rows=table.num_rows)
