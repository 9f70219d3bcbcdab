"""The Spark engine (issue 19): the same record as the local engine, ids included; a task
killed mid-partition is retried with the same output; bad records land in rejected_inputs;
the read commands and ``eventwire import`` work on its output directory.

Spark runs in local mode (``local[2]``, one session for the module). Skipped with the reason
when PySpark or Java is missing; ``make setup`` installs both, so CI runs them.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import shutil
import signal
import sys
import warnings
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.conftest import shared_path

pyspark = pytest.importorskip("pyspark", reason="the Spark engine needs PySpark (spark extra)")
if shutil.which("java") is None:
    pytest.skip("the Spark engine needs a Java runtime (17+) on PATH", allow_module_level=True)

# PySpark's gateway (py4j) leaves client sockets for the collector to close: its warning is
# about the library's sockets, not ours.
pytestmark = pytest.mark.filterwarnings("ignore:unclosed <socket.socket:ResourceWarning")

import eventwire  # noqa: E402
from eventwire.cli import cli  # noqa: E402
from eventwire.config import Options, load_options  # noqa: E402
from eventwire.engines import spark_tasks  # noqa: E402
from eventwire.engines.spark import run_spark, start_session  # noqa: E402
from eventwire.ingest import import_spark_output, ingest  # noqa: E402
from eventwire.store import open_store  # noqa: E402

# What must be equal, table by table: every column but the run that wrote a row.
RECORD = {
    "articles": "SELECT * EXCLUDE (run_id) FROM articles ORDER BY article_id",
    "sentences": "SELECT * FROM sentences ORDER BY article_id, sentence_index",
    "mentions": "SELECT * EXCLUDE (run_id) FROM mentions ORDER BY mention_id",
    "quotes": "SELECT * EXCLUDE (run_id) FROM quotes ORDER BY quote_id",
    "event_mentions": "SELECT * EXCLUDE (run_id) FROM event_mentions ORDER BY mention_id",
    "events": "SELECT * FROM events ORDER BY event_id",
    "event_sides": "SELECT * FROM event_sides ORDER BY side_id",
    "event_day_totals": "SELECT * FROM event_day_totals ORDER BY ALL",
    "actors": "SELECT * FROM actors ORDER BY actor_id",
    "article_signatures": "SELECT * FROM article_signatures ORDER BY article_id",
    "rejected_inputs": "SELECT path, record, reader, reason FROM rejected_inputs ORDER BY ALL",
}


def record(path: str | Path) -> dict[str, list[tuple[Any, ...]]]:
    with open_store(path, read_only=True) as store:
        return {name: store.con.execute(sql).fetchall() for name, sql in RECORD.items()}


def assert_same_record(spark_dir: Path, database: Path) -> None:
    got, expected = record(spark_dir), record(database)
    for name in RECORD:
        rows, local = got[name], expected[name]
        only_spark = [r for r in rows if r not in local][:3]
        only_local = [r for r in local if r not in rows][:3]
        assert rows == local, f"{name}: only Spark {only_spark}; only local {only_local}"


@pytest.fixture(scope="module")
def session() -> Iterator[Any]:
    spark = start_session("local[2]", load_options().spark)
    yield spark
    spark.stop()
    # Stop the JVM and close py4j's client sockets here: left to the collector, their
    # ResourceWarnings fired during later modules' tests, which warnings-as-errors failed.
    from pyspark import SparkContext

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gateway = SparkContext._gateway
        if gateway is not None:
            process = getattr(gateway, "proc", None)  # the JVM pyspark launched
            gateway.shutdown()
            SparkContext._gateway = None
            SparkContext._jvm = None
            if process is not None:
                if process.stdin is not None:
                    process.stdin.close()
                process.terminate()
                process.wait(timeout=60)
        gc.collect()


@pytest.fixture(scope="module")
def small_input(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The seeds, and a JSONL file of 8 Gigaword articles with a near copy of one, an exact
    copy of another, a malformed line, a blank line and a record without text."""
    seeds = shared_path("seeds")
    lines = shared_path("corpora", "gigaword_afp_xinhua.jsonl").read_text().splitlines()[:8]
    near = json.loads(lines[2])
    near["id"] = "near-copy"
    near["text"] += " The agency gave no further details on Tuesday."
    exact = json.loads(lines[5])
    exact["id"] = "exact-copy"
    extra = [json.dumps(near), json.dumps(exact), '{"id": "broken", "text": ', "", '{"id": "x"}']
    folder = tmp_path_factory.mktemp("spark-input")
    (folder / "wire.jsonl").write_text("\n".join([*lines, *extra]) + "\n", encoding="utf-8")
    return [str(seeds), str(folder / "wire.jsonl")]


def local_ingest(paths: list[str], database: Path) -> None:
    options = load_options(overrides={"store.path": str(database)})
    ingest(paths, options)


def python_workers() -> set[int]:
    """The Python worker processes of this session's Spark: the children of the PySpark
    daemons the JVM started (/proc). A worker idle for a minute is stopped by Spark."""
    from pyspark import SparkContext

    gateway = SparkContext._gateway
    assert gateway is not None and getattr(gateway, "proc", None) is not None
    children: dict[int, list[int]] = {}
    commands: dict[int, str] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text(encoding="utf-8")
            command = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
        commands[int(entry)] = command.replace(b"\0", b" ").decode("utf-8", "replace")
    daemons = [p for p in children.get(gateway.proc.pid, []) if "pyspark.daemon" in commands[p]]
    return {worker for daemon in daemons for worker in children.get(daemon, [])}


@pytest.fixture(scope="module")
def small_spark_run(
    session: Any, small_input: list[str], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, set[int]]:
    """The small input through the Spark engine, and the Python workers alive right after."""
    output = tmp_path_factory.mktemp("spark-runs") / "spark"
    run_spark(small_input, load_options(), output=str(output), session=session)
    return output, python_workers()


@pytest.fixture(scope="module")
def small_runs(
    small_spark_run: tuple[Path, set[int]],
    small_input: list[str],
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, Path]:
    """The small input through the Spark engine and through the local engine."""
    database = tmp_path_factory.mktemp("local-runs") / "local.duckdb"
    local_ingest(small_input, database)
    return small_spark_run[0], database


@pytest.mark.shared
@pytest.mark.slow
def test_same_record_as_the_local_engine_on_the_seeds(small_runs: tuple[Path, Path]) -> None:
    output, database = small_runs
    assert_same_record(output, database)
    with eventwire.open(output) as store:
        articles = store.con.execute(
            "SELECT count(*), count(duplicate_of) FROM articles"
        ).fetchone()
        events = store.con.execute("SELECT count(*) FROM events").fetchone()
    # 3 seed articles and 8 Gigaword ones plus the near copy (linked); the exact copy is not
    # stored again.
    assert articles == (12, 1)
    assert events is not None and events[0] > 0


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="counts processes in /proc")
def test_spark_runs_one_python_worker_per_core(small_spark_run: tuple[Path, set[int]]) -> None:
    # Issue 19: the reading stage fed one Python worker from another in each task (a union of
    # Python RDDs before the row conversion), so local[2] ran four workers and the coding
    # built the pipeline (0.5 GB, 5-8 s) in up to four. Every worker the run started is
    # still alive here (Spark stops them after a minute idle).
    workers = small_spark_run[1]
    assert 1 <= len(workers) <= 2, f"{len(workers)} Python workers for local[2]"


@pytest.mark.shared
@pytest.mark.slow
def test_bad_records_land_in_the_rejected_dataset_with_their_reason(
    small_runs: tuple[Path, Path], small_input: list[str]
) -> None:
    output, _ = small_runs
    with eventwire.open(output) as store:
        rows = store.con.execute(
            "SELECT record, reader, reason FROM rejected_inputs WHERE path = ? ORDER BY record",
            [small_input[1]],
        ).fetchall()
    assert rows == [
        (11, "eventwire.reader.jsonl.v1", "malformed JSON line (Expecting value at column 26)"),
        (13, "eventwire.reader.jsonl.v1", "record has no string field 'text'"),
    ]


def die_once_mid_partition(
    flag: str, options: Options, run_id: str, output: str, index: int, rows: Iterable[Any]
) -> Iterator[tuple[Any, ...]]:
    """Code the partition, but on the first attempt of the run kill this worker process
    (SIGKILL, as the kernel's OOM killer does) after its first batch of rows is out."""
    for item in spark_tasks.code_partition(options, run_id, output, index, rows):
        yield item
        if not os.path.exists(flag):
            Path(flag).write_text("killed", encoding="utf-8")
            os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.shared
@pytest.mark.slow
def test_a_task_killed_mid_partition_is_retried_and_the_output_is_unchanged(
    session: Any,
    small_input: list[str],
    small_runs: tuple[Path, Path],
    tmp_path: Path,
) -> None:
    from pyspark import cloudpickle

    # The coder is this module's function: shipped by value, as the executors cannot import
    # the tests package.
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    flag = tmp_path / "killed-once"
    options = load_options()
    # Small write batches: the partition is killed with most of its articles still to code.
    options = dataclasses.replace(
        options, pipeline=dataclasses.replace(options.pipeline, write_batch=2)
    )
    output = tmp_path / "spark"
    coder = partial(die_once_mid_partition, str(flag))
    run_spark(small_input, options, output=str(output), session=session, coder=coder)
    assert flag.read_text(encoding="utf-8") == "killed"  # the first attempt did die
    assert record(output) == record(small_runs[0])
    # The killed attempt's unfinished part files are gone; each partition wrote one file.
    assert not list(output.rglob(f"*{spark_tasks.UNFINISHED}"))
    assert sorted(p.name for p in (output / "articles").iterdir()) == ["part-00000.parquet"]


@pytest.mark.shared
@pytest.mark.slow
def test_read_commands_and_import_work_on_the_output(
    small_runs: tuple[Path, Path], tmp_path: Path
) -> None:
    output, database = small_runs
    runner = CliRunner()
    for command in (["timeline", "USA"], ["dyad", "USA", "CHN"], ["network"], ["stats"]):
        over_spark = runner.invoke(cli, [*command, "--db", str(output)])
        over_local = runner.invoke(cli, [*command, "--db", str(database)])
        assert over_spark.exit_code == 0, over_spark.output
        if command != ["stats"]:  # stats names the database and its runs
            assert over_spark.output == over_local.output
    files = {}
    for name, db in (("spark", output), ("local", database)):
        files[name] = tmp_path / f"{name}.csv"
        exported = runner.invoke(
            cli, ["export", "--db", str(db), "--format", "csv", "-o", str(files[name])]
        )
        assert exported.exit_code == 0, exported.output
    csv = files["spark"].read_text(encoding="utf-8")
    assert csv.count("\n") > 1 and csv == files["local"].read_text(encoding="utf-8")
    imported = tmp_path / "imported.duckdb"
    counts = import_spark_output(str(output), load_options(overrides={"store.path": str(imported)}))
    assert counts["articles"] == 12
    assert_same_record(output, imported)
    # Again into the same file: nothing is added twice, and the events are merged again.
    again = import_spark_output(str(output), load_options(overrides={"store.path": str(imported)}))
    assert again["articles"] == 0 and again["rejected_inputs"] == 0
    assert_same_record(output, imported)


def test_an_unfinished_output_directory_is_refused_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    with pytest.raises(eventwire.StoreError, match="not a finished eventwire Spark output"):
        eventwire.open(tmp_path)


@pytest.mark.shared
@pytest.mark.slow
def test_same_record_as_the_local_engine_on_300_gigaword_articles(
    session: Any, tmp_path: Path
) -> None:
    lines = shared_path("corpora", "gigaword_afp_xinhua.jsonl").read_text().splitlines()[:300]
    corpus = tmp_path / "gigaword300.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output, database = tmp_path / "spark", tmp_path / "local.duckdb"
    run_spark([str(corpus)], load_options(), output=str(output), session=session)
    local_ingest([str(corpus)], database)
    assert_same_record(output, database)
