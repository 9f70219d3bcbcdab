"""Fitting the confidence model (``events.calibration``) on our real-news annotations.

Every event the pipeline codes in the **studied** part of the gold set (the held-out part is
never seen) is labelled by its dyad and category: right when a required gold event of its
article has them, wrong when no gold event does; events that only optional gold events match
are left out. To these come our right/wrong labels of candidate events coded from other
articles of the studied corpora (``tests/eval/candidates.jsonl``: the corpus, record id,
trigger offsets and the labelled source, target and category; a candidate counts when the
pipeline still codes that tuple at that trigger, "unsure" ones never). A logistic regression
(scikit-learn, L2, ``C`` below) is fitted on the ``event_features`` of those events, computed
from the rule recipe's confidence; its coefficients, intercept as ``bias``, are what
``data/confidence_model.json`` ships.

scikit-learn is needed only here: ``pip install 'eventwire[calibrate]'``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import Options
from ..errors import ConfigError, UnreadableInput
from ..events.scoring.calibration import ConfidenceModel
from .realnews import code_gold_corpus, load_gold_corpus, roc_auc, tuple_labels

__all__ = ["CalibrationResult", "fit_confidence_model"]

# L2 strength: on 148 labelled events and about 40 features, the studied part's 5-fold AUC was
# 0.858, 0.867, 0.875 and 0.877 for C = 0.1, 0.25, 0.5 and 1: flat above 0.5, the weaker of the
# two near-best settings is kept.
DEFAULT_C = 0.5


@dataclass(frozen=True, slots=True)
class CalibrationResult:
    """The fitted model and what it was fitted on."""

    model: ConfidenceModel
    events: int
    right: int
    cross_validated_auc: float
    rule_auc: float

    def format(self) -> str:
        return (
            f"fitted on {self.events} coded events ({self.right} right);"
            f" ROC AUC, 5-fold cross-validated: model {self.cross_validated_auc:.3f},"
            f" rule recipe {self.rule_auc:.3f}"
        )


def candidate_rows(
    path: Path, corpora: Path, options: Options
) -> tuple[list[dict[str, float]], list[int], int]:
    """Feature rows and labels of the labelled candidates the pipeline still codes, and how
    many labelled candidates there were (``UnreadableInput`` for a malformed line)."""
    from .realnews import GoldCorpus, load_records

    labelled: dict[tuple[str, str], list[dict[str, Any]]] = {}
    total = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            key = (str(item["corpus"]), str(item["id"]))
            if item["label"] not in ("right", "wrong", "unsure"):
                raise ValueError(f"label {item['label']!r}")
            start, end = item["at"]
            item["at"] = (int(start), int(end))
        except (ValueError, KeyError, TypeError) as exc:
            raise UnreadableInput(f"{path}:{number}: not a labelled candidate ({exc})") from None
        labelled.setdefault(key, []).append(item)
        total += 1
    records, articles = load_records(corpora, labelled, options)
    coded = code_gold_corpus(GoldCorpus([], records, articles), options, calibrated=False)
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    for key, items in labelled.items():
        for predicted, features in coded.get(key, []):
            for item in items:
                same = (item["source"], item["target"], item["category"]) == predicted.coded
                if same and tuple(item["at"]) == predicted.trigger and item["label"] != "unsure":
                    rows.append(features)
                    labels.append(int(item["label"] == "right"))
                    break
    return rows, labels, total


def fit_confidence_model(
    gold: Path,
    corpora: Path,
    options: Options,
    *,
    c: float = DEFAULT_C,
    candidates: Path | None = None,
) -> CalibrationResult:
    """Fit the model on the studied part of the gold set (module docstring)."""
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold, cross_val_predict
    except ImportError:
        raise ConfigError(
            "calibrate needs scikit-learn: pip install 'eventwire[calibrate]'"
        ) from None
    from ..actors.data_access import load_knowledge_base

    corpus = load_gold_corpus(gold, corpora, options, "studied")
    coded = code_gold_corpus(corpus, options, calibrated=False)
    kb = load_knowledge_base()
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    for g in corpus.golds:
        pairs = coded.get((g.corpus, g.record_id), [])
        for (_, features), label in zip(
            pairs, tuple_labels(g, [p for p, _ in pairs], kb), strict=True
        ):
            if label is None:
                continue
            rows.append(features)
            labels.append(int(label))
    from_candidates = 0
    if candidates is not None and candidates.is_file():
        extra_rows, extra_labels, _ = candidate_rows(candidates, corpora, options)
        rows += extra_rows
        labels += extra_labels
        from_candidates = len(extra_labels)
    if len(set(labels)) < 2:
        raise ConfigError("calibrate: the studied part gave no right or no wrong events")
    vectorizer = DictVectorizer(sparse=False)
    x = vectorizer.fit_transform([{k: v for k, v in r.items() if k != "bias"} for r in rows])
    regression = LogisticRegression(C=c, max_iter=2000)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=13)
    held = cross_val_predict(regression, x, labels, cv=folds, method="predict_proba")[:, 1]
    regression.fit(x, labels)
    weights = {"bias": float(regression.intercept_[0])}
    for name, weight in zip(vectorizer.get_feature_names_out(), regression.coef_[0], strict=True):
        weights[str(name)] = round(float(weight), 4)
    weights["bias"] = round(weights["bias"], 4)
    description = (
        f"logistic regression (C={c}) fitted by eventwire calibrate on {len(labels)} coded events"
        f" ({sum(labels)} right): {len(labels) - from_candidates} of the studied part of"
        f" tests/eval/realnews, {from_candidates} labelled candidates"
    )
    rule = [r["rule_confidence"] for r in rows]
    return CalibrationResult(
        ConfidenceModel(weights, description),
        len(labels),
        sum(labels),
        roc_auc(list(zip(held.tolist(), map(bool, labels), strict=True))),
        roc_auc(list(zip(rule, map(bool, labels), strict=True))),
    )
