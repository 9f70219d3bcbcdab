"""The CLI stays thin (issue 16, STYLE.md 6): its modules hold no SQL and no database calls;
queries live in the library, which the CLI, the Python API and the web app share."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CLI = Path(__file__).resolve().parents[2] / "src" / "eventwire" / "cli"
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE)\b\s|\.execute\(|import duckdb")


@pytest.mark.parametrize("module", sorted(CLI.glob("*.py")), ids=lambda p: p.name)
def test_cli_modules_hold_no_sql(module: Path) -> None:
    text = module.read_text(encoding="utf-8")
    assert not SQL.search(text), f"{module.name}: {SQL.search(text)}"


def test_the_cli_is_a_package_of_command_groups() -> None:
    names = {p.stem for p in CLI.glob("*.py")}
    assert {"__init__", "output", "analysis", "ingest", "store", "treaties", "actors"} <= names
    assert not list(CLI.parent.glob("cli_*.py")), "command modules belong in cli/"
