"""`eventwire ingest` end to end on the seeds and on bad inputs."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.analysis.search import ArticleIndex
from eventwire.cli import cli
from eventwire.config import load_options
from eventwire.ingest import ingest
from eventwire.store import open_store


@pytest.mark.slow
def test_seeds_ingest_once_and_reingest_changes_nothing(tmp_path: Path, seeds_dir: Path) -> None:
    options = load_options(overrides={"store.path": str(tmp_path / "e.duckdb")})
    first = ingest([str(seeds_dir)], options)
    assert first.articles_new >= 2 and not first.rejected
    assert first.event_mentions_new > 0
    # The run keeps the search index beside the store: every article, then nothing to add.
    assert first.search_index is not None and first.search_index_problem is None
    assert (first.search_index.indexed, first.search_index.articles) == (first.articles_new,) * 2
    with open_store(options.store.path) as store:
        before = store.counts()
    second = ingest([str(seeds_dir)], options)
    assert second.articles_new == 0 and second.event_mentions_new == 0
    assert second.search_index is not None and second.search_index.indexed == 0
    with open_store(options.store.path) as store:
        after = store.counts()
        runs = store.query("SELECT status FROM runs")["status"].tolist()
    assert {k: v for k, v in after.items() if k != "runs"} == {
        k: v for k, v in before.items() if k != "runs"
    }
    assert runs == ["complete", "complete"]


@pytest.mark.slow
def test_cli_ingest_reports_missing_and_binary_inputs(tmp_path: Path) -> None:
    good = tmp_path / "story.txt"
    good.write_text(
        "France and Germany sign defence pact\n\nPARIS: France and Germany signed a defence "
        "agreement on Monday, the French presidency said.\n",
        encoding="utf-8",
    )
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    db = tmp_path / "e.duckdb"
    result = CliRunner().invoke(
        cli, ["ingest", str(good), str(binary), str(tmp_path / "absent.txt"), "--db", str(db)]
    )
    assert result.exit_code == 3, result.output
    assert "absent.txt" in result.stderr and "image.txt" in result.stderr
    with open_store(db) as store:
        assert store.counts()["articles"] == 1
        reasons = store.rejected().set_index("path")["reason"].to_dict()
    assert set(reasons) == {str(binary), str(tmp_path / "absent.txt")}
    assert all(reason for reason in reasons.values())


@Language.factory("test_explodes_on_marker")
def _explodes(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    def component(doc: Doc) -> Doc:
        if "EXPLODE" in doc.text:
            raise RuntimeError("component failed on purpose")
        return doc

    return component


@pytest.mark.slow
def test_an_article_that_breaks_the_pipeline_is_rejected_and_the_run_goes_on(
    tmp_path: Path,
) -> None:
    stories = tmp_path / "stories.jsonl"
    lines = [
        {"id": "1", "date": "2025-01-02", "text": "France and Germany signed a defence pact."},
        {"id": "2", "date": "2025-01-02", "text": "Spain met Portugal as the EXPLODE crisis grew."},
        {"id": "3", "date": "2025-01-02", "text": "Japan and India signed a trade accord."},
    ]
    stories.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    options = load_options(
        overrides={
            "store.path": str(tmp_path / "e.duckdb"),
            "pipeline.components": [*load_options().pipeline.components, "test_explodes_on_marker"],
        }
    )
    summary = ingest([str(stories)], options)
    assert summary.articles_new == 2
    assert [r.record for r in summary.rejected] == [2]
    assert "component failed on purpose" in summary.rejected[0].reason
    with open_store(options.store.path) as store:
        assert store.counts()["articles"] == 2
        assert store.rejected()["record"].tolist() == [2]


def test_a_given_date_outside_the_accepted_range_is_a_clean_error(tmp_path: Path) -> None:
    """Issue 15: --date 9999-12-31 overflowed in the time layer and lost every article."""
    from datetime import date

    from eventwire.errors import ConfigError

    options = load_options(overrides={"store.path": str(tmp_path / "e.duckdb")})
    with pytest.raises(ConfigError, match="outside the accepted article dates"):
        ingest([str(tmp_path)], options, published=date(9999, 12, 31))
    assert not (tmp_path / "e.duckdb").exists()  # checked before anything is opened


# The same AP story in two outlets: one normalised text, so one article id (issue 15).
_AP_COPIES = (
    "5ab7894a2174f1575138b4c57cd950d516d1ffce569f5c960fd1c0fa.json",  # nytimes.com
    "7cd30fafa45129f56047c446efac7768314696d281123cb675f13096.json",  # abcnews.go.com
)


@pytest.mark.slow
def test_exact_copies_store_the_same_copy_whatever_the_order(tmp_path: Path) -> None:
    """Which copy is stored (its title, url, source, dateline and so its reports and event
    ids) does not depend on the order the copies are ingested in: before issue 15's fix the
    first ingested was kept, so the two orders gave two records."""
    from tests.conftest import shared_path
    from tests.store.snapshots import RECORD, differences, snapshot

    folder = shared_path("corpora", "news_cluster")
    first, second = (str(folder / name) for name in _AP_COPIES)
    records = {}
    for name, runs in {
        "nytimes, then abcnews": [[first], [second]],
        "abcnews, then nytimes": [[second], [first]],
        "one run": [[second, first]],
    }.items():
        db = tmp_path / f"{len(records)}.duckdb"
        options = load_options(overrides={"store.path": str(db), "pipeline.n_process": 1})
        summaries = [ingest(paths, options) for paths in runs]
        assert not any(s.rejected for s in summaries)
        records[name] = (snapshot(db, RECORD), summaries)
    reference, _ = records["nytimes, then abcnews"]
    assert [row[1] for row in reference["articles"].rows] == [_AP_COPIES[0][: -len(".json")]]
    for name in ("abcnews, then nytimes", "one run"):
        found = differences(reference, records[name][0])
        assert not found, "\n".join([name, *found])
    # The search index follows the copy rule: one document, the stored copy's.
    for number in range(len(records)):
        db = tmp_path / f"{number}.duckdb"
        with open_store(db, read_only=True) as store:
            stored = store.con.execute("SELECT title, url FROM articles").fetchall()
        index = ArticleIndex.open(db)
        hits = index.search("subway").hits
        assert len(index) == 1 and [(h.article_id, h.title) for h in hits] == [
            (reference["articles"].rows[0][0], stored[0][0])
        ], number
    # The later-sorting copy was ingested first and then replaced: counted as such.
    replaced = records["abcnews, then nytimes"][1][1]
    assert (replaced.articles_new, replaced.copies_replaced) == (0, 1)


def test_each_stored_report_says_which_lexicon_entry_coded_it(tmp_path: Path) -> None:
    """Issue 17: the event page and `eventwire event` show which entry or rule made a report."""
    from datetime import date

    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(
        "Russia and North Korea signed a defence treaty on Tuesday.\n", encoding="utf-8"
    )
    options = load_options(overrides={"store.path": str(tmp_path / "e.duckdb")})
    ingest([str(tmp_path / "news")], options, published=date(2024, 6, 19))
    with open_store(tmp_path / "e.duckdb", read_only=True) as store:
        (event_id,) = store.query("SELECT event_id FROM events WHERE cameo = '057'")["event_id"]
        (report,) = store.event(event_id).mentions
    assert report.rule is not None and report.rule.startswith("lexicon.yaml#")
    runner = CliRunner(env={"COLUMNS": "200"})
    shown = runner.invoke(cli, ["event", event_id, "--db", str(tmp_path / "e.duckdb")])
    assert shown.exit_code == 0 and f"coded by {report.rule}" in shown.output
