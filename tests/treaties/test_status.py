"""Questions on a date over the shipped base: the acceptance cases of issue 6."""

from __future__ import annotations

from datetime import date

from eventwire.treaties import (
    Treaty,
    alliance_edges,
    obligations_to_assist,
    treaties_as_of,
    treaty_status,
)
from eventwire.treaties.status import find_treaty


def _assisting(base: tuple[Treaty, ...], attacked: str, as_of: str) -> dict[str, set[str]]:
    """Obligor → the treaties under which it must give military assistance."""
    found: dict[str, set[str]] = {}
    for c in obligations_to_assist(base, attacked, date.fromisoformat(as_of)):
        if c.kind == "military_assistance":
            found.setdefault(c.obligor, set()).add(c.treaty_id)
    return found


def test_estonia_is_defended_by_the_nato_allies_under_article_5(base: tuple[Treaty, ...]) -> None:
    commitments = [
        c for c in obligations_to_assist(base, "EST", date(2025, 1, 1))
        if c.treaty_id == "north-atlantic-treaty" and c.kind == "military_assistance"
    ]  # fmt: skip
    assert len(commitments) == 31
    assert {c.article for c in commitments} == {"5"}
    assert {"USA", "GBR", "FIN", "SWE", "TUR"} <= {c.obligor for c in commitments}
    assert "EST" not in {c.obligor for c in commitments}


def test_north_korea_is_defended_by_russia_and_china_in_2025(base: tuple[Treaty, ...]) -> None:
    found = obligations_to_assist(base, "PRK", date(2025, 1, 1))
    russia = next(c for c in found if c.obligor == "RUS" and c.kind == "military_assistance")
    assert (russia.treaty_id, russia.article, russia.firmness) == (
        "russia-dprk-comprehensive-strategic-partnership",
        "4",
        "automatic",
    )
    assert russia.since == date(2024, 12, 4)
    china = next(c for c in found if c.obligor == "CHN")
    assert (china.treaty_id, china.article) == ("china-dprk-treaty-1961", "2")


def test_russia_is_not_bound_before_the_treaty_entered_into_force(
    base: tuple[Treaty, ...],
) -> None:
    assert set(_assisting(base, "PRK", "2024-11-01")) == {"CHN"}
    treaty = find_treaty(base, "Russia-North Korea treaty")
    status = treaty_status(treaty, date(2024, 11, 1))
    assert (status.stage, status.in_force, status.bound) == ("signed", False, ())


def test_finland_defends_estonia_under_article_5_only_after_joining(
    base: tuple[Treaty, ...],
) -> None:
    assert "north-atlantic-treaty" not in _assisting(base, "EST", "2023-01-01").get("FIN", set())
    assert "north-atlantic-treaty" in _assisting(base, "EST", "2024-01-01")["FIN"]
    # Both were already bound to each other by the EU's mutual assistance clause.
    assert "eu-mutual-assistance-clause" in _assisting(base, "EST", "2023-01-01")["FIN"]


def test_sweden_joins_on_its_accession_day(base: tuple[Treaty, ...]) -> None:
    assert "SWE" not in _assisting(base, "NOR", "2024-03-06")
    assert "north-atlantic-treaty" in _assisting(base, "NOR", "2024-03-07")["SWE"]


def test_one_sided_and_suspended_commitments(base: tuple[Treaty, ...]) -> None:
    assert "USA" in _assisting(base, "JPN", "2025-01-01")
    assert "JPN" not in _assisting(base, "USA", "2025-01-01")  # Article 5 protects Japan only
    assert "USA" not in _assisting(base, "NZL", "2000-01-01")  # suspended toward NZL in 1986
    assert "AUS" in _assisting(base, "NZL", "2000-01-01")
    assert "USA" in _assisting(base, "NZL", "1980-01-01")


def test_ukraine_has_assurances_and_consultations_but_no_defender(
    base: tuple[Treaty, ...],
) -> None:
    found = obligations_to_assist(base, "UKR", date(2025, 1, 1))
    assert not [c for c in found if c.kind == "military_assistance"]
    budapest = {c.obligor for c in found if c.treaty_id == "budapest-memorandum"}
    assert budapest == {"USA", "RUS", "GBR"}
    assert {c.firmness for c in found} == {"assurance", "consult"}
    firm = obligations_to_assist(base, "UKR", date(2025, 1, 1), min_firmness="consult")
    assert {c.obligor for c in firm} == {"GBR", "DEU", "FRA", "USA"}


def test_treaties_of_a_party_on_a_date(base: tuple[Treaty, ...]) -> None:
    names = {s.treaty_id: s for s in treaties_as_of(base, date(2024, 1, 1), party="FIN")}
    assert names["north-atlantic-treaty"].in_force
    assert "FIN" in names["north-atlantic-treaty"].bound
    early = {s.treaty_id for s in treaties_as_of(base, date(1950, 1, 1))}
    assert early == {"north-atlantic-treaty"}


def test_alliance_network(base: tuple[Treaty, ...]) -> None:
    edges = {(e.a, e.b): e for e in alliance_edges(base, date(2025, 1, 1))}
    assert edges[("PRK", "RUS")].firmness == "automatic"
    assert ("CHN", "PRK") in edges
    assert not edges[("JPN", "USA")].mutual
    assert set(edges[("EST", "FIN")].treaty_ids) == {
        "eu-mutual-assistance-clause",
        "north-atlantic-treaty",
    }
    assert ("PRK", "RUS") not in {(e.a, e.b) for e in alliance_edges(base, date(2024, 11, 1))}
