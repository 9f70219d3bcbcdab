"""Treaty updates in DuckDB (idempotent, read back with their sources) and the commands, which
answer from the shipped base alone or with a database's news updates (issue 6)."""

from __future__ import annotations

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
