"""The values the store writes besides articles and events: sentences, actor mentions, quotes.

They are plain frozen values so the store does not depend on spaCy or on the layers that find
them; ``annotations_from_doc``-style adapters in the pipeline build them (see docs/analysis.md).
Offsets are characters of ``Article.text``, half-open ``[start, end)``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..events.model import ActorRef

__all__ = ["ActorMentionRow", "ArticleAnnotations", "QuoteRow", "SentenceRow", "span_id"]


def span_id(prefix: str, article_id: str, start: int, end: int) -> str:
    """A content-derived id of a span of an article: same article text and span → same id."""
    digest = hashlib.sha256(f"{article_id}|{start}:{end}".encode()).hexdigest()[:15]
    return prefix + digest


@dataclass(frozen=True, slots=True)
class SentenceRow:
    """One sentence of an article: its index (as events count them), offsets and text."""

    index: int
    text: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class ActorMentionRow:
    """One actor mention: the span, the sentence it is in, and what it resolved to.

    ``kind`` is the actor's kind (state, igo, person, group, unresolved); an unresolved mention
    has ``actor_id`` None and is stored all the same (it is evidence of what we could not code).
    """

    start: int
    end: int
    text: str
    sentence_index: int | None = None
    actor_id: str | None = None
    name: str | None = None
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One direct quotation (without its marks) with its speaker, when one was found."""

    start: int
    end: int
    text: str
    sentence_index: int | None = None
    speaker: ActorRef | None = None


@dataclass(frozen=True, slots=True)
class ArticleAnnotations:
    """What the pipeline found in an article besides events, written with it in one transaction.

    Every part is optional: when ``sentences`` is empty the store keeps the sentences the events
    quote (text only, no offsets), so the ``sentences`` table is never empty for a coded article.
    """

    sentences: tuple[SentenceRow, ...] = ()
    actor_mentions: tuple[ActorMentionRow, ...] = ()
    quotes: tuple[QuoteRow, ...] = ()
