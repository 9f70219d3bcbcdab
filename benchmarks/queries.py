"""Query latency on a store of 10 million synthetic events: dyads, timelines, events, networks.

    .venv/bin/python benchmarks/queries.py [--events N] [--repeat R] [--keep] [--db PATH]
    .venv/bin/python benchmarks/queries.py --reuse --db PATH [--repeat R]   # a kept store

The store is made by the schema's own migrations and filled in SQL (``range`` and hashes, no
Python loop): N mentions, each one merged event, between 200 countries (a few sectors each),
over 30 years, with CAMEO codes, quad classes, Goldstein scores and modalities (one in ten
alleged) drawn from hashes; the events and the tables the reads use are derived from them by
the merge's own SQL (``eventwire.store.derived.rewrite_events``). Every query is one of the
store's public methods (``Store.dyad``, ``Store.timeline``, ``Store.events``,
``Store.network``) or ``export_events``, run once to warm the cache and then ``--repeat``
times; the medians of the wall-clock and of the process's CPU time (DuckDB's threads included)
are printed, with the load average, since the machine is shared. The database is deleted
afterwards unless ``--keep``; ``--reuse`` times a kept one again without generating it (6–7
minutes for 10 M events).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from eventwire.analysis.export import export_events  # noqa: E402
from eventwire.analysis.filters import EventFilter  # noqa: E402
from eventwire.store import open_store  # noqa: E402
from eventwire.store.derived import rewrite_events  # noqa: E402

# 200 countries named C000..C199; country 0 and 1 are the busy dyad the queries ask about.
_COUNTRIES = 200
_SECTORS = ["GOV", "MIL", "OPP", "BUS", "CVL"]
_CAMEO = ["010", "036", "040", "042", "057", "061", "070", "111", "112", "120", "130", "173", "190"]
_QUAD = {"01": 1, "03": 1, "04": 1, "05": 1, "06": 2, "07": 2, "11": 3, "12": 3, "13": 3,
         "17": 4, "19": 4}  # fmt: skip
_GOLDSTEIN = {"010": 0.0, "036": 4.0, "040": 1.0, "042": 1.9, "057": 8.0, "061": 6.4,
              "070": 7.0, "111": -2.0, "112": -2.0, "120": -4.0, "130": -4.4, "173": -5.0,
              "190": -10.0}  # fmt: skip


def _pick(values: list[str], seed: str) -> str:
    """SQL picking one of ``values`` by a hash of ``seed`` (an SQL expression of ``i``).

    Seeds are strings (``i || 'tag'``): DuckDB's ``hash(i, 'tag')`` combines the two hashes so
    that different tags give correlated values, and every dyad came out a self-dyad."""
    listed = ", ".join(f"'{v}'" for v in values)
    return f"[{listed}][1 + CAST(hash({seed}) % {len(values)} AS BIGINT)]"


def generate(db: Path, events: int) -> float:
    """Create the store at ``db`` with ``events`` synthetic events; return the seconds taken."""
    started = time.perf_counter()
    quad = "CASE " + " ".join(f"WHEN cameo[1:2] = '{k}' THEN {v}" for k, v in _QUAD.items())
    goldstein = "CASE cameo " + " ".join(f"WHEN '{k}' THEN {v}" for k, v in _GOLDSTEIN.items())
    # One country in five events is the busy pair C000/C001, the rest spread over 200 (a skew
    # like real data: a few dyads hold most of the news).
    country = (
        "CASE WHEN hash(i::VARCHAR || '{s}') % 5 = 0"
        " THEN 'C00' || (hash(i::VARCHAR || '{s}b') % 2)::VARCHAR"
        " ELSE 'C' || lpad((hash(i::VARCHAR || '{s}c') % {n})::VARCHAR, 3, '0') END"
    )
    with open_store(db) as store:
        con = store.con
        con.execute(
            f"""
            CREATE TEMP TABLE synthetic AS
            SELECT i,
                   'e' || i::VARCHAR AS event_id,
                   'm' || i::VARCHAR AS mention_id,
                   {country.format(s="s", n=_COUNTRIES)} AS source_country,
                   {country.format(s="t", n=_COUNTRIES)} AS target_country,
                   {_pick(_SECTORS, "i::VARCHAR || 'ss'")} AS source_sector,
                   {_pick(_SECTORS, "i::VARCHAR || 'ts'")} AS target_sector,
                   {_pick(_CAMEO, "i::VARCHAR || 'c'")} AS cameo,
                   DATE '1995-01-01' + CAST(hash(i::VARCHAR || 'd') % 10950 AS INTEGER) AS day,
                   1 + CAST(hash(i::VARCHAR || 'n') % 4 AS INTEGER) AS mentions
            FROM range({events}) r(i)
            """
        )
        con.execute("BEGIN TRANSACTION")
        # Each event's one stored mention carries what the event takes from its
        # representative report; the events and what the reads need are then derived by the
        # store's own merge step (``rewrite_events``), as ``Store.merge_events`` does.
        con.execute(
            f"""
            INSERT INTO event_mentions (mention_id, event_id, article_id, sentence_index,
                sentence, source_actor_id, source_name, source_code, source_country,
                source_sector, target_actor_id, target_name, target_code, target_country,
                target_sector, trigger_text, cameo, goldstein, quad_class, modality, date_value,
                date_granularity, date_start, date_end, confidence, run_id)
            SELECT mention_id, event_id, 'a' || (i // 4)::VARCHAR, 0,
                   'Synthetic sentence number ' || i::VARCHAR || '.',
                   source_country, source_country, source_country || source_sector,
                   source_country, source_sector,
                   target_country, target_country, target_country || target_sector,
                   target_country, target_sector, 'met', cameo, {goldstein} END, {quad} END,
                   CASE WHEN hash(i::VARCHAR || 'mod') % 10 = 0 THEN 'alleged' ELSE 'asserted' END,
                   strftime(day, '%Y-%m-%d'), 'day', day, day, 0.6, 'synthetic'
            FROM synthetic
            """
        )
        con.execute(
            "CREATE TEMP TABLE synthetic_summary AS SELECT event_id, mention_id AS rep,"
            " mentions AS num_mentions, mentions AS num_articles, 1 AS num_sources,"
            " 0.6 AS conf FROM synthetic"
        )
        rewrite_events(con, "synthetic_summary")
        add_articles(con)
        con.execute("COMMIT")
        con.execute("DROP TABLE synthetic")
        con.execute("DROP TABLE synthetic_summary")
        con.execute("CHECKPOINT")
    return time.perf_counter() - started


def add_articles(con: Any) -> int:
    """One stored article for each article id the mentions name (four events each), published
    on the first day of its events, so that what is normalised by news volume (the change
    table of ``eventwire serve``, shares of all events) has articles to count; returns how
    many were added (none when the store has articles already)."""
    row = con.execute("SELECT count(*) FROM articles").fetchone()
    if row and row[0]:
        return 0
    con.execute(
        """
        INSERT INTO articles (article_id, source, title, published, language, text, path,
                              reader, run_id)
        SELECT article_id, 'synthetic', 'Synthetic article ' || article_id, min(date_start),
               'en', 'Synthetic article.', 'synthetic', 'synthetic', 'synthetic'
        FROM event_mentions GROUP BY article_id
        """
    )
    return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])


def _rows(result: Any) -> int:
    return int(result.rows) if hasattr(result, "rows") else len(result)


def _time(call: Callable[[], Any], repeat: int) -> dict[str, float]:
    """Median wall-clock and CPU milliseconds of ``repeat`` calls after one warm-up, and the
    rows returned."""
    rows = _rows(call())
    wall, cpu = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        call()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    return {"median_ms": statistics.median(wall), "median_cpu_ms": statistics.median(cpu),
            "min_ms": min(wall), "rows": rows}  # fmt: skip


def measure(db: Path, repeat: int) -> dict[str, dict[str, float]]:
    """Time the public queries on the store at ``db``."""
    from datetime import date

    results: dict[str, dict[str, float]] = {}
    with open_store(db, read_only=True) as store, tempfile.TemporaryDirectory() as folder:
        exports = Path(folder)
        cases: dict[str, Callable[[], Any]] = {
            "dyad C000-C001 by month": lambda: store.dyad("C000", "C001", freq="month"),
            "dyad C010-C020 by week": lambda: store.dyad("C010", "C020", freq="week"),
            "timeline C150": lambda: store.timeline("C150"),
            # The same as Arrow: tells the query from DuckDB's conversion to pandas.
            "timeline C150, arrow": lambda: store.timeline("C150", arrow=True),
            "timeline C150GOV 2010-2012": lambda: store.timeline(
                "C150GOV", since=date(2010, 1, 1), until=date(2012, 12, 31)
            ),
            "events country=C042 cameo=19, limit 1000": lambda: store.events(
                EventFilter(country="C042", cameo="19", limit=1000)
            ),
            "events source C000 target C001 2001": lambda: store.events(
                EventFilter(
                    source="C000", target="C001", since=date(2001, 1, 1), until=date(2001, 12, 31)
                )
            ),
            "network by country 2001": lambda: store.network(
                since=date(2001, 1, 1), until=date(2001, 12, 31)
            ),
            "network by actor 2001": lambda: store.network(
                since=date(2001, 1, 1), until=date(2001, 12, 31), level="actor"
            ),
            "export parquet, actor C150": lambda: export_events(
                store.con, exports / "c150.parquet", "parquet", EventFilter(actor="C150")
            ),
            "export gdelt, actor C150": lambda: export_events(
                store.con, exports / "c150.tsv", "gdelt", EventFilter(actor="C150")
            ),
        }
        for name, call in cases.items():
            figures = _time(call, repeat)
            results[name] = {**figures, "load_1min": os.getloadavg()[0]}
            print(
                f"{name:45} {figures['median_ms']:9.1f} ms  (CPU {figures['median_cpu_ms']:7.1f}"
                f" ms, min {figures['min_ms']:7.1f} ms, load {os.getloadavg()[0]:4.2f},"
                f" {figures['rows']} rows)",
                flush=True,
            )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", type=Path, help="where to build the store (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse", action="store_true", help="time the existing store at --db, do not generate"
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if args.reuse:
        if args.db is None or not args.db.exists():
            sys.exit("--reuse needs --db naming a store kept by an earlier run")
        with open_store(args.db) as store:  # a store kept before articles were generated
            if added := add_articles(store.con):
                print(f"added {added:,} synthetic articles")
        load = {"start": os.getloadavg()}
        results = measure(args.db, args.repeat)
        load["measured"] = os.getloadavg()
        print(
            "load average (1, 5, 15 min):", {k: [round(x, 2) for x in v] for k, v in load.items()}
        )
        if args.json:
            args.json.write_text(json.dumps({"load_average": load, "queries": results}, indent=2))
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "queries.duckdb"
        if db.exists():
            sys.exit(f"{db} exists; remove it or name another --db")
        # The machine is shared: the load average says how much the figures can be trusted.
        load = {"start": os.getloadavg()}
        seconds = generate(db, args.events)
        size_mb = db.stat().st_size / 2**20
        print(f"generated {args.events:,} events in {seconds:.0f} s ({size_mb:,.0f} MB on disk)")
        load["generated"] = os.getloadavg()
        results = measure(db, args.repeat)
        load["measured"] = os.getloadavg()
        print(
            "load average (1, 5, 15 min):", {k: [round(x, 2) for x in v] for k, v in load.items()}
        )
        if args.json:
            figures = {"events": args.events, "generate_s": seconds, "size_mb": size_mb}
            args.json.write_text(
                json.dumps({**figures, "load_average": load, "queries": results}, indent=2)
            )
        if args.keep:
            if args.db is None:
                kept = REPO / "queries.duckdb"
                db.replace(kept)
                db = kept
            print(f"kept {db}")
        elif args.db is not None:
            db.unlink()


if __name__ == "__main__":
    main()
