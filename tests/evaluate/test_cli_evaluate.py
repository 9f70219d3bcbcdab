"""`eventwire evaluate` on a small PLV file written here (not the development set)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import cli

HEADER = "sentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\n"
ROWS = [
    ("1", "France accused Iran of sheltering the attackers.", "France", "Iran", "ACCUSE"),
    ("2", "Japan signed a trade agreement with Vietnam.", "Japan", "Vietnam", "SUPPORT"),
    ("3", "Egypt hosted talks with Sudan in Cairo.", "Egypt", "Sudan", "CONSULT"),
]


def plv_file(tmp_path: Path, rows: list[tuple[str, str, str, str, str]]) -> Path:
    lines = [HEADER]
    for sid, sentence, source, target, gold in rows:
        marked = sentence.replace(source, f"<s>{source}</s>", 1).replace(
            target, f"<t>{target}</t>", 1
        )
        lines.append(f"{sid}\t{sentence}\t{marked}\t{source}\t{target}\t{gold}\n")
    path = tmp_path / "gold.tsv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.mark.slow
def test_evaluate_reports_scores_and_confusion(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["evaluate", "--gold", str(plv_file(tmp_path, ROWS))])
    assert result.exit_code == 0, result.output
    assert "3 examples" in result.output
    assert "accuracy=" in result.output and "macro-F1=" in result.output
    assert "confusion (rows gold, columns predicted)" in result.output
    assert "dyad recall=" in result.output
    # The accusation is the easiest case: the ACCUSE row must have been predicted right.
    accuse = next(line for line in result.output.splitlines() if line.startswith("ACCUSE "))
    assert accuse.split()[1] == "1.000"


def test_evaluate_rejects_a_malformed_file_naming_the_line(tmp_path: Path) -> None:
    bad = plv_file(tmp_path, [("1", "France accused Iran.", "France", "Iran", "GOSSIP")])
    result = CliRunner().invoke(cli, ["evaluate", "--gold", str(bad), "--mode", "relation"])
    assert result.exit_code == 1
    assert ":2: unknown gold_root 'GOSSIP'" in result.output
