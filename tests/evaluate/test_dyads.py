"""End-to-end evaluation on PLV-format data (issue 5): dyad recall and category accuracy.

The matching rule is tested on events built here; the gate runs the whole chain over
``../shared/devsets/PLV_train.tsv`` and skips when it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.evaluate.dyads import DyadReport, evaluate_dyads, find_dyad
from eventwire.evaluate.plv import PlvExample, read_plv
from eventwire.events.model import ActorRef, Event, Plover, Trigger

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

# Pinned floors. History (1,026 dyadic sentences): dyad recall 0.385, category accuracy 0.828
# when the evaluation was built; 0.518 / 0.827 after issue 5's third round (actors inside noun
# phrases, "into", adjectival control; studied 70% of the devset 0.540 / 0.838, held-out 30%,
# seed 20250605: 0.464 / 0.794); 0.668 / 0.818, 1.06 events a sentence (was 0.84), after the
# fourth round (unnamed actors, the reporter behind "X said it …", places as targets,
# datelines, authors of refused requests, "willing to", conditions, coordinated owners;
# studied 0.699 / 0.830, held-out 0.592 / 0.783); 0.707 / 0.818, 1.11 events a sentence,
# after the fifth round (parts and unlisted names of places acted upon, "rebel-held", "allow X
# to …", the purpose of aid, authors of rejected calls and quashed orders, closed borders, the
# state of an agentless arrest, recipients of permission, object pronouns, appositions;
# studied 0.742 / 0.828, held-out 0.622 / 0.788); 0.707 / 0.887, 1.19 events a sentence, after
# issue 13's PLOVER conventions (signing is SUPPORT; announced acts are AGREE or THREATEN;
# refusals REJECT; sides placed in the story's country), then 0.707 / 0.870 once sanctions
# (163) became SANCTION as the PLOVER manual says, where the PLV labels follow the conversion
# table's COERCE (split by a hash of the sentence id as evaluate.gold.held_out does: studied
# 0.718 / 0.866, held-out 0.682 / 0.880). The floors sit about 0.015 below the last figures,
# the category floor at the figure itself.
DYAD_RECALL_FLOOR = 0.692
CATEGORY_ACCURACY_FLOOR = 0.87

SENTENCE = "The rebels attacked the army base near the town."
EXAMPLE = PlvExample("1", SENTENCE, "The rebels", 0, "the army base", 20, "ASSAULT")


def ref(start: int, end: int) -> ActorRef:
    return ActorRef(SENTENCE[start:end], start, end, None, None, None, None, None)


def event(source: ActorRef, target: ActorRef, category: str, confidence: float) -> Event:
    return Event(
        "d",
        0,
        SENTENCE,
        source,
        target,
        Trigger("attacked", 11, 19),
        "190",
        Plover(category),
        -10.0,
        4,
        confidence=confidence,
    )


def test_an_event_finds_the_dyad_when_both_sides_overlap() -> None:
    hit = event(ref(4, 10), ref(24, 33), "ASSAULT", 0.5)
    assert find_dyad(EXAMPLE, [hit]) is hit


def test_reversed_or_partial_events_do_not_find_it() -> None:
    reversed_roles = event(ref(24, 33), ref(4, 10), "ASSAULT", 0.9)
    one_side = event(ref(4, 10), ref(38, 47), "ASSAULT", 0.9)
    assert find_dyad(EXAMPLE, [reversed_roles, one_side]) is None


def test_the_most_confident_finding_event_is_judged() -> None:
    weak = event(ref(4, 10), ref(24, 33), "COERCE", 0.4)
    strong = event(ref(0, 10), ref(20, 33), "ASSAULT", 0.8)
    assert find_dyad(EXAMPLE, [weak, strong]) is strong


def test_report_ratios() -> None:
    report = DyadReport(n=10, skipped=2, found=5, category_correct=4, events=7)
    assert (report.dyad_recall, report.category_accuracy) == (0.5, 0.8)
    assert "dyad recall=0.500" in report.format()


@pytest.mark.shared
@pytest.mark.slow
def test_devset_end_to_end_gate() -> None:
    path = SHARED / "devsets" / "PLV_train.tsv"
    if not path.exists():
        pytest.skip(f"needs {path} (the shared development set beside the repository)")
    report = evaluate_dyads(read_plv(path))
    assert report.n + report.skipped == 1050
    assert report.dyad_recall >= DYAD_RECALL_FLOOR, report.format()
    assert report.category_accuracy >= CATEGORY_ACCURACY_FLOOR, report.format()
