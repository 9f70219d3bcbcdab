"""Arrangements are not deeds (issue 13): what the story says *is to* happen, or dates after its
own day, is a statement of intent (PLOVER AGREE for a meeting), never a meeting held. Every
sentence is written for these tests (paraphrases of wire copy, not quotations)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from tests.events.coding import coded_events

ARTICLE_DATE = date(2024, 12, 5)  # a Thursday


def _coded(nlp: Language, text: str) -> dict[str, tuple[str, str, str | None, str]]:
    events = coded_events(nlp, text, ARTICLE_DATE, "arrangements")
    return {
        e.trigger.text: (e.plover.category, e.modality, e.target and e.target.code, e.cameo)
        for e in events
    }


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "German Chancellor Olaf Scholz is to meet Russian President Vladimir Putin next week.",
        "German Chancellor Olaf Scholz was to meet Russian President Vladimir Putin.",
        "German Chancellor Olaf Scholz meets Russian President Vladimir Putin on December 19.",
    ],
)
def test_a_meeting_still_ahead_is_an_intent_to_meet(nlp: Language, text: str) -> None:
    (category, modality, target, cameo) = _coded(nlp, text)["meet" if " meet " in text else "meets"]
    assert (category, target, cameo) == ("AGREE", "RUSGOV", "036")
    assert modality == "asserted"  # the statement of intent is asserted; the meeting is not


@pytest.mark.slow
def test_a_meeting_held_stays_a_meeting(nlp: Language) -> None:
    # The past tense keeps its own word, whatever a (mis)resolved date says.
    coded = _coded(
        nlp, "German Chancellor Olaf Scholz met Russian President Vladimir Putin on Tuesday."
    )
    assert coded["met"][:3] == ("CONSULT", "asserted", "RUSGOV")


@pytest.mark.slow
def test_only_the_time_on_the_trigger_makes_it_an_arrangement(nlp: Language) -> None:
    # The later date belongs to the talks, not to the visit under way.
    coded = _coded(
        nlp,
        "Russian Foreign Minister Sergei Lavrov's visit to Pakistan comes ahead of December 21"
        " talks between Iran and the European Union.",
    )
    assert coded["visit"][:3] == ("CONSULT", "asserted", "PAK")
    assert coded["talks"][0] == "AGREE"
