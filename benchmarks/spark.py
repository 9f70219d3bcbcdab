"""The Spark engine against the local engine on the same corpus (issue 19).

    .venv/bin/python benchmarks/spark.py [--limit N] [--repeat R] [--runs local,spark2,spark1]
                                         [--json out.json]

Each run is a child process: ``local`` is ``eventwire.ingest`` with 2 worker processes into a
fresh DuckDB file; ``sparkN`` is ``run_spark`` on ``local[N]`` into a fresh directory (the
Spark session is started inside the run, and its start-up is reported apart). Runs alternate
(local, spark2, spark1, local, ...) ``--repeat`` times and medians are printed. For each:
wall seconds, articles per second (over the whole run, and for Spark also without the session
start-up), the CPU seconds of the whole process tree (the JVM and Python workers included;
sampled from /proc every 0.2 s, so steadier than the wall clock on a shared machine) and the
peak of the tree's summed resident memory; for Spark, also each stage's wall and CPU seconds
(the stages the engine logs: start-up, reading, deduplication, coding and merging, ...). The
1-minute load average before and after each run is printed: these machines are shared. The
corpus is ../shared/corpora/gigaword_afp_xinhua.jsonl (2,452 wire articles).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "gigaword_afp_xinhua.jsonl"
TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending.extend(children.get(pid, []))
    return found


def _sample(pid: int) -> tuple[dict[int, float], float]:
    """CPU seconds of each process of the tree, and the tree's resident megabytes."""
    cpu: dict[int, float] = {}
    rss = 0.0
    for member in _tree(pid):
        try:
            with open(f"/proc/{member}/stat", encoding="utf-8") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        cpu[member] = (int(fields[11]) + int(fields[12])) / TICKS
        rss += int(fields[21]) * PAGE / 2**20
    return cpu, rss


def _measured(command: list[str]) -> dict[str, float]:
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    cpu: dict[int, float] = {}
    peak = 0.0
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.is_set():
            seen, rss = _sample(child.pid)
            for pid, seconds in seen.items():
                cpu[pid] = max(cpu.get(pid, 0.0), seconds)
            peak = max(peak, rss)
            time.sleep(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    out, _ = child.communicate()
    done.set()
    watcher.join()
    if child.returncode != 0:
        raise SystemExit(f"{command} failed with {child.returncode}")
    result = json.loads(out.strip().splitlines()[-1])
    result.update(wall=time.perf_counter() - started, cpu=sum(cpu.values()), peak_mb=peak)
    return result


def _child(kind: str, corpus: str, limit: int | None) -> None:
    from eventwire.config import load_options

    paths = [corpus]
    if limit:
        lines = Path(corpus).read_text(encoding="utf-8").splitlines()[:limit]
        cut = Path(tempfile.mkdtemp()) / "corpus.jsonl"
        cut.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths = [str(cut)]
    work = Path(tempfile.mkdtemp())
    if kind == "local":
        from eventwire.ingest import ingest

        options = load_options(
            overrides={"store.path": str(work / "local.duckdb"), "pipeline.n_process": 2}
        )
        begun = time.perf_counter()
        summary = ingest(paths, options)
        seconds = time.perf_counter() - begun
        print(json.dumps({"articles": summary.articles_new, "run": seconds, "start": 0.0}))
        return
    from eventwire.engines.spark import run_spark, start_session

    options = load_options()
    stages = _StageClock()
    logging.getLogger("eventwire.engines.spark").addHandler(stages)
    logging.getLogger("eventwire.engines.spark").setLevel(logging.INFO)
    begun = time.perf_counter()
    session = start_session(f"local[{kind.removeprefix('spark')}]", options.spark)
    session.range(1).count()  # the JVM, the context and a first job: Spark's own start-up
    start = time.perf_counter() - begun
    stages.lap("start-up")
    result = run_spark(paths, options, output=str(work / "out"), session=session)
    run = time.perf_counter() - begun - start
    session.stop()
    print(json.dumps({"articles": result.articles_new, "run": run, "start": start, **stages.seen}))


class _StageClock(logging.Handler):
    """Wall and CPU seconds (this process tree: the JVM and the Python workers) of each stage
    the Spark engine logs (``_Clock.lap``), as ``wall:STAGE`` and ``cpu:STAGE`` entries."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.wall = time.perf_counter()
        self.cpu = self._cpu()
        self.seen: dict[str, float] = {}

    @staticmethod
    def _cpu() -> float:
        return sum(_sample(os.getpid())[0].values())

    def lap(self, stage: str) -> None:
        wall, cpu = time.perf_counter(), self._cpu()
        self.seen[f"wall:{stage}"] = wall - self.wall
        self.seen[f"cpu:{stage}"] = cpu - self.cpu
        self.wall, self.cpu = wall, cpu

    def emit(self, record: logging.LogRecord) -> None:
        if isinstance(record.args, tuple) and record.args:
            self.lap(str(record.args[0]))


def _load() -> float:
    return os.getloadavg()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, help="first N articles of the corpus only")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--runs", default="local,spark2,spark1")
    parser.add_argument("--json", help="write every measurement here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, str(CORPUS), args.limit)
        return
    if not CORPUS.exists():
        raise SystemExit(f"needs {CORPUS}")
    kinds = args.runs.split(",")
    results: dict[str, list[dict[str, float]]] = {kind: [] for kind in kinds}
    for _ in range(args.repeat):
        for kind in kinds:
            command = [sys.executable, __file__, "--child", kind]
            if args.limit:
                command += ["--limit", str(args.limit)]
            before = _load()
            measured = _measured(command)
            measured.update(load_before=before, load_after=_load())
            results[kind].append(measured)
            print(kind, json.dumps({k: round(v, 2) for k, v in measured.items()}), flush=True)
    print("\nmedians:")
    rates = {}
    for kind, runs in results.items():
        median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        rates[kind] = median["articles"] / median["wall"]
        coding = median["articles"] / median["run"]
        print(
            f"{kind:7s} {median['articles']:.0f} articles  wall {median['wall']:.1f} s  "
            f"{rates[kind]:.2f} articles/s (without start-up {coding:.2f})  "
            f"start-up {median['start']:.1f} s  CPU {median['cpu']:.0f} s  "
            f"({median['articles'] / median['cpu']:.2f} articles per CPU s)  "
            f"peak {median['peak_mb']:.0f} MB  load {median['load_before']:.1f}"
        )
    for kind, runs in results.items():
        stages = [key.removeprefix("wall:") for key in runs[0] if key.startswith("wall:")]
        if stages:
            print(f"\n{kind} stages (medians): wall s / CPU s")
        for stage in stages:
            wall = statistics.median(r.get(f"wall:{stage}", 0.0) for r in runs)
            cpu = statistics.median(r.get(f"cpu:{stage}", 0.0) for r in runs)
            print(f"  {stage:40s} {wall:7.1f} {cpu:7.1f}")
    print()
    if "local" in rates and "spark2" in rates:
        print(f"spark local[2] / local engine, articles/s: {rates['spark2'] / rates['local']:.2f}")
    if "spark1" in rates and "spark2" in rates:
        print(f"spark local[2] / local[1], articles/s: {rates['spark2'] / rates['spark1']:.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
