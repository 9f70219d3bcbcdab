"""Importers of PETRARCH/Phoenix dictionaries and REIGN leader lists."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire import registry
from eventwire.actors import DictionaryFile, load_knowledge_base, resolve_actor
from eventwire.actors.importers import petrarch_names

from .conftest import shared_path

ACTORS = "eventwire.actors.petrarch_actors.v1"
AGENTS = "eventwire.actors.petrarch_agents.v1"
REIGN = "eventwire.actors.reign_csv.v1"

PETRARCH_ACTORS = """\
# a comment
FREEDONIA_  [FRE]
+FREEDONIAN_

RUFUS_T._FIREFLY_  # leader
+FIREFLY_
\t[FREGOV 330101-331231]
\t[FREELI]
BROKEN_ENTRY_ [USAGOV 2004017-20061201]
+ALIAS_OF_BROKEN
\t[USAGOV >050101]
NO_CODE_AT_ALL_
ORPHAN_GROUP_ [IGOUNO
BLUE_HELMETS_ [IGOUNO]
"""


def test_petrarch_names_are_written_as_news_writes_them() -> None:
    assert petrarch_names("U.N._") == ["U.n.", "U.N."]
    assert petrarch_names("RUFUS_T._FIREFLY_")[0] == "Rufus T. Firefly"


def test_petrarch_actors_load_and_bad_lines_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "test.actors.txt"
    path.write_text(PETRARCH_ACTORS.replace("[FRE]", "[RUS]"), encoding="utf-8")
    kb = load_knowledge_base([DictionaryFile(path, ACTORS)])
    assert resolve_actor("Freedonian", None, kb).code == "RUS"  # an alias of a state entry
    firefly = resolve_actor("Rufus T. Firefly", date(1933, 6, 1), kb)
    assert (firefly.kind, firefly.code) == ("person", "FREGOV")
    assert resolve_actor("Firefly", date(1950, 1, 1), kb).code == "FREELI"
    assert resolve_actor("Blue Helmets", None, kb).code == "IGOUNO"
    lines = {p.line: p.reason for p in kb.problems}
    assert "bad date" in lines[9]
    assert "no code" in lines[12]
    assert "unbalanced" in lines[13]
    # The entry with one bad code still loads with its good one.
    assert resolve_actor("Alias of Broken", date(2006, 1, 1), kb).code == "USAGOV"


def test_petrarch_agents_become_sector_words(tmp_path: Path) -> None:
    path = tmp_path / "agents.txt"
    path.write_text(
        "!PERSON! = MAN, WOMAN\nFISHER!PERSON! [~AGR]\nSHEPHERD [~AGR]\nNONSENSE\nBAD [~x}\n",
        encoding="utf-8",
    )
    kb = load_knowledge_base([DictionaryFile(path, AGENTS)])
    assert kb.vocabulary("fisherwoman") is not None
    assert kb.vocabulary("shepherd") is not None
    assert [p.line for p in kb.problems] == [4, 5]


REIGN_CSV = (
    "stateabb,ccode,leadid,leader,sdate,smonth,syear,emonth,eyear\n"
    "LAT,367,x1,Ozolins,1,2,2001,3,2002\n"
    "GDR,265,x2,Honecker,18,5,1971,10,1989\n"
    "LAT,367,x3,Kalnins,31,2,2002,,\n"
    "RUS,365,x4,Putin,7,5,2012,,\n"
)


def test_reign_csv_adds_leaders_and_reports_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "reign.csv"
    path.write_bytes(REIGN_CSV.encode("latin-1"))
    kb = load_knowledge_base([DictionaryFile(path, REIGN)])
    assert resolve_actor("Ozolins", date(2001, 6, 1), kb).code == "LVAGOV"
    assert resolve_actor("Ozolins", date(2002, 6, 1), kb).code == "LVAELI"  # former leader
    # Putin is already known with a full name: REIGN does not add a second one.
    assert resolve_actor("Putin", date(2024, 1, 1), kb).actor_id == "person/vladimir-putin"
    assert {p.line for p in kb.problems} == {3, 4}


def test_importers_are_registered() -> None:
    names = set(registry.actor_dictionaries.get_all())
    assert {ACTORS, AGENTS, REIGN, "eventwire.actors.yaml.v1"} <= names


@pytest.mark.shared
@pytest.mark.parametrize(
    ("name", "importer", "min_records", "max_problems"),
    [
        # Counts measured on the reference files (2026-11): 18,155 / 6,649 / 1,016 records,
        # 64 / 50 / 0 problem lines; floors sit just below.
        ("petrarch2_Phoenix.Countries.actors.txt", ACTORS, 18000, 80),
        ("petrarch2_Phoenix.International.actors.txt", ACTORS, 6500, 60),
        ("petrarch2_Phoenix.MilNonState.actors.txt", ACTORS, 1000, 5),
        ("REIGN_leaderlist_3_21.csv", REIGN, 1800, 40),
    ],
)
def test_real_dictionaries_load(
    name: str, importer: str, min_records: int, max_problems: int
) -> None:
    path = shared_path("reference", name)
    base = len(load_knowledge_base().records)
    kb = load_knowledge_base([DictionaryFile(path, importer)])
    assert len(kb.records) - base >= min_records
    assert len(kb.problems) <= max_problems
    assert all(p.line > 0 and p.path == str(path) for p in kb.problems)


@pytest.mark.shared
def test_real_agents_file_loads() -> None:
    path = shared_path("reference", "petrarch2_Phoenix.agents.txt")
    kb = load_knowledge_base([DictionaryFile(path, AGENTS)])
    assert kb.vocabulary("cattle rancher") is not None
    assert len(kb.problems) <= 10


@pytest.mark.shared
def test_phoenix_countries_resolve_on_dates() -> None:
    path = shared_path("reference", "petrarch2_Phoenix.Countries.actors.txt")
    kb = load_knowledge_base([DictionaryFile(path, ACTORS)])
    assert resolve_actor("Afghan National Army", None, kb).code == "AFGMIL"
    assert resolve_actor("Kabul", None, kb).code == "AFG"
