"""One call for the ``evaluate`` command: read gold data, score the configured pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import spacy

from ..config import Options
from ..nlp.pipeline import build_pipeline
from .dyads import DyadReport, evaluate_dyads
from .metrics import ClassificationReport
from .plv import evaluate_relations, predict_relation, read_plv

__all__ = ["EvaluationMode", "EvaluationResult", "evaluate_gold"]

EvaluationMode = Literal["relation", "end-to-end", "both"]


@dataclass(frozen=True, slots=True)
class EvaluationResult:
    """Relation-classification scores and end-to-end dyad scores (either may be absent)."""

    gold: str
    examples: int
    relation: ClassificationReport | None
    dyads: DyadReport | None

    def format(self) -> str:
        """Plain text for the terminal."""
        parts = [f"gold: {self.gold} ({self.examples} examples)"]
        if self.relation is not None:
            parts += ["", "relation classification (source and target given):"]
            parts.append(self.relation.format())
        if self.dyads is not None:
            parts += ["", "end to end (sentence only):", self.dyads.format()]
        return "\n".join(parts)


def evaluate_gold(
    gold: Path, options: Options, *, mode: EvaluationMode = "both"
) -> EvaluationResult:
    """Score the configured pipeline on PLV-format gold data (raises ``UnreadableInput``)."""
    examples = read_plv(gold)
    relation = None
    dyads = None
    if mode in ("relation", "both"):
        # Spans are given, so NER is not needed: the coder reads the parse and the lemmas.
        parser = spacy.load(options.pipeline.model, exclude=["ner"])
        relation = evaluate_relations(examples, predict_relation(parser))
    if mode in ("end-to-end", "both"):
        dyads = evaluate_dyads(examples, build_pipeline(options.pipeline))
    return EvaluationResult(str(gold), len(examples), relation, dyads)
