"""Evaluation: gold-data readers and metrics (PLV-format relation classification)."""

from .metrics import NONE_LABEL, ClassificationReport, ClassReport, classification_report
from .plv import PLV_COLUMNS, PlvExample, evaluate_relations, predict_relation, read_plv

__all__ = [
    "NONE_LABEL",
    "PLV_COLUMNS",
    "ClassReport",
    "ClassificationReport",
    "PlvExample",
    "classification_report",
    "evaluate_relations",
    "predict_relation",
    "read_plv",
]
