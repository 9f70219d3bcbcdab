"""Store: the DuckDB schema and migrations, idempotent writes, event merging, queries."""

from .merge import timex_interval
from .rows import ActorMentionRow, ArticleAnnotations, QuoteRow, SentenceRow
from .store import RunInfo, Store, open_store

__all__ = [
    "ActorMentionRow",
    "ArticleAnnotations",
    "QuoteRow",
    "RunInfo",
    "SentenceRow",
    "Store",
    "open_store",
    "timex_interval",
]
