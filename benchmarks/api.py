"""Latency of the REST API and the dashboard under a few concurrent clients (issue 17).

Serves ``--db`` with uvicorn on a free loopback port. First each page is asked for once on the
freshly started server, in turn (its *first render*: the server's answer, HTML complete, with
the store just opened); then ``--requests`` requests per URL are sent from ``--clients``
threads, and p50/p95 per endpoint are printed with the CPU time per request (server, DuckDB's
threads and the clients: they run in this one process) and the load average (the machine is
shared: latency under other people's load says more about the load than about the code; CPU
time per request does not depend on it much). The issue's bar: p95 under 300 ms for
events, timeline, dyad and changes, and a page's first render under 1 s, on the
10-million-event store of benchmarks/queries.py (``--keep --db FILE``; pass actors that exist
in it: ``--actor C150 --a C000 --b C001``).

With ``--browser`` the first renders are measured in headless Debian Chromium instead (the
browser tests' driver): each page opened once, in turn, on the freshly started server, and its
navigation timing read from the page (``performance.getEntriesByType('navigation')``): the
first byte, the document parsed (``DOMContentLoaded``) and the end of ``load`` (every asset
loaded: the page can be drawn), counted from the start of the navigation. (Headless Chromium
records no paint timings.)

    .venv/bin/python benchmarks/api.py --db eventwire.duckdb --actor IRN --a IRN --b FRA
    .venv/bin/python benchmarks/api.py --db eventwire.duckdb --browser --requests 0
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.web.browser import serving

from eventwire.config import load_options


def _timed(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as answer:  # loopback only
        answer.read()
    return time.perf_counter() - start


def _first_event(base: str, actor: str) -> str:
    with urllib.request.urlopen(f"{base}/api/events?actor={actor}&limit=1", timeout=60) as answer:
        return str(json.load(answer)["events"][0]["event_id"])


# Milliseconds from the navigation's start to its first byte, the document parsed and the end
# of its load event, as the page itself measured them.
_NAVIGATION = """
const nav = performance.getEntriesByType('navigation')[0];
return [nav.responseStart, nav.domContentLoadedEventEnd, nav.loadEventEnd];
"""


def _browser_first_renders(base: str, pages: dict[str, str]) -> None:
    from tests.web.browser import chromium

    with chromium() as driver:
        driver.get(base + "/static/app.css")  # the browser's own start, outside the figures
        for name, path in pages.items():
            driver.get(base + path)
            first_byte, parsed, loaded = driver.execute_script(_NAVIGATION)
            deadline = time.monotonic() + 10
            while not loaded and time.monotonic() < deadline:  # the load event still running
                time.sleep(0.05)
                first_byte, parsed, loaded = driver.execute_script(_NAVIGATION)
            print(f"{name:16} browser: first byte {first_byte:7.1f} ms, parsed {parsed:7.1f} ms,"
                  f" loaded {loaded:7.1f} ms  (load {os.getloadavg()[0]:.2f})",
                  flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--actor", default="IRN")
    parser.add_argument("--a", default="IRN")
    parser.add_argument("--b", default="FRA")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--browser", action="store_true", help="first renders in Chromium")
    args = parser.parse_args()
    endpoints = {
        "events": f"/api/events?actor={args.actor}&limit=50",
        "events, sorted": f"/api/events?actor={args.actor}&limit=50&sort=goldstein&order=desc",
        "timeline": f"/api/actors/{args.actor}/timeline?limit=50",
        "dyad": f"/api/dyads/{args.a}/{args.b}?freq=month",
        "changes country": "/api/changes?by=country",
        "changes dyad": "/api/changes?by=dyad",
    }
    pages = {
        "page /": "/",
        "page /events": f"/events?actor={args.actor}",
        "page /events/ID": "/events/{event}",
        "page /actors/A": f"/actors/{args.actor}",
        "page /dyads": f"/dyads?a={args.a}&b={args.b}",
    }
    print(f"load average at start: {os.getloadavg()}")
    with serving(args.db) as base:
        event = _first_event(base, args.actor)
        pages = {name: path.format(event=event) for name, path in pages.items()}
        # Past [web] hold_seconds: the first page opens the store anew, the others find it open
        # but what they read not yet in DuckDB's caches.
        time.sleep(load_options().web.hold_seconds + 1)
        if args.browser:
            _browser_first_renders(base, pages)
        else:
            for name, path in pages.items():
                print(f"{name:16} first render {_timed(base + path) * 1000:7.1f} ms"
                      f"  (load {os.getloadavg()[0]:.2f})")  # fmt: skip
        if args.requests <= 0:
            return
        with ThreadPoolExecutor(args.clients) as pool:
            for name, path in {**endpoints, **pages}.items():
                _timed(base + path)  # warm up
                cpu = time.process_time()
                times = sorted(pool.map(_timed, [base + path] * args.requests))
                cpu_ms = (time.process_time() - cpu) * 1000 / args.requests
                p95 = times[round(0.95 * (len(times) - 1))]
                median = statistics.median(times) * 1000
                print(f"{name:16} p50 {median:7.1f} ms  p95 {p95 * 1000:7.1f} ms"
                      f"  CPU/request {cpu_ms:6.1f} ms  ({args.requests} requests,"
                      f" {args.clients} clients, load {os.getloadavg()[0]:.2f})",
                      flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
