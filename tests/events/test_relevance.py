"""Off-topic stories and sentences (issue 13): sport, entertainment, markets, science."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from eventwire.errors import ConfigError
from eventwire.events.scoring.relevance import load_offtopic_cues
from tests.events.coding import coded_events


def words(text: str) -> list[str]:
    return text.split(" ")


def test_a_sport_story_is_off_topic_and_an_election_is_not() -> None:
    cues = load_offtopic_cues()
    rugby = words("the coach picked the squad for the rugby league cup at the stadium") * 3
    assert cues.story_topic(rugby + ["minister"] * 40) == "sport"
    election = words("the party won the race and claimed victory over its rival team") * 5
    assert cues.story_topic(election) is None


def test_one_topic_word_in_a_long_political_story_is_not_enough() -> None:
    cues = load_offtopic_cues()
    story = ["stadium", "cup", "league"] + ["government"] * 1000  # 3 distinct, 0.3 % of words
    assert cues.story_topic(story) is None


@pytest.mark.parametrize(
    ("lemmas", "offtopic"),
    [
        (words("he took three wickets before lunch"), False),  # lemmas are compared
        (words("he took three wicket before lunch"), True),
        (words("the film topped the box office"), True),
        (words("the army shelled the town"), False),
    ],
)
def test_sentence_phrases(lemmas: list[str], offtopic: bool) -> None:
    assert load_offtopic_cues().sentence_is_offtopic(lemmas) is offtopic


def test_a_malformed_cue_file_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "cues.yaml"
    path.write_text("topics: {sport: football}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"cues\.yaml"):
        load_offtopic_cues(path)


def test_events_of_a_sport_story_fall_under_the_analysts_threshold(nlp: Language) -> None:
    text = (
        "Britain beat New Zealand in the rugby league cup final at the stadium on Saturday. "
        "The coach praised the squad after the tournament. Britain will tour New Zealand "
        "next season, and the league said the championship trophy stays in London."
    )
    events = coded_events(nlp, text, date(2005, 12, 11))
    assert events and all(e.confidence < 0.3 for e in events)


def _events(nlp: Language, text: str) -> list[tuple[str, str | None, str | None]]:
    doc = nlp.make_doc(text)
    doc._.article_date = date(2008, 11, 5)
    return [
        (
            e.plover.category,
            e.source.code if e.source else None,
            e.target.code if e.target else None,
        )
        for e in nlp(doc)._.events
    ]


@pytest.mark.parametrize(
    "text",
    [
        # A newsroom's verdict on a vote (our paraphrases of the unseen sample's two cases).
        "The Associated Press called the race for Barack Obama shortly after midnight.",
        "NBC called the state for the Republican candidate on Tuesday night.",
        "The network called Arizona for the Democratic candidate late on Tuesday.",
        # A hazard service's advisory.
        "The Japan Meteorological Agency warned residents of the coast to evacuate.",
        "Officials warned residents of heavy flooding along the river.",
        # Business among businesses.
        "Chinese and Indian firms signed a deal to build a refinery.",
    ],
)
def test_media_verdicts_business_and_hazard_advisories_are_no_events(
    nlp: Language, text: str
) -> None:
    assert _events(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # State media acting, a call for something, a threat: events as before.
        (
            "KCNA called for the withdrawal of US troops from South Korea.",
            ("REQUEST", "PRKMED", "USAMIL"),
        ),
        ("The opposition called on Russia to end the blockade.", ("REQUEST", "RUSOPP", "RUS")),
        ("North Korea warned the United States of a merciless strike.", ("THREATEN", "PRK", "USA")),
        ("China fined three US firms for dumping steel.", ("ACCUSE", "CHN", "USABUS")),
    ],
)
def test_calls_for_and_threats_stay_events(
    nlp: Language, text: str, event: tuple[str, str | None, str | None]
) -> None:
    assert event in _events(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # Travel and safety advisories to the public (issue 13, seventh round; our paraphrases).
        "Officials urged people to avoid unnecessary travel as the storm approached.",
        "Police told residents to stay indoors after the chemical leak.",
        "Police asked residents of the area to leave their homes because of the flood.",
        "The council advised residents to boil their water.",
        # Habits, not acts.
        "Paktika is a hotbed of Taliban militants, who attack government targets frequently.",
        "China usually opposes such resolutions at the United Nations.",
    ],
)
def test_public_advisories_and_habits_are_no_events(nlp: Language, text: str) -> None:
    assert _events(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # A request to a state, or to the public for a political act, stays one.
        (
            "China urged Japan to avoid actions that could raise tensions.",
            ("REQUEST", "CHN", "JPN"),
        ),
        (
            "Zaire's prime minister called on residents of Kinshasa to denounce suspects.",
            ("REQUEST", "CODGOV", "CODCVL"),
        ),
        # Repeated acts happened: "repeatedly" is no habit; "will as always" is a promise.
        ("France repeatedly criticised Iran over its nuclear programme.", ("ACCUSE", "FRA", "IRN")),
        ("China will as always work with Tanzania, he added.", ("AGREE", "CHN", "TZA")),
    ],
)
def test_requests_to_states_and_repeated_acts_stay_events(
    nlp: Language, text: str, event: tuple[str, str | None, str | None]
) -> None:
    assert event in _events(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # Standing positions told in the narrative present (issue 13, seventh round; our
        # paraphrases): background, not the event of a day.
        "Greece does not recognise the breakaway republic.",
        "Both Egypt and Jordan oppose the militia.",
        "The rebels are led by a faction which supports the separatists.",
        "Norway, which opposes whaling bans, said on Friday it respected the ruling.",
    ],
)
def test_standing_positions_in_the_present_are_no_events(nlp: Language, text: str) -> None:
    assert not [e for e in _events(nlp, text) if e[0] in ("ACCUSE", "SUPPORT", "REJECT")]


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # Said by someone, in quotation, or in the past: a statement or an act.
        ("China opposes the plan, the foreign ministry said.", ("ACCUSE", "CHN", None)),
        ("Greece refused to recognise the breakaway republic.", ("REJECT", "GRC", None)),
        ("Russia backed the Syrian government on Monday.", ("SUPPORT", "RUS", "SYRGOV")),
    ],
)
def test_stances_said_or_done_stay_events(
    nlp: Language, text: str, event: tuple[str, str | None, str | None]
) -> None:
    assert event in _events(nlp, text)
