"""The acceptance run of issue 15: every hostile input together with good files, one ingest.

    .venv/bin/python benchmarks/hostile_ingest.py [--workdir DIR] [--good N]

Writes the hostile inputs of ``tests/hostile.py`` at the issue's sizes (a zip of six 190 MB
members of zeros, a gzip of 190 MB, a JSON line of 40 MB — under the 50 MB file limit, so the
article-length check is what rejects it —, a 100,000-character sentence, 50,000 malformed
JSON lines, a FIFO, /dev/zero, links, markup and control characters in names), adds the seed
files and the first N Gigaword articles (from ../shared) as good input, runs
``eventwire ingest`` with the shipped defaults in a child process, and prints: exit code,
wall time, the child's peak resident memory (ru_maxrss of the largest process), articles
stored, rejections and their cost each, and whether a traceback was printed.
The issue asks for exit 3, no traceback, peak memory under 1.5 GB and under 60 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

from tests.hostile import Scale, write_hostile_inputs  # noqa: E402 — after the path is set


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", help="where to write the inputs (default: a temp dir)")
    parser.add_argument("--good", type=int, default=20, help="Gigaword articles as good input")
    args = parser.parse_args()
    work = Path(args.workdir or tempfile.mkdtemp(prefix="eventwire-hostile-"))
    scale = Scale(long_line_chars=40_000_000)
    started = time.perf_counter()
    hostile = write_hostile_inputs(work / "inputs", scale, [])
    print(f"inputs written in {time.perf_counter() - started:.1f} s to {work}")
    good: list[str] = []
    if SHARED.exists():
        good.append(str(SHARED / "seeds"))
        lines = (SHARED / "corpora" / "gigaword_afp_xinhua.jsonl").read_text().splitlines()
        gigaword = work / "inputs" / "good_gigaword.jsonl"
        gigaword.write_text("\n".join(lines[: args.good]) + "\n", encoding="utf-8")
    else:
        print(f"note: {SHARED} is absent; only the hostile inputs' own good records are read")
    db = work / "e.duckdb"
    command = [sys.executable, "-m", "eventwire.cli", "ingest", "--db", str(db)]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    started = time.perf_counter()
    result = subprocess.run(
        [*command, str(hostile.directory), *hostile.extra_paths, *good],
        capture_output=True,
        text=True,
        errors="replace",
        env=env,
        check=False,
    )
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    (stored,) = con.execute("SELECT count(*) FROM articles").fetchone() or (0,)
    (rejected,) = con.execute("SELECT count(*) FROM rejected_inputs").fetchone() or (0,)
    con.close()
    print(f"exit code         {result.returncode} (expected 3)")
    print(f"wall time         {seconds:.1f} s (issue: under 60 s)")
    print(f"peak memory       {peak_mb:.0f} MB (largest process; issue: under 1,536 MB)")
    print(f"articles stored   {stored}")
    print(f"rejections        {rejected}")
    print(f"traceback printed {'Traceback' in result.stderr}")
    printed = result.stderr.replace("\\x1b", "\x1b")
    missing = [path for path in hostile.expected if f"rejected {path}:" not in printed]
    print(f"expected rejections not reported: {missing or 'none'}")


if __name__ == "__main__":
    main()
