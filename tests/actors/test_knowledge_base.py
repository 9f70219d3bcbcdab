"""The shipped knowledge base: coverage, validity, and user files layered on top."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.actors import DictionaryFile, KnowledgeBase, load_knowledge_base, resolve_actor


def test_shipped_data_loads_without_problems(kb: KnowledgeBase) -> None:
    assert kb.problems == []


def test_every_un_member_state_is_there(kb: KnowledgeBase) -> None:
    states = [r for r in kb.records.values() if r.kind == "state"]
    assert len(states) >= 193
    for iso in ("USA", "RUS", "PRK", "KOR", "UKR", "LVA", "VAT", "PSE", "TWN", "XKX", "SSD"):
        assert kb.record(iso) is not None, iso


def test_at_least_sixty_international_organisations(kb: KnowledgeBase) -> None:
    igos = [r for r in kb.records.values() if r.kind == "igo"]
    assert len(igos) >= 60
    codes = {r.actor_id for r in igos}
    for key in (
        "NATO",
        "UN",
        "UNSC",
        "EU",
        "OSCE",
        "ASEAN",
        "AU",
        "ARL",
        "GCC",
        "OAS",
        "CSTO",
        "SCO",
        "BRICS",
        "G7",
        "G20",
        "IAEA",
        "ICC",
        "WHO",
        "IMF",
        "WB",
        "WTO",
        "OPEC",
    ):
        assert f"IGO-{key}" in codes, key


@pytest.mark.parametrize(
    ("organisation", "on_date", "member", "expected"),
    [
        ("NATO", date(2024, 1, 1), "FIN", True),
        ("NATO", date(2023, 1, 1), "FIN", False),
        ("NATO", date(2024, 3, 7), "SWE", True),
        ("NATO", date(2024, 3, 6), "SWE", False),
        ("EU", date(2019, 12, 31), "GBR", True),
        ("EU", date(2020, 2, 1), "GBR", False),
        ("EU", date(2013, 7, 1), "HRV", True),
        ("G7", date(2013, 1, 1), "RUS", True),
        ("G7", date(2015, 1, 1), "RUS", False),
    ],
)
def test_memberships_follow_accession_dates(
    kb: KnowledgeBase, organisation: str, on_date: date, member: str, expected: bool
) -> None:
    assert (member in kb.members(organisation, on_date)) is expected


def test_nato_has_32_members_in_2024(kb: KnowledgeBase) -> None:
    assert len(kb.members("NATO", date(2024, 12, 5))) == 32


def test_people_cover_required_offices(kb: KnowledgeBase) -> None:
    day = date(2024, 12, 5)
    expected = {
        ("RUS", "defence minister"): "person/andrei-belousov",
        ("RUS", "foreign minister"): "person/sergey-lavrov",
        ("USA", "secretary of state"): "person/antony-blinken",
        ("POL", "foreign minister"): "person/radoslaw-sikorski",
        ("LVA", "foreign minister"): "person/baiba-braze",
        ("DEU", "defence minister"): "person/boris-pistorius",
        ("UKR", "president"): "person/volodymyr-zelensky",
        ("PRK", "leader"): "person/kim-jong-un",
        ("GBR", "prime minister"): "person/keir-starmer",
        ("IRN", "president"): "person/masoud-pezeshkian",
    }
    for (country, office), person in expected.items():
        assert kb.office_holders(country, office, day) == [person], (country, office)


USER_YAML = """\
people:
  - name: Janis Kalnins
    country: LVA
    gender: m
    roles: [[MIL, chief of defence, 2020-01-01, null]]
  - name: Broken Person
    country: XXX
  - name: Bad Dates
    country: LVA
    roles: [[GOV, minister, 2024-13-01, null]]
metonyms:
  - {name: Pyongyang, country: KOR}
"""


def test_user_yaml_extends_and_overrides_and_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(USER_YAML, encoding="utf-8")
    kb = load_knowledge_base([DictionaryFile(path)])
    day = date(2024, 12, 5)
    assert resolve_actor("Janis Kalnins", day, kb).code == "LVAMIL"
    # The user file redefines "Pyongyang" (an override, however odd).
    assert resolve_actor("Pyongyang", day, kb).code == "KOR"
    assert resolve_actor("Sergei Shoigu", day, kb).code == "RUSGOV"  # shipped data still there
    problems = {(p.line, p.reason.split()[0]) for p in kb.problems}
    assert (6, "unknown") in problems  # Broken Person: unknown country, reported on its line
    assert any(p.line == 8 and "ISO date" in p.reason for p in kb.problems)
    assert all(p.path == str(path) for p in kb.problems)


def test_unreadable_and_unknown_importer_are_reported_not_raised(tmp_path: Path) -> None:
    kb = load_knowledge_base(
        [
            DictionaryFile(tmp_path / "missing.yaml"),
            DictionaryFile(tmp_path / "x.txt", "eventwire.actors.nope.v9"),
        ]
    )
    reasons = [p.reason for p in kb.problems]
    assert any(r.startswith("cannot read") for r in reasons)
    assert any("unknown importer" in r for r in reasons)
    assert resolve_actor("NATO", None, kb).code == "IGOWSTNAT"


def test_invalid_yaml_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("people:\n  - name: [unclosed\n", encoding="utf-8")
    kb = load_knowledge_base([DictionaryFile(path)])
    assert kb.problems and kb.problems[0].line >= 2
