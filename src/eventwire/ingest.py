"""Ingest: read inputs, code new articles, store them, merge events — the main job.

The CLI's ``ingest`` command and the Python API both call ``ingest``; nothing here prints.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import metadata

from spacy.util import get_package_version

from .config import Options
from .documents import Article, Deduplicator, Rejection, read_inputs
from .engines.local import run_local
from .store import RunInfo, open_store
from .treaties.persist import write_treaty_updates

__all__ = ["IngestSummary", "ingest"]


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


def package_version() -> str:
    """The installed version of eventwire."""
    try:
        return metadata.version("eventwire")
    except metadata.PackageNotFoundError:  # running from a source tree without install
        return "0+unknown"


def model_version(model: str) -> str:
    """The installed version of a spaCy pipeline package, or "unknown" (a path, say)."""
    return get_package_version(model) or "unknown"


def ingest(
    paths: Iterable[str],
    options: Options,
    *,
    published: date | None = None,
    on_article: Callable[[Article], None] | None = None,
) -> IngestSummary:
    """Ingest ``paths`` into the database ``options.store.path``.

    Re-ingesting the same inputs changes nothing: articles are keyed by content and skipped
    when stored; a run stopped half-way is completed by the next one.
    """
    started = time.perf_counter()
    inputs = tuple(paths)
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

        def new_articles() -> Iterator[Article]:
            for result in read_inputs(inputs, options.documents, published=published):
                if isinstance(result, Rejection):
                    rejected.append(result)
                    store.record_rejection(run_id, result)
                    continue
                counts["read"] += 1
                files.add(result.provenance.path)
                reader = result.provenance.reader
                by_reader[reader] = by_reader.get(reader, 0) + 1
                # Exact duplicates (same normalised content, so the same id) are not stored
                # again; near-duplicates are stored, linked to the article they repeat, and
                # coded: their reports count as more mentions of the same events.
                if store.known_articles([result.id]):
                    counts["known"] += 1
                    continue
                verdict = dedup.observe(result)
                if verdict.kind == "exact":
                    counts["known"] += 1
                    continue
                if verdict.kind == "near":
                    counts["near"] += 1
                if verdict.signature is not None:
                    store.write_signature(result.id, verdict.signature)
                yield verdict.article

        mentions_new = 0
        articles_new = 0
        try:
            for coded in run_local(new_articles(), options.pipeline):
                # Treaty rows first: they are idempotent, so if the run stops before the article
                # is stored, the next run redoes both and nothing is lost or doubled.
                write_treaty_updates(store.con, coded.treaty_updates)
                mentions_new += store.write_article(
                    run_id, coded.article, coded.events, coded.annotations
                )
                articles_new += 1
                if on_article is not None:
                    on_article(coded.article)
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
