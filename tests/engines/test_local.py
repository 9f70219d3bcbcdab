"""The local engine: several processes give exactly what one process gives (issue 7)."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest

from eventwire.config import Options
from eventwire.documents.article import Article, Provenance
from eventwire.engines.local import run_local

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"
GIGAWORD = CORPUS / "gigaword_afp_xinhua.jsonl"


def _articles(count: int) -> list[Article]:
    if not GIGAWORD.exists():
        pytest.skip(f"needs {GIGAWORD} (the shared corpora beside the repository)")
    out = []
    with GIGAWORD.open(encoding="utf-8") as handle:
        for number, line in zip(range(count), handle, strict=False):
            record = json.loads(line)
            out.append(
                Article(
                    text=record["text"],
                    external_id=record["id"],
                    published=date.fromisoformat(record["date"]),
                    provenance=Provenance(path=str(GIGAWORD), reader="test", record=number),
                )
            )
    return out


@pytest.mark.shared
@pytest.mark.slow
def test_two_processes_give_what_one_process_gives(options: Options) -> None:
    items = _articles(24)
    # Batches of 5: several chunks per worker, so chunk order matters.
    one = dataclasses.replace(options.pipeline, n_process=1, batch_size=5)
    two = dataclasses.replace(options.pipeline, n_process=2, batch_size=5)
    single = list(run_local(items, one))
    double = list(run_local(items, two))
    assert [c.article.id for c in double] == [a.id for a in items]
    assert [c.events for c in double] == [c.events for c in single]
    assert [c.annotations for c in double] == [c.annotations for c in single]
    assert [c.treaty_updates for c in double] == [c.treaty_updates for c in single]
    assert sum(len(c.events) for c in single) > 0


def test_the_process_that_reads_and_stores_does_not_load_spacy() -> None:
    # With several processes only the workers need the pipeline; the parent that reads,
    # deduplicates and stores is ~50 MB smaller without spaCy (issue 7: peak memory).
    import subprocess
    import sys

    probe = "import sys, eventwire.ingest, eventwire.engines; print('spacy' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


class _NoPool(Exception):
    pass


def _refuse_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.engines import local

    def no_context(method: str) -> None:
        raise _NoPool(method)

    monkeypatch.setattr(local.multiprocessing, "get_context", no_context)
    monkeypatch.setattr(local.os, "cpu_count", lambda: 2)  # as on a machine of two cores


@pytest.mark.shared
def test_all_cores_codes_a_small_input_in_this_process(
    options: Options, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventwire.engines.local import SMALL_INPUT_BATCHES

    _refuse_workers(monkeypatch)
    every_core = dataclasses.replace(options.pipeline, n_process=0, batch_size=1)
    items = _articles(SMALL_INPUT_BATCHES - 1)
    coded = list(run_local(items, every_core))  # no worker is started for a small input
    assert [c.article.id for c in coded] == [a.id for a in items]
    with pytest.raises(_NoPool):  # a larger one starts the pool (refused here)
        list(run_local(_articles(SMALL_INPUT_BATCHES + 1), every_core))
