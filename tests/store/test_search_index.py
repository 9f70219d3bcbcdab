"""The search index beside the store (``<db>.search/``): made by the first update, then kept
by each update with only the articles of runs it has not seen, following issue 15's copy
rule (a replacing copy is re-indexed), and made again when it cannot be trusted."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from eventwire.analysis.search import ArticleIndex, MissingSearchIndex
from eventwire.store import Store, open_store
from eventwire.store.rows import ArticleAnnotations
from eventwire.store.search_index import (
    META_FILE,
    index_path,
    index_store,
    read_meta,
    unindexed_articles,
    update_index,
)

from .builders import RUN, article, corpus
from .test_copies import FIRST, LATER, Item


def _run(store: Store, items: list[Item]) -> str:
    run = store.begin_run(RUN)
    store.write_articles(run, items)
    store.finish_run(run, "complete", {})
    return run


def _titles(db: Path, query: str) -> list[str | None]:
    with open_store(db, read_only=True) as store:
        return [hit.title for hit in ArticleIndex.open(db).search(query, store.con).hits]


def _others() -> list[Item]:
    return [(a, e, ArticleAnnotations()) for a, e in corpus()]


def _bare(name: str) -> Item:
    """An article without events, its text "Story NAME." three times."""
    return article(name, None, "example.net"), [], ArticleAnnotations()


def test_the_first_update_indexes_every_article_and_the_next_only_new_runs(
    tmp_path: Path,
) -> None:
    db = tmp_path / "store.duckdb"
    with open_store(db) as store:
        first_run = _run(store, _others())
        made = update_index(store.con, db)
        assert (made.indexed, made.articles, made.rebuilt) == (6, 6, "missing")
        again = update_index(store.con, db)
        assert (again.indexed, again.articles, again.rebuilt) == (0, 6, None)

        second_run = _run(store, [_bare("zanzibar")])
        meta = read_meta(index_path(db))
        assert unindexed_articles(store.con, meta) == 1
        added = update_index(store.con, db)
        assert (added.indexed, added.articles, added.rebuilt) == (1, 7, None)
        meta = read_meta(index_path(db))
        assert meta is not None and set(meta.runs) == {first_run, second_run}
        assert unindexed_articles(store.con, meta) == 0
    with open_store(db, read_only=True) as store:
        found = ArticleIndex.open(db).search("zanzibar", store.con)
    assert found.total == 1 and found.unindexed == 0


def test_a_replacing_copy_replaces_its_document(tmp_path: Path) -> None:
    """Issue 15: the copy that sorts first replaces the stored one in a later run; the index
    then holds the new copy (its title), once."""
    db = tmp_path / "copies.duckdb"
    with open_store(db) as store:
        _run(store, [*_others(), LATER])
        update_index(store.con, db)
    assert _titles(db, "title:abcnews") == ["Story (abcnews.go.com)"]
    with open_store(db) as store:
        _run(store, [FIRST])
        update = update_index(store.con, db)
    assert (update.indexed, update.articles, update.rebuilt) == (1, 7, None)
    assert _titles(db, "title:abcnews") == []
    assert _titles(db, "title:nytimes") == ["Story (nytimes.com)"]
    assert len(ArticleIndex.open(db)) == 7


def test_a_copy_replaced_within_one_run_is_indexed_as_stored(tmp_path: Path) -> None:
    db = tmp_path / "copies.duckdb"
    with open_store(db) as store:
        run = store.begin_run(RUN)
        store.write_articles(run, [LATER])
        store.write_articles(run, [FIRST])  # a later batch of the same run replaces it
        store.finish_run(run, "complete", {})
        update_index(store.con, db)
    assert _titles(db, "title:story") == ["Story (nytimes.com)"]


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        pytest.param("meta", "unreadable or old format", id="meta file unreadable"),
        pytest.param("format", "unreadable or old format", id="another format"),
        pytest.param("directory", "missing", id="directory removed"),
        pytest.param("article", "it held 6 articles, the store 5", id="article deleted"),
    ],
)
def test_an_index_that_cannot_be_trusted_is_made_again(
    tmp_path: Path, damage: str, reason: str
) -> None:
    db = tmp_path / "store.duckdb"
    directory = index_path(db)
    with open_store(db) as store:
        _run(store, _others())
        update_index(store.con, db)
        if damage == "meta":
            (directory / META_FILE).write_text("{not json", encoding="utf-8")
        elif damage == "format":
            raw = json.loads((directory / META_FILE).read_text(encoding="utf-8"))
            (directory / META_FILE).write_text(json.dumps({**raw, "format": 0}), "utf-8")
        elif damage == "directory":
            shutil.rmtree(directory)
        else:  # removed behind the store's back: the index still holds it
            store.con.execute("DELETE FROM articles WHERE title IS NULL AND published IS NULL")
        update = update_index(store.con, db)
        expected = 5 if damage == "article" else 6
        assert (update.rebuilt, update.articles, update.indexed) == (reason, expected, expected)
    assert len(ArticleIndex.open(db)) == expected


def test_rebuild_on_request_and_under_the_ingest_lock(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    with open_store(db) as store:
        _run(store, _others())
    first = index_store(db)
    assert (first.indexed, first.rebuilt) == (6, "missing")
    assert index_store(db).indexed == 0
    rebuilt = index_store(db, rebuild=True)
    assert (rebuilt.indexed, rebuilt.articles, rebuilt.rebuilt) == (6, 6, "asked for")

    from eventwire.errors import StoreError
    from eventwire.store.lock import ingest_lock

    with ingest_lock(db), pytest.raises(StoreError, match="another ingest"):
        index_store(db, wait_seconds=0)


def test_a_store_without_an_index_says_how_to_make_it(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    with open_store(db) as store:
        _run(store, _others())
    with pytest.raises(MissingSearchIndex, match="eventwire index"):
        ArticleIndex.open(db)


def test_a_reader_sees_what_an_update_commits_and_what_it_lacks(tmp_path: Path) -> None:
    """The server's index stays open across updates made by another writer: each search
    picks up the commit, and counts the stored articles not indexed yet."""
    db = tmp_path / "store.duckdb"
    with open_store(db) as store:
        _run(store, _others())
        update_index(store.con, db)
    reader = ArticleIndex.open(db)
    with open_store(db) as store:
        _run(store, [_bare("zanzibar")])
        stale = reader.search("zanzibar", store.con)
        assert (stale.total, stale.unindexed) == (0, 1)
        update_index(store.con, db)
        fresh = reader.search("zanzibar", store.con)
        assert (fresh.total, fresh.unindexed) == (1, 0)
        # made anew (another copy of the index): the reader reopens it
        update_index(store.con, db, rebuild=True)
        assert reader.search("zanzibar", store.con).total == 1
