"""Fitting the confidence model (``evaluate.calibrate``): cross-validation grouped by article,
so a feature that only recognises articles seen in fitting earns nothing (issue 13)."""

from __future__ import annotations

import random

import pytest

pytest.importorskip("sklearn")

from eventwire.evaluate.calibrate import (
    C_GRID,
    CalibrationResult,
    CrossValidation,
    LabelledRows,
    chosen_strength,
    cross_validate,
)
from eventwire.events.scoring.calibration import ConfidenceModel


def _rows(signal: bool) -> LabelledRows:
    """40 articles of 6 events; every event of an article is right or every one wrong. Each
    row names its article; with ``signal`` a feature also says which events are right."""
    rng = random.Random(13)
    rows, labels, groups = [], [], []
    for article in range(40):
        right = article % 2
        for _ in range(6):
            row = {"bias": 1.0, f"article={article}": 1.0, "noise": rng.random()}
            if signal:
                row["named_sides"] = float(right) if rng.random() < 0.9 else float(1 - right)
            rows.append(row)
            labels.append(right)
            groups.append(f"corpus/{article}")
    return LabelledRows(rows, labels, groups, len(rows))


def test_a_feature_that_only_knows_the_article_earns_nothing_across_articles() -> None:
    # Ungrouped folds would see every article in fitting and score it almost perfectly.
    assert cross_validate(_rows(signal=False), 1.0).auc < 0.65


def test_a_feature_that_holds_across_articles_is_rewarded() -> None:
    result = cross_validate(_rows(signal=True), 1.0)
    assert result.auc > 0.85
    threshold, precision, recall = result.curve[3]
    assert threshold == 0.5 and precision > 0.8 and recall > 0.8
    # without it (calibrate --drop-feature named_sides) only the article names are left
    dropped = cross_validate(_rows(signal=True), 1.0, lambda name: name != "named_sides")
    assert dropped.auc < 0.65


def _tried(*aucs: float) -> tuple[CrossValidation, ...]:
    return tuple(CrossValidation(c, auc, ()) for c, auc in zip(C_GRID, aucs, strict=False))


def test_a_flat_curve_keeps_the_stronger_regularisation() -> None:
    assert chosen_strength(_tried(0.88, 0.899, 0.9005, 0.9)).c == C_GRID[1]  # within 0.002
    assert chosen_strength(_tried(0.80, 0.85, 0.90, 0.88)).c == C_GRID[2]


def test_the_report_says_how_many_labelled_candidates_the_coder_no_longer_codes() -> None:
    # After a change of the coder some labelled candidates are coded differently and cannot
    # be fitted on: the report says how many of the labels are still used.
    tried = _tried(0.88)
    result = CalibrationResult(ConfidenceModel({"bias": 0.0}), 10, 4, 3, tried[0], tried, 0.7)
    assert "labelled candidates" not in result.format()
    result = CalibrationResult(
        ConfidenceModel({"bias": 0.0}), 10, 4, 3, tried[0], tried, 0.7, (2265, 2571)
    )
    assert "labelled candidates: 2265 of 2571 right/wrong labels still coded" in result.format()
