"""The local engine: the pure article → events function, in one process or several.

The same ``code_articles`` function is what the Spark engine maps over partitions, so the two
engines cannot drift apart.
"""

from __future__ import annotations

import multiprocessing
import os
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from ..config import PipelineOptions
from ..documents.article import Article
from ..events.model import Event
from ..nlp.pipeline import build_pipeline
from ..registry import engines
from ..store.rows import ActorMentionRow, ArticleAnnotations, QuoteRow, SentenceRow
from ..treaties.model import TreatyUpdate

__all__ = ["CodedArticle", "annotations_from_doc", "code_articles", "make_doc", "run_local"]


@dataclass(frozen=True, slots=True)
class CodedArticle:
    """An article with the events coded from it (the unit the store writes)."""

    article: Article
    events: tuple[Event, ...]
    annotations: ArticleAnnotations = field(default_factory=ArticleAnnotations)
    treaty_updates: tuple[TreatyUpdate, ...] = ()


def _treaty_updates(doc: Doc) -> tuple[TreatyUpdate, ...]:
    """The treaty updates of a Doc, when the treaties component is in the pipeline."""
    if not Doc.has_extension("treaty_updates"):
        return ()
    return tuple(doc._.treaty_updates or ())


def annotations_from_doc(doc: Doc) -> ArticleAnnotations:
    """Sentences, actor mentions and quotes of a processed Doc, as plain rows for the store."""
    sentences = tuple(
        SentenceRow(i, sent.text, sent.start_char, sent.end_char)
        for i, sent in enumerate(doc.sents)
    )
    starts = [row.start for row in sentences]

    def sentence_of(char: int) -> int | None:
        index = bisect_right(starts, char) - 1  # type: ignore[type-var]
        return index if index >= 0 else None

    mentions = []
    for span in doc._.actor_mentions:
        actor = span._.actor
        resolved = actor is not None and actor.resolved
        mentions.append(
            ActorMentionRow(
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                sentence_index=sentence_of(span.start_char),
                actor_id=actor.actor_id if resolved else None,
                name=actor.name if resolved else None,
                code=actor.code if resolved else None,
                country=actor.country if resolved else None,
                sector=actor.sector if resolved else None,
                kind=actor.kind if actor is not None else "unresolved",
            )
        )
    quotes = tuple(
        QuoteRow(q.start, q.end, q.text, q.sentence_index, q.speaker) for q in doc._.quotes
    )
    return ArticleAnnotations(sentences, tuple(mentions), quotes)


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised Doc carrying the article's id and date, ready for the pipeline."""
    doc = nlp.make_doc(article.text)
    doc._.doc_id = article.external_id or article.id
    doc._.article_date = article.published
    return doc


def code_articles(
    nlp: Language, articles: Iterable[Article], batch_size: int
) -> Iterator[CodedArticle]:
    """Run the pipeline over articles, in order, yielding each with its events."""
    iterator = iter(articles)
    while batch := list(islice(iterator, batch_size)):
        docs = nlp.pipe((make_doc(nlp, a) for a in batch), batch_size=batch_size)
        for article, doc in zip(batch, docs, strict=True):
            yield CodedArticle(
                article=article,
                events=tuple(doc._.events),
                annotations=annotations_from_doc(doc),
                treaty_updates=_treaty_updates(doc),
            )


# --- several processes: each worker builds its own pipeline once ------------------------------

_worker_nlp: Language | None = None
_worker_batch = 0


def _init_worker(options: PipelineOptions) -> None:
    global _worker_nlp, _worker_batch
    _worker_nlp = build_pipeline(options)
    _worker_batch = options.batch_size


def _code_chunk(chunk: list[Article]) -> list[CodedArticle]:
    assert _worker_nlp is not None, "worker initialiser did not run"
    return list(code_articles(_worker_nlp, chunk, _worker_batch))


def run_local(articles: Iterable[Article], options: PipelineOptions) -> Iterator[CodedArticle]:
    """Code articles with ``options.n_process`` processes (0: one per core), preserving order."""
    processes = options.n_process or os.cpu_count() or 1
    if processes == 1:
        yield from code_articles(build_pipeline(options), articles, options.batch_size)
        return
    iterator = iter(articles)
    chunks = iter(lambda: list(islice(iterator, options.batch_size)), [])
    # spawn, not fork: a forked copy of a loaded pipeline in the parent wastes memory and
    # spaCy's own multiprocessing uses spawn for the same reason.
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes, initializer=_init_worker, initargs=(options,)) as pool:
        for coded in pool.imap(_code_chunk, chunks):
            yield from coded


engines.register("eventwire.engine.local.v1", func=run_local)
