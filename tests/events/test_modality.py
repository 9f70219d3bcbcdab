"""Modality and attribution of triggers (issue 5): over-marking "asserted" is the costly error."""

from __future__ import annotations

import pytest

from eventwire.events.modality.cues import assess_modality, find_denials
from eventwire.events.sides.mentions import MentionIndex

from .conftest import KOR, PRK, RUS, USA

ACTORS = {
    "United States": USA,
    "South Korea": KOR,
    "North Korea": PRK,
    "Russia": RUS,
    "Pyongyang": PRK,
    "Moscow": RUS,
}


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        ("Russia attacked the convoy.", "attacked", "asserted"),
        ("Russia did not sign the accord.", "sign", "negated"),
        ("Russia never signed the accord.", "signed", "negated"),
        ("The envoy has no plans to meet the minister.", "meet", "negated"),
        ("Russia failed to reach a deal.", "reach", "negated"),
        ("Russia refused to sign the accord.", "sign", "negated"),
        ("Russia left without signing the accord.", "signing", "negated"),
        ("Russia has ruled out talks with the rebels.", "talks", "negated"),
        # "ruled out working", the gerund parsed as an adverbial clause (issue 13, Gigaword)
        (
            "The president has ruled out working with Russia's neighbours Belarus and Georgia,"
            " which he accuses of fuelling the unrest.",
            "working",
            "negated",
        ),
        ("There were no talks this week.", "talks", "negated"),
        ("Russia denied supplying the weapons.", "supplying", "denied"),
        ("Washington accused Russia of supplying the weapons.", "supplying", "alleged"),
        ("Washington claimed that Russia supplied the weapons.", "supplied", "alleged"),
        ("Russia allegedly supplied the weapons.", "supplied", "alleged"),
        (
            "Washington said without evidence that Russia supplied the weapons.",
            "supplied",
            "alleged",
        ),
        ("Russia could attack the convoy.", "attack", "hypothetical"),
        ("If Russia attacks the convoy, the talks will end.", "attacks", "hypothetical"),
        ("Russia would attack the convoy if the talks failed.", "attack", "hypothetical"),
        ("Russia will attack the convoy.", "attack", "intended"),
        ("The minister said he would walk out.", "walk", "intended"),
        ("Russia pledged to deepen ties.", "deepen", "intended"),
        ("Russia offered to drop its demands.", "drop", "intended"),
        ("Russia plans to expand cooperation.", "expand", "intended"),
        ("Russia is willing to withdraw its troops.", "withdraw", "intended"),
        ("Russia is going to withdraw its troops.", "withdraw", "intended"),
        ("Russia sent troops to fight in the region.", "fight", "intended"),
        # The refusal itself is asserted (REJECT when the lexicon lists "refuse").
        ("Russia refused to sign the accord.", "refused", "asserted"),
        # Reported speech without a cue stays asserted: news reports speech all the time.
        ("The ministry said Russia attacked the convoy.", "attacked", "asserted"),
        # Opinion and rhetoric (issue 13): questions, exhortations, obligations, suppositions.
        ("Will Russia really attack the convoy?", "attack", "hypothetical"),
        ('"Why would Russia attack the convoy?" the columnist asked.', "attack", "hypothetical"),
        ("It is time for the United States to sanction Russia.", "sanction", "hypothetical"),
        ("It is high time Moscow recognised South Korea.", "recognised", "hypothetical"),
        ("Now is the time for Russia to withdraw its troops.", "withdraw", "hypothetical"),
        ("The United States needs to condemn the attack.", "condemn", "hypothetical"),
        ("Russia ought to withdraw its troops.", "withdraw", "hypothetical"),
        ("Russia has to withdraw its troops.", "withdraw", "hypothetical"),
        ("Suppose North Korea attacked South Korea.", "attacked", "hypothetical"),
        # ... but not their look-alikes: a past obligation, "the last time", a question
        # in the next sentence, a report inside a question about something else.
        ("Russia had to withdraw its troops in 2005.", "withdraw", "asserted"),
        ("The last time Russia attacked the convoy, Moscow denied it.", "attacked", "asserted"),
        ("Russia attacked the convoy. Why? Nobody knows.", "attacked", "asserted"),
        ("This is the first time Russia has sent troops.", "sent", "asserted"),
        ("It was the first time Russia had attacked the convoy.", "attacked", "asserted"),
        ("There were many times that Russia attacked the convoy.", "attacked", "asserted"),
        # An analyst's reading of states (issue 13, seventh round) is second-hand; an
        # official's or a diplomat's report stays a report.
        (
            "Russia is pressuring South Korea, said Ivan Petrov, a professor at a university.",
            "pressuring",
            "alleged",
        ),
        ("Analysts believe Russia supplied the missiles.", "supplied", "alleged"),
        ("Russia supplied the missiles, a Western diplomat said.", "supplied", "asserted"),
    ],
)
def test_modality(annotate, text: str, trigger: str, modality: str) -> None:  # type: ignore[no-untyped-def]
    doc = annotate(text, ACTORS)
    token = next(t for t in doc if t.text == trigger)
    assert assess_modality(token, MentionIndex.from_doc(doc)).modality == modality


def test_allegation_is_attributed_to_every_accuser(annotate) -> None:  # type: ignore[no-untyped-def]
    doc = annotate(
        "The United States and South Korea accused North Korea of supplying missiles.", ACTORS
    )
    token = next(t for t in doc if t.text == "supplying")
    judgement = assess_modality(token, MentionIndex.from_doc(doc))
    assert judgement.modality == "alleged"
    assert [a.actor.code for a in judgement.attribution] == ["USA", "KOR"]


def test_claim_called_absurd_is_a_denial_by_the_caller(annotate) -> None:  # type: ignore[no-untyped-def]
    doc = annotate(
        "The United States accused North Korea of arming Russia, a claim Pyongyang called absurd.",
        ACTORS,
    )
    (denial,) = find_denials(doc[:], MentionIndex.from_doc(doc))
    assert [a.actor.code for a in denial.deniers] == ["PRK"]
    assert [a.actor.code for a in denial.accusers] == ["USA"]
