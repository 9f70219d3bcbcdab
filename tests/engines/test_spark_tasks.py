"""What the Spark engine's executors run, without Spark (issue 19): the same candidates as
the Deduplicator's LSH index, the same events as the local merge, the same records as the
JSONL reader."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from datasketch import MinHashLSH

from eventwire.config import load_options
from eventwire.documents.article import Article, Provenance, Rejection
from eventwire.documents.dedup import Deduplicator
from eventwire.documents.readers.records import read_jsonl
from eventwire.engines.spark_tasks import (
    band_keys,
    linked_article,
    merge_group,
    read_jsonl_lines,
    read_row,
)
from eventwire.store.merge import MentionRow, group_key, merge_mentions

WORDS = [
    "talks",
    "sanctions",
    "minister",
    "border",
    "troops",
    "summit",
    "aid",
    "envoy",
    "ceasefire",
    "treaty",
]


def _text(rng: random.Random, length: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(length))


def test_band_keys_make_the_candidates_of_the_deduplicators_index() -> None:
    documents = load_options().documents
    rng = random.Random(19)
    base = [_text(rng, 40) for _ in range(6)]
    # Near copies (a few words changed), unrelated texts, and an empty one.
    texts = [*base, *(t.replace(t.split()[3], "parliament", 1) for t in base), "", "talks"]
    dedup = Deduplicator.from_options(documents)
    signatures = {f"a{i:02d}": dedup.signature_bytes(t) for i, t in enumerate(texts)}
    lsh = MinHashLSH(
        threshold=documents.near_duplicate_threshold, num_perm=documents.minhash_permutations
    )
    for key, text in zip(signatures, texts, strict=True):
        signature = dedup.minhash(text)
        if not signature.is_empty():
            lsh.insert(key, signature)
    keys = {k: set(band_keys(s, lsh.b, lsh.r)) for k, s in signatures.items()}
    for key, text in zip(signatures, texts, strict=True):
        signature = dedup.minhash(text)
        expected = set() if signature.is_empty() else set(lsh.query(signature)) - {key}
        shared = {other for other in keys if other != key and keys[key] & keys[other]}
        assert shared == expected, key
    assert any(keys.values())  # the near copies do share bands


def test_merge_group_by_group_gives_the_events_of_the_whole_merge() -> None:
    rng = random.Random(7)
    day = date(2024, 3, 1)
    rows = []
    for i in range(120):
        start = day + timedelta(days=rng.randrange(12)) if rng.random() < 0.9 else None
        rows.append(
            (
                f"m{rng.randrange(10**6):06d}{i}",
                f"a{rng.randrange(30):02d}",
                rng.randrange(5),
                rng.randrange(300),
                rng.choice(["afp.com", None]),
                rng.choice(["USA", "RUS", ""]),
                rng.choice(["CHN", None]),
                rng.choice(["CONSULT", "ACCUSE"]),
                rng.choice(["asserted", "negated"]),
                rng.choice(["040", "043", "112"]),
                rng.choice([0.5, 0.9, None]),
                start,
                start + timedelta(days=rng.randrange(2)) if start else None,
                rng.choice(["SYR", None]),
            )
        )
    # The local merge: every mention, in storage order (article, sentence, trigger, id).
    ordered = sorted(rows, key=lambda r: (r[1], r[2], r[3], r[0]))
    mentions = [
        MentionRow(r[0], i, r[1], r[4], group_key(r[5], r[6], r[7], r[8]), r[9], r[10] or 0.0,
                   r[11], r[12], r[13])
        for i, r in enumerate(ordered)
    ]  # fmt: skip
    whole = merge_mentions(mentions, 1, by_place=True)
    expected = {
        (e.event_id, e.representative, e.num_mentions, e.num_articles, e.num_sources,
         e.confidence, e.mention_ids)
        for e in whole
    }  # fmt: skip
    groups: dict[tuple[str, ...], list[tuple[object, ...]]] = {}
    for r in rng.sample(rows, len(rows)):  # any order within a group
        groups.setdefault((r[5] or "-", r[6] or "-", r[7] or "-", r[8]), []).append(r)
    got = {
        (*event[:6], tuple(event[6]))  # type: ignore[misc]
        for members in groups.values()
        for event in merge_group(members, 1, True)
    }
    assert got == expected
    assert len(expected) < len(rows)  # some mentions did merge


def test_jsonl_lines_are_read_as_the_jsonl_reader_reads_the_file() -> None:
    documents = load_options().documents
    lines = [
        '{"id": "1", "text": "Russia and China held talks in Beijing on Monday.",'
        ' "date": "2024-03-04"}',
        "",
        '{"id": "2", "text": ',
        '{"id": "3"}',
        "[1, 2]",
        '{"id": "4", "text": "The envoy met the minister."}',
    ]
    expected = list(read_jsonl("wire.jsonl", "\n".join(lines), documents))
    got = [
        result
        for _, result in read_jsonl_lines(
            "wire.jsonl", (0, 0), [(line, i) for i, line in enumerate(lines)], documents, None
        )
    ]
    assert got == expected
    assert sum(isinstance(r, Rejection) for r in got) == 3


def test_a_read_row_carries_the_article_whole_and_its_link_or_the_rejection() -> None:
    documents = load_options().documents
    article = Article(
        text="Russia and China held talks in Beijing on Monday.",
        provenance=Provenance("wire.jsonl", "eventwire.reader.jsonl.v1", record=3),
        title="Talks",
    )
    row = read_row(((0, 0, 3, 0), article), documents, (8, 16))
    article_id, order, blob, signature, hashes, bands, *rejection = row
    assert (article_id, order) == (article.id, [0, 0, 3, 0])
    assert signature == Deduplicator.from_options(documents).signature_bytes(article.text)
    assert len(hashes) == documents.minhash_permutations and len(bands) == 8
    assert rejection == [None, None, None, None]
    assert linked_article((article_id, blob, None)) == article
    assert linked_article((article_id, blob, "a0")).duplicate_of == "a0"
    rejected = read_row(((0, 0, 1, 0), Rejection("x", "bad", record=1)), documents, (8, 16))
    assert rejected == (None, [0, 0, 1, 0], None, None, None, None, "x", 1, None, "bad")


def test_local_masters_get_their_retries_in_the_form_local_mode_reads() -> None:
    from eventwire.engines.spark import _with_retries

    # Local mode ignores spark.task.maxFailures: local[N,F] is how it retries a task.
    assert _with_retries("local[2]", 4) == "local[2,4]"
    assert _with_retries("local[*]", 3) == "local[*,3]"
    assert _with_retries("local[2]", 1) == "local[2]"
    assert _with_retries("yarn", 4) == "yarn"


@pytest.mark.parametrize(
    ("arguments", "complaint"),
    [
        (["--engine", "spark", "--db", "x.duckdb"], "--db and --processes are for --engine local"),
        (["--output", "out"], "--master and --output are for --engine spark"),
    ],
)
def test_engine_options_that_do_not_go_together_are_usage_errors(
    arguments: list[str], complaint: str, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from eventwire.cli import cli

    source = tmp_path / "a.txt"
    source.write_text("Russia and China held talks.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(source), *arguments])
    assert result.exit_code == 2 and complaint in result.output
    assert not (tmp_path / "x.duckdb").exists()


def test_part_files_appear_whole_and_a_retried_task_replaces_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from eventwire.engines import spark_tasks

    monkeypatch.setattr(spark_tasks, "ROW_GROUP", 2)  # a row group per two rows
    rows = pa.table({"article_id": ["a1", "a2", "a3"]})
    first = spark_tasks.PartFiles(str(tmp_path), 3)
    first.add("articles", rows.slice(0, 1))
    first.add("articles", rows.slice(1, 1))  # two rows buffered: written, unfinished
    first.add("event_mentions", pa.table({"mention_id": ["m1"]}))
    assert not list(tmp_path.rglob("*.parquet"))  # no reader sees a file being written
    assert len(list(tmp_path.rglob(f"*{spark_tasks.UNFINISHED}"))) == 1
    first.commit()
    articles = tmp_path / "articles" / "part-00003.parquet"
    assert pq.read_table(articles).column("article_id").to_pylist() == ["a1", "a2"]
    assert pq.read_table(tmp_path / spark_tasks.WORK / "event_mentions" / "part-00003.parquet")
    # A second attempt at the same partition that fails leaves the first's file as it was;
    # one that finishes replaces it.
    failed = spark_tasks.PartFiles(str(tmp_path), 3)
    failed.add("articles", rows)
    failed.abandon()
    assert not list(tmp_path.rglob(f"*{spark_tasks.UNFINISHED}"))
    assert pq.read_table(articles).num_rows == 2
    retried = spark_tasks.PartFiles(str(tmp_path), 3)
    retried.add("articles", rows)
    retried.commit()
    assert pq.read_table(articles).column("article_id").to_pylist() == ["a1", "a2", "a3"]
    assert pq.ParquetFile(articles).num_row_groups == 1
