"""The value type of the coding stage and the batching helper: no spaCy here, so the process
that reads, deduplicates and stores (the parent of the coding workers) never loads it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TypeVar

from ..documents.article import Article
from ..events.model import Event
from ..store.rows import ArticleAnnotations
from ..treaties.model import TreatyUpdate

T = TypeVar("T")

__all__ = ["CodedArticle", "batches"]


@dataclass(frozen=True, slots=True)
class CodedArticle:
    """An article with the events coded from it (the unit the store writes)."""

    article: Article
    events: tuple[Event, ...]
    annotations: ArticleAnnotations = field(default_factory=ArticleAnnotations)
    treaty_updates: tuple[TreatyUpdate, ...] = ()
    # Set when the pipeline raised on this article: the run goes on, the article is reported
    # as rejected with this reason and not stored, so a later run tries it again.
    failure: str | None = None


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last may be shorter), read lazily."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
