"""The shipped base: complete where the issue asks, and checked when loaded (issue 6)."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.treaties import Treaty, TreatyDataError, bound_parties, find_treaty
from eventwire.treaties.base import parse_treaties
from eventwire.treaties.status import UnknownTreaty

NATO_ACCESSIONS = {
    "USA": "1949-08-24", "GRC": "1952-02-18", "DEU": "1955-05-06", "ESP": "1982-05-30",
    "POL": "1999-03-12", "EST": "2004-03-29", "ALB": "2009-04-01", "MNE": "2017-06-05",
    "MKD": "2020-03-27", "FIN": "2023-04-04", "SWE": "2024-03-07",
}  # fmt: skip


def test_nato_has_its_32_members_with_accession_dates(base: tuple[Treaty, ...]) -> None:
    nato = find_treaty(base, "north-atlantic-treaty")
    assert nato.organisation == "IGO-NATO"
    assert len(nato.parties) == 32
    bound = bound_parties(nato, date(2025, 1, 1))
    assert len(bound) == 32
    for code, joined in NATO_ACCESSIONS.items():
        assert bound[code] == date.fromisoformat(joined), code


@pytest.mark.parametrize(
    "name",
    [
        "US-Japan security treaty", "ANZUS", "Budapest Memorandum", "CSTO treaty",
        "US-South Korea mutual defense treaty", "US-Philippines mutual defense treaty",
        "Russia-North Korea treaty", "China-North Korea treaty", "Article 42.7",
    ],
)  # fmt: skip
def test_the_treaties_named_by_the_issue_are_there(base: tuple[Treaty, ...], name: str) -> None:
    assert find_treaty(base, name).origin == "base"


def test_russia_dprk_treaty_dates_and_article_4(base: tuple[Treaty, ...]) -> None:
    treaty = find_treaty(base, "russia-dprk-comprehensive-strategic-partnership")
    steps = {(s.kind, s.party): s.value for s in treaty.steps}
    assert steps[("signed", None)] == "2024-06-19"
    assert steps[("in_force", None)] == "2024-12-04"
    article_4 = next(o for o in treaty.obligations if o.kind == "military_assistance")
    assert (article_4.article, article_4.firmness) == ("4", "automatic")


def test_budapest_memorandum_is_assurances_not_a_defence_obligation(
    base: tuple[Treaty, ...],
) -> None:
    memo = find_treaty(base, "Budapest Memorandum")
    assert memo.type == "security_assurance"
    assert {o.firmness for o in memo.obligations} == {"assurance"}
    assert all(o.kind != "military_assistance" for o in memo.obligations)
    assert memo.steps[0].value == "1994-12-05"


def test_armenia_froze_csto_participation_in_2024(base: tuple[Treaty, ...]) -> None:
    csto = find_treaty(base, "Collective Security Treaty")
    assert "ARM" in bound_parties(csto, date(2023, 6, 1))
    assert "ARM" not in bound_parties(csto, date(2024, 6, 1))
    assert "UZB" in bound_parties(csto, date(2010, 1, 1))
    assert "UZB" not in bound_parties(csto, date(2000, 1, 1))


def test_find_treaty_reports_unknown_names(base: tuple[Treaty, ...]) -> None:
    with pytest.raises(UnknownTreaty, match="no treaty is called"):
        find_treaty(base, "Treaty of Nowhere")


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"id": "x", "name": "X", "type": "alliance", "parties": {"USA": []}}, "type 'alliance'"),
        ({"id": "x", "name": "X", "type": "peace", "parties": {"USA": ["signed 1999-13-01"]}},
         "not a TIMEX3 date"),
        ({"id": "x", "name": "X", "type": "peace", "parties": {"USA": ["agreed 1999"]}},
         "step kind 'agreed'"),
        ({"id": "x", "name": "X", "type": "peace", "parties": {"USA": []},
          "obligations": [{"kind": "military_assistance", "firmness": "firm"}]}, "firmness"),
        ({"id": "x", "name": "X", "type": "peace", "parties": {"USA": []},
          "obligations": [{"kind": "consultation", "firmness": "consult", "bound": ["RUS"]}]},
         "non-parties"),
        ({"id": "x", "name": "X", "type": "peace", "parties": {"USA": []}, "colour": 1},
         "unknown fields"),
    ],
)  # fmt: skip
def test_malformed_treaty_data_is_a_clear_error(item: dict[str, object], message: str) -> None:
    with pytest.raises(TreatyDataError, match=message):
        parse_treaties([item], "user.yaml")
