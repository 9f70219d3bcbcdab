"""Listing stored articles: one typed filter (dates, sources, words), an order and a limit.

>>> select_articles(store.con, ArticleFilter(source="www.rt.com", limit=10))  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import duckdb

from ._sql import fetch
from .filters import InvalidFilter, Values, values

__all__ = ["ARTICLE_COLUMNS", "ArticleFilter", "count_articles", "select_articles"]

ArticleOrder = Literal["newest", "oldest"]
_ORDERS = {
    "newest": "a.published DESC NULLS LAST, a.article_id",
    "oldest": "a.published NULLS LAST, a.article_id",
}

# The columns of ``select_articles``, in order (the text itself is left out: it is long).
ARTICLE_COLUMNS = (
    "article_id",
    "published",
    "title",
    "dateline",
    "source",
    "url",
    "path",
    "record",
    "duplicate_of",
    "event_mentions",
)


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Which stored articles to list; every field left None selects everything.

    ``since``/``until`` bound the publication date (inclusive; undated articles pass only
    when neither is given); ``source`` is one or several sources (the publisher's domain or
    agency, case-insensitive; any of them); ``text`` is case-insensitive words of the title
    or the text; ``order`` is ``newest`` (the default) or ``oldest`` first.
    """

    since: date | None = None
    until: date | None = None
    source: Values = None
    text: str | None = None
    limit: int | None = None
    order: ArticleOrder = "newest"

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise InvalidFilter(f"since {self.since} is after until {self.until}")
        if self.limit is not None and self.limit < 0:
            raise InvalidFilter(f"limit must not be negative, not {self.limit}")
        if self.order not in _ORDERS:
            raise InvalidFilter(f"unknown order {self.order!r} (one of {', '.join(_ORDERS)})")

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition over ``articles a`` and its parameters."""
        terms: list[str] = []
        params: list[Any] = []
        if self.since:
            terms.append("a.published >= ?")
            params.append(self.since)
        if self.until:
            terms.append("a.published <= ?")
            params.append(self.until)
        if sources := tuple(s.lower() for s in values(self.source)):
            terms.append(f"lower(a.source) IN ({', '.join('?' for _ in sources)})")
            params.extend(sources)
        if self.text:
            terms.append(
                "(contains(lower(a.title), lower(?)) OR contains(lower(a.text), lower(?)))"
            )
            params.extend([self.text, self.text])
        return " AND ".join(terms) or "TRUE", params


def select_articles(
    con: duckdb.DuckDBPyConnection, where: ArticleFilter | None = None, *, arrow: bool = False
) -> Any:
    """The stored articles ``where`` selects (without their text), with the number of event
    mentions coded from each, in its order."""
    selection = where or ArticleFilter()
    condition, params = selection.where()
    tail = f" LIMIT {int(selection.limit)}" if selection.limit is not None else ""
    sql = f"""
        SELECT a.article_id, a.published, a.title, a.dateline, a.source, a.url, a.path,
               a.record, a.duplicate_of, count(m.mention_id) AS event_mentions
        FROM articles a LEFT JOIN event_mentions m USING (article_id)
        WHERE {condition}
        GROUP BY ALL ORDER BY {_ORDERS[selection.order]}{tail}
    """
    return fetch(con, sql, params, arrow)


def count_articles(con: duckdb.DuckDBPyConnection, where: ArticleFilter | None = None) -> int:
    """How many stored articles ``where`` selects, its ``limit`` aside."""
    condition, params = (where or ArticleFilter()).where()
    row = con.execute(f"SELECT count(*) FROM articles a WHERE {condition}", params).fetchone()
    return int(row[0]) if row else 0
