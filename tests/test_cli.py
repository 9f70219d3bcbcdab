"""The CLI is documented: every command has help text and appears in docs/cli.md."""

from __future__ import annotations

import dataclasses
import re
import shlex
import tomllib
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.config import load_options

DOCS = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def all_commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        full = f"{prefix}{name}"
        found.append((full, command))
        if isinstance(command, click.Group):
            found.extend(all_commands(command, prefix=f"{full} "))
    return found


def test_top_level_help_lists_every_command() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name, _ in all_commands(cli):
        assert name.split()[0] in result.output


@pytest.mark.parametrize(("name", "command"), all_commands(cli))
def test_every_command_has_help_and_is_documented(name: str, command: click.Command) -> None:
    assert command.help and len(command.help.strip()) > 20, f"{name} lacks help text"
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert f"`eventwire {name}" in DOCS.read_text(encoding="utf-8"), f"{name} not in docs/cli.md"


def test_reading_a_missing_database_is_a_clean_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "no database" in result.output
    assert "Traceback" not in result.output


def test_bad_config_file_is_a_clean_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[store]\nunknown = 1\n")
    result = CliRunner().invoke(cli, ["--config", str(bad), "stats"])
    assert result.exit_code == 1
    assert "unknown setting store.unknown" in result.output


def test_config_prints_effective_settings(tmp_path: Path) -> None:
    user = tmp_path / "u.toml"
    user.write_text("[pipeline]\nbatch_size = 5\n")
    result = CliRunner().invoke(cli, ["--config", str(user), "config"])
    assert result.exit_code == 0
    settings = tomllib.loads(result.output)
    assert settings["pipeline"]["batch_size"] == 5


def test_effective_config_is_toml_that_config_accepts_back(tmp_path: Path) -> None:
    """Issue 16: the effective settings used to print as JSON that --config refused."""
    user = tmp_path / "u.toml"
    user.write_text(
        '[pipeline]\nbatch_size = 5\n[store]\npath = "a \\"quoted\\" é.duckdb"\n'
        '[actors]\ndictionaries = ["mine.yaml"]\n[analysis]\nmin_confidence = 0.25\n'
    )
    printed = CliRunner().invoke(cli, ["--config", str(user), "config"])
    effective = tmp_path / "effective.toml"
    effective.write_text(printed.output, encoding="utf-8")
    again = CliRunner().invoke(cli, ["--config", str(effective), "config"])
    assert again.exit_code == 0, again.output
    assert again.output.splitlines()[1:] == printed.output.splitlines()[1:]
    expected = dataclasses.replace(load_options(user), sources=())
    assert dataclasses.replace(load_options(effective), sources=()) == expected
    assert expected.pipeline.actor_dictionaries == ("mine.yaml",)


def test_every_command_of_the_analysts_questions_parses() -> None:
    """docs/cli.md's "Questions analysts ask" (issue 16): each answer is a real command with
    real options (click refuses an unknown option before printing the help)."""
    text = DOCS.read_text(encoding="utf-8").split("## Questions analysts ask", 1)[1]
    commands = re.findall(r"\| `(eventwire [^`]+)` \|", text)
    assert len(commands) >= 10
    for command in commands:
        args = shlex.split(command.split(" > ")[0])[1:]
        result = CliRunner().invoke(cli, [*args, "--help"])
        assert result.exit_code == 0, (command, result.output)
