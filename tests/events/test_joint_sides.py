"""Issue 13, seventh round: co-ordinated subjects that act together on a third are never paired
with each other (``events.sides.joint``). Every sentence is written for these tests, after the
classes of the sixth round's unseen sample (two states proposing a plan together, co-mediators,
allies striking a third), never copied from a corpus."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from .test_story import coded


def pairs(nlp: Language, text: str) -> set[tuple[str | None, str, str | None]]:
    return {(s, category, t) for s, category, t, _ in coded(nlp, text, date(2011, 3, 8))}


def paired_with_each_other(found: set[tuple[str | None, str, str | None]], a: str, b: str) -> bool:
    return any({s, t} == {a, b} for s, _, t in found)


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        # an adverb of acting together
        ("Spain and Italy jointly proposed a new reform of the fisheries rules.", "ESP", "ITA"),
        ("Peru and Chile together agreed to demand a recount of the votes.", "PER", "CHL"),
        # an adjective on the act
        ("Egypt and Jordan launched joint air strikes overnight.", "EGY", "JOR"),
        # an apposition naming the subjects as go-betweens
        ("Norway and Sweden, the co-sponsors of the plan, agreed to pay for it.", "NOR", "SWE"),
        # allies attacking a third named inside the act
        ("Chad and Niger launched air strikes on the militant camps.", "TCD", "NER"),
    ],
)
def test_subjects_acting_together_are_not_each_others_target(
    nlp: Language, text: str, a: str, b: str
) -> None:
    found = pairs(nlp, text)
    assert found, text  # the act itself is still coded, for each subject
    assert not paired_with_each_other(found, a, b)


def test_each_subject_acts_on_the_third_inside_the_act(nlp: Language) -> None:
    found = pairs(nlp, "Chad and Niger launched air strikes on Boko Haram fighters.")
    sources = {s for s, category, _ in found if category == "ASSAULT"}
    assert sources == {"TCD", "NER"}
    assert not paired_with_each_other(found, "TCD", "NER")


def test_mediators_never_mediate_between_themselves(nlp: Language) -> None:
    # and a mediation between no one named is no event
    assert pairs(nlp, "Kenya and Ethiopia mediated the negotiations last year.") == set()
    assert (
        pairs(nlp, "Kenya played a role in facilitating links between investment and trade.")
        == set()
    )


def test_a_mediation_between_two_parties_is_done_to_each(nlp: Language) -> None:
    found = pairs(nlp, "Qatar and Turkey brokered a truce between Israel and Hamas.")
    assert ("QAT", "CONSULT", "ISR") in found
    assert ("TUR", "CONSULT", "ISR") in found
    assert not paired_with_each_other(found, "QAT", "TUR")


def test_a_go_between_is_no_party_to_the_deal_it_brought_about(nlp: Language) -> None:
    found = pairs(nlp, "India and Pakistan agreed to a truce brokered by the United States.")
    assert ("IND", "AGREE", "PAK") in found
    assert not any(t == "USA" for s, category, t in found if category == "AGREE")
    # whoever *proposed* the deal is still the party its acceptance answers
    assert ("IND", "AGREE", "USA") in pairs(
        nlp, "India agreed to a truce proposed by the United States."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # acts mutual by nature keep their pair, marked joint or not
        ("Japan and Australia held joint naval exercises.", ("JPN", "COOPERATE", "AUS")),
        ("Japan and Australia held talks in Canberra.", ("JPN", "CONSULT", "AUS")),
        # a fight with no one else named is the pair's own
        ("Armenian and Azerbaijani troops clashed on the border.", ("ARMMIL", "ASSAULT", "AZEMIL")),
    ],
)
def test_mutual_acts_keep_their_pair(
    nlp: Language, text: str, expected: tuple[str, str, str]
) -> None:
    found = pairs(nlp, text)
    a, category, b = expected
    assert (a, category, b) in found or (b, category, a) in found
