"""Treaty updates in DuckDB (idempotent, read back with their sources) and the commands, which
answer from the shipped base alone or with a database's news updates (issue 6)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click
import duckdb
import pytest
from click.testing import CliRunner

from eventwire.cli.treaties import register_treaty_commands
from eventwire.treaties import (
    Source,
    TreatyUpdate,
    apply_updates,
    ensure_treaty_tables,
    find_treaty,
    load_treaties,
    read_treaty_updates,
    treaty_status,
    write_treaty_updates,
)
from eventwire.treaties.dates import make_step
from eventwire.treaties.model import Obligation

RUS_PRK = "russia-dprk-comprehensive-strategic-partnership"


def _source(sentence: str, start: int) -> Source:
    return Source(
        doc_id="doc-1", sentence=sentence, sentence_start=start,
        sentence_end=start + len(sentence), trigger=(start, start + 6), mention=None,
        article_date=date(2024, 12, 5),
    )  # fmt: skip


UPDATES = (
    TreatyUpdate(
        doc_id="doc-1", local_key="c0", mention="the treaty", treaty_type="mutual_defence",
        parties=("PRK", "RUS"), treaty_id=RUS_PRK,
        source=_source("Putin and Kim signed the treaty in June.", 0),
        step=make_step("signed", "2024-06", source=_source("Putin and Kim signed…", 0)),
    ),
    TreatyUpdate(
        doc_id="doc-1", local_key="c0", mention="The agreement", treaty_type="mutual_defence",
        parties=("PRK", "RUS"), treaty_id=RUS_PRK,
        source=_source("The agreement obligates both states to provide military assistance.", 50),
        obligation=Obligation(kind="military_assistance", firmness="binding",
                              source=_source("The agreement obligates…", 50)),
    ),
    TreatyUpdate(
        doc_id="doc-2", local_key="c1", mention="security guarantees",
        treaty_type="security_guarantee", parties=("UKR",), proposer="UKR",
        terms="drop its goal to join NATO", source=_source("Zelensky offered…", 10),
        step=make_step("proposed", "2025-12-14"),
    ),
)  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "news.duckdb"
    con = duckdb.connect(str(path))
    try:
        assert write_treaty_updates(con, UPDATES) == 3
        assert write_treaty_updates(con, UPDATES) == 0  # idempotent
    finally:
        con.close()
    return path


def test_updates_round_trip_through_duckdb(db: Path) -> None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        back = read_treaty_updates(con)
        rows = con.execute("SELECT count(*) FROM treaty_parties").fetchone()
    finally:
        con.close()
    assert {u.update_id for u in back} == {u.update_id for u in UPDATES}
    signed = next(u for u in back if u.step is not None and u.step.kind == "signed")
    assert (signed.treaty_id, signed.step.value if signed.step else None) == (RUS_PRK, "2024-06")
    assert signed.source.sentence == "Putin and Kim signed the treaty in June."
    assert rows == (1,)  # the proposal's party


def test_ensure_treaty_tables_is_repeatable() -> None:
    con = duckdb.connect()
    ensure_treaty_tables(con)
    ensure_treaty_tables(con)
    assert read_treaty_updates(con) == ()


def test_news_merges_into_the_known_treaty(db: Path) -> None:
    treaties = load_treaties(db)
    treaty = find_treaty(treaties, RUS_PRK)
    sources = [s.source for s in treaty.steps if s.kind == "signed" and s.source is not None]
    assert sources and sources[0].doc_id == "doc-1"
    article_4 = next(o for o in treaty.obligations if o.kind == "military_assistance")
    assert (article_4.article, article_4.firmness) == ("4", "automatic")  # the base's grade
    assert article_4.source is not None  # now with the news sentence that states it
    assert len([o for o in treaty.obligations if o.kind == "military_assistance"]) == 1


def test_a_proposal_becomes_a_news_treaty_that_is_not_in_force(db: Path) -> None:
    proposal = next(t for t in load_treaties(db) if t.origin == "news")
    status = treaty_status(proposal, date(2026, 1, 1))
    assert (status.stage, status.in_force, status.bound) == ("proposed", False, ())
    assert proposal.terms == "drop its goal to join NATO"
    assert apply_updates(load_treaties(), []) == load_treaties()


def _cli() -> click.Group:
    @click.group()
    def group() -> None:
        """Test group."""

    register_treaty_commands(group)
    return group


@pytest.mark.parametrize(
    ("args", "present", "absent"),
    [
        (["obligations", "--attacked", "PRK", "--as-of", "2025-01-01", "--format", "csv"],
         ["RUS,automatic,military_assistance", "CHN,automatic"], []),
        (["obligations", "--attacked", "PRK", "--as-of", "2024-11-01", "--format", "csv"],
         ["CHN,automatic"], ["RUS,"]),
        (["obligations", "--attacked", "est", "--as-of", "2025-01-01", "--format", "csv"],
         ["USA,binding,military_assistance,north-atlantic-treaty,5"], []),
        (["treaties", "--party", "FIN", "--as-of", "2023-01-01", "--format", "json"],
         ['"treaty": "north-atlantic-treaty"', '"treaty": "eu-mutual-assistance-clause"'],
         ["anzus"]),
        (["treaty", "show", "ANZUS", "--as-of", "2000-01-01"], ["toward NZL", "AUS NZL USA"], []),
        (["alliances", "--as-of", "2025-01-01", "--format", "csv"], ["PRK,RUS,True,automatic"], []),
    ],
)  # fmt: skip
def test_commands_answer_from_the_shipped_base(
    args: list[str], present: list[str], absent: list[str]
) -> None:
    result = CliRunner().invoke(_cli(), args, terminal_width=200)
    assert result.exit_code == 0, result.output
    for text in present:
        assert text in result.output
    for text in absent:
        assert text not in result.output


def test_treaty_show_with_a_database_lists_news_sources(db: Path) -> None:
    result = CliRunner().invoke(
        _cli(), ["treaty", "show", "Russia-North Korea treaty", "--db", str(db)],
        terminal_width=200,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "doc-1: Putin and Kim signed" in result.output
    assert "shipped base" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["treaty", "show", "Treaty of Nowhere"], "no treaty is called"),
        (["treaties", "--db", "/nonexistent/x.duckdb"], "no database"),
        (["obligations", "--attacked", "EST", "--as-of", "soon"], "not a YYYY-MM-DD date"),
    ],
)
def test_errors_are_clean_messages(args: list[str], message: str) -> None:
    result = CliRunner().invoke(_cli(), args)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_alliances_draws_a_picture(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"alliances{suffix}"
    result = CliRunner().invoke(_cli(), ["alliances", "--as-of", "2025-01-01", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 1000


def test_treaty_show_lists_each_step_once_with_its_reports(tmp_path: Path) -> None:
    """Issue 16: the shipped signing (2024-06-19) and two reports of it ("in June") were
    three rows; an entry into force reported "on or before" the article's day was a second one."""
    from eventwire.treaties.matching import lifecycle

    again = TreatyUpdate(
        doc_id="doc-3", local_key="c0", mention="the treaty", treaty_type="mutual_defence",
        parties=("PRK", "RUS"), treaty_id=RUS_PRK,
        source=_source("They signed the pact in June.", 0),
        step=make_step("signed", "2024-06", source=_source("They signed the pact in June.", 0)),
    )  # fmt: skip
    in_force = TreatyUpdate(
        doc_id="doc-3", local_key="c0", mention="the treaty", treaty_type="mutual_defence",
        parties=("PRK", "RUS"), treaty_id=RUS_PRK,
        source=_source("The treaty came into force.", 40),
        step=make_step(
            "in_force", "2024-12-05", mod="ON_OR_BEFORE",
            source=_source("The treaty came into force.", 40),
        ),
    )  # fmt: skip
    path = tmp_path / "twice.duckdb"
    con = duckdb.connect(str(path))
    try:
        write_treaty_updates(con, (*UPDATES, again, in_force))
    finally:
        con.close()
    treaty = find_treaty(load_treaties(str(path)), RUS_PRK)
    steps = lifecycle(treaty)
    signed = [g for g in steps if g.step.kind == "signed"]
    assert len(signed) == 1
    assert signed[0].from_base and signed[0].step.value == "2024-06-19"
    assert sorted(s.doc_id for s in signed[0].sources) == ["doc-1", "doc-3"]
    assert len([g for g in steps if g.step.kind == "in_force" and g.step.party is None]) == 1
    result = CliRunner().invoke(_cli(), ["treaty", "show", RUS_PRK, "--db", str(path)],
                                terminal_width=200)  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if "│ signed" in line]
    assert len(rows) == 1 and "shipped base; 2 reports" in rows[0]


def test_parties_by_name_and_unknown_ones_exit_2() -> None:
    """Issue 16: `obligations --attacked Estonia` printed an empty table and exited 0."""
    by_name = CliRunner().invoke(
        _cli(), ["obligations", "--attacked", "Estonia", "--as-of", "2025-01-01", "--format", "csv"]
    )
    assert "USA,binding,military_assistance,north-atlantic-treaty,5" in by_name.output
    finland = CliRunner().invoke(
        _cli(), ["treaties", "--party", "Finland", "--as-of", "2023-01-01", "--format", "json"]
    )
    assert "north-atlantic-treaty" in {t["treaty"] for t in json.loads(finland.output)}
    for args, says in [
        (["obligations", "--attacked", "Estnia"], "did you mean Estonia"),
        (["obligations", "--attacked", "NATO"], "'NATO' is not a country"),
        (["treaties", "--party", "Atlantis"], "unknown actor 'Atlantis'"),
    ]:
        result = CliRunner().invoke(_cli(), args)
        assert result.exit_code == 2 and says in result.output, result.output
