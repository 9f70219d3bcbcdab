"""Issue 13, seventh round (precision): PLOVER category conventions the unseen sample still broke
— verbal attacks, bans between states, candidacies, weapons tests, opposition to sanctions on a
third state, manhunts. Each rule is checked both ways on sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from .coding import coded_events
from .test_coder_precision import coded


def _categories(nlp: Language, text: str) -> list[tuple[str, str]]:
    return [(e.cameo, e.plover.category) for e in coded_events(nlp, text)]


@pytest.mark.parametrize(
    "text",
    [
        "Senator Warren attacked Joe Biden's record during Tuesday's televised debate.",
        "The candidate attacked his opponent in a campaign speech, calling him a liar.",
        "Trump attacked Clinton on Twitter for her handling of the emails.",
        "Iran's president renewed his verbal attacks on Israel.",
        "A speech by the commission president attacking Euro-scepticism drew protests.",
        "The US attacked Iran in a speech at the United Nations.",
    ],
)
def test_a_verbal_attack_is_an_accusation(nlp: Language, text: str) -> None:
    found = _categories(nlp, text)
    assert found, text
    assert not any(c == "ASSAULT" for _, c in found), found
    # the CAMEO code follows the category: 111 "Criticize or denounce", never a 19x
    assert ("111", "ACCUSE") in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked a police patrol in Kandahar, killing three officers.",
        "Israeli warplanes attacked a Hezbollah target in south Lebanon.",
        "Russia attacked Ukraine on Monday.",
        "Government forces attacked opposition strongholds for a third day.",
        "A man attacked the mayor with a knife outside the town hall.",
    ],
)
def test_a_physical_attack_stays_an_assault(nlp: Language, text: str) -> None:
    found = _categories(nlp, text)
    assert any(c == "ASSAULT" for _, c in found), found
    assert not any(code == "111" for code, _ in found), found


def test_a_ban_between_states_is_a_sanction(nlp: Language) -> None:
    found = coded(nlp, "The UN Security Council banned North Korea from exporting coal.")
    assert (None, "SANCTION", "PRK") in found, found
    found = coded(nlp, "The United States banned Russian airlines from its airspace.")
    assert ("USA", "SANCTION", "RUS") in found, found
    assert not any(c == "COERCE" for _, c, _ in found), found
    # a state banning its own party stays repression
    found = coded(nlp, "China banned the party from contesting the election.")
    assert ("CHN", "COERCE", None) in found, found


def test_a_sanctioning_ban_carries_the_sanction_code(nlp: Language) -> None:
    events = coded_events(nlp, "The European Union banned Russian airlines from its airspace.")
    assert [(e.cameo, e.plover.category) for e in events] == [("163", "SANCTION")]


def test_running_against_a_rival_is_no_accusation(nlp: Language) -> None:
    assert not coded(nlp, "Sanders challenged Clinton for the Democratic nomination.")
    assert not coded(nlp, "The former mayor will challenge the senator in next year's primary.")
    # a challenge to a state's claim stays a disapproval, and so does opposing a state's bid
    found = coded(nlp, "China challenged the US over its arms sales to Taiwan.")
    assert ("CHN", "ACCUSE", "USA") in found, found
    # (said on a day: "Moscow strongly opposes …" alone is a standing position, no event)
    found = coded(nlp, "Moscow said it strongly opposed Georgia's bid to join the alliance.")
    assert ("RUS", "ACCUSE", "GEO") in found, found


def test_a_missile_fired_over_a_country_in_a_test_is_no_assault(nlp: Language) -> None:
    for text in (
        "North Korea launched a missile over Japan on Tuesday.",
        "Pyongyang fired two missiles toward Japan in a show of force.",
        "North Korea fired missiles into the sea off Japan's east coast.",
    ):
        found = coded(nlp, text)
        assert found == {("PRK", "MOBILIZE", None)}, (text, found)
    # missiles fired at a country are an attack on it
    assert ("PSE", "ASSAULT", "ISR") in coded(nlp, "Hamas fired rockets at Israel.")
    assert ("IRN", "ASSAULT", "USA") in coded(
        nlp, "Iran fired missiles at US bases in Iraq in retaliation."
    )


def test_opposing_sanctions_on_a_third_state_does_not_accuse_it(nlp: Language) -> None:
    assert not any(t == "IRN" for _, _, t in coded(nlp, "Russia opposed sanctions against Iran."))
    found = coded(nlp, "Russia criticised US sanctions on Venezuela.")
    assert ("RUS", "ACCUSE", "USA") in found, found
    assert not any(t == "VEN" for _, _, t in found), found
    # calling for sanctions on a state still denounces it
    found = coded(nlp, "The exiled opposition leader called for sanctions on Burma.")
    assert any(c == "ACCUSE" and t == "MMR" for _, c, t in found), found


def test_police_seeking_a_gunman_ask_nothing(nlp: Language) -> None:
    assert not coded(nlp, "Police are seeking a gunman who opened fire at a shopping mall.")
    assert not coded(nlp, "The suspect is being sought by police in three countries.")
    # seeking a state's help is a request of it
    found = coded(nlp, "Japan sought China's support for the resolution.")
    assert ("JPN", "REQUEST", "CHN") in found, found


def test_a_patrol_of_a_peacekeeping_force_is_aid(nlp: Language) -> None:
    found = coded(nlp, "As part of the UN force, Spanish navy ships have been patrolling "
                       "the Lebanese coast to stop arms smuggling.")  # fmt: skip
    assert ("ESP", "AID", "LBN") in found, found
    assert not any(c == "MOBILIZE" for _, c, _ in found), found
    # a patrol of one's own is still a show of force
    found = coded(nlp, "Russian warships have been patrolling the Black Sea coast of Ukraine.")
    assert ("RUS", "MOBILIZE", "UKR") in found, found
