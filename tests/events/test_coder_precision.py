"""Issue 13, precision: wrong sides read off the studied part of our gold set, each guarded by a
sentence written for these tests (never copied from the articles). Whole pipeline: actors layer
and coder."""

from __future__ import annotations

from datetime import date

from spacy.language import Language

from tests.events.coding import coded_events


def coded(nlp: Language, text: str) -> set[tuple[str | None, str, str | None]]:
    return {
        (
            e.source.country if e.source else None,
            e.plover.category,
            e.target.country if e.target else None,
        )
        for e in coded_events(nlp, text, date(2006, 12, 13))
    }


def test_the_place_of_a_condemned_attack_is_not_its_target(nlp: Language) -> None:
    # The country where the bomb went off is the victim; the condemnation is of the bombers.
    found = coded(
        nlp, "Canada on Monday condemned the car bomb attack on a crowded market in Egypt."
    )
    assert ("CAN", "ACCUSE", None) in found
    assert not any(t == "EGY" for _, c, t in found if c == "ACCUSE")


def test_a_party_inside_a_condemned_act_is_still_its_target(nlp: Language) -> None:
    # What the place rule leaves alone: the actor an act was done on, through "on"/"of".
    found = coded(nlp, "France condemned Iran's crackdown on protesters.")
    assert ("FRA", "ACCUSE", "IRN") in found


def test_backing_won_from_someone_is_given_by_them(nlp: Language) -> None:
    # The parser hangs "from" on the noun of the "for" phrase; the giver is still the source.
    found = coded(nlp, "Japan won backing for its trade plan from Chancellor Angela Merkel.")
    assert ("DEU", "SUPPORT", "JPN") in found
    assert ("JPN", "SUPPORT", "DEU") not in found


def test_receiving_an_act_is_no_visit(nlp: Language) -> None:
    # "received support" is support given, not a delegation hosted.
    found = coded(nlp, "Syria received generous political support from Russia last year.")
    assert not any(c == "CONSULT" for _, c, _ in found), found
    assert any(s == "RUS" and t == "SYR" for s, _, t in found), found
    passive = coded(nlp, "Much Saudi assistance is received by the rebels in Yemen.")
    assert not any(c == "CONSULT" for _, c, _ in passive), passive


def test_receiving_a_visitor_is_still_hosting(nlp: Language) -> None:
    found = coded(nlp, "Putin received the Iranian foreign minister in Moscow.")
    assert ("RUS", "CONSULT", "IRN") in found


def test_an_act_raised_with_someone_is_not_done_to_them(nlp: Language) -> None:
    # The UN is told of the raids; it is not their target.
    found = coded(nlp, "Uganda will raise the Sudanese border raids with the United Nations.")
    assert not any(t == "IGOUNO" or s == "SDN" for s, _, t in found), found


def test_talks_one_favours_are_not_talks_held(nlp: Language) -> None:
    # A stated preference for talks is an expression of intent (AGREE), not a meeting.
    found = coded(nlp, "Madrid, which has long favoured dialogue with Rabat, stayed silent.")
    assert ("ESP", "CONSULT", "MAR") not in found, found
    assert ("ESP", "AGREE", "MAR") in found, found


def test_visiting_troops_is_still_a_visit(nlp: Language) -> None:
    # "troops" is an act noun only with "peacekeeping"; on its own it names people visited.
    found = coded(nlp, "French President Jacques Chirac visited American troops in Kosovo.")
    assert ("FRA", "CONSULT", "USA") in found, found


def test_a_source_asking_not_to_be_named_makes_no_request(nlp: Language) -> None:
    found = coded(
        nlp, "A Japanese diplomat, who asked not to be identified, said the talks stalled."
    )
    assert not any(c == "REQUEST" for _, c, _ in found), found
    found = coded(nlp, "An Indian official who requested anonymity said Delhi was unhappy.")
    assert not any(c == "REQUEST" for _, c, _ in found), found


def test_a_reporters_question_is_no_request(nlp: Language) -> None:
    found = coded(nlp, "Asked whether Kenya had done enough, Ruto said the claims were unfair.")
    assert not any(c == "REQUEST" for _, c, _ in found), found


def test_asking_someone_to_act_is_still_a_request(nlp: Language) -> None:
    assert ("DEU", "REQUEST", "RUS") in coded(nlp, "Germany asked Russia to withdraw its troops.")


def test_a_verbal_attack_on_a_decision_is_an_accusation(nlp: Language) -> None:
    # What someone decided or declared is attacked in words: ACCUSE, not ASSAULT.
    found = coded(nlp, "Iran on Monday attacked the American decision on Jerusalem.")
    assert any(s == "IRN" and c == "ACCUSE" for s, c, _ in found), found
    assert not any(c == "ASSAULT" for _, c, _ in found), found
