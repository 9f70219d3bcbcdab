"""PLV-format reading and the relation-classification gate on the development set (issue 5).

The reader is tested on a file written here (our own sentences); the gate reads
``../shared/devsets/PLV_train.tsv`` and skips when it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import UnreadableInput
from eventwire.evaluate.plv import evaluate_relations, read_plv

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
HEADER = "\tsentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\textra\n"

# Pinned floors for the gate. History: 0.726 / 0.720 when the coder landed; 0.817 / 0.806
# (coverage 0.966) after the second round of issue 5 (refusals, reported demands, support
# verbs, contact purposes, object containers; held-out 30% of the devset: 0.781 / 0.777). The
# floors sit about 0.015 below the last figures to absorb lexicon edits that trade one class for
# another. Raise them when the numbers rise.
ACCURACY_FLOOR = 0.80
MACRO_F1_FLOOR = 0.79


def write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "plv.tsv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def test_reader_takes_offsets_from_the_marks(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "0\t7\tThe army shelled the army base.\t<s>The army</s> shelled <t>the army base</t>.\t"
        "The army\tthe army base\tASSAULT\tignored\n",
    )
    (example,) = read_plv(path)
    assert (example.source_start, example.target_start) == (0, 17)
    assert example.sentence[example.target_start : example.target_end] == "the army base"
    assert example.gold_root == "ASSAULT"


def test_placeholder_side_is_implicit(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "0\t8\tThe army opened an inquiry.\t<s>The army</s> opened an inquiry.\t"
        "The army\ta recipient\tACCUSE\t\n",
    )
    (example,) = read_plv(path)
    assert example.target_start is None and example.target_end is None


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("0\t9\tA b.\t<s>A</s> b.\tA\tb\tFIGHT\t\n", "unknown gold_root"),
        ("0\t9\tA b.\tA b.\tX\tY\tASSAULT\t\n", "neither source nor target"),
    ],
)
def test_bad_rows_name_the_line(tmp_path: Path, row: str, message: str) -> None:
    with pytest.raises(UnreadableInput, match=rf"plv.tsv:2: {message}"):
        read_plv(write(tmp_path, row))


def test_not_a_plv_file(tmp_path: Path) -> None:
    path = tmp_path / "x.tsv"
    path.write_text("a\tb\n1\t2\n", encoding="utf-8")
    with pytest.raises(UnreadableInput, match="not a PLV file"):
        read_plv(path)


@pytest.mark.shared
@pytest.mark.slow
def test_devset_relation_classification_gate() -> None:
    path = SHARED / "devsets" / "PLV_train.tsv"
    if not path.exists():
        pytest.skip(f"needs {path} (the shared development set beside the repository)")
    report = evaluate_relations(read_plv(path))
    assert report.n == 1050
    assert report.accuracy >= ACCURACY_FLOOR, report.format()
    assert report.macro_f1 >= MACRO_F1_FLOOR, report.format()
