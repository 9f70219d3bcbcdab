"""Classification metrics for event categories, as one frozen report value.

Conventions (stated because event-coding papers differ on them):

* a prediction of None ("no event") is a miss: it lowers recall of the gold class and
  ``accuracy``, never precision;
* ``macro_f1`` is the unweighted mean of the per-class F1 over the given label set (a class
  with no gold and no predictions is left out of the mean);
* ``micro_f1``: precision = correct / predicted, recall = correct / gold, then their harmonic
  mean — with full coverage it equals accuracy;
* ``coverage`` is the share of items with a prediction; ``covered_accuracy`` the accuracy on
  those items; ``accuracy`` counts a None as wrong;
* ``confusion[gold][predicted]`` counts, with ``NONE_LABEL`` for no prediction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

__all__ = ["NONE_LABEL", "ClassReport", "ClassificationReport", "classification_report"]

NONE_LABEL = "NONE"


@dataclass(frozen=True, slots=True)
class ClassReport:
    label: str
    precision: float
    recall: float
    f1: float
    support: int
    predicted: int


@dataclass(frozen=True, slots=True)
class ClassificationReport:
    """Scores of one evaluation run (see the module docstring for the conventions)."""

    n: int
    accuracy: float
    covered_accuracy: float
    coverage: float
    macro_f1: float
    micro_f1: float
    per_class: tuple[ClassReport, ...]
    labels: tuple[str, ...]
    confusion: Mapping[str, Mapping[str, int]]

    def format(self) -> str:
        """A plain-text table for the terminal."""
        lines = [
            f"n={self.n}  accuracy={self.accuracy:.3f}  coverage={self.coverage:.3f}  "
            f"accuracy(covered)={self.covered_accuracy:.3f}  macro-F1={self.macro_f1:.3f}  "
            f"micro-F1={self.micro_f1:.3f}",
            f"{'class':<10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}",
        ]
        for c in self.per_class:
            lines.append(
                f"{c.label:<10} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} "
                f"{c.support:5d} {c.predicted:5d}"
            )
        columns = (*self.labels, NONE_LABEL)
        lines.append("confusion (rows gold, columns predicted):")
        lines.append(" " * 10 + "".join(f"{label[:5]:>6}" for label in columns))
        for gold in self.labels:
            row = self.confusion.get(gold, {})
            lines.append(f"{gold:<10}" + "".join(f"{row.get(p, 0):6d}" for p in columns))
        return "\n".join(lines)


def classification_report(
    gold: Sequence[str], predicted: Iterable[str | None], labels: Sequence[str]
) -> ClassificationReport:
    """Score ``predicted`` against ``gold`` over ``labels`` (conventions in the module doc)."""
    preds = list(predicted)
    if len(preds) != len(gold):
        raise ValueError(f"{len(gold)} gold labels but {len(preds)} predictions")
    n = len(gold)
    confusion: dict[str, dict[str, int]] = {}
    for g, p in zip(gold, preds, strict=True):
        row = confusion.setdefault(g, {})
        key = NONE_LABEL if p is None else p
        row[key] = row.get(key, 0) + 1
    correct = sum(1 for g, p in zip(gold, preds, strict=True) if g == p)
    covered = sum(1 for p in preds if p is not None)
    per_class: list[ClassReport] = []
    for label in labels:
        tp = confusion.get(label, {}).get(label, 0)
        support = sum(confusion.get(label, {}).values())
        n_pred = sum(1 for p in preds if p == label)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class.append(ClassReport(label, precision, recall, f1, support, n_pred))
    scored = [c for c in per_class if c.support or c.predicted]
    macro = sum(c.f1 for c in scored) / len(scored) if scored else 0.0
    micro_p = correct / covered if covered else 0.0
    micro_r = correct / n if n else 0.0
    micro = 2 * micro_p * micro_r / (micro_p + micro_r) if micro_p + micro_r else 0.0
    return ClassificationReport(
        n=n,
        accuracy=correct / n if n else 0.0,
        covered_accuracy=correct / covered if covered else 0.0,
        coverage=covered / n if n else 0.0,
        macro_f1=macro,
        micro_f1=micro,
        per_class=tuple(per_class),
        labels=tuple(labels),
        confusion={g: dict(row) for g, row in confusion.items()},
    )
