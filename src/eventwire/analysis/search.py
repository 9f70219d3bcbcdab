"""Full-text search over the stored articles: a Tantivy index (BM25 ranking, phrase queries,
field queries such as ``title:sanctions``) of each article's title and text.

DuckDB's own full-text extension is downloaded at run time, which these machines cannot do;
Tantivy installs from PyPI as a wheel. The index is kept in memory and built from the store
(``ArticleIndex.build``); ``refresh`` adds the articles stored since, so a server that stays up
while ``eventwire ingest`` writes keeps its index current without reading everything again.

>>> index = ArticleIndex.build(store.con)            # doctest: +SKIP
>>> [hit.article_id for hit in index.search('"resume talks"').hits]   # doctest: +SKIP
['a73c8c552f012e92']
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime

import duckdb
import tantivy

from ..errors import EventwireError

__all__ = ["ArticleIndex", "SearchHit", "SearchResult", "UnreadableQuery"]

# Tantivy's writer heap: 15 MB is its minimum per thread, and one thread indexes the 6,700
# Gigaword articles of ../shared in about a second, so more threads would not pay back.
_HEAP_BYTES = 15_000_000
# Characters of text around the matched words in a hit's snippet.
_SNIPPET_CHARS = 240
# Articles read from the store per batch while indexing.
_BATCH = 2_000


class UnreadableQuery(EventwireError):
    """A search query Tantivy cannot parse (unbalanced parentheses or quotes, unknown field)."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One article found: its id, title, date and score, and a snippet of its text with the
    matched words at ``highlights`` (start, end character pairs into ``snippet``)."""

    article_id: str
    title: str | None
    published: date | None
    score: float
    snippet: str
    highlights: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The hits of one query, best first, and how many articles matched in all."""

    query: str
    total: int
    hits: tuple[SearchHit, ...]


class ArticleIndex:
    """An in-memory Tantivy index of the stored articles (title and text)."""

    def __init__(self) -> None:
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("article_id", stored=True, tokenizer_name="raw")
        builder.add_text_field("title", stored=True)
        builder.add_text_field("text", stored=True)
        builder.add_date_field("published", stored=True)
        self._schema = builder.build()
        self._index = tantivy.Index(self._schema)
        self._known: set[str] = set()
        self._lock = threading.Lock()

    @classmethod
    def build(cls, con: duckdb.DuckDBPyConnection) -> ArticleIndex:
        """An index of every article stored through ``con``."""
        index = cls()
        index.refresh(con)
        return index

    def __len__(self) -> int:
        return len(self._known)

    def refresh(self, con: duckdb.DuckDBPyConnection) -> int:
        """Index the articles stored since the last refresh; return how many were added."""
        with self._lock:
            row = con.execute("SELECT count(*) FROM articles").fetchone()
            if row is not None and int(row[0]) == len(self._known):
                return 0  # articles are only ever added, so the same count is the same set
            ids = [row[0] for row in con.execute("SELECT article_id FROM articles").fetchall()]
            new = [i for i in ids if i not in self._known]
            if not new:
                return 0
            writer = self._index.writer(heap_size=_HEAP_BYTES, num_threads=1)
            for start in range(0, len(new), _BATCH):
                batch = new[start : start + _BATCH]
                rows = con.execute(
                    "SELECT article_id, title, text, published FROM articles"
                    " WHERE article_id IN (SELECT unnest(?))",
                    [batch],
                ).fetchall()
                for article_id, title, text, published in rows:
                    document = tantivy.Document(article_id=article_id, text=text)
                    if title:
                        document.add_text("title", title)
                    if published is not None:
                        document.add_date("published", _midnight(published))
                    writer.add_document(document)
            writer.commit()
            writer.wait_merging_threads()
            self._index.reload()
            self._known.update(new)
            return len(new)

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> SearchResult:
        """The articles matching ``query`` (Tantivy's query language over title and text:
        words, "a phrase", title:word, AND/OR/-word), best first."""
        if not query.strip():
            raise UnreadableQuery("the search query is empty")
        try:
            parsed = self._index.parse_query(query, ["title", "text"])
        except ValueError as exc:
            raise UnreadableQuery(f"cannot read the query {query!r}: {exc}") from None
        searcher = self._index.searcher()
        found = searcher.search(parsed, limit, count=True, offset=offset)
        snippets = tantivy.SnippetGenerator.create(searcher, parsed, self._schema, "text")
        snippets.set_max_num_chars(_SNIPPET_CHARS)
        hits = []
        for score, address in found.hits:
            document = searcher.doc(address)
            snippet = snippets.snippet_from_doc(document)
            published = document.get_first("published")
            hits.append(
                SearchHit(
                    article_id=str(document.get_first("article_id")),
                    title=document.get_first("title"),
                    published=published.date() if published is not None else None,
                    score=float(score),
                    snippet=snippet.fragment(),
                    highlights=tuple((r.start, r.end) for r in snippet.highlighted()),
                )
            )
        count = getattr(found, "count", None)  # on the result when count=True (not in the stubs)
        return SearchResult(query, int(count or 0), tuple(hits))


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
