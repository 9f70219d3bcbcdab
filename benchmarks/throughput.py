"""End-to-end ingest throughput against the bare spaCy pipeline, measured in the same run.

    .venv/bin/python benchmarks/throughput.py [--limit N ...] [--processes P ...] [--repeat R]
                                              [--json out.json]

For each article count and process count, the two sides run in turn (bare, eventwire, bare,
eventwire ... ``--repeat`` times), each in its own child process, and the medians are printed.
CPU seconds are those of each side's whole process
tree (steadier than the wall clock on a shared machine; "CPU ratio" is bare's over eventwire's).
Peak memory is the largest sum of the resident memory of the child and all its workers, sampled
every 0.2 s from /proc (Linux), plus the largest single process (ru_maxrss). The corpus is
../shared/corpora/gigaword_afp_xinhua.jsonl (2,452 wire articles). Both sides use the same
model, batch size and number of processes (default: one per core); the ratio is eventwire's
words per second over bare spaCy's.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "gigaword_afp_xinhua.jsonl"


def _texts(corpus: Path, limit: int | None) -> list[str]:
    texts = []
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            texts.append(json.loads(line)["text"])
            if limit and len(texts) >= limit:
                break
    return texts


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # Linux reports kilobytes


def run_bare(corpus: Path, limit: int | None, processes: int) -> dict[str, float]:
    import spacy

    from eventwire.config import load_options

    options = load_options()
    texts = _texts(corpus, limit)
    nlp = spacy.load(options.pipeline.model)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=options.pipeline.batch_size, n_process=processes):
        pass
    seconds = time.perf_counter() - started
    return {
        "articles": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "seconds": seconds,
        "peak_mb": _peak_mb(),
    }


def _settings(pairs: list[str]) -> dict[str, object]:
    """``["pipeline.prefilter=false"]`` → ``{"pipeline.prefilter": False}`` (TOML values)."""
    out: dict[str, object] = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        out[key] = tomllib.loads(f"v = {value}")["v"]
    return out


def run_eventwire(
    corpus: Path, limit: int | None, processes: int, settings: list[str] | None = None
) -> dict[str, float]:
    from eventwire.config import load_options
    from eventwire.ingest import ingest

    texts = _texts(corpus, limit)
    with tempfile.TemporaryDirectory() as tmp:
        subset = Path(tmp) / "corpus.jsonl"
        with corpus.open(encoding="utf-8") as src, subset.open("w", encoding="utf-8") as dst:
            for number, line in enumerate(src):
                if limit and number >= limit:
                    break
                dst.write(line)
        options = load_options(
            overrides={
                "store.path": str(Path(tmp) / "bench.duckdb"),
                "pipeline.n_process": processes,
                **_settings(settings or []),
            }
        )
        started = time.perf_counter()
        summary = ingest([str(subset)], options)
        seconds = time.perf_counter() - started
    return {
        "articles": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "event_mentions": summary.event_mentions_new,
        "events": summary.events_total,
        # The search index's update at the end of the run (0 with store.search_index=false).
        "index_s": summary.search_index.seconds if summary.search_index else 0.0,
        "index_cpu_s": summary.search_index.cpu_seconds if summary.search_index else 0.0,
    }


def _tree_rss_mb(root: int) -> float:
    """Resident memory of ``root`` and all its descendants, from /proc (0 elsewhere)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        children.setdefault(int(stat[1]), []).append(pid)
        rss[pid] = int(stat[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total / 2**20


def _run_side(
    side: str, corpus: Path, limit: int | None, processes: int, settings: list[str]
) -> dict[str, float]:
    command = [sys.executable, __file__, "--side", side, "--corpus", str(corpus)]
    command += ["--processes", str(processes)] + (["--limit", str(limit)] if limit else [])
    for pair in settings:
        command += ["--set", pair]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    peak = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            peak[0] = max(peak[0], _tree_rss_mb(child.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = child.communicate()
    done.set()
    sampler.join()
    if child.returncode:
        raise SystemExit(f"{side} side failed with exit code {child.returncode}")
    figures: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    figures["peak_total_mb"] = peak[0]
    # CPU seconds of the side's whole process tree (its workers are waited for, so they are
    # counted): on a machine shared with other jobs this is steadier than the wall clock.
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures["cpu_s"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    figures["articles_per_s"] = figures["articles"] / figures["seconds"]
    figures["words_per_s"] = figures["words"] / figures["seconds"]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, nargs="*", default=[0], help="first N articles")
    parser.add_argument("--processes", type=int, nargs="*", default=[os.cpu_count() or 1])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each side (median)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a setting for the eventwire side, e.g. --set pipeline.prefilter=false",
    )
    parser.add_argument("--side", choices=["bare", "eventwire"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:  # child process: measure one side and print its figures
        limit = args.limit[0] if args.limit else None
        if args.side == "bare":
            figures = run_bare(args.corpus, limit or None, args.processes[0])
        else:
            figures = run_eventwire(args.corpus, limit or None, args.processes[0], args.set)
        print(json.dumps(figures))
        return
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus} (needs ../shared beside the repository)")
    table = []
    print(
        f"{'articles':>8} {'proc':>4} {'side':9} {'seconds':>8} {'art/s':>7} {'words/s':>8}"
        f" {'ms/art':>7} {'peak MB (sum)':>13} {'(1 proc)':>8} {'CPU s':>7}  ratio  CPU ratio"
    )
    for limit in args.limit:
        for processes in args.processes:
            runs: dict[str, list[dict[str, float]]] = {"bare": [], "eventwire": []}
            for _ in range(args.repeat):
                for side in runs:
                    run = _run_side(side, args.corpus, limit or None, processes, args.set)
                    runs[side].append(run)
                    # Each run as it ends (standard error): a whole-corpus run of three
                    # repeats takes most of an hour on a loaded machine.
                    print(
                        f"  run {len(runs[side])} of {args.repeat}, {side}:"
                        f" {run['seconds']:.1f} s, {run['cpu_s']:.1f} CPU s",
                        file=sys.stderr,
                        flush=True,
                    )
            medians = {
                side: {k: statistics.median(r[k] for r in results) for k in results[0]}
                for side, results in runs.items()
            }
            ratio = medians["eventwire"]["words_per_s"] / medians["bare"]["words_per_s"]
            # Bare CPU seconds over eventwire's: above 1.0, eventwire needs less CPU for the
            # same texts (what decides throughput when every core is busy).
            cpu_ratio = medians["bare"]["cpu_s"] / medians["eventwire"]["cpu_s"]
            for side, m in medians.items():
                print(
                    f"{m['articles']:8.0f} {processes:4d} {side:9} {m['seconds']:8.1f}"
                    f" {m['articles_per_s']:7.1f} {m['words_per_s']:8.0f}"
                    f" {1000 * m['seconds'] / m['articles']:7.1f} {m['peak_total_mb']:13.0f}"
                    f" {m['peak_mb']:8.0f} {m['cpu_s']:7.1f}"
                    f"  {ratio if side == 'eventwire' else 1.0:5.2f}"
                    f"  {cpu_ratio if side == 'eventwire' else 1.0:9.2f}",
                    flush=True,
                )
            table.append(
                {
                    "limit": limit,
                    "processes": processes,
                    "ratio": ratio,
                    "cpu_ratio": cpu_ratio,
                    "runs": runs,
                    **medians,
                }
            )
    if args.json:
        args.json.write_text(json.dumps(table, indent=2))


if __name__ == "__main__":
    main()
