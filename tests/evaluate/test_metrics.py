"""Classification metrics conventions (None is a miss, macro over classes seen)."""

from __future__ import annotations

import pytest

from eventwire.evaluate.metrics import NONE_LABEL, classification_report


def test_report_counts_none_as_a_miss() -> None:
    report = classification_report(["A", "A", "B", "B"], ["A", None, "B", "A"], ("A", "B", "C"))
    assert report.n == 4
    assert report.accuracy == pytest.approx(0.5)
    assert report.coverage == pytest.approx(0.75)
    assert report.covered_accuracy == pytest.approx(2 / 3)
    a, b, c = report.per_class
    assert (a.precision, a.recall) == (pytest.approx(0.5), pytest.approx(0.5))
    assert (b.precision, b.recall) == (pytest.approx(1.0), pytest.approx(0.5))
    assert c.support == 0 and c.predicted == 0
    assert report.macro_f1 == pytest.approx((0.5 + 2 / 3) / 2)  # C is left out of the mean
    assert report.micro_f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert report.confusion["A"] == {"A": 1, NONE_LABEL: 1}
    assert "macro-F1" in report.format()


def test_length_mismatch_is_an_error() -> None:
    with pytest.raises(ValueError, match="2 gold labels but 1 predictions"):
        classification_report(["A", "B"], ["A"], ("A", "B"))
