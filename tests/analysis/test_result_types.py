"""What the reads return, column by column: the dtypes of their DataFrames and the types of
their Arrow tables, on the indexed and the straightforward queries alike, so that a faster
conversion (issue 7: through Arrow instead of DuckDB's ``df()``) cannot change them unseen;
and the timeline's order, which the indexed query now sorts in Arrow."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from eventwire.analysis import dyads, filters, networks, timelines
from eventwire.store import Store, open_store
from tests.store.builders import article, event, fill, ingest

STR = pd.StringDtype("pyarrow", na_value=np.nan)
OBJECT = np.dtype(object)
DAY = np.dtype("datetime64[us]")
I8, I32, I64, F64 = (np.dtype(t) for t in ("int8", "int32", "int64", "float64"))

TIMELINE = {
    "day": DAY,
    "date_value": STR,
    "role": STR,
    "counterpart": STR,
    "counterpart_name": STR,
    "cameo": STR,
    "cameo_label": STR,
    "plover_category": STR,
    "goldstein": F64,
    "quad_class": I8,
    "modality": STR,
    "num_mentions": I32,
    "num_articles": I32,
    "sentence": STR,
    "event_id": STR,
}
EVENTS = {
    "event_id": STR,
    "day": DAY,
    "date_value": STR,
    "source_code": STR,
    "source_name": STR,
    "target_code": STR,
    "target_name": STR,
    "cameo": STR,
    "cameo_label": STR,
    "plover_category": STR,
    "goldstein": F64,
    "quad_class": I8,
    "modality": STR,
    "num_mentions": I32,
    "num_articles": I32,
    "num_sources": I32,
    "confidence": F64,
    "location_country": STR,
    "sentence": STR,
    "article_id": STR,
}
SERIES = {
    "period": DAY,
    **{name: I64 for name in ("events", *dyads.QUAD_COLUMNS)},
    "goldstein_sum": F64,
    "goldstein_mean": F64,
    "all_events": I64,
    **{f"{name}_share": F64 for name in ("events", *dyads.QUAD_COLUMNS)},
}
NETWORK = {
    "source": STR,
    "target": STR,
    "events": I64,
    "mentions": I64,
    "goldstein_sum": F64,
    "goldstein_mean": F64,
    **{name: I64 for name in dyads.QUAD_COLUMNS},
}


def with_strings_missing(dtypes: dict[str, Any], *columns: str) -> dict[str, Any]:
    """``dtypes`` with ``columns`` as DuckDB's ``df()`` gives a string column whose every
    value is NULL: ``object`` (pandas infers ``str`` only from strings)."""
    return {name: OBJECT if name in columns else dtype for name, dtype in dtypes.items()}


def no_rows(dtypes: dict[str, Any]) -> dict[str, Any]:
    return with_strings_missing(dtypes, *(n for n, d in dtypes.items() if d == STR))


Read = Callable[[Store], Any]
# (read, dtypes, rows): rows pins that the case has the rows the dtypes depend on.
FRAMES: dict[str, tuple[Read, dict[str, Any], int]] = {
    "timeline": (lambda s: s.timeline("PRK"), TIMELINE, 4),
    # Its one event is undated in an undated article: no day, no date value.
    "timeline with every date value NULL": (
        lambda s: s.timeline("KOR"),
        with_strings_missing(TIMELINE, "date_value"),
        1,
    ),
    "timeline with no events": (lambda s: s.timeline("XYZ"), no_rows(TIMELINE), 0),
    "events": (lambda s: s.events(modality=None), EVENTS, 9),
    # The signing has no location.
    "events with every location NULL": (
        lambda s: s.events(actor="person/kim-jong-un"),
        with_strings_missing(EVENTS, "location_country"),
        1,
    ),
    "events of an unknown actor": (lambda s: s.events(actor="XYZ"), no_rows(EVENTS), 0),
    "dyad": (lambda s: s.dyad("RUS", "PRK"), SERIES, 3),
    "dyad of an unknown name": (lambda s: s.dyad("RUS", "XYZ"), SERIES, 0),
    "actor series": (lambda s: s.actor_series("PRK", freq="week"), SERIES, 4),
    "network": (lambda s: s.network(), NETWORK, 6),
    "network with no events": (lambda s: s.network(since=date(2030, 1, 1)), no_rows(NETWORK), 0),
}

PATHS = ("indexed", "straightforward")


def use(path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the analysis functions take the indexed queries or those for a store at schema 3."""
    if path == "straightforward":
        for module in (dyads, filters, networks, timelines):
            if hasattr(module, "has_query_tables"):
                monkeypatch.setattr(module, "has_query_tables", lambda con: False)


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("name", list(FRAMES))
def test_frame_dtypes(store: Store, name: str, path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    read, dtypes, rows = FRAMES[name]
    use(path, monkeypatch)
    frame = read(store)
    assert len(frame) == rows
    assert frame.dtypes.to_dict() == dtypes
    assert list(frame.columns) == list(dtypes)
    assert frame.columns.dtype == STR
    assert isinstance(frame.index, pd.RangeIndex)
    assert frame.index.equals(pd.RangeIndex(rows))


@pytest.mark.parametrize("path", PATHS)
def test_missing_values(store: Store, path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A column with some NULL strings has NaN, one with only NULL strings None; a missing day
    is NaT."""
    use(path, monkeypatch)
    usa = store.timeline("USA")
    assert usa["day"].isna().tolist() == [False, False, True]
    assert usa["date_value"].iloc[-1] is np.nan
    kor = store.timeline("KOR")
    assert kor["date_value"].tolist() == [None]
    assert kor["day"].iloc[0] is pd.NaT


TIMELINE_ARROW = pa.schema(
    [
        ("day", pa.date32()),
        ("date_value", pa.string()),
        ("role", pa.string()),
        ("counterpart", pa.string()),
        ("counterpart_name", pa.string()),
        ("cameo", pa.string()),
        ("cameo_label", pa.string()),
        ("plover_category", pa.string()),
        ("goldstein", pa.float64()),
        ("quad_class", pa.int8()),
        ("modality", pa.string()),
        ("num_mentions", pa.int32()),
        ("num_articles", pa.int32()),
        ("sentence", pa.string()),
        ("event_id", pa.string()),
    ]
)


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("actor", ["PRK", "KOR", "XYZ"])
def test_timeline_arrow_types(
    store: Store, actor: str, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    use(path, monkeypatch)
    table = store.timeline(actor, arrow=True)
    assert table.schema.remove_metadata() == TIMELINE_ARROW
    assert table.num_rows == len(store.timeline(actor))


@pytest.fixture(scope="module")
def busy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus and one more article: Russia meets its own army (an actor on both sides)
    twice on one day, and again undated, so that the timeline's order has ties on the day
    (broken by event id) and more than one undated event (last)."""
    path = tmp_path_factory.mktemp("timeline") / "busy.duckdb"
    drills = article("drills", date(2024, 6, 10), "tass.ru")
    undated = article("undated-drills", None, "blog.example")
    with open_store(path) as store:
        fill(store)
        ingest(
            store,
            [
                (
                    drills,
                    [
                        event(drills, "Russia", "Russian army", "040", "2024-06-10", verb="met"),
                        event(
                            drills,
                            "Russia",
                            "Russian army",
                            "070",
                            "2024-06-10",
                            sentence_index=1,
                            verb="supplied",
                        ),
                    ],
                ),
                (
                    undated,
                    [
                        event(undated, "Russia", "Kyiv", "112", None, verb="accused"),
                        event(
                            undated, "Russia", "Kyiv", "190", None, sentence_index=1, verb="struck"
                        ),
                    ],
                ),
            ],
        )
    return path


@pytest.fixture
def busy_store(busy: Path) -> Iterator[Store]:
    with open_store(busy, read_only=True) as opened:
        yield opened


TIMELINES: dict[str, Read] = {
    "country": lambda s: s.timeline("RUS", modality=None),
    "code": lambda s: s.timeline("RUSMIL"),
    "actor id": lambda s: s.timeline("RUS", modality="alleged"),
    "within dates": lambda s: s.timeline("RUS", since=date(2024, 6, 10), until=date(2024, 6, 10)),
    "undated only": lambda s: s.timeline("KOR"),
    "as Arrow": lambda s: s.timeline("RUS", arrow=True),
}


@pytest.mark.parametrize("name", list(TIMELINES))
def test_indexed_timeline_is_the_straightforward_one(
    busy_store: Store, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = TIMELINES[name]
    indexed = read(busy_store)
    use("straightforward", monkeypatch)
    reference = read(busy_store)
    if isinstance(reference, pa.Table):
        assert indexed.equals(reference)
    else:
        pd.testing.assert_frame_equal(indexed, reference, check_exact=True)


def test_the_busy_timeline_has_what_the_comparison_needs(busy_store: Store) -> None:
    """Guards the comparison above: ties on a day, several undated events, every role."""
    frame = busy_store.timeline("RUS", modality=None)
    days = frame["day"]
    assert days.isna().sum() == 2
    assert days.isna().tolist()[-2:] == [True, True]
    assert days.dropna().duplicated().sum() >= 3
    assert set(frame["role"]) == {"source", "target", "both"}
    ties = frame[frame["day"] == pd.Timestamp(2024, 6, 10)]["event_id"].tolist()
    assert ties == sorted(ties) and len(ties) == 4


def test_timeline_left_to_duckdb_is_the_same(
    busy_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Columns the Arrow conversion had no rule for would be converted by DuckDB: the same
    frame for the types there are."""
    converted = busy_store.timeline("RUS", modality=None)
    monkeypatch.setattr(timelines, "convertible_types", lambda result: None)
    pd.testing.assert_frame_equal(
        busy_store.timeline("RUS", modality=None), converted, check_exact=True
    )
