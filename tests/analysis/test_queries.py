"""Queries over a hand-made store: filters, timeline, dyad counts and shares, network weights."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
import pytest

from eventwire.analysis.filters import EventFilter, EventScope, InvalidFilter
from eventwire.store import Store


def pairs(frame) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return set(zip(frame["source_code"], frame["target_code"], strict=True))


def test_events_are_asserted_by_default_and_all_on_request(store: Store) -> None:
    asserted = store.events()
    everything = store.events(modality=None)
    assert set(asserted["modality"]) == {"asserted"}
    assert len(everything) == len(asserted) + 1
    assert set(everything["modality"]) == {"asserted", "alleged"}


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (
            EventFilter(actor="PRK"),
            {("RUSGOV", "PRKGOV"), ("RUS", "PRKGOV"), ("USAGOV", "PRKGOV"), ("PRKGOV", "RUS")},
        ),
        (EventFilter(actor="person/kim-jong-un"), {("RUSGOV", "PRKGOV")}),
        (EventFilter(source="USAGOV"), {("USAGOV", "PRKGOV"), ("USAGOV", "RUS")}),
        (EventFilter(target="USA"), {("KORGOV", "USAGOV")}),
        (
            EventFilter(country="usa"),
            {("USAGOV", "PRKGOV"), ("USAGOV", "RUS"), ("KORGOV", "USAGOV")},
        ),
        (EventFilter(location="SYR"), {("RUSMIL", "UKRGOV")}),
        (EventFilter(cameo="05"), {("RUSGOV", "PRKGOV"), ("PRKGOV", "RUS")}),
        (EventFilter(cameo="040"), {("RUS", "PRKGOV"), ("KORGOV", "USAGOV")}),
        (EventFilter(plover="sanction"), {("USAGOV", "RUS")}),
        (EventFilter(quad_class=3), {("USAGOV", "PRKGOV")}),
        (EventFilter(modality="alleged"), {("PRKGOV", "RUS")}),
        (
            EventFilter(since=date(2024, 11, 1), until=date(2024, 11, 30)),
            {("USAGOV", "PRKGOV"), ("USAGOV", "RUS")},
        ),
        (EventFilter(text="RATIFIED"), {("PRKGOV", "RUS")}),
        (
            EventFilter(actor="PRK", quad_class=1, since=date(2024, 7, 1)),
            {("RUS", "PRKGOV"), ("PRKGOV", "RUS")},
        ),
    ],
)
def test_event_filters(
    store: Store, selection: EventFilter, expected: set[tuple[str, str]]
) -> None:
    assert pairs(store.events(selection)) == expected


def test_text_search_finds_any_mention_not_only_the_representative(store: Store) -> None:
    # The June signing's representative says "Putin signed Kim"; another mention says Russia.
    found = store.events(text="Russia signed")
    assert list(found["num_mentions"]) == [3]


def test_limit_and_date_order(store: Store) -> None:
    frame = store.events(limit=3)
    assert len(frame) == 3
    days = list(store.events()["day"].dropna())
    assert days == sorted(days)


@pytest.mark.parametrize("kind", [EventFilter, EventScope])
@pytest.mark.parametrize(
    "bad",
    [
        {"modality": "rumoured"},
        {"min_confidence": 1.5},
        {"since": date(2024, 2, 1), "until": date(2024, 1, 1)},
    ],
)
def test_invalid_filters_and_scopes_are_domain_errors(
    kind: type[EventFilter | EventScope], bad: dict[str, object]
) -> None:
    with pytest.raises(InvalidFilter):
        kind(**bad)  # type: ignore[arg-type]


def test_a_quad_class_out_of_range_is_a_domain_error() -> None:
    with pytest.raises(InvalidFilter):
        EventFilter(quad_class=5)


def test_the_analyses_take_a_scope_or_its_fields_alike(store: Store) -> None:
    scope = EventScope(modality=None, since=date(2024, 9, 1), until=date(2024, 11, 30))
    fields = {"modality": None, "since": date(2024, 9, 1), "until": date(2024, 11, 30)}
    by_scope, by_fields = store.timeline("PRK", scope), store.timeline("PRK", **fields)
    assert list(by_scope["event_id"]) == list(by_fields["event_id"])
    # Every modality: the alleged event of November 1st too.
    assert list(by_scope["day"].dt.date) == [
        date(2024, 9, 13),
        date(2024, 11, 1),
        date(2024, 11, 5),
    ]
    assert set(by_scope["modality"]) == {"asserted", "alleged"}
    assert store.dyad("RUS", "PRK", "month", scope).equals(store.dyad("RUS", "PRK", **fields))
    assert store.network(scope).equals(store.network(**fields))
    with pytest.raises(TypeError, match="not both"):
        store.timeline("PRK", scope, modality="alleged")


def test_arrow_on_request(store: Store) -> None:
    table = store.events(arrow=True)
    assert isinstance(table, pa.Table)
    assert table.num_rows == len(store.events())
    assert isinstance(store.dyad("RUS", "PRK", arrow=True), pa.Table)
    assert isinstance(store.network(arrow=True), pa.Table)


def test_timeline_sees_events_from_the_actors_side(store: Store) -> None:
    frame = store.timeline("PRK")
    assert list(frame["day"].dt.date) == [
        date(2024, 6, 19),
        date(2024, 9, 13),
        date(2024, 11, 5),
        date(2024, 12, 4),
    ]
    assert list(frame["role"]) == ["target", "target", "target", "source"]
    assert list(frame["counterpart"]) == ["RUSGOV", "RUS", "USAGOV", "RUS"]
    assert frame["cameo_label"].iloc[0] == "Sign formal agreement"
    assert frame["num_mentions"].iloc[0] == 3  # one event, three reports


def test_dyad_counts_and_shares_by_month(store: Store) -> None:
    frame = store.dyad("RUS", "PRK", freq="month")
    assert [d.date() for d in frame["period"]] == [
        date(2024, 6, 1),
        date(2024, 9, 1),
        date(2024, 12, 1),
    ]
    assert list(frame["events"]) == [1, 1, 1]
    assert list(frame["verbal_cooperation"]) == [1, 1, 1]
    assert list(frame["material_conflict"]) == [0, 0, 0]
    assert list(frame["goldstein_sum"]) == [8.0, 1.0, 8.0]
    # June also holds the two strikes on Ukraine: the dyad is one of three events that month.
    assert list(frame["all_events"]) == [3, 1, 1]
    assert frame["events_share"].iloc[0] == pytest.approx(1 / 3)
    assert frame["verbal_cooperation_share"].iloc[0] == pytest.approx(1 / 3)


def test_dyad_direction_and_frequency(store: Store) -> None:
    directed = store.dyad("PRK", "RUS", directed=True)
    assert [d.month for d in directed["period"]] == [12]  # the ratification only
    weekly = store.dyad("RUS", "PRK", freq="week")
    assert weekly["period"].iloc[0].date() == date(2024, 6, 17)  # the Monday of 19 June
    # Alleged aid enters only when every modality is asked for.
    every = store.dyad("RUS", "PRK", modality=None)
    assert every["material_cooperation"].sum() == 1


def test_dyad_of_actor_ids_and_codes(store: Store) -> None:
    frame = store.dyad("person/vladimir-putin", "PRKGOV")
    assert list(frame["events"]) == [1]
    assert frame["goldstein_mean"].iloc[0] == 8.0


def test_unknown_freq_is_a_domain_error(store: Store) -> None:
    with pytest.raises(InvalidFilter):
        store.dyad("RUS", "PRK", freq="year")  # type: ignore[arg-type]


def test_network_weights(store: Store) -> None:
    frame = store.network().set_index(["source", "target"])
    assert frame.loc[("RUS", "PRK"), "events"] == 2
    assert frame.loc[("RUS", "PRK"), "mentions"] == 4
    assert frame.loc[("RUS", "PRK"), "goldstein_mean"] == pytest.approx(4.5)
    assert frame.loc[("RUS", "UKR"), "material_conflict"] == 2
    assert ("KOR", "USA") in frame.index


def test_network_window_level_and_self_edges(store: Store) -> None:
    november = store.network(since=date(2024, 11, 1), until=date(2024, 11, 30))
    assert set(zip(november["source"], november["target"], strict=True)) == {
        ("USA", "PRK"),
        ("USA", "RUS"),
    }
    actors = store.network(level="actor")
    assert ("RUSGOV", "PRKGOV") in set(zip(actors["source"], actors["target"], strict=True))


def test_actors_articles_and_counts(store: Store) -> None:
    actors = store.actors().set_index("actor_id")
    # Talks, accusation, ratification and the alleged aid; the June signing's representative
    # names Kim, not "Pyongyang", so it counts for person/kim-jong-un.
    assert actors.loc["PRK", "events"] == 4
    assert actors.loc["person/kim-jong-un", "events"] == 1
    assert actors.loc["person/vladimir-putin", "name"] == "Putin"
    articles = store.articles()
    assert len(articles) == 6
    assert articles["event_mentions"].sum() == 11
    counts = store.counts()
    assert counts["events"] == 9 and counts["event_mentions"] == 11
    assert counts["sentences"] == 11
