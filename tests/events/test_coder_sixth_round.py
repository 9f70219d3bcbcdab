"""Issue 13, sixth round (recall): sides recalled from the sentences before ("the talks"), and
lexicon entries the PLOVER manual codes that the lexicon lacked, through the whole pipeline.
Every sentence is written for these tests (paraphrases of the studied misses)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from eventwire.events.model import Event

from .coding import coded_events
from .test_story import coded


def events(nlp: Language, text: str, on: date = date(2006, 11, 9)) -> list[Event]:
    return coded_events(nlp, text, on, "sixth")


def test_the_talks_are_the_pair_that_just_met(nlp: Language) -> None:
    text = (
        "Russian President Vladimir Putin and Turkish President Recep Tayyip Erdogan met in"
        " Sochi on Tuesday. The talks ended without an agreement on Syria."
    )
    recalled = [
        (e.source and e.source.code, e.plover.category, e.target and e.target.code)
        for e in events(nlp, text)
        if e.trigger.text == "talks"
    ]
    assert recalled == [("RUSGOV", "CONSULT", "TURGOV")]


def test_a_recalled_side_is_marked_inferred(nlp: Language) -> None:
    from eventwire.events.scoring.calibration import event_features

    text = (
        "Russian President Vladimir Putin and Turkish President Recep Tayyip Erdogan met in"
        " Sochi on Tuesday. The talks ended without an agreement on Syria."
    )
    doc = nlp.make_doc(text)
    doc._.article_date = date(2006, 11, 9)
    doc._.doc_id = "sixth"
    doc = nlp(doc)
    recalled = next(e for e in doc._.events if e.trigger.text == "talks")
    named = next(e for e in doc._.events if e.trigger.text == "met")
    features = event_features(recalled, doc, 2)
    assert features.get("inferred_source") == 1.0 and features.get("inferred_target") == 1.0
    assert "inferred_source" not in event_features(named, doc, 2)


@pytest.mark.parametrize(
    "text",
    [
        # no word of meeting before: two actors named are no meeting's parties
        "Israeli jets bombed targets in Lebanon on Monday. The talks in Cairo stalled.",
        # a meeting of many: "the talks" recalls the six-nation talks, not the last two named
        "Diplomats from China and Japan gathered for the six-nation talks in Beijing."
        " The talks resumed on Monday.",
        # a person at the talks is no event of the pair
        "Iran and Iraq met in Baghdad. Iran's delegate to the talks, Ali Larijani, left early.",
        # three parties named before
        "Iran, Syria and Russia met on Monday. The talks ended late.",
    ],
)
def test_no_pair_is_recalled_where_none_met(nlp: Language, text: str) -> None:
    assert not [e for e in events(nlp, text) if e.trigger.text == "talks"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # PLOVER ASSAULT, mode "primitive": rocks
        (
            "Villagers near the Congolese city of Goma threw stones on Monday at vehicles of"
            " the United Nations.",
            ("IGOUNO", "ASSAULT"),
        ),
        # an appeal to X ("count on X to")
        (
            "The German chancellor said Germany counts on Turkey to act with restraint.",
            ("TUR", "REQUEST"),
        ),
    ],
)
def test_lexicon_entries_of_the_sixth_round(
    nlp: Language, text: str, expected: tuple[str, str]
) -> None:
    found = events(nlp, text)
    assert any(
        e.target is not None
        and (e.target.code or "").startswith(expected[0])
        and e.plover.category == expected[1]
        for e in found
    ), [(e.source, e.plover.category, e.target) for e in found]


def test_described_as_terrorists_accuses_the_one_described(nlp: Language) -> None:
    found = coded(
        nlp,
        "Ankara on Friday described the Kurdistan Workers' Party (PKK) as terrorists.",
        date(2019, 10, 11),
    )
    assert ("TUR", "ACCUSE", "TURREB", "asserted") in found, found


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # the police report their own arrests
        (
            "Budi Santoso, a spokesman for the Indonesian National Police, said on Friday that"
            " three suspects were arrested.",
            "IDNCOP",
        ),
        # an unnamed police force (by its words: the story names no country to place it in)
        ("Police in Karachi said 12 militants were arrested on Sunday.", "Police"),
    ],
)
def test_the_police_reporting_an_arrest_made_it(nlp: Language, text: str, source: str) -> None:
    found = events(nlp, text)
    assert any(
        e.source is not None
        and source in (e.source.code, e.source.text)
        and e.plover.category == "COERCE"
        for e in found
    ), [(e.source, e.plover.category, e.target) for e in found]


@pytest.mark.parametrize(
    "text",
    [
        # a witness or an NGO reporting an arrest did not make it
        "A witness said three students were detained on Monday.",
        "Amnesty International said two activists were arrested in Cairo's suburbs.",
    ],
)
def test_an_arrest_reported_by_others_has_no_reporter_for_agent(nlp: Language, text: str) -> None:
    found = events(nlp, text)
    assert not any(
        e.plover.category == "COERCE" and e.source is not None and e.source.start < 20
        for e in found
    ), [(e.source, e.plover.category, e.target) for e in found]


def test_people_of_coordinated_groups_stand_for_each_group(nlp: Language) -> None:
    found = coded(
        nlp,
        "Leaders of the rival Hamas and Fatah movements held dialogue in Gaza on Sunday.",
        date(2006, 11, 14),
    )
    assert ("PSEREB", "CONSULT", "PSEPTY", "asserted") in found, found


def test_a_visits_of_phrase_is_its_visitor(nlp: Language) -> None:
    found = coded(
        nlp,
        "The three-day visit of Chinese Premier Wen Jiabao to Pakistan ended on Monday.",
        date(2006, 11, 27),
    )
    assert ("CHNGOV", "CONSULT", "PAK", "asserted") in found, found


def test_a_tour_of_a_building_names_no_visitor(nlp: Language) -> None:
    found = coded(
        nlp, "The officers offered the woman a late night tour of the police headquarters."
    )
    assert not any(e[1] in ("AGREE", "CONSULT") for e in found), found
