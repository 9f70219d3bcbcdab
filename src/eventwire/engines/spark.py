"""The Spark engine: the local engine's reading, deduplication, coding and merging, run as a
Spark job that writes a Parquet dataset per store table (docs/spark.md).

1. The driver lists the input files (``list_input_files``); Spark reads JSONL lines
   (``textFile``: any Hadoop filesystem, gzip too) and the executors read other files whole,
   each parsed by our readers (``spark_tasks.read_*``).
2. Exact duplicates (same content id) keep the first in the local engine's read order;
   near-duplicates are found with the ``Deduplicator``'s MinHash signatures and LSH bands
   joined in Spark, and linked to the smallest id they repeat, as ``documents/dedup.py`` does.
3. ``code_partition`` codes each partition with one pipeline per executor process and the
   local store's own row writer, and writes its rows itself as Parquet part files (pyarrow:
   they never cross into the JVM); only its event mentions' merge fields return to Spark.
4. The merge fields are grouped by merge group in Spark and each group is clustered by
   ``merge_mentions``, the local merge's function; the driver then gives each event mention
   its event, keeps one row per key of the treaty tables and rejections
   (``finish_datasets``), and derives the events, their sides, day totals and actors from the
   Parquet with the local store's SQL (``derive_events``), all in DuckDB.
5. ``_eventwire.json`` is written last: the output is then ``eventwire.open``-able.

Every row is keyed by content, as in the local store, so a task retried after a failure, or
a run repeated, writes the same rows; the output directory is replaced as a whole.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import re
import shutil
import sys
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Options, SparkOptions, load_options
from ..documents.article import Article, Rejection
from ..documents.readers.inputs import list_input_files
from ..errors import ConfigError
from ..registry import engines
from ..store.parquet import (
    OutputManifest,
    count_rows,
    derive_events,
    finish_datasets,
    first_rejections,
    write_manifest,
)
from ..versions import package_version
from . import spark_tasks as tasks

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["SparkSummary", "main", "run_spark", "start_session"]

# Files Spark reads line by line (any Hadoop filesystem, gzip included); others are read whole.
_LINE_SUFFIXES = (".jsonl", ".ndjson")
# Tables keyed by article: written in 16 ``bucket=`` folders by the first hex digit of the id.
_BY_ARTICLE = ("articles", "sentences", "mentions", "event_mentions", "quotes")
_log = logging.getLogger(__name__)
_LOCAL_MASTER = re.compile(r"^local\[(\d+|\*)\]$")
# Rejections kept in the summary for the command to print; all are in rejected_inputs.
_REJECTIONS_SHOWN = 50


class _Clock:
    """Logs each stage's seconds (logger ``eventwire.engines.spark``, level INFO)."""

    def __init__(self) -> None:
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        _log.info("%s: %.1f s", stage, now - self.last)
        self.last = now


@dataclass(frozen=True, slots=True)
class SparkSummary:
    """What one Spark run did (the command's closing table)."""

    run_id: str
    output: str
    master: str
    inputs_given: int
    files_read: int
    articles_read: int
    articles_new: int
    duplicates: int
    near_duplicates: int
    rejected: int
    rejected_shown: tuple[Rejection, ...]
    event_mentions_new: int
    events_total: int
    seconds: float
    partitions: int


def _with_retries(master: str, failures: int) -> str:
    """Spark's local mode ignores spark.task.maxFailures; ``local[N,F]`` is its own form."""
    match = _LOCAL_MASTER.match(master)
    return f"local[{match.group(1)},{failures}]" if match and failures > 1 else master


def start_session(master: str, options: SparkOptions) -> SparkSession:
    """A Spark session for eventwire on ``master``, retrying each failed task up to
    ``task_max_failures`` times in all."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise ConfigError(
            "the Spark engine needs PySpark: pip install 'eventwire[spark]' (and Java 17+)"
        ) from None
    if master.startswith("local"):
        # The executors of local mode run this interpreter (its environment has eventwire);
        # on a cluster PYSPARK_PYTHON names the shipped environment (docs/spark.md).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder: Any = (
        SparkSession.builder.master(_with_retries(master, options.task_max_failures))
        .appName("eventwire")
        .config("spark.task.maxFailures", str(options.task_max_failures))
        .config("spark.ui.showConsoleProgress", "false")
    )
    if master.startswith("local") and options.local_java_options:
        # Read when the JVM is launched: a session started here, in local mode.
        builder = builder.config("spark.driver.extraJavaOptions", options.local_java_options)
    session: SparkSession = builder.getOrCreate()
    return session


def run_spark(
    paths: Iterable[str],
    options: Options,
    *,
    output: str | None = None,
    master: str | None = None,
    published: date | None = None,
    session: SparkSession | None = None,
    coder: tasks.PartitionCoder | None = None,
) -> SparkSummary:
    """Read, deduplicate, code and merge ``paths`` on Spark into the Parquet directory
    ``output`` (``[spark] output``), replacing what it held. ``session``: an existing Spark
    session (else one is started on ``master`` and stopped at the end); ``coder``: the
    function that codes a partition (``spark_tasks.code_partition``).
    """
    from ..ingest import check_inputs

    started = time.perf_counter()
    began = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    inputs = tuple(paths)
    check_inputs(inputs)
    target = Path(output or options.spark.output)
    if target.exists() and not target.is_dir():
        raise ConfigError(f"--output {target} exists and is not a directory")
    chosen = master or options.spark.master
    spark = session if session is not None else start_session(chosen, options.spark)
    try:
        return _run(spark, inputs, options, target, published, coder, started, began, chosen)
    finally:
        if session is None:
            spark.stop()


def _run(
    spark: SparkSession,
    inputs: tuple[str, ...],
    options: Options,
    target: Path,
    published: date | None,
    coder: tasks.PartitionCoder | None,
    started: float,
    began: str,
    master: str,
) -> SparkSummary:
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    clock = _Clock()
    shuffles = options.spark.shuffle_partitions or 2 * spark.sparkContext.defaultParallelism
    spark.conf.set("spark.sql.shuffle.partitions", str(shuffles))
    run_id = uuid.uuid4().hex[:16]
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    work = target / tasks.WORK
    listed = list(list_input_files(inputs, options.documents))
    early = [item for item in listed if isinstance(item, Rejection)]
    files = [item for item in listed if not isinstance(item, Rejection)]

    # One pass of Python over the input: each article with its read order, its MinHash
    # signature and LSH bands, and each rejection; deduplication then runs in Spark SQL.
    documents = options.documents
    read = _read(spark, files, options, published).persist(StorageLevel.MEMORY_AND_DISK)
    articles = read.where(F.col("id").isNotNull())
    # Exact duplicates: the first copy in read order is the one kept (as the local engine).
    firsts = _first_by(articles, "id", order="read_order").persist(StorageLevel.MEMORY_AND_DISK)
    unique = firsts.count()
    articles_read = articles.count()
    clock.lap("read and exact duplicates")
    links, near = _near_duplicates(firsts, documents.near_duplicate_threshold)
    clock.lap("near-duplicates")

    # Coding: each task writes its rows as Parquet part files itself (spark_tasks.PartFiles)
    # and returns only its event mentions' merge fields, which Spark groups by merge group.
    per = max(1, options.spark.articles_per_partition)
    partitions = max(1, math.ceil(unique / per))
    ready = (
        firsts.join(links, "id", "left")
        .select("id", "article", "duplicate_of", "signature")
        .repartition(partitions, "id")
        .rdd
    )
    code = coder or tasks.code_partition
    output = str(target)
    merge_rows = ready.mapPartitionsWithIndex(
        lambda index, rows: code(options, run_id, output, index, rows)
    )
    summary = _merge(
        spark, merge_rows, options.store.merge_window_days, options.store.merge_by_place
    )
    _write(summary, work / "summary")
    # What attempts killed mid-partition left (their retries wrote the part files whole).
    for leftover in target.rglob(f"part-*{tasks.UNFINISHED}"):
        leftover.unlink()
    clock.lap("coding and merging")

    rejected = read.where(F.col("id").isNull()).select(
        "path", "record", "reader", "reason", F.lit(run_id).alias("first_run_id"),
        F.lit(run_id).alias("last_run_id"),
    )  # fmt: skip
    if early:
        early_rows = [tasks.rejection_row(r, run_id) for r in early]
        rejected = rejected.unionByName(spark.createDataFrame(early_rows, rejected.schema))
    _write(rejected, work / f"{tasks.REJECTED}_read")
    finish_datasets(target, work)
    clock.lap("event mentions, treaties, rejections")
    events = derive_events(target, str(work / "summary" / "*.parquet"))
    shutil.rmtree(work)
    clock.lap("events, sides, day totals, actors")

    counts = {
        name: count_rows(target, name) for name in ("articles", "event_mentions", tasks.REJECTED)
    }
    shown = first_rejections(target, _REJECTIONS_SHOWN)
    write_manifest(
        target,
        OutputManifest(
            run_id=run_id,
            started_at=began,
            finished_at=datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" "),
            inputs=tuple(inputs),
            config_hash=options.digest(),
            package_version=package_version(),
            model=options.pipeline.model,
            model_version=_model_version(options.pipeline.model),
            window_days=options.store.merge_window_days,
            by_place=options.store.merge_by_place,
            articles_read=articles_read,
            articles_new=counts["articles"],
            duplicates=articles_read - unique,
            rejected=counts[tasks.REJECTED],
            event_mentions_new=counts["event_mentions"],
            events=events,
        ),
    )
    read.unpersist()
    firsts.unpersist()
    clock.lap("counts and manifest")
    return SparkSummary(
        run_id=run_id,
        output=str(target),
        master=master,
        inputs_given=len(inputs),
        files_read=len(files),
        articles_read=articles_read,
        articles_new=counts["articles"],
        duplicates=articles_read - unique,
        near_duplicates=near,
        rejected=counts[tasks.REJECTED],
        rejected_shown=shown,
        event_mentions_new=counts["event_mentions"],
        events_total=events,
        seconds=time.perf_counter() - started,
        partitions=partitions,
    )


def _model_version(model: str) -> str:
    from ..ingest import model_version

    return model_version(model)


def _read(
    spark: SparkSession,
    files: Sequence[tuple[int, str, Path]],
    options: Options,
    published: date | None,
) -> DataFrame:
    """Every input file's results as ``READ_ROW`` rows: JSONL lines through Spark's text
    reader, other files read whole by the executors.

    Each part (a JSONL file; the whole files) becomes rows in one chain of Python functions,
    and the parts are joined as DataFrames, in the JVM. Joined as RDDs (``union``) before the
    row conversion, each task ran two Python workers, one feeding the other: twice as many
    workers as cores, and later coding tasks built the pipeline in the extra ones (four
    pipelines for ``local[2]``; docs/spark.md).
    """
    context = spark.sparkContext
    documents = options.documents
    lsh = _lsh_shape(documents)
    parts: list[RDD[tuple[tasks.ReadOrder, Article | Rejection]]] = []
    whole: list[tuple[str, str, str, tuple[int, int]]] = []
    for number, (given, name, path) in enumerate(files):
        order = (given, number)
        logical = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
        if logical.lower().endswith(_LINE_SUFFIXES) and path.stat().st_size > 0:
            lines = context.textFile(str(path.resolve())).zipWithIndex()
            parse = partial(
                tasks.read_jsonl_lines, name, order, options=documents, published=published
            )
            parts.append(lines.mapPartitions(parse))
        else:
            whole.append((name, path.name, str(path.resolve()), order))
    if whole:
        slices = max(1, min(len(whole), context.defaultParallelism * 4))
        parts.append(
            context.parallelize(whole, slices).flatMap(
                lambda item: _read_whole(item, documents, published)
            )
        )
    if not parts:
        parts.append(context.parallelize([], 1))
    frames = [
        spark.createDataFrame(
            part.map(lambda pair: tasks.read_row(pair, documents, lsh)), tasks.READ_ROW
        )
        for part in parts
    ]
    return _union(frames)


def _union(frames: list[DataFrame]) -> DataFrame:
    """The rows of all ``frames`` (of one schema), joined pairwise so that the plan of many
    input files stays shallow."""
    while len(frames) > 1:
        frames = [
            frames[i].union(frames[i + 1]) if i + 1 < len(frames) else frames[i]
            for i in range(0, len(frames), 2)
        ]
    return frames[0]


def _read_whole(
    item: tuple[str, str, str, tuple[int, int]], documents: Any, published: date | None
) -> Iterator[tuple[tasks.ReadOrder, Article | Rejection]]:
    name, base, location, order = item
    try:
        with open(location, "rb") as handle:
            data = handle.read(documents.max_file_bytes + 1)
    except OSError as exc:
        yield (*order, 0, 0), Rejection(name, f"cannot read ({exc.strerror or exc})")
        return
    yield from tasks.read_whole_file(name, base, data, order, documents, published)


def _lsh_shape(documents: Any) -> tuple[int, int]:
    """The bands and rows per band of ``Deduplicator``'s LSH index (datasketch's choice for
    the threshold and number of permutations)."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(
        threshold=documents.near_duplicate_threshold, num_perm=documents.minhash_permutations
    )
    return int(lsh.b), int(lsh.r)


def _near_duplicates(firsts: DataFrame, threshold: float) -> tuple[DataFrame, int]:
    """``(id, duplicate_of)``: the smallest id each article nearly repeats among the smaller
    ids (``DuplicateCheck.duplicate_of`` after every relink), and how many articles repeat one
    read before them (the local engine's count of near-duplicates). Candidates share an LSH
    band; a pair is kept when the share of equal signature values reaches ``threshold``, the
    ``Deduplicator``'s estimate and test."""
    from pyspark.sql import functions as F

    bands = firsts.select("id", F.posexplode("bands").alias("band", "key"))
    a, b = bands.alias("a"), bands.alias("b")
    pairs = (
        a.join(b, (F.col("a.band") == F.col("b.band")) & (F.col("a.key") == F.col("b.key")))
        .where(F.col("a.id") < F.col("b.id"))
        .select(F.col("a.id").alias("small"), F.col("b.id").alias("large"))
        .distinct()
    )
    sides = firsts.select("id", "read_order", "hashes")
    s, t = sides.alias("s"), sides.alias("t")
    equal = F.aggregate(
        F.zip_with("s.hashes", "t.hashes", lambda x, y: F.when(x == y, 1).otherwise(0)),
        F.lit(0),
        lambda total, x: total + x,
    )
    matched = (
        pairs.join(s, F.col("small") == F.col("s.id"))
        .join(t, F.col("large") == F.col("t.id"))
        .where(equal.cast("double") / F.size("s.hashes").cast("double") >= F.lit(threshold))
        .select(
            "small",
            "large",
            F.when(F.col("s.read_order") < F.col("t.read_order"), F.col("large"))
            .otherwise(F.col("small"))
            .alias("later"),
        )
        .persist()
    )
    links = matched.groupBy(F.col("large").alias("id")).agg(F.min("small").alias("duplicate_of"))
    near = matched.select("later").distinct().count()
    return links, near


def _first_by(frame: DataFrame, *key: str, order: str | None = None) -> DataFrame:
    """One row per ``key``: the smallest by ``order`` (default: the last column given)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    by = order or key[-1]
    keys = list(key) if order else list(key[:-1])
    window = Window.partitionBy(*keys).orderBy(F.col(by).asc_nulls_last())
    return frame.withColumn("_n", F.row_number().over(window)).where("_n = 1").drop("_n")


def _write(frame: DataFrame, path: Path) -> None:
    frame.write.mode("overwrite").parquet(str(path))


def _merge(
    spark: SparkSession, rows: RDD[tuple[Any, ...]], window_days: int, by_place: bool
) -> DataFrame:
    """Merged events of the mentions' merge rows (``MERGE_FIELDS``): grouped by merge group
    in Spark, each group clustered by the local merge's ``merge_mentions``."""
    # As many merge tasks as the deduplication's shuffles (spark.sql.shuffle.partitions), not
    # one per coding task: each pays a Python pass and a Parquet file written by the JVM (the
    # 20 tasks of the whole corpus took 25 s of a local[2] run at load 14).
    merges = int(spark.conf.get("spark.sql.shuffle.partitions") or 1)
    keyed = rows.map(lambda r: ((r[5] or "-", r[6] or "-", r[7] or "-", r[8]), r))
    grouped = keyed.groupByKey(merges)
    events = grouped.flatMap(lambda kv: tasks.merge_group(kv[1], window_days, by_place))
    schema = (
        "event_id string, rep string, num_mentions long, num_articles long, num_sources long,"
        " conf double, mention_ids array<string>"
    )
    return spark.createDataFrame(events, schema)


def main(argv: Sequence[str] | None = None) -> int:
    """The ``spark-submit`` entry point: ``python -m eventwire.engines.spark PATH...``;
    prints the run's summary as JSON; exits 3 when some input was rejected."""
    parser = argparse.ArgumentParser(
        prog="eventwire.engines.spark", description="Ingest PATHs on Spark into Parquet."
    )
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--output", help="output directory (default: [spark] output)")
    parser.add_argument("--master", help="Spark master (default: [spark] master)")
    parser.add_argument("--config", help="an eventwire config file")
    parser.add_argument("--date", help="YYYY-MM-DD for articles that carry no date")
    args = parser.parse_args(argv)
    options = load_options(args.config)
    day = date.fromisoformat(args.date) if args.date else None
    summary = run_spark(args.paths, options, output=args.output, master=args.master, published=day)
    fields = {
        name: getattr(summary, name)
        for name in summary.__dataclass_fields__
        if name != "rejected_shown"
    }
    print(json.dumps(fields, indent=1))
    return 3 if summary.rejected else 0


engines.register("eventwire.engine.spark.v1", func=run_spark)

if __name__ == "__main__":
    sys.exit(main())
