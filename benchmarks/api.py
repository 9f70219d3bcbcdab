"""Latency of the REST API and the dashboard under a few concurrent clients (issue 17).

Serves ``--db`` with uvicorn on a free loopback port and sends ``--requests`` requests per URL
from ``--clients`` threads; prints p50/p95 per endpoint. The issue's bar: p95 under 300 ms for
events, timeline, dyad and changes, and a page's first render under 1 s, on the 10-million-event
store of benchmarks/queries.py (pass its file as --db and actors that exist in it).

    .venv/bin/python benchmarks/api.py --db eventwire.duckdb --actor IRN --a IRN --b FRA
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.web.browser import serving


def _timed(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as answer:  # loopback only
        answer.read()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--actor", default="IRN")
    parser.add_argument("--a", default="IRN")
    parser.add_argument("--b", default="FRA")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    paths = {
        "events": f"/api/events?actor={args.actor}&limit=50",
        "timeline": f"/api/actors/{args.actor}/timeline?limit=50",
        "dyad": f"/api/dyads/{args.a}/{args.b}?freq=month",
        "changes": "/api/changes?by=country",
        "page /": "/",
        "page /events": f"/events?actor={args.actor}",
    }
    with serving(args.db) as base, ThreadPoolExecutor(args.clients) as pool:
        for name, path in paths.items():
            _timed(base + path)  # warm up
            times = sorted(pool.map(_timed, [base + path] * args.requests))
            p95 = times[int(0.95 * (len(times) - 1))]
            median = statistics.median(times) * 1000
            print(f"{name:14} p50 {median:7.1f} ms  p95 {p95 * 1000:7.1f} ms", end="")
            print(f"  ({args.requests} requests, {args.clients} clients)")


if __name__ == "__main__":
    main()
