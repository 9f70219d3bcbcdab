"""Latency of `eventwire brief` (``Store.brief``) over a store of the whole corpora (issue 18:
under 2 s).

    .venv/bin/python benchmarks/brief.py --db PATH [--repeat R]
    .venv/bin/python benchmarks/brief.py --build PATH      # ingest ../shared first (≈ 18 min)

The store is the seeds and every corpus of ../shared ingested once (``--build`` makes it with
``eventwire.ingest``). Four briefings are timed in a warm process, once to warm DuckDB's cache
and then ``--repeat`` times, and the medians printed with the load average (the machine is
shared): the latest day, the day with most articles, the Wikinews week with most articles, and
the whole record at once (``since`` its first day) — the worst case, every article a unit.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from eventwire.store import open_store  # noqa: E402

SHARED = REPO.parent / "shared"


def build(db: Path) -> None:
    import dataclasses

    from eventwire.config import load_options
    from eventwire.ingest import ingest

    options = load_options()
    options = dataclasses.replace(options, store=dataclasses.replace(options.store, path=str(db)))
    ingest([str(SHARED / "seeds"), str(SHARED / "corpora")], options)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--build", type=Path, help="ingest ../shared into this new store first")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    db = args.build or args.db
    if db is None:
        parser.error("give --db PATH (a store of the corpora) or --build PATH")
    if args.build:
        build(args.build)
    results = {}
    with open_store(db, read_only=True) as store:
        con = store.con
        span = "SELECT min(published), max(published) FROM articles"
        first, latest = con.execute(span).fetchone()
        busiest = con.execute(
            "SELECT published FROM articles WHERE published IS NOT NULL"
            " GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"
        ).fetchone()[0]
        week = con.execute(
            "SELECT CAST(date_trunc('week', published) AS DATE) FROM articles"
            " WHERE reader LIKE '%csv%' AND published IS NOT NULL"
            " GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"
        ).fetchone()[0]
        cases = {
            f"latest day {latest}": {"day": latest},
            f"busiest day {busiest}": {"day": busiest},
            f"Wikinews week {week}": {"since": week, "until": week + timedelta(days=6)},
            f"whole record {first}–{latest}": {"since": first, "until": latest},
        }
        for name, window in cases.items():
            store.brief(min_confidence=0.3, max_stories=20, **window)  # warm
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                briefing = store.brief(min_confidence=0.3, max_stories=20, **window)
                times.append(time.perf_counter() - start)
            results[name] = {
                "median_s": round(statistics.median(times), 3),
                "max_s": round(max(times), 3),
                "articles": briefing.articles,
                "bullets": len(briefing.bullets),
            }
    report = {"load_average": os.getloadavg(), "results": results}
    print(json.dumps(report, indent=1, default=str))


if __name__ == "__main__":
    main()
