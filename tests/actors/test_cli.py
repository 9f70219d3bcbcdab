"""``eventwire actors lookup | list | members`` (issue 4): thin commands over the knowledge base."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from eventwire.cli.actors import EXIT_REJECTED, actors


def invoke(*args: str) -> Result:
    return CliRunner().invoke(actors, list(args))


def lookup_json(name: str, *options: str) -> dict[str, object]:
    result = invoke("lookup", name, *options, "--format", "json")
    assert result.exit_code == 0, result.output
    found: dict[str, object] = json.loads(result.stdout)
    return found


@pytest.mark.parametrize(
    ("day", "office", "role"),
    [
        ("2023-05-01", "defence minister", "role 'defence minister' 2012-11-06..2024-05-12"),
        (
            "2024-09-14",
            "security council secretary",
            "role 'security council secretary' 2024-05-12..",
        ),
    ],
)
def test_lookup_shoigu_gives_the_office_of_the_date_and_the_entry(
    day: str, office: str, role: str
) -> None:
    found = lookup_json("Shoigu", "--date", day)
    assert found["actor_id"] == "person/sergei-shoigu"
    assert found["code"] == "RUSGOV"
    assert found["office"] == office
    assert role in str(found["rule"])
    assert "person entry 'Sergei Shoigu'" in str(found["rule"])
    assert str(found["source"]).startswith("people_europe_americas.yaml:")


def test_lookup_table_shows_the_resolution_and_its_rule() -> None:
    result = invoke("lookup", "Shoigu", "--date", "2023-05-01")
    assert result.exit_code == 0
    for shown in ("person/sergei-shoigu", "RUSGOV", "defence minister", "short form 'Shoigu'"):
        assert shown in result.stdout


def test_lookup_names_the_metonym_and_its_line() -> None:
    found = lookup_json("the Kremlin", "--date", "2024-09-14")
    assert found["code"] == "RUSGOV"
    assert found["rule"] == "metonym 'the Kremlin' → RUSGOV"
    assert str(found["source"]).startswith("metonyms.yaml:")


def test_lookup_explains_an_office_holder_found_from_a_title() -> None:
    found = lookup_json("Russia's foreign minister", "--date", "2024-01-01")
    assert found["actor_id"] == "person/sergey-lavrov"
    assert "title 'foreign minister'" in str(found["rule"])


def test_unknown_name_is_unresolved_with_exit_code_0() -> None:
    result = invoke("lookup", "Flash Gordon of Mongo", "--date", "2024-01-01", "--format", "json")
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    assert found["resolved"] is False
    assert found["rule"].startswith("unresolved: no entry matches")


def test_an_ambiguous_name_without_a_date_says_why_it_is_unresolved() -> None:
    found = lookup_json("Kim")
    assert found["resolved"] is False
    assert "no date is given" in str(found["rule"])


def test_list_country_prk_includes_kim_jong_un() -> None:
    result = invoke("list", "--country", "PRK", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    by_id = {row["actor_id"]: row for row in rows}
    assert by_id["PRK"]["kind"] == "state"
    assert "org/kcna" in by_id
    assert by_id["person/kim-jong-un"]["name"] == "Kim Jong Un"
    assert all(row["country"] == "PRK" for row in rows)


def test_list_on_a_date_gives_the_role_held_then() -> None:
    result = invoke(
        "list", "--country", "RUS", "--kind", "person", "--date", "2024-09-14", "--format", "jsonl"
    )
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    shoigu = next(row for row in rows if row["actor_id"] == "person/sergei-shoigu")
    assert shoigu["office"] == "security council secretary"
    assert len(shoigu["roles"]) == 1
    assert {row["kind"] for row in rows} == {"person"}


def test_list_rejects_an_unknown_country() -> None:
    result = invoke("list", "--country", "XYZ")
    assert result.exit_code == 1
    assert "not a country" in result.output


@pytest.mark.parametrize(("day", "finland"), [("2023-01-01", False), ("2024-01-01", True)])
def test_nato_members_on_a_date(day: str, finland: bool) -> None:
    result = invoke("members", "NATO", "--date", day, "--format", "jsonl")
    assert result.exit_code == 0
    countries = {json.loads(line)["country"] for line in result.stdout.splitlines()}
    assert {"USA", "DEU", "TUR"} <= countries
    assert ("FIN" in countries) is finland
    assert "SWE" not in countries


def test_members_of_an_unknown_organisation_is_a_clean_error() -> None:
    result = invoke("members", "Narnian Union")
    assert result.exit_code == 1
    assert "not an organisation" in result.output
    assert "Traceback" not in result.output


def test_a_bad_dictionary_line_gives_exit_3_with_file_and_line(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(
        "people:\n"
        "  - {name: Ivan Testov, country: RUS, roles: [[GOV, envoy, 2020-01-01, null]]}\n"
        "  - {name: Nobody Atall, country: XXX}\n",
        encoding="utf-8",
    )
    result = invoke("lookup", "Ivan Testov", "--date", "2021-01-01", "--dictionary", str(user))
    assert result.exit_code == EXIT_REJECTED
    assert f"{user}:3" in result.stderr
    assert "unknown country 'XXX'" in result.stderr
    assert "person/ivan-testov" in result.stdout  # the good line loaded
    assert "mine.yaml:2" in result.stdout


def test_a_petrarch_dictionary_through_its_importer(tmp_path: Path) -> None:
    user = tmp_path / "extra.actors.txt"
    user.write_text("TESTLAND_MINISTER_ZED_\n\t[RUSGOV 200101-291231]\n", encoding="utf-8")
    spec = f"eventwire.actors.petrarch_actors.v1::{user}"
    result = invoke(
        "lookup", "Testland Minister Zed", "--date", "2024-01-01", "--dictionary", spec,
        "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["code"] == "RUSGOV"
