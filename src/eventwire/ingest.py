"""Ingest: read inputs, code new articles, store them, merge events — the main job.

The CLI's ``ingest`` command and the Python API both call ``ingest``; nothing here prints.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from ._paths import looks_like_url
from .config import Options
from .documents import Article, Deduplicator, Rejection, read_inputs
from .engines.local import run_local
from .engines.model import CodedArticle, batches
from .errors import UnreadableInput
from .store import RunInfo, open_store
from .treaties.persist import write_treaty_updates
from .versions import package_version

__all__ = ["IngestSummary", "UnsupportedInput", "check_inputs", "count_articles", "ingest"]


class UnsupportedInput(UnreadableInput):
    """An input eventwire does not read at all (a URL): refused before anything runs."""


def check_inputs(paths: Iterable[str]) -> None:
    """Refuse URLs among ``paths`` at once, before the database is opened or the model
    loaded: eventwire reads files, directories and standard input, never the web."""
    for path in paths:
        if looks_like_url(path):
            raise UnsupportedInput(
                f"{path!r} is a URL: eventwire ingest reads files, directories and - (standard"
                " input), never the web; download the page first and ingest the file"
            )


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What one ingest run did (the closing table of the CLI)."""

    run_id: str
    db: str
    inputs_given: int
    articles_read: int
    articles_new: int
    already_stored: int
    rejected: tuple[Rejection, ...]
    event_mentions_new: int
    events_total: int
    seconds: float
    by_reader: tuple[tuple[str, int], ...] = field(default=())
    files_read: int = 0
    near_duplicates: int = 0


def model_version(model: str) -> str:
    """The installed version of a spaCy pipeline package, or "unknown" (a path, say)."""
    version = package_version(model)
    return "unknown" if version == "0+unknown" else version


def _reported(
    coded: Iterable[CodedArticle], on_article: Callable[[Article], None]
) -> Iterator[CodedArticle]:
    for item in coded:
        on_article(item.article)
        yield item


def count_articles(
    paths: Iterable[str], options: Options, *, published: date | None = None
) -> int | None:
    """How many articles ``paths`` hold (read and cleaned, not coded), for a progress total;
    None when standard input is among them (it can be read only once). Reading costs about
    1.5 ms an article (2,452 Gigaword articles in 3.8 s here), under 1% of coding them."""
    inputs = tuple(paths)
    if "-" in inputs:
        return None
    check_inputs(inputs)
    results = read_inputs(inputs, options.documents, published=published)
    return sum(1 for result in results if isinstance(result, Article))


def ingest(
    paths: Iterable[str],
    options: Options,
    *,
    published: date | None = None,
    on_article: Callable[[Article], None] | None = None,
    on_skipped: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Ingest ``paths`` into the database ``options.store.path``.

    Re-ingesting the same inputs changes nothing: articles are keyed by content and skipped
    when stored; a run stopped half-way is completed by the next one. A URL among ``paths``
    is an ``UnsupportedInput`` error before anything runs.

    For progress: ``on_article`` is called with each article as soon as it is coded (it is
    stored with its batch, or rejected if coding failed), ``on_skipped`` with the number of
    articles of each chunk read that needed no coding (already stored, exact duplicates);
    together they count every article ``count_articles`` counts.
    """
    started = time.perf_counter()
    inputs = tuple(paths)
    check_inputs(inputs)
    rejected: list[Rejection] = []
    counts = {"read": 0, "known": 0, "near": 0}
    files: set[str] = set()
    by_reader: dict[str, int] = {}
    with open_store(options.store.path) as store:
        run_id = store.begin_run(
            RunInfo(
                inputs=inputs,
                config_hash=options.digest(),
                package_version=package_version(),
                model=options.pipeline.model,
                model_version=model_version(options.pipeline.model),
            )
        )
        dedup = Deduplicator.from_options(options.documents)
        dedup.load(store.article_signatures())

        write_batch = max(1, options.pipeline.write_batch)

        def new_articles() -> Iterator[Article]:
            # Read by chunks: one "already stored?" query and one signature insert per chunk,
            # not two database round trips per article (29 ms an article in the parent
            # process, which is the bottleneck with two workers; docs/performance.md).
            for chunk in batches(read_inputs(inputs, options.documents, published=published),
                                  write_batch):  # fmt: skip
                read: list[Article] = []
                for result in chunk:
                    if isinstance(result, Rejection):
                        rejected.append(result)
                        store.record_rejection(run_id, result)
                        continue
                    read.append(result)
                known = store.known_articles(a.id for a in read)
                signatures: list[tuple[str, bytes]] = []
                ready: list[Article] = []
                for result in read:
                    counts["read"] += 1
                    files.add(result.provenance.path)
                    reader = result.provenance.reader
                    by_reader[reader] = by_reader.get(reader, 0) + 1
                    # Exact duplicates (same normalised content, so the same id) are not
                    # stored again; near-duplicates are stored, linked to the article they
                    # repeat, and coded: their reports are more mentions of the same events.
                    if result.id in known:
                        counts["known"] += 1
                        continue
                    verdict = dedup.observe(result)
                    if verdict.kind == "exact":
                        counts["known"] += 1
                        continue
                    if verdict.kind == "near":
                        counts["near"] += 1
                    if verdict.signature is not None:
                        signatures.append((result.id, verdict.signature))
                    ready.append(verdict.article)
                store.write_signatures(signatures)
                if on_skipped is not None and len(read) > len(ready):
                    on_skipped(len(read) - len(ready))
                yield from ready

        mentions_new = 0
        articles_new = 0
        # While the workers code, this process reads, deduplicates and appends small batches:
        # DuckDB's own threads (one per core) only compete with the workers for the cores
        # (600 Gigaword articles, 2 workers: 1.2 CPU s of idle DuckDB threads in this process
        # with the default, 0.4 with one thread, and no slower writes). The merge at the end
        # gets every core again.
        store.con.execute("SET threads = 1")
        try:
            # Articles are stored by batches, one transaction each (issue 7: no per-article
            # round trips); a run stopped in between still leaves whole articles only.
            coded_articles = run_local(new_articles(), options.pipeline)
            if on_article is not None:  # as each is coded: batches hold 64 (write_batch)
                coded_articles = _reported(coded_articles, on_article)
            for coded_batch in batches(coded_articles, write_batch):
                batch = []
                for coded in coded_batch:
                    if coded.failure is None:
                        batch.append(coded)
                        continue
                    failed = Rejection(
                        coded.article.provenance.path,
                        coded.failure,
                        record=coded.article.provenance.record,
                        reader=coded.article.provenance.reader,
                    )
                    rejected.append(failed)
                    store.record_rejection(run_id, failed)
                # Treaty rows first: they are idempotent, so if the run stops before the article
                # is stored, the next run redoes both and nothing is lost or doubled.
                # One call per batch: each call also ensures the treaty tables (12 ms).
                write_treaty_updates(store.con, [u for c in batch for u in c.treaty_updates])
                mentions_new += store.write_articles(
                    run_id, [(c.article, c.events, c.annotations) for c in batch]
                )
                articles_new += len(batch)
            store.con.execute("RESET threads")
            events_total = store.merge_events(
                options.store.merge_window_days, by_place=options.store.merge_by_place
            )
        except BaseException:
            store.finish_run(run_id, "failed", {"articles_new": articles_new})
            raise
        store.finish_run(
            run_id,
            "complete",
            {
                "articles_read": counts["read"],
                "articles_new": articles_new,
                "duplicates": counts["known"],
                "rejected": len(rejected),
                "event_mentions_new": mentions_new,
            },
        )
    return IngestSummary(
        run_id=run_id,
        db=options.store.path,
        inputs_given=len(inputs),
        articles_read=counts["read"],
        articles_new=articles_new,
        already_stored=counts["known"],
        rejected=tuple(rejected),
        event_mentions_new=mentions_new,
        events_total=events_total,
        seconds=time.perf_counter() - started,
        by_reader=tuple(sorted(by_reader.items())),
        files_read=len(files),
        near_duplicates=counts["near"],
    )
