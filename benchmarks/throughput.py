"""End-to-end ingest throughput against the bare spaCy pipeline, measured in the same run.

    .venv/bin/python benchmarks/throughput.py [--limit N] [--processes P] [--json out.json]

Each side runs in its own child process so that peak memory (ru_maxrss of the child and its
workers) belongs to one side only. The corpus is ../shared/corpora/gigaword_afp_xinhua.jsonl
(2,452 wire articles). Both sides use the same model, batch size and number of processes.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
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


def run_eventwire(corpus: Path, limit: int | None, processes: int) -> dict[str, float]:
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
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--side", choices=["bare", "eventwire"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:  # child process: measure one side and print its figures
        run = run_bare if args.side == "bare" else run_eventwire
        print(json.dumps(run(args.corpus, args.limit, args.processes)))
        return
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus} (needs ../shared beside the repository)")
    results = {}
    for side in ("bare", "eventwire"):
        command = [
            sys.executable,
            __file__,
            "--side",
            side,
            "--corpus",
            str(args.corpus),
            "--processes",
            str(args.processes),
        ]
        if args.limit:
            command += ["--limit", str(args.limit)]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        results[side] = json.loads(output.strip().splitlines()[-1])
    for side, figures in results.items():
        figures["articles_per_s"] = figures["articles"] / figures["seconds"]
        figures["words_per_s"] = figures["words"] / figures["seconds"]
        print(
            f"{side:10} {figures['articles']:6.0f} articles {figures['seconds']:8.1f} s "
            f"{figures['articles_per_s']:8.1f} art/s {figures['words_per_s']:9.0f} words/s "
            f"peak {figures['peak_mb']:7.0f} MB"
        )
    ratio = results["eventwire"]["words_per_s"] / results["bare"]["words_per_s"]
    results["ratio"] = {"eventwire_over_bare": ratio}
    print(f"end-to-end / bare spaCy throughput: {ratio:.2f}x")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
