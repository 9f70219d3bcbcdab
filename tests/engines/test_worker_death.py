"""A coding worker that dies (issue 15): the run finishes, the batch is retried once, alone,
in a fresh worker, and a batch that kills its worker again is rejected with the reason."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from eventwire.documents.article import Article, Provenance
from eventwire.engines.local import run_pool
from eventwire.engines.model import CodedArticle, batches

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs POSIX signals")

_MARKER_ENV = "EVENTWIRE_TEST_DIE_ONCE_MARKER"


def _articles(texts: list[str]) -> list[Article]:
    return [
        Article(text=text, provenance=Provenance(path="test.txt", reader="test", record=i))
        for i, text in enumerate(texts, start=1)
    ]


def _die(chunk: list[Article]) -> None:
    os.kill(os.getpid(), signal.SIGKILL)  # what the kernel's OOM killer does


def code_or_die(chunk: list[Article]) -> list[CodedArticle]:
    """Code nothing, but die on a chunk holding the word KILL, every time."""
    if any("KILL" in article.text for article in chunk):
        _die(chunk)
    return [CodedArticle(article=article, events=()) for article in chunk]


def die_once(chunk: list[Article]) -> list[CodedArticle]:
    """Die the first time any worker sees a chunk holding KILL, then code normally."""
    marker = Path(os.environ[_MARKER_ENV])
    if any("KILL" in article.text for article in chunk) and not marker.exists():
        marker.write_text("died")
        _die(chunk)
    return [CodedArticle(article=article, events=()) for article in chunk]


TEXTS = [f"Article number {i} about talks." for i in range(12)]


def test_a_batch_that_kills_its_worker_twice_is_rejected_and_the_run_finishes() -> None:
    texts = list(TEXTS)
    texts[5] = "This article KILLs its worker."
    items = _articles(texts)
    results = list(run_pool(batches(items, 2), 2, code_or_die))
    assert [c.article.id for c in results] == [a.id for a in items]  # all, in order
    failed = [c for c in results if c.failure is not None]
    # The killer's batch (articles 5 and 6, batch size 2) is rejected; nothing else is.
    assert [c.article.text for c in failed] == [texts[4], texts[5]]
    assert all("died" in (c.failure or "") and "retried once" in (c.failure or "") for c in failed)


def test_a_worker_killed_once_costs_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(_MARKER_ENV, str(tmp_path / "died"))
    texts = list(TEXTS)
    texts[7] = "This article KILLs its worker, once."
    items = _articles(texts)
    results = list(run_pool(batches(items, 3), 2, die_once))
    assert (tmp_path / "died").exists()  # a worker did die
    assert [c.article.id for c in results] == [a.id for a in items]
    assert [c.failure for c in results] == [None] * len(items)
