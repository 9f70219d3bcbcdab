"""The real-news evaluation gate (issue 13): our annotated articles, coded by the shipped
pipeline, must not fall below pinned floors.

The floors sit just below the figures reached (``docs/evaluation.md`` gives them with the date
and commit); the pipeline is deterministic, so a drop below a floor is a real regression, not
noise — raise the floors when the figures rise. Skips when ``../shared`` is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.evaluate.realnews import evaluate_realnews, read_realnews
from tests.conftest import REPO, shared_path

GOLD = REPO / "tests" / "eval" / "realnews"

# Pinned on the whole set (all modalities, no confidence threshold) and, for the confidence,
# on the held-out part the model never saw. Reached: see docs/evaluation.md.
# Issue 13, third round: the set grew from 72 to 102 articles (30 annotated without looking at
# the coder's output; 10 of them fall in the held-out part), and the floors were pinned again
# on the larger set. On the first 72 articles the figures rose on every line (no threshold P
# 0.283 -> 0.282, R 0.227 -> 0.231, dyad 0.419 / 0.372 -> 0.420 / 0.378; at 0.3 P 0.654 ->
# 0.68; held-out AUC 0.823 -> 0.844); the 30 new articles are harder than the first 72.
# Issue 13, fourth round (recall of events the coder missed, sides; issue 14's background
# dates): no threshold P 0.279 -> 0.318, R 0.232 -> 0.268, dyad 0.412 / 0.379 -> 0.442 / 0.409,
# traps 20 -> 18; at 0.3 P 0.64 -> 0.678, R 0.20 -> 0.238 (held-out 0.58 / 0.14 -> 0.56 / 0.14);
# date accuracy 0.718 -> 0.727 (47 of 53 in their own sentence). Floors pinned just below.
# Issue 13, fifth round (precision fixes, implicit sides and 36 armed groups and movements in
# the knowledge base, the model refitted; issue 14's noun-phrase and repeated-mention dates): no
# threshold P 0.319 -> 0.343, R 0.268 -> 0.284, dyad 0.444 / 0.409 -> 0.458 / 0.418, modality
# 0.898 -> 0.902, date 0.727 -> 0.728 (51 of 57 in their sentence); at 0.3 P 0.672 -> 0.697,
# R 0.238 -> 0.260. The held-out AUC fell 0.842 -> 0.808 (0.809 with the old model): the new
# groups' events, unresolved before (weight -2.8), now count as organisations' — on 50
# held-out predictions, where a few events move it; its floor is pinned below it, not kept.
# Issue 13, sixth round (precision and recall rules, furniture, side features and 341 more
# labels for the model, refitted on the merged coder; issue 14's story timeline): no threshold
# P 0.343 -> 0.357, R 0.284 -> 0.297, dyad 0.458 / 0.418 -> 0.469 / 0.431, modality 0.902 ->
# 0.906, date 0.728 -> 0.737 (53 of 59 in their sentence), traps 18 -> 16; at 0.3 P 0.697 ->
# 0.730, R 0.260 -> 0.257 (held-out 0.512 / 0.164 -> 0.556 / 0.156); held-out AUC 0.808 ->
# 0.839. Floors pinned just below.
# Issue 13, seventh round (joint actors and what the article says of a person, PLOVER
# conventions of verbal attacks, bans and weapons tests, advisories and habits, 450 more
# labels and trigger features, the model refitted on the merged coder; issue 14's occasions
# and the scorer's own-mention rule): no threshold P 0.357 -> 0.358, R 0.297 -> 0.297, dyad
# unchanged; modality 0.920 (92 of 100), date 0.857 (60 of 70; 52 of 57 in their sentence);
# at 0.3 P 0.730 -> 0.744, R 0.257 -> 0.266 (held-out 0.556 / 0.156 -> 0.564 / 0.172);
# held-out AUC 0.839 -> 0.855. Floors pinned just below.
FLOORS = {
    "dyad_precision": 0.46,
    "dyad_recall": 0.42,
    "precision": 0.35,
    "recall": 0.29,
    # Issue 14, session 7: a mention stands for one gold event when modality and date are
    # judged (``align_mentions``): modality 0.906 -> 0.929 (92 of 99), date 0.737 -> 0.857
    # (60 of 70; 52 of 57 in their sentence), 29 matched events with no mention of their own.
    "modality_accuracy": 0.91,  # 0.920 merged (analysts' readings now alleged)
    # Issue 14: 0.655 before (38 of 58 matched and dated), 0.724 after (42 of 58) on the first
    # 72 articles; on all 102, 0.724 (55 of 76), and 37 of 42 (0.881) of the matches coded in
    # the gold event's own sentence. Issue 14's third round cost one held-out date (0.731 ->
    # 0.718); its fourth (background events dated PAST_REF, not the article's day) another
    # (held-out 14 -> 13 of 24), while more events were matched: 0.727 (64 of 88).
    "date_accuracy": 0.85,
    "date_accuracy_in_sentence": 0.90,
}
MAX_TRAPS_VIOLATED = 16
MIN_HELD_OUT_AUC = 0.84
# At the shipped [analysis] min_confidence, what an analyst sees (dyad + category, all parts).
FLOORS_AT_DEFAULT_THRESHOLD = {"precision": 0.73, "recall": 0.26}


def test_the_gold_set_is_the_size_the_issue_asks_for() -> None:
    golds = read_realnews(GOLD)
    events = [e for g in golds for e in g.events]
    assert len(golds) >= 60 and len(events) >= 400
    assert {g.corpus for g in golds} == {"gigaword_afp_xinhua.jsonl", "wikinews/wikinews_2019.csv"}


@pytest.fixture(scope="module")
def result(options):  # type: ignore[no-untyped-def]
    corpora = shared_path("corpora")
    return evaluate_realnews(GOLD, Path(corpora), options)


@pytest.mark.shared
@pytest.mark.slow
def test_real_news_floors(result) -> None:  # type: ignore[no-untyped-def]
    figures = result.reports[0].summary()
    low = {k: (figures[k], floor) for k, floor in FLOORS.items() if figures[k] < floor}
    assert not low, f"below the pinned floors (reached, floor): {low}"
    assert figures["traps_violated"] <= MAX_TRAPS_VIOLATED


@pytest.mark.shared
@pytest.mark.slow
def test_real_news_floors_at_the_default_threshold(result, options) -> None:  # type: ignore[no-untyped-def]
    threshold = options.analysis.min_confidence
    (point,) = [p for p in result.curves[0][1] if abs(p[0] - threshold) < 1e-9]
    _, precision, recall = point
    assert precision >= FLOORS_AT_DEFAULT_THRESHOLD["precision"], (precision, recall)
    assert recall >= FLOORS_AT_DEFAULT_THRESHOLD["recall"], (precision, recall)


@pytest.mark.shared
@pytest.mark.slow
def test_confidence_separates_right_from_wrong_on_unseen_articles(result) -> None:  # type: ignore[no-untyped-def]
    held_out = [r.name for r in result.reports].index("held-out")
    auc, curve = result.curves[held_out]
    assert auc >= MIN_HELD_OUT_AUC
    # Raising the threshold from 0 to 0.3 must buy precision on the unseen part.
    precision = {round(t, 1): p for t, p, _ in curve}
    assert precision[0.3] > precision[0.0]
