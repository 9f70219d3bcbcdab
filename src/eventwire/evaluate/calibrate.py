"""Fitting the confidence model (``events.calibration``) on our real-news annotations.

Every event the pipeline codes in the **studied** part of the gold set (the held-out part is
never seen) is labelled by its dyad and category: right when a required gold event of its
article has them, wrong when no gold event does; events that only optional gold events match
are left out. To these come our right/wrong labels of candidate events coded from other
articles of the studied corpora (``tests/eval/candidates.jsonl``: the corpus, record id,
trigger offsets and the labelled source, target and category; a candidate counts when the
pipeline still codes that tuple at that trigger, "unsure" ones never). A logistic regression
(scikit-learn, L2) is fitted on the ``event_features`` of those events, computed from the rule
recipe's confidence; its coefficients, intercept as ``bias``, are what
``data/confidence_model.json`` ships. The strength ``C`` is chosen by cross-validation grouped
by article (``GroupKFold``: an article's events are never split between fitting and scoring,
so what the figures reward holds on articles the model has not seen); the held-out gold part
plays no part in it.

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

# L2 strengths tried when none is given: the strongest regularisation whose AUC,
# cross-validated by article, is within ``C_TOLERANCE`` of the best is kept (never chosen on
# the held-out gold part). On 2,047 labelled events (issue 13, sixth round) the AUC was
# 0.887, 0.894, 0.897, 0.899, 0.900, 0.900 and 0.899 for C = 0.1 … 8: flat from 1 up; on
# 2,478 (seventh round, with the trigger features) 0.875, 0.880, 0.882, 0.882, 0.882, 0.881
# and 0.880: flat from 0.5 up.
C_GRID = (0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
C_TOLERANCE = 0.002
FOLDS = 5
# Thresholds at which the cross-validated precision and recall are reported.
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


@dataclass(frozen=True, slots=True)
class CrossValidation:
    """Out-of-fold figures of one setting: each article's events scored by a model fitted
    without that article (``GroupKFold``), so a model that learns single articles gains
    nothing."""

    c: float
    auc: float
    # (threshold, precision, recall) of the out-of-fold probabilities
    curve: tuple[tuple[float, float, float], ...]

    def format(self) -> str:
        points = ", ".join(f"{t:.1f}: P {p:.3f} R {r:.3f}" for t, p, r in self.curve)
        return f"C={self.c}: grouped {FOLDS}-fold AUC {self.auc:.3f}; {points}"


@dataclass(frozen=True, slots=True)
class CalibrationResult:
    """The fitted model and what it was fitted on."""

    model: ConfidenceModel
    events: int
    right: int
    articles: int
    cross_validated: CrossValidation
    tried: tuple[CrossValidation, ...]
    rule_auc: float
    # (labelled candidates fitted on, right or wrong labels in the candidates file)
    candidates: tuple[int, int] = (0, 0)

    @property
    def cross_validated_auc(self) -> float:
        return self.cross_validated.auc

    def format(self) -> str:
        lines = [
            f"fitted on {self.events} coded events ({self.right} right) of {self.articles}"
            f" articles; rule recipe's ROC AUC {self.rule_auc:.3f}",
        ]
        used, labelled = self.candidates
        if labelled:
            lines.append(
                f"labelled candidates: {used} of {labelled} right/wrong labels still coded at"
                " their trigger with their sides and category (the others are left out)"
            )
        lines.append("cross-validated by article:")
        lines += [("* " if t is self.cross_validated else "  ") + t.format() for t in self.tried]
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class LabelledRows:
    """Feature rows of labelled coded events, their labels (1 right) and their articles."""

    rows: list[dict[str, float]]
    labels: list[int]
    groups: list[str]
    from_candidates: int
    # right or wrong labels in the candidates file (``from_candidates`` of them still coded)
    candidates_labelled: int = 0


def candidate_rows(
    path: Path, corpora: Path, options: Options
) -> tuple[list[dict[str, float]], list[int], list[str], int]:
    """Feature rows, labels and articles of the labelled candidates the pipeline still codes,
    and how many candidates had a right or wrong label (``UnreadableInput`` for a malformed
    line): a candidate the pipeline no longer codes at its trigger with its sides and category
    (after a change of the coder) is not fitted on, and the difference says how many."""
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
        total += item["label"] != "unsure"
    records, articles = load_records(corpora, labelled, options)
    coded = code_gold_corpus(GoldCorpus([], records, articles), options, calibrated=False)
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    groups: list[str] = []
    for key, items in labelled.items():
        for predicted, features in coded.get(key, []):
            for item in items:
                same = (item["source"], item["target"], item["category"]) == predicted.coded
                if same and tuple(item["at"]) == predicted.trigger and item["label"] != "unsure":
                    rows.append(features)
                    labels.append(int(item["label"] == "right"))
                    groups.append("/".join(key))
                    break
    return rows, labels, groups, total


def labelled_rows(
    gold: Path, corpora: Path, options: Options, candidates: Path | None = None
) -> LabelledRows:
    """Every labelled coded event: those of the studied gold part (module docstring) and the
    labelled candidates the pipeline still codes."""
    from ..actors.data_access import load_knowledge_base

    corpus = load_gold_corpus(gold, corpora, options, "studied")
    coded = code_gold_corpus(corpus, options, calibrated=False)
    kb = load_knowledge_base()
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    groups: list[str] = []
    for g in corpus.golds:
        pairs = coded.get((g.corpus, g.record_id), [])
        for (_, features), label in zip(
            pairs, tuple_labels(g, [p for p, _ in pairs], kb), strict=True
        ):
            if label is None:
                continue
            rows.append(features)
            labels.append(int(label))
            groups.append(f"{g.corpus}/{g.record_id}")
    from_candidates = candidates_labelled = 0
    if candidates is not None and candidates.is_file():
        extra_rows, extra_labels, extra_groups, candidates_labelled = candidate_rows(
            candidates, corpora, options
        )
        rows += extra_rows
        labels += extra_labels
        groups += extra_groups
        from_candidates = len(extra_labels)
    return LabelledRows(rows, labels, groups, from_candidates, candidates_labelled)


def cross_validate(data: LabelledRows, c: float, features: Any = None) -> CrossValidation:
    """Out-of-fold figures of a logistic regression with strength ``c`` (``GroupKFold`` by
    article); ``features``, a predicate on feature names, keeps only some (comparisons)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_predict

    x, _ = _matrix(data.rows, features)
    folds = GroupKFold(n_splits=min(FOLDS, len(set(data.groups))))
    held = cross_val_predict(
        LogisticRegression(C=c, max_iter=2000),
        x,
        data.labels,
        cv=folds,
        groups=data.groups,
        method="predict_proba",
    )[:, 1]
    scored = list(zip(held.tolist(), map(bool, data.labels), strict=True))
    curve = []
    right = sum(data.labels)
    for threshold in THRESHOLDS:
        shown = [ok for p, ok in scored if p >= threshold]
        precision = sum(shown) / len(shown) if shown else 0.0
        curve.append(
            (threshold, round(precision, 3), round(sum(shown) / right if right else 0.0, 3))
        )
    return CrossValidation(c, roc_auc(scored), tuple(curve))


def chosen_strength(tried: tuple[CrossValidation, ...]) -> CrossValidation:
    """Of settings tried in ``C_GRID`` order (strongest regularisation first), the first whose
    grouped AUC is within ``C_TOLERANCE`` of the best: a flat curve keeps the simpler model."""
    top = max(t.auc for t in tried)
    return next(t for t in tried if t.auc >= top - C_TOLERANCE)


def _matrix(rows: list[dict[str, float]], features: Any = None) -> tuple[Any, Any]:
    from sklearn.feature_extraction import DictVectorizer

    vectorizer = DictVectorizer(sparse=False)
    kept = [
        {k: v for k, v in r.items() if k != "bias" and (features is None or features(k))}
        for r in rows
    ]
    return vectorizer.fit_transform(kept), vectorizer


def fit_confidence_model(
    gold: Path,
    corpora: Path,
    options: Options,
    *,
    c: float | None = None,
    candidates: Path | None = None,
    drop: tuple[str, ...] = (),
) -> CalibrationResult:
    """Fit the model on the studied part of the gold set and the labelled candidates
    (module docstring); ``c`` None chooses the strength by grouped cross-validation. Features
    whose names start with one of ``drop`` are left out (to compare feature sets)."""
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise ConfigError(
            "calibrate needs scikit-learn: pip install 'eventwire[calibrate]'"
        ) from None
    data = labelled_rows(gold, corpora, options, candidates)
    if len(set(data.labels)) < 2:
        raise ConfigError("calibrate: the studied part gave no right or no wrong events")

    def kept(name: str) -> bool:
        return not name.startswith(drop) if drop else True

    tried = tuple(cross_validate(data, strength, kept) for strength in ((c,) if c else C_GRID))
    best = chosen_strength(tried)
    x, vectorizer = _matrix(data.rows, kept)
    regression = LogisticRegression(C=best.c, max_iter=2000)
    regression.fit(x, data.labels)
    weights = {"bias": round(float(regression.intercept_[0]), 4)}
    for name, weight in zip(vectorizer.get_feature_names_out(), regression.coef_[0], strict=True):
        weights[str(name)] = round(float(weight), 4)
    labels = data.labels
    description = (
        f"logistic regression (C={best.c}) fitted by eventwire calibrate on {len(labels)} coded"
        f" events ({sum(labels)} right): {len(labels) - data.from_candidates} of the studied"
        f" part of tests/eval/realnews, {data.from_candidates} labelled candidates;"
        f" grouped {FOLDS}-fold AUC {best.auc:.3f}"
    )
    rule = [r["rule_confidence"] for r in data.rows]
    return CalibrationResult(
        ConfidenceModel(weights, description),
        len(labels),
        sum(labels),
        len(set(data.groups)),
        best,
        tried,
        roc_auc(list(zip(rule, map(bool, labels), strict=True))),
        (data.from_candidates, data.candidates_labelled),
    )
