"""Full-text search over the stored articles, through the index an ingest keeps beside the
database (``<db>.search/``, ``eventwire.store.search_index``): BM25 ranking, phrase queries,
field queries such as ``title:sanctions``.

The index is opened read-only: only an ingest (or ``eventwire index``) writes it, in another
process, and each search first picks up what it committed. A search also says how many
stored articles the index does not hold yet (an ingest still running, or one that ended
before updating it: ``eventwire index`` catches up).

>>> index = ArticleIndex.open("eventwire.duckdb")            # doctest: +SKIP
>>> [hit.article_id for hit in index.search('"resume talks"', store.con).hits]  # doctest: +SKIP
['a73c8c552f012e92']
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import tantivy

from ..errors import EventwireError
from ..store.search_index import IndexMeta, index_path, read_meta, unindexed_articles

__all__ = ["ArticleIndex", "MissingSearchIndex", "SearchHit", "SearchResult", "UnreadableQuery"]

# Characters of text around the matched words in a hit's snippet.
_SNIPPET_CHARS = 240


class MissingSearchIndex(EventwireError):
    """The store has no search index beside it (made before indexes were kept, or deleted)."""


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
    """The hits of one query, best first, how many articles matched in all, and how many
    stored articles the index does not hold yet (so a search may miss them)."""

    query: str
    total: int
    hits: tuple[SearchHit, ...]
    unindexed: int = 0


class ArticleIndex:
    """The search index of one store, opened read-only."""

    def __init__(self, directory: Path, index: tantivy.Index, meta: IndexMeta) -> None:
        self.directory = directory
        self._index = index
        self._meta = meta
        self._lock = threading.Lock()

    @classmethod
    def open(cls, db_path: str | Path) -> ArticleIndex:
        """The index beside the store at ``db_path``; ``MissingSearchIndex`` when there is
        none that this version reads."""
        directory = index_path(db_path)
        meta = read_meta(directory)
        try:
            if meta is None or not tantivy.Index.exists(str(directory)):
                raise MissingSearchIndex(
                    f"the store has no search index ({directory}): `eventwire index --db"
                    f" {db_path}` makes it (every ingest keeps it up to date after that)"
                )
            index = tantivy.Index.open(str(directory))
        except (OSError, ValueError) as exc:
            raise MissingSearchIndex(
                f"cannot open the search index {directory} ({exc}): `eventwire index --rebuild"
                f" --db {db_path}` makes it again"
            ) from None
        index.config_reader(reload_policy="Manual")
        return cls(directory, index, meta)

    def __len__(self) -> int:
        return int(self._index.searcher().num_docs)

    def _current(self) -> None:
        """Pick up what a writer committed since; reopen an index made anew."""
        meta = read_meta(self.directory)
        if meta is not None and meta.created != self._meta.created:
            self._index = tantivy.Index.open(str(self.directory))
            self._index.config_reader(reload_policy="Manual")
        elif meta is None:
            return  # between a rebuild's removal and its first meta: keep what is open
        self._meta = meta
        self._index.reload()

    def unindexed(self, con: duckdb.DuckDBPyConnection) -> int:
        """How many articles stored through ``con`` the index does not hold yet."""
        return unindexed_articles(con, self._meta)

    def search(
        self,
        query: str,
        con: duckdb.DuckDBPyConnection | None = None,
        *,
        limit: int = 20,
        offset: int = 0,
    ) -> SearchResult:
        """The articles matching ``query`` (Tantivy's query language over title and text:
        words, "a phrase", title:word, AND/OR/-word), best first; with ``con``, the result
        also says how many stored articles the index does not hold yet."""
        if not query.strip():
            raise UnreadableQuery("the search query is empty")
        with self._lock:
            # A rebuild replacing the files this instant: search what was open.
            with contextlib.suppress(OSError, ValueError):
                self._current()
            index, meta = self._index, self._meta
        try:
            parsed = index.parse_query(query, ["title", "text"])
        except ValueError as exc:
            raise UnreadableQuery(f"cannot read the query {query!r}: {exc}") from None
        searcher = index.searcher()
        found = searcher.search(parsed, limit, count=True, offset=offset)
        snippets = tantivy.SnippetGenerator.create(searcher, parsed, index.schema, "text")
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
        missing = unindexed_articles(con, meta) if con is not None else 0
        return SearchResult(query, int(count or 0), tuple(hits), missing)
