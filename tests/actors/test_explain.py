"""``explain_actor`` gives ``resolve_actor``'s answer and the rule behind it; listings (issue 4)."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.actors import (
    KnowledgeBase,
    NoMemberList,
    UnknownOrganisation,
    explain_actor,
    list_actors,
    organisation_members,
    resolve_actor,
)

PHRASES = [
    "Shoigu", "Sergei Shoigu", "the Kremlin", "Kremlin", "Pyongyang", "the North", "Kim", "NATO",
    "Russia's foreign minister", "the Russian navy", "Security Council of Russia",
    "Polish Foreign Minister Radoslaw Sikorski", "Polish Foreign Minister Jan Kowalski",
    "Seoul's Joint Chiefs of Staff", "Western powers", "the minister", "Flash", "", "the",
    "Conflict Armament Research", "Jared Kushner", "Brown", "NATO military",
]  # fmt: skip
DATES = [None, date(2008, 12, 5), date(2023, 5, 1), date(2024, 9, 14), date(2025, 12, 14)]


@pytest.mark.parametrize("on_date", DATES)
@pytest.mark.parametrize("name", PHRASES)
def test_explain_gives_the_same_actor_as_resolve(
    kb: KnowledgeBase, name: str, on_date: date | None
) -> None:
    explained = explain_actor(name, on_date, kb)
    assert explained.actor == resolve_actor(name, on_date, kb)
    assert explained.rule
    assert explained.rule.startswith("unresolved") is (not explained.actor.resolved)


@pytest.mark.parametrize(
    ("name", "on_date", "rule", "source"),
    [
        ("Brown", date(2008, 12, 5), "short form 'Brown' of person entry 'Gordon Brown'", "people"),
        ("Brown", date(2024, 12, 5), "the only one of 2 actors named 'Brown'", "people"),
        ("Pyongyang", None, "name 'Pyongyang' of the state North Korea → PRK", "states.csv"),
        ("NATO", None, "international organisation 'NATO' → IGOWSTNAT", "organisations.yaml"),
        ("the Russian navy", None, "sector word 'navy' (MIL) of 'Russian' (RUS)", "states.csv"),
        ("Mark Milley", date(2024, 12, 5), "every role had ended: former official", "people"),
        ("Jared Kushner", date(2025, 12, 14), "baseline sector BUS (USABUS)", "people"),
        ("the North", None, "applies only in a story that mentions KOR/PRK", ""),
        ("the minister", None, "'minister' is a sector word or title", ""),
    ],
)
def test_explanations_name_the_rule_and_the_line(
    kb: KnowledgeBase, name: str, on_date: date | None, rule: str, source: str
) -> None:
    explained = explain_actor(name, on_date, kb)
    assert rule in explained.rule
    assert explained.source.startswith(source)
    if source:
        assert explained.source.rsplit(":", 1)[1].isdigit()


@pytest.mark.parametrize(
    "given", ["NATO", "IGO-NATO", "nato", "North Atlantic Treaty Organization"]
)
def test_members_accept_key_id_or_name(kb: KnowledgeBase, given: str) -> None:
    name, members = organisation_members(kb, given, date(2024, 6, 1))
    assert name == "North Atlantic Treaty Organization"
    assert {m.country for m in members} >= {"FIN", "SWE", "USA"}


def test_members_without_a_date_list_every_membership_with_dates(kb: KnowledgeBase) -> None:
    _, members = organisation_members(kb, "NATO")
    finland = next(m for m in members if m.country == "FIN")
    assert finland.joined == date(2023, 4, 4)
    assert finland.left is None


def test_members_errors(kb: KnowledgeBase) -> None:
    with pytest.raises(UnknownOrganisation):
        organisation_members(kb, "Narnian Union")
    with pytest.raises(NoMemberList):
        organisation_members(kb, "WHO")


def test_list_actors_orders_states_first_and_filters_kind(kb: KnowledgeBase) -> None:
    listed = list_actors(kb, "USA")
    assert listed[0].actor_id == "USA"
    people = list_actors(kb, "USA", "person", date(2024, 9, 14))
    blinken = next(p for p in people if p.actor_id == "person/antony-blinken")
    assert blinken.office == "secretary of state"
    assert blinken.code == "USAGOV"
    assert all(p.kind == "person" for p in people)


@pytest.mark.parametrize(("on_date", "count"), [(date(2000, 1, 1), 54), (date(2024, 1, 1), 57)])
def test_osce_participating_states(kb: KnowledgeBase, on_date: date, count: int) -> None:
    _, members = organisation_members(kb, "OSCE", on_date)
    assert len(members) == count
    assert all(kb.record(m.country) is not None for m in members)
