"""What changed this week (issue 17): counts per article ingested against the 4 and 52 weeks
before, Trendfinder's bands and the low-baseline rule, on a hand-made store whose figures are
worked out in the comments."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from eventwire.analysis.changes import InvalidChangeRequest, band, week_start
from eventwire.config import load_options
from eventwire.store import open_store
from tests.store.builders import RUN, article, event

WEEK = date(2024, 6, 17)  # a Monday
BEFORE = [WEEK - timedelta(weeks=n) for n in (4, 3, 2, 1)]
CODES = ("040", "112", "190")


def _corpus() -> list:  # type: ignore[type-arg]
    """Each of the 4 weeks before: one article with 3 Russia → Kyiv events and 4 Washington →
    Seoul events (each of another CAMEO code, so that merging keeps them apart). The week asked
    about: two articles, together 8 Russia → Kyiv events, 2 Washington → Seoul events and 1
    Pyongyang → Seoul event."""
    items = []
    for n, monday in enumerate(BEFORE):
        story = article(f"before{n}", monday + timedelta(days=1))
        day = (monday + timedelta(days=1)).isoformat()
        events = [
            event(story, "Russia", "Kyiv", code, day, sentence_index=i)
            for i, code in enumerate(CODES)
        ]
        events += [
            event(story, "Washington", "Seoul", code, day, sentence_index=10 + i)
            for i, code in enumerate(("040", "112", "163", "190"))
        ]
        items.append((story, events))
    first = article("week-a", WEEK + timedelta(days=2))
    second = article("week-b", WEEK + timedelta(days=3))
    week_events = [
        event(
            first,
            "Russia",
            "Kyiv",
            code,
            (WEEK + timedelta(days=d)).isoformat(),
            sentence_index=10 * d + i,
        )
        for d in (0, 2, 4, 6)
        for i, code in enumerate(("040", "112"))
    ]
    week_events += [
        event(first, "Washington", "Seoul", code, WEEK.isoformat(), sentence_index=90 + i)
        for i, code in enumerate(("040", "112"))
    ]
    items.append((first, week_events))
    items.append((second, [event(second, "Pyongyang", "Seoul", "112", WEEK.isoformat())]))
    return items


def build_changes_db(path: Path) -> Path:
    """The store of ``_corpus`` at ``path``, in one run (shared with tests/analysis/
    test_cli_changes.py)."""
    with open_store(path) as store:
        run = store.begin_run(RUN)
        for story, events in _corpus():
            store.write_article(run, story, events)
        # No merge window: the events two days apart stay apart (a window of one day would
        # widen each by a day and chain them into one event).
        store.merge_events(window_days=0)
        store.finish_run(run, "complete", {})
    return path


@pytest.fixture(scope="module")
def changes_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_changes_db(tmp_path_factory.mktemp("changes") / "changes.duckdb")


def test_week_counts_are_normalised_by_articles_and_banded(changes_db: Path) -> None:
    with open_store(changes_db, read_only=True) as store:
        table = store.changes(WEEK + timedelta(days=4), by="country")
    assert table.week == WEEK
    assert (table.articles, table.weeks_with_news_4, table.weeks_with_news_52) == (2, 4, 4)
    rows = {row.key: row for row in table.rows}
    russia = rows["RUS"]
    # 8 events over 2 articles = 4 per article, against 3 per article before: +33 %, a large
    # increase; raw counts would have said 8 against 3, +167 %.
    assert russia.events == 8 and russia.rate == 4.0
    assert russia.mean_4 == 3.0 and russia.baseline_4 == 3.0
    assert russia.change_4 == pytest.approx(1 / 3)
    assert russia.band_4 == "large increase" and russia.band_52 == "large increase"
    # 2 events over 2 articles = 1 per article against 4: −75 %, a large decrease.
    usa = rows["USA"]
    assert (usa.events, usa.mean_4, usa.change_4) == (2, 4.0, pytest.approx(-0.75))
    assert usa.band_4 == "large decrease"
    # One event where there were none: not "+∞ %" but a low baseline.
    assert rows["PRK"].events == 1 and rows["PRK"].band_4 == "low baseline"


def test_dyads_and_categories(changes_db: Path) -> None:
    with open_store(changes_db, read_only=True) as store:
        dyads = {r.key: r for r in store.changes(WEEK, by="dyad").rows}
        categories = {r.key: r for r in store.changes(WEEK, by="category").rows}
    assert set(dyads) == {"RUS–UKR", "KOR–USA", "KOR–PRK"}
    assert dyads["RUS–UKR"].events == 8 and dyads["KOR–PRK"].band_4 == "low baseline"
    # ACCUSE (112): 4 Russian, 1 American and 1 North Korean this week (6 / 2 articles = 3)
    # against 2 a week (Russian and American) in the weeks before: +50 %.
    assert categories["ACCUSE"].events == 6
    assert categories["ACCUSE"].change_4 == pytest.approx(3 / 2 - 1)
    assert categories["ACCUSE"].band_4 == "low baseline"  # 2 a week is below 3
    # CONSULT (040): 4 + 1 this week (2.5 per article) against 2 a week: +25 %, moderate;
    # but 2 a week is a low baseline too. SANCTION (163): none against 1 a week.
    assert categories["CONSULT"].change_4 == pytest.approx(0.25)
    assert categories["SANCTION"].events == 0 and categories["SANCTION"].change_4 == -1


def test_a_week_without_news_and_the_default_week(changes_db: Path) -> None:
    with open_store(changes_db, read_only=True) as store:
        empty = store.changes(WEEK + timedelta(weeks=1))
        latest = store.changes()
    assert empty.articles == 0
    assert {r.band_4 for r in empty.rows} == {"no news this week"}
    assert latest.week == WEEK  # the week of the most recent article


def test_the_default_week_skips_a_stub_week_at_the_end(tmp_path: Path) -> None:
    """Four articles a week, then a last week of one: the view opens on the last usual week
    (an archive's stub week made every country a large decrease); asked by date, the stub week
    is still there."""
    from eventwire.analysis.changes import default_week, latest_week

    stub = WEEK + timedelta(weeks=1)
    with open_store(tmp_path / "stub.duckdb") as store:
        run = store.begin_run(RUN)
        for n, monday in enumerate([*BEFORE, WEEK]):
            for k in range(4):
                store.write_article(run, article(f"usual{n}-{k}", monday + timedelta(days=k)), [])
        store.write_article(run, article("stub", stub + timedelta(days=1)), [])
        store.finish_run(run, "complete", {})
        assert latest_week(store.con) == stub
        assert default_week(store.con) == WEEK
        assert store.changes().week == WEEK
        assert store.changes(stub).articles == 1


def test_no_dated_article_is_a_clear_error(tmp_path: Path) -> None:
    with open_store(tmp_path / "empty.duckdb") as store:
        with pytest.raises(InvalidChangeRequest, match="no dated article"):
            store.changes()
        with pytest.raises(InvalidChangeRequest, match="unknown grouping"):
            store.changes(WEEK, by="city")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "mean", "expected"),
    [
        (0.26, 5, "large increase"),
        (0.25, 5, "moderate increase"),
        (0.11, 5, "moderate increase"),
        (0.10, 5, "limited change"),
        (-0.25, 5, "limited change"),
        (-0.26, 5, "large decrease"),
        (1.0, 2.9, "low baseline"),
        (None, 5, "no baseline"),
    ],
)
def test_bands_follow_trendfinder(change: float | None, mean: float, expected: str) -> None:
    assert band(change, mean, load_options().changes) == expected


def test_weeks_start_on_monday() -> None:
    assert week_start(date(2024, 6, 23)) == WEEK and week_start(WEEK) == WEEK


@pytest.mark.parametrize("threshold", [None, 0.0, 0.3, 0.5, 0.55, 0.65, 0.9, 0.333])
def test_the_weekly_counts_answer_what_the_events_answer(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    threshold: float | None,
) -> None:
    """The change table read from ``event_week_counts`` (schema migration 8) equals the one
    counted from the events, for every grouping and modality, at confidence thresholds on
    its steps and between them (0.333 is counted from the events either way); and so do the
    events left out for a longer date, read from ``event_range_counts`` (migration 10)."""
    from eventwire.analysis import changes
    from eventwire.store.derived import RANGE_COUNTS, WEEK_COUNTS
    from tests.store.builders import fill

    path = tmp_path_factory.mktemp("weekly") / "weekly.duckdb"
    with open_store(path) as store:
        fill(store)
        # Confidences on the steps, between them and missing (the corpus has 0.8 only), and
        # the weekly counts made again from them as the merge makes them.
        store.con.execute(
            "UPDATE events SET confidence = (CAST([0.5, 0.55, 0.65, 0.333, 0.51, 0.9, NULL,"
            " 0.3] AS DOUBLE[]))[1 + CAST(hash(event_id) % 8 AS BIGINT)]"
        )
        store.con.execute("DELETE FROM event_week_counts")
        store.con.execute(WEEK_COUNTS.format(only=""))
        store.con.execute("DELETE FROM event_range_counts")
        store.con.execute(RANGE_COUNTS.format(only=""))
        confidences = store.con.execute("SELECT DISTINCT confidence FROM events").fetchall()
        assert len(confidences) > 4
        found = store.con.execute("SELECT DISTINCT week FROM event_week_counts").fetchall()
        weeks = [r[0] for r in found]
        assert weeks
        left_out = 0
        for week in weeks:
            for by in changes.CHANGE_KINDS:
                for modality in ("asserted", None):
                    table = store.changes(week, by=by, modality=modality, min_confidence=threshold)
                    with monkeypatch.context() as patched:
                        patched.setattr(changes, "has_week_counts", lambda con: False)
                        patched.setattr(changes, "has_range_counts", lambda con: False)
                        counted = store.changes(
                            week, by=by, modality=modality, min_confidence=threshold
                        )
                    assert table == counted, (week, by, modality)
                    left_out += table.coarser_events
                    first = store.changes(
                        week, by=by, modality=modality, min_confidence=threshold, limit=2
                    )
                    assert first.rows == table.rows[:2] and first.total == table.total
        if threshold is None:  # the month-dated events of the corpus overlap its weeks
            assert left_out > 0
