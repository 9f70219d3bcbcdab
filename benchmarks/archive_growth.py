"""What one more ingest costs as the archive grows: merging a small new run incrementally
against a full merge, and query latency after many incremental appends.

    .venv/bin/python benchmarks/archive_growth.py [--events N] [--db PATH] [--runs R]
        [--articles A] [--mentions-per-article M] [--repeat Q] [--tail-steps S --tail-mentions T]

The store is ``benchmarks/queries.py``'s synthetic one (``--events`` of them, 1 million by
default), built in a temporary directory, or copied from ``--db`` (a store kept by
``queries.py --keep --db PATH``; the copy is worked on, the original is left as it was). Then:

1. a full merge makes it what merging gives (the generator writes one event per mention, which
   a merge would not) and records the merge state; timed (``full merge``);
2. ``--runs`` ingest runs, each adding the event mentions of ``--articles`` new articles
   (``--mentions-per-article`` each, drawn like the generator's, so they fall in a few hundred
   merge groups, busy ones among them) and merging incrementally as ``ingest`` does; each
   merge is timed (wall and CPU seconds of this process, DuckDB's threads included);
3. unless ``--no-final-full``, a full merge of the grown store, timed, and checked to give the
   same mention→event assignment as the incremental merges did;
4. query latency (``queries.py``'s queries, median of ``--repeat``) after step 1 and after
   step 2;
5. with ``--tail-steps``, the tail experiment: re-sorting turned off, ``--tail-mentions`` new
   mentions per run, queries measured after each run, to show what an unsorted tail costs.

The machine may be shared: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

import queries  # noqa: E402
from eventwire.store import (  # noqa: E402
    RunInfo,
    derived,
    open_store,
)

RUN = RunInfo(("archive_growth",), "cfg", "0", "synthetic", "0")
WINDOW_DAYS = 1  # the default [store] merge_window_days


def _new_mentions_sql(run_id: str, first: int, count: int) -> str:
    """The generator's mentions ``first`` .. ``first + count - 1`` as a new run's, not merged."""
    quad = "CASE " + " ".join(f"WHEN cameo[1:2] = '{k}' THEN {v}" for k, v in queries._QUAD.items())
    goldstein = "CASE cameo " + " ".join(
        f"WHEN '{k}' THEN {v}" for k, v in queries._GOLDSTEIN.items()
    )
    country = (
        "CASE WHEN hash(i::VARCHAR || '{s}') % 5 = 0"
        " THEN 'C00' || (hash(i::VARCHAR || '{s}b') % 2)::VARCHAR"
        " ELSE 'C' || lpad((hash(i::VARCHAR || '{s}c') % {n})::VARCHAR, 3, '0') END"
    )
    n = queries._COUNTRIES
    return f"""
        INSERT INTO event_mentions (mention_id, article_id, sentence_index, sentence,
            source_actor_id, source_name, source_code, source_country, source_sector,
            target_actor_id, target_name, target_code, target_country, target_sector,
            trigger_text, cameo, goldstein, quad_class, modality, date_value, date_granularity,
            date_start, date_end, confidence, run_id)
        SELECT 'm' || i::VARCHAR, 'a' || (i // 4)::VARCHAR, 0,
               'Synthetic sentence number ' || i::VARCHAR || '.',
               sc, sc, sc || ss, sc, ss, tc, tc, tc || ts, tc, ts, 'met', cameo,
               {goldstein} END, {quad} END,
               CASE WHEN hash(i::VARCHAR || 'mod') % 10 = 0 THEN 'alleged' ELSE 'asserted' END,
               strftime(day, '%Y-%m-%d'), 'day', day, day, 0.6, '{run_id}'
        FROM (
            SELECT i, {country.format(s="s", n=n)} AS sc, {country.format(s="t", n=n)} AS tc,
                   {queries._pick(queries._SECTORS, "i::VARCHAR || 'ss'")} AS ss,
                   {queries._pick(queries._SECTORS, "i::VARCHAR || 'ts'")} AS ts,
                   {queries._pick(queries._CAMEO, "i::VARCHAR || 'c'")} AS cameo,
                   DATE '1995-01-01' + CAST(hash(i::VARCHAR || 'd') % 10950 AS INTEGER) AS day
            FROM range({first}, {first + count}) r(i)
        )
    """


def _cpu() -> float:
    return time.process_time()


def _timed_merge(db: Path, *, full: bool, new_mentions: tuple[int, int] | None) -> dict[str, Any]:
    """One ingest run: add ``new_mentions`` (first, count) if given, merge, complete the run."""
    with open_store(db) as store:
        run = store.begin_run(RUN)
        if new_mentions:
            store.con.execute(_new_mentions_sql(run, *new_mentions))
        wall, cpu = time.perf_counter(), _cpu()
        events = store.merge_events(WINDOW_DAYS, full=full)
        figures = {"wall_s": time.perf_counter() - wall, "cpu_s": _cpu() - cpu, "events": events}
        store.finish_run(run, "complete", {})
        tail = store.con.execute("SELECT appended_events FROM merge_state").fetchone()
        figures["tail"] = int(tail[0]) if tail else 0
    return figures


def _assignment(db: Path) -> list[tuple[str, str]]:
    with open_store(db, read_only=True) as store:
        rows = store.con.execute(
            "SELECT mention_id, event_id FROM event_mentions ORDER BY 1"
        ).fetchall()
    return [(str(m), str(e)) for m, e in rows]


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="a store made by queries.py --keep (copied)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--mentions-per-article", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--tail-steps", type=int, default=0)
    parser.add_argument("--tail-mentions", type=int, default=20_000)
    parser.add_argument(
        "--no-final-full", action="store_true", help="skip step 3 (a full merge of 10 M: minutes)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=os.environ.get("TMPDIR")) as tmp:
        db = Path(tmp) / "archive.duckdb"
        started = time.perf_counter()
        if args.db:
            shutil.copyfile(args.db, db)
            print(f"copied {args.db} ({time.perf_counter() - started:.0f} s)")
        else:
            seconds = queries.generate(db, args.events)
            print(f"generated {args.events:,} mentions in {seconds:.0f} s")
        with open_store(db) as store:
            # The generator's mentions belong to a run "synthetic" it does not record.
            store.con.execute(
                "INSERT INTO runs (run_id, started_at, status, inputs, config_hash,"
                " package_version, model, model_version) SELECT 'synthetic',"
                " TIMESTAMP '2000-01-01', 'complete', '[]', '', '', '', ''"
                " WHERE 'synthetic' NOT IN (SELECT run_id FROM runs)"
            )
            first = store.con.execute("SELECT count(*) FROM event_mentions").fetchone()
        next_i = int(first[0]) if first else 0
        load = {"start": os.getloadavg()}
        print(f"store: {next_i:,} mentions, {db.stat().st_size / 2**20:,.0f} MB")

        with open_store(db) as store:
            merged = not store.query("SELECT * FROM merge_state").empty
        if merged:
            print("the store is merged already (merge_state): no first full merge")
        else:
            full = _timed_merge(db, full=True, new_mentions=None)
            print(f"full merge: {full['wall_s']:.1f} s ({full['cpu_s']:.1f} CPU s), "
                  f"{full['events']:,} events")  # fmt: skip
        print("queries after the full merge (events in side order):")
        before = queries.measure(db, args.repeat)

        per_run = args.articles * args.mentions_per_article
        runs = []
        for _ in range(args.runs):
            runs.append(_timed_merge(db, full=False, new_mentions=(next_i, per_run)))
            next_i += per_run
            last = runs[-1]
            print(f"  incremental merge of {per_run} new mentions: {last['wall_s']:.2f} s"
                  f" ({last['cpu_s']:.2f} CPU s), tail {last['tail']:,} events")  # fmt: skip
        load["incremental"] = os.getloadavg()
        print(
            f"incremental merge, median of {len(runs)} runs of {args.articles} articles"
            f" ({per_run} mentions): {_median([r['wall_s'] for r in runs]):.2f} s"
            f" ({_median([r['cpu_s'] for r in runs]):.2f} CPU s)"
        )
        print(f"queries after {len(runs)} incremental merges:")
        after = queries.measure(db, args.repeat)
        if not args.no_final_full:
            incremental = _assignment(db)
            again = _timed_merge(db, full=True, new_mentions=None)
            same = _assignment(db) == incremental
            print(f"full merge of the grown store: {again['wall_s']:.1f} s ({again['cpu_s']:.1f}"
                  f" CPU s); same assignment as the incremental merges: {same}")  # fmt: skip

        if args.tail_steps:
            derived.RESORT_TAIL_FRACTION = float("inf")  # never re-sort: measure the tail
            print(f"tail experiment: {args.tail_steps} runs of {args.tail_mentions} mentions")
            for _ in range(args.tail_steps):
                step = _timed_merge(db, full=False, new_mentions=(next_i, args.tail_mentions))
                next_i += args.tail_mentions
                share = step["tail"] / step["events"]
                print(
                    f"queries with an unsorted tail of {step['tail']:,} events ({share:.1%})"
                    f" (that merge: {step['wall_s']:.1f} s, {step['cpu_s']:.1f} CPU s):"
                )
                queries.measure(db, args.repeat)
            with open_store(db) as store:
                wall, cpu = time.perf_counter(), _cpu()
                store.con.execute("BEGIN TRANSACTION")
                derived.resort_events(store.con)
                store.con.execute("UPDATE merge_state SET appended_events = 0")
                store.con.execute("COMMIT")
                print(f"re-sort of the table: {time.perf_counter() - wall:.1f} s"
                      f" ({_cpu() - cpu:.1f} CPU s); queries after it:")  # fmt: skip
            queries.measure(db, args.repeat)
        load["end"] = os.getloadavg()
        print("query medians, ms (after full merge -> after incremental merges):")
        for name, figures in before.items():
            print(f"  {name:45} {figures['median_ms']:8.1f} -> {after[name]['median_ms']:8.1f}")
        rounded = {k: [round(x, 2) for x in v] for k, v in load.items()}
        print("load average (1, 5, 15 min):", rounded)


if __name__ == "__main__":
    main()
