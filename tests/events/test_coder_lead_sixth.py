"""Issue 13, sixth round (lead): wrong events read off an ingest of the studied corpora
(Gigaword and Wikinews 2019), each guarded by a sentence written for these tests. Whole
pipeline: actors layer and coder."""

from __future__ import annotations

from spacy.language import Language

from .coding import coded_events
from .test_coder_precision import coded


def test_winning_a_vote_is_no_beating(nlp: Language) -> None:
    found = coded(nlp, "Sarkozy, who narrowly beat Segolene Royal in the presidential election, "
                       "visited Germany on Monday.")  # fmt: skip
    assert not any(c == "ASSAULT" for _, c, _ in found), found
    assert ("FRA", "CONSULT", "DEU") in found
    # the same verb with a place, not a contest, is still violence
    assert any(c == "ASSAULT" for _, c, _ in coded(nlp, "Police beat the protesters in Cairo."))


def test_the_city_an_agreement_is_named_after_is_no_party(nlp: Language) -> None:
    found = coded(nlp, "Hamas, a bitter opponent of the Oslo accords with Israel, praised Jordan.")
    assert not any(s == "NOR" for s, _, _ in found), found
    # a state named as a party still is one
    assert ("USA", "CONSULT", "IRN") in coded(nlp, "The US talks with Iran resumed on Monday.")


def test_a_storm_is_no_actor(nlp: Language) -> None:
    found = coded(nlp, "The island was hit by Typhoon Haiyan, which killed 6,000 people in 2013.")
    assert not any(c == "ASSAULT" for _, c, _ in found), found
    assert not coded(nlp, "Cyclone Idai struck Mozambique, killing hundreds of people.")


def test_a_call_between_two_leaders_was_held(nlp: Language) -> None:
    found = coded(nlp, "Congress obtained notes of a call between Obama and Angela Merkel in June.")
    assert ("USA", "CONSULT", "DEU") in found, found
    assert not any(c == "AGREE" for _, c, _ in found), found


def test_who_learns_of_a_killing_did_not_do_it(nlp: Language) -> None:
    found = coded_events(nlp, "Annan was shocked to learn the killing of Pierre Gemayel.")
    killers = [e.source.text for e in found if e.plover.category == "ASSAULT" and e.source]
    assert "Annan" not in killers, killers
    found = coded_events(nlp, "The militia carried out the killing of Pierre Gemayel.")
    assert any(e.source and e.source.text == "The militia" for e in found)


def test_the_city_of_an_attack_is_no_party_condemned(nlp: Language) -> None:
    found = coded(nlp, "Abbas condemned Monday's suicide attack in the Israeli city of Netanya.")
    assert ("PSE", "ACCUSE", None) in found, found
    # an act done to the city still has its country for target
    assert ("ISR", "ASSAULT", "LBN") in coded(nlp, "Israel bombed the Lebanese city of Tyre.")


def test_what_talks_are_about_is_no_party(nlp: Language) -> None:
    # the topic's modifier is no one met; the "with" phrase the parser hangs on it is
    found = coded(nlp, "Bush discussed the Taiwan issue with Chinese leaders on Monday.")
    assert ("USA", "CONSULT", "CHN") in found, found
    assert not any(t == "TWN" for _, _, t in found), found
    found = coded(nlp, "Putin met Erdogan in Sochi to discuss Syria.")
    assert ("RUS", "CONSULT", "TUR") in found, found
    assert not any(t == "SYR" for _, _, t in found), found
