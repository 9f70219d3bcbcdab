"""The pure article → coded article functions over a spaCy pipeline: what every engine runs.

The local engine calls them in one process or in each of its workers; the Spark engine calls
``code_articles`` in ``mapPartitions`` (``spark_tasks.code_partition``), so the engines cannot
drift apart.
"""

from __future__ import annotations

import gc
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from ..config import PipelineOptions
from ..documents.article import Article
from ..events.model import Event
from ..nlp.pipeline import build_pipeline, build_selector
from ..nlp.prefilter import (
    Selection,
    SentenceSelector,
    mark_line_breaks,
    prepare_doc,
    sentence_rows,
)
from ..store.rows import ActorMentionRow, ArticleAnnotations, QuoteRow, SentenceRow
from ..treaties.model import TreatyUpdate
from .model import CodedArticle, batches

__all__ = [
    "annotations_from_doc",
    "code_articles",
    "code_chunk",
    "coded_article",
    "init_worker",
    "make_doc",
]


def _treaty_updates(doc: Doc) -> tuple[TreatyUpdate, ...]:
    """The treaty updates of a Doc, when the treaties component is in the pipeline."""
    if not Doc.has_extension("treaty_updates"):
        return ()
    return tuple(doc._.treaty_updates or ())


def annotations_from_doc(
    doc: Doc, sentences: list[tuple[int, int]] | None = None, text: str | None = None
) -> ArticleAnnotations:
    """Sentences, actor mentions and quotes of a processed Doc, as plain rows for the store.

    ``sentences`` (character spans) and ``text`` replace the Doc's own sentences and text when
    the Doc was a pre-filtered one (see :mod:`eventwire.nlp.prefilter`).
    """
    spans = sentences if sentences is not None else [(s.start_char, s.end_char) for s in doc.sents]
    source = text if text is not None else doc.text
    rows = tuple(SentenceRow(i, source[a:b], a, b) for i, (a, b) in enumerate(spans))
    starts = [row.start for row in rows]

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
        QuoteRow(
            q.start,
            q.end,
            # After a filtered run a quotation may run on into a blanked sentence: its span is
            # right, its text is read from the article.
            q.text if text is None else text[q.start : q.end],
            q.sentence_index if sentences is None else sentence_of(q.start),
            q.speaker,
        )
        for q in doc._.quotes
    )
    return ArticleAnnotations(rows, tuple(mentions), quotes)


def make_doc(nlp: Language, article: Article, selection: Selection | None = None) -> Doc:
    """A tokenised Doc carrying the article's id and date, ready for the pipeline; of the
    pre-filtered text when a ``selection`` is given."""
    if selection is None:
        doc = mark_line_breaks(nlp.make_doc(article.text))
    else:
        doc = prepare_doc(nlp, selection)
    doc._.doc_id = article.external_id or article.id
    doc._.article_date = article.published
    doc._.dateline = article.dateline
    return doc


def _outside_summary(article: Article, events: Iterable[Event]) -> tuple[Event, ...]:
    """The events whose trigger is outside the article's summary spans ("What you need to
    know" bullets) and furniture spans (captions, links, prompts): a summary restates the
    items below it, so coding it would count each fact twice, and furniture is not the story.
    Their text is still stored (sentences, search)."""
    spans = article.summary + article.furniture
    if not spans:
        return tuple(events)
    return tuple(e for e in events if not any(a <= e.trigger.start < b for a, b in spans))


def coded_article(article: Article, doc: Doc, selection: Selection | None = None) -> CodedArticle:
    """The store's unit for one processed Doc. After a pre-filtered run the sentence indexes
    are re-counted over the whole article (kept and blanked sentences), so they mean the same
    thing in events, mentions, quotes and sentence rows."""
    if selection is None:
        return CodedArticle(
            article=article,
            events=_outside_summary(article, doc._.events),
            annotations=annotations_from_doc(doc),
            treaty_updates=_treaty_updates(doc),
        )
    rows, where = sentence_rows(doc, selection)
    starts = [start for start, _ in rows]
    events = tuple(
        replace(
            e,
            sentence_index=where.get(
                e.sentence_index, max(0, bisect_right(starts, e.trigger.start) - 1)
            ),
        )
        for e in doc._.events
    )
    return CodedArticle(
        article=article,
        events=_outside_summary(article, events),
        annotations=annotations_from_doc(doc, rows, article.text),
        treaty_updates=_treaty_updates(doc),
    )


def code_articles(
    nlp: Language,
    articles: Iterable[Article],
    batch_size: int,
    selector: SentenceSelector | None = None,
) -> Iterator[CodedArticle]:
    """Run the pipeline over articles, in order, yielding each with its events; with a
    ``selector``, only the sentences it keeps are parsed and coded."""
    for batch in batches(articles, batch_size):
        selections = [None if selector is None else selector.select(a.text) for a in batch]
        try:
            docs = list(
                nlp.pipe(
                    (make_doc(nlp, a, s) for a, s in zip(batch, selections, strict=True)),
                    batch_size=batch_size,
                )
            )
        except Exception:  # one bad article must not stop the run: find it
            yield from _one_by_one(nlp, batch, selections)
            continue
        for article, selection, doc in zip(batch, selections, docs, strict=True):
            yield coded_article(article, doc, selection)


def _one_by_one(
    nlp: Language, batch: list[Article], selections: list[Selection | None]
) -> Iterator[CodedArticle]:
    """Code a batch that failed article by article; the failing ones carry the error."""
    for article, selection in zip(batch, selections, strict=True):
        try:
            doc = nlp(make_doc(nlp, article, selection))
        except Exception as exc:  # reported as a rejection by the caller
            reason = f"internal error while coding ({type(exc).__name__}: {exc})"
            yield CodedArticle(article=article, events=(), failure=reason)
            continue
        yield coded_article(article, doc, selection)


# --- a coding worker process: its pipeline is built once --------------------------------------

_worker_nlp: Language | None = None
_worker_selector: SentenceSelector | None = None
_worker_batch = 0


def init_worker(options: PipelineOptions) -> None:
    """Build this process's pipeline (and pre-filter) for :func:`code_chunk`."""
    global _worker_nlp, _worker_selector, _worker_batch
    _worker_nlp = build_pipeline(options)
    _worker_selector = build_selector(options)
    _worker_batch = options.batch_size
    # The model, knowledge base, lexicon and gazetteer live as long as the worker: moved out
    # of the cyclic collector's sight, its full collections stop walking them (0.24 -> 0.07
    # CPU s of collection per 300 Gigaword articles).
    gc.collect()
    gc.freeze()


def code_chunk(chunk: list[Article]) -> list[CodedArticle]:
    """Code a chunk of articles with the pipeline :func:`init_worker` built."""
    assert _worker_nlp is not None, "worker initialiser did not run"
    return list(code_articles(_worker_nlp, chunk, _worker_batch, _worker_selector))
