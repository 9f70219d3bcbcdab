"""What keeping the search index costs an ingest, and what making it costs on a big store.

    .venv/bin/python benchmarks/search_index.py [--limit 300] [--repeat 3] [--processes 2]
    .venv/bin/python benchmarks/search_index.py --store /tmp/ew10m.duckdb   # rebuild, update

Ingest: the first ``--limit`` Gigaword articles are ingested into a fresh store ``--repeat``
times with ``store.search_index = false`` (the bare ingest) and as many times with it on,
alternating, each in its own child process (``throughput.py``'s sides: wall clock and CPU
seconds of the whole process tree); the medians are printed with the index update's own wall
and CPU time (timed inside the run, so it does not depend on how noisy the rest is).

Store: on an existing store (``benchmarks/queries.py --keep``), times ``eventwire index
--rebuild`` (every article) and then an update that has nothing to add (what each ingest pays
to find its new runs on a store of that size). The index directory is removed afterwards
unless ``--keep``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import CORPUS, _run_side


def ingest_cost(limit: int, repeat: int, processes: int) -> None:
    sides = {"bare ingest": ["store.search_index=false"], "with index": []}
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in sides}
    for _ in range(repeat):
        for name, settings in sides.items():
            runs[name].append(_run_side("eventwire", CORPUS, limit, processes, settings))
            figures = runs[name][-1]
            print(
                f"  {name:12} {figures['seconds']:6.1f} s  CPU {figures['cpu_s']:6.1f} s"
                f"  index {figures['index_s']:.3f} s (CPU {figures['index_cpu_s']:.3f} s)"
                f"  load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
    medians = {
        name: {key: statistics.median(r[key] for r in rs) for key in rs[0]}
        for name, rs in runs.items()
    }
    bare, indexed = medians["bare ingest"], medians["with index"]
    print(f"\nmedians of {repeat}, {limit} articles, {processes} processes:")
    for name, m in medians.items():
        print(f"  {name:12} {m['seconds']:6.1f} s  CPU {m['cpu_s']:6.1f} s")
    print(
        f"  index update: {indexed['index_s']:.3f} s wall, {indexed['index_cpu_s']:.3f} s CPU"
        f" = {1000 * indexed['index_s'] / limit:.2f} ms wall,"
        f" {1000 * indexed['index_cpu_s'] / limit:.2f} ms CPU per article"
        f" ({100 * indexed['index_s'] / bare['seconds']:.1f} % of the bare ingest's wall clock)"
    )
    print(
        f"  difference of the medians: {indexed['seconds'] - bare['seconds']:+.1f} s wall,"
        f" {indexed['cpu_s'] - bare['cpu_s']:+.1f} s CPU (noise included)"
    )


def store_cost(db: str, keep: bool) -> None:
    from eventwire.store.search_index import index_path, index_store

    existed = index_path(db).exists()
    rebuilt = index_store(db, rebuild=True)
    print(
        f"rebuild: {rebuilt.articles:,} articles in {rebuilt.seconds:.1f} s"
        f" (CPU {rebuilt.cpu_seconds:.1f} s), load {os.getloadavg()[0]:.1f}"
    )
    size = sum(f.stat().st_size for f in index_path(db).rglob("*") if f.is_file())
    print(f"index size: {size / 2**20:,.0f} MB")
    times = []
    for _ in range(3):
        started = time.perf_counter()
        update = index_store(db)
        times.append(time.perf_counter() - started)
        assert update.indexed == 0
    print(f"update with nothing new: median {1000 * statistics.median(times):.0f} ms")
    if not keep and not existed:
        shutil.rmtree(index_path(db))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--store", help="time a rebuild and an empty update of this store")
    parser.add_argument("--keep", action="store_true", help="keep the index made with --store")
    args = parser.parse_args()
    if args.store:
        store_cost(args.store, args.keep)
        return
    if not CORPUS.exists():
        sys.exit(f"corpus not found: {CORPUS} (needs ../shared beside the repository)")
    ingest_cost(args.limit, args.repeat, args.processes)


if __name__ == "__main__":
    main()
