"""Ingest: read inputs, code new articles, store them, merge events — the main job.

The CLI's ``ingest`` command and the Python API both call ``ingest``; nothing here prints.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date

import duckdb

from ._paths import looks_like_url
from .config import Options
from .documents import Article, Deduplicator, Rejection, read_inputs
from .documents.article import CopyKey
from .documents.assemble import EARLIEST_DATE, LATEST_DATE
from .documents.normalise import path_as_given
from .engines.local import run_local
from .engines.model import CodedArticle, batches
from .errors import ConfigError, StoreError, UnreadableInput
from .store import RunInfo, Store, open_store
from .store.lock import ingest_lock
from .store.search_index import IndexUpdate, update_index
from .treaties.persist import write_treaty_updates
from .versions import package_version

__all__ = [
    "REJECTIONS_PER_WRITE",
    "IngestSummary",
    "UnsupportedInput",
    "check_inputs",
    "count_articles",
    "import_spark_output",
    "ingest",
    "store_batch",
]

# Rejections recorded per statement, at most waiting: 50,000 bad lines recorded 64 at a time
# took 16 s (the statement's fixed cost), at 5,000 a time under 1 s.
REJECTIONS_PER_WRITE = 5_000


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


def _check_published(published: date | None) -> None:
    """A date given for undated articles must be one articles may carry (issue 15: --date
    9999-12-31 overflowed in the time layer and lost every article)."""
    if published is not None and not EARLIEST_DATE <= published <= LATEST_DATE:
        raise ConfigError(
            f"date {published} is outside the accepted article dates "
            f"({EARLIEST_DATE} to {LATEST_DATE})"
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
    # Stored copies replaced by an exact copy that sorts before them (Article.copy_key);
    # not counted in articles_new.
    copies_replaced: int = 0
    # The search index beside the store after the run (``store.search_index``): what was
    # indexed, or why it could not be updated (the run's articles are stored either way, and
    # the next ingest or ``eventwire index`` indexes them).
    search_index: IndexUpdate | None = None
    search_index_problem: str | None = None


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
    _check_published(published)
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
    is an ``UnsupportedInput`` error, and a ``published`` date outside the accepted article
    dates a ``ConfigError``, before anything is opened.

    For progress: ``on_article`` is called with each article as soon as it is coded (it is
    stored with its batch, or rejected if coding or storing failed), ``on_skipped`` with the
    number of articles of each chunk read that needed no coding (already stored, exact
    duplicates); together they count every article ``count_articles`` counts.
    """
    started = time.perf_counter()
    inputs = tuple(paths)
    check_inputs(inputs)
    _check_published(published)
    with ingest_lock(options.store.path, wait_seconds=options.store.wait_seconds):
        store = open_store(options.store.path, wait_seconds=options.store.wait_seconds)
        with store:
            return _ingest(store, inputs, options, published, on_article, on_skipped, started)


def _ingest(
    store: Store,
    inputs: tuple[str, ...],
    options: Options,
    published: date | None,
    on_article: Callable[[Article], None] | None,
    on_skipped: Callable[[int], None] | None,
    started: float,
) -> IngestSummary:
    rejected: list[Rejection] = []
    unrecorded: list[Rejection] = []
    counts = {"read": 0, "known": 0, "near": 0, "replaced": 0}
    # The copy of each article id this run sent to coding, by ``Article.copy_key``, and the
    # ids of those sent to replace a copy held before.
    sent: dict[str, CopyKey] = {}
    replacing: set[str] = set()
    linked: dict[str, str] = {}  # the near-duplicate link of an article sent, if any
    # Stored near-duplicates that a new article becomes the original of, by its id; applied
    # with that article's batch (Store.write_articles).
    relinks: dict[str, tuple[str, ...]] = {}
    files: set[str] = set()
    by_reader: dict[str, int] = {}
    # This process holds the ingest lock, so a run still 'running' is one whose process died.
    store.mark_dead_runs()
    run_id = store.begin_run(
        RunInfo(
            inputs=tuple(path_as_given(path) for path in inputs),
            config_hash=options.digest(),
            package_version=package_version(),
            model=options.pipeline.model,
            model_version=model_version(options.pipeline.model),
        )
    )
    dedup = Deduplicator.from_options(options.documents)
    dedup.load(store.article_signatures())
    # While the workers code, this process reads, deduplicates and appends small batches:
    # DuckDB's own threads (one per core) only compete with the workers for the cores
    # (600 Gigaword articles, 2 workers: 1.2 CPU s of idle DuckDB threads in this process
    # with the default, 0.4 with one thread, and no slower writes). The merge at the end
    # gets every core again.
    store.set_threads(1)

    write_batch = max(1, options.pipeline.write_batch)

    def reject(rejection: Rejection) -> None:
        rejected.append(rejection)
        unrecorded.append(rejection)

    def flush_rejections(at_least: int = 1) -> None:
        # Recorded in bulk: one statement per reject cost 2.5 ms (issue 15), and one bulk
        # statement costs about 20 ms whatever its size, so rejections wait for a few
        # thousand (a killed run loses none: the next run reads and rejects them again).
        if len(unrecorded) >= at_least:
            store.record_rejections(run_id, unrecorded)
            unrecorded.clear()

    def article_chunks() -> Iterator[list[Article]]:
        # Chunks of write_batch articles; rejections in between do not count, so 50,000
        # bad lines cost no database round trip each.
        read: list[Article] = []
        for result in read_inputs(inputs, options.documents, published=published):
            if isinstance(result, Rejection):
                reject(result)
                continue
            read.append(result)
            if len(read) >= write_batch:
                yield read
                read = []
        yield read

    def new_articles() -> Iterator[Article]:
        # Read by chunks: one "already stored?" query and one signature insert per chunk,
        # not two database round trips per article (29 ms an article in the parent
        # process, which is the bottleneck with two workers; docs/performance.md).
        for read in article_chunks():
            stored = store.stored_copies(a.id for a in read)
            signatures: list[tuple[str, bytes]] = []
            ready: list[Article] = []
            for result in read:
                counts["read"] += 1
                files.add(result.provenance.path)
                reader = result.provenance.reader
                by_reader[reader] = by_reader.get(reader, 0) + 1
                # Exact duplicates (same normalised content, so the same id) are not
                # stored again, unless they sort before the copy held (Article.copy_key):
                # then they are coded and replace it, so that the copy stored does not
                # depend on the order (issue 15). Near-duplicates are stored, linked to
                # the article they repeat, and coded: their reports are more mentions of
                # the same events.
                key = result.copy_key()
                held = [k for k in (sent.get(result.id), stored.get(result.id)) if k]
                if held:
                    if key >= min(held):
                        counts["known"] += 1
                        continue
                    sent[result.id] = key
                    replacing.add(result.id)
                    # The same text, so the same near-duplicate link as the copy it replaces
                    # (a stored one keeps its own: Store.write_articles).
                    ready.append(replace(result, duplicate_of=linked.get(result.id)))
                    continue
                verdict = dedup.observe(result)
                if verdict.kind == "exact":
                    counts["known"] += 1
                    continue
                if verdict.kind == "near":
                    counts["near"] += 1
                if verdict.signature is not None:
                    signatures.append((result.id, verdict.signature))
                if verdict.original_of:
                    relinks[result.id] = verdict.original_of
                sent[result.id] = key
                if verdict.article.duplicate_of is not None:
                    linked[result.id] = verdict.article.duplicate_of
                ready.append(verdict.article)
            store.write_signatures(signatures)
            if on_skipped is not None and len(read) > len(ready):
                on_skipped(len(read) - len(ready))
            flush_rejections(REJECTIONS_PER_WRITE)
            # The file is let go while the workers code (docs/concurrency.md).
            store.release()
            yield from ready

    mentions_new = 0
    articles_new = 0
    try:
        # Articles are stored by batches, one transaction each (issue 7: no per-article
        # round trips); a run stopped in between still leaves whole articles only.
        coded_articles = run_local(new_articles(), options.pipeline)
        if on_article is not None:  # as each is coded: batches hold 256 (write_batch)
            coded_articles = _reported(coded_articles, on_article)
        for coded_batch in batches(coded_articles, write_batch):
            batch = []
            for coded in coded_batch:
                if coded.failure is None:
                    batch.append(coded)
                    continue
                reject(
                    Rejection(
                        coded.article.provenance.path,
                        coded.failure,
                        record=coded.article.provenance.record,
                        reader=coded.article.provenance.reader,
                    )
                )
            stored = store_batch(store, run_id, batch, reject, relinks)
            mentions_new += stored[1]
            for coded in stored[0]:
                if coded.article.id in replacing:
                    replacing.discard(coded.article.id)
                    counts["replaced"] += 1
                else:
                    articles_new += 1
            flush_rejections(REJECTIONS_PER_WRITE)
            store.release()
        flush_rejections()
        store.set_threads(None)
        events_total = store.merge_events(
            options.store.merge_window_days, by_place=options.store.merge_by_place
        )
        indexed, index_problem = keep_search_index(store, options)
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
        copies_replaced=counts["replaced"],
        search_index=indexed,
        search_index_problem=index_problem,
    )


def keep_search_index(store: Store, options: Options) -> tuple[IndexUpdate | None, str | None]:
    """Bring the search index beside ``store`` up to date with the articles stored since its
    last update (``store.search_index``); return what was done, or why not. A store in
    memory, or ``[store] search_index = false``, keeps none. A failure to write the index
    does not fail the run: its articles are stored, and the next update indexes them."""
    if not options.store.search_index or store.path in ("", ":memory:"):
        return None, None
    try:
        return update_index(store.con, store.path), None
    except StoreError as exc:
        return None, str(exc)


def store_batch(
    store: Store,
    run_id: str,
    batch: list[CodedArticle],
    reject: Callable[[Rejection], None],
    relinks: dict[str, tuple[str, ...]] | None = None,
) -> tuple[list[CodedArticle], int]:
    """Store a batch in one transaction; if it cannot be stored, store its articles one by one
    and reject the ones that fail, so one bad value never loses the rest (issue 15). Return
    the articles stored and the event mentions added."""
    links = relinks if relinks is not None else {}
    try:
        return batch, _store_coded(store, run_id, batch, links)
    except (StoreError, duckdb.Error) as exc:
        if len(batch) == 1:
            _reject_unstorable(batch[0], reject, exc)
            return [], 0
    stored: list[CodedArticle] = []
    mentions = 0
    for coded in batch:
        try:
            mentions += _store_coded(store, run_id, [coded], links)
        except (StoreError, duckdb.Error) as exc:
            _reject_unstorable(coded, reject, exc)
            continue
        stored.append(coded)
    return stored, mentions


def _store_coded(
    store: Store, run_id: str, batch: list[CodedArticle], relinks: dict[str, tuple[str, ...]]
) -> int:
    # Treaty rows first: they are idempotent, so if the run stops before the article
    # is stored, the next run redoes both and nothing is lost or doubled.
    # One call per batch: each call also ensures the treaty tables (12 ms).
    # Of two exact copies in one batch only the first by copy key is stored (the later one
    # sent: see new_articles), so only its treaty updates are written.
    first = {
        c.article.id: c for c in sorted(batch, key=lambda c: c.article.copy_key(), reverse=True)
    }
    write_treaty_updates(
        store.con, [u for c in batch if first[c.article.id] is c for u in c.treaty_updates]
    )
    pairs = [(other, c.article.id) for c in batch for other in relinks.get(c.article.id, ())]
    added = store.write_articles(
        run_id, [(c.article, c.events, c.annotations) for c in batch], pairs
    )
    for coded in batch:
        relinks.pop(coded.article.id, None)
    return added


def _reject_unstorable(
    coded: CodedArticle, reject: Callable[[Rejection], None], exc: Exception
) -> None:
    article = coded.article
    reject(
        Rejection(
            article.provenance.path,
            f"article could not be stored ({str(exc)[:300]})",
            record=article.provenance.record,
            reader=article.provenance.reader,
        )
    )


def import_spark_output(directory: str, options: Options) -> dict[str, int]:
    """Load a Spark engine's output ``directory`` into the database ``options.store.path``
    (creating it); return the rows added per table and ``events``, the events it then holds.

    Into an empty database the output's merged events are copied as they are; into one that
    already holds articles, only rows it lacks are added (content keys) and the events are
    merged again over everything, as an ingest of the same articles would leave them.
    """
    from .store.parquet import import_output, read_manifest

    read_manifest(directory)  # a clear error before the database is created
    with ingest_lock(options.store.path, wait_seconds=options.store.wait_seconds):
        store = open_store(options.store.path, wait_seconds=options.store.wait_seconds)
        with store:
            counts = import_output(directory, store.con)
            if counts.pop("merged_here"):
                events = store.merge_events(
                    options.store.merge_window_days,
                    by_place=options.store.merge_by_place,
                    full=True,
                )
            else:
                row = store.con.execute("SELECT count(*) FROM events").fetchone()
                events = int(row[0]) if row else 0
            _indexed, problem = keep_search_index(store, options)
            if problem is not None:
                raise StoreError(f"the articles are loaded, but {problem}")
    return {**{k: int(v) for k, v in counts.items()}, "events": events}
