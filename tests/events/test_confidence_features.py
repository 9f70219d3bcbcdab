"""What the confidence model knows of each event (``events.scoring.calibration``; issue 13):
how each side was found, how far it lies from the trigger, how much of the story is about a
side's country, what kind of trigger coded it and its role in the sentence, whether it sits in
a quotation or the lead sentence."""

from __future__ import annotations

from datetime import date

from spacy.language import Language

from eventwire.events.scoring.calibration import country_mentions, event_features
from tests.events.coding import coded_doc


def _event(nlp: Language, text: str, category: str):  # type: ignore[no-untyped-def]
    doc = coded_doc(nlp, text, date(2006, 6, 1), "features")
    events = [e for e in doc._.events if e.plover.category == category]
    assert events, [(e.plover.category, e.source, e.target) for e in doc._.events]
    return doc, events[0]


def test_a_pronoun_side_and_a_named_side_say_how_they_were_found(nlp: Language) -> None:
    text = "The UN Security Council met on Friday. It urged Syria to free the prisoners."
    doc, event = _event(nlp, text, "REQUEST")
    assert event.source is not None and event.target is not None
    assert (event.source.via, event.target.via) == ("pronoun", "mention")
    features = event_features(event, doc, 2)
    assert features["source_via=pronoun"] == 1.0
    assert features["target_via=mention"] == 1.0
    assert "source_via=mention" not in features
    # "It" is next to "urged"; "Syria" right after it
    assert features["source_distance"] == 1 / 15
    assert features["target_distance"] == 1 / 15
    assert "lead_sentence" not in features  # the second sentence
    assert features["cameo_root=02"] == 1.0 and features["rule=lexicon"] == 1.0  # appeal


def test_an_unnamed_side_placed_by_the_story_says_so(nlp: Language) -> None:
    text = (
        "Thai police arrested 30 protesters in Bangkok on Monday. The protesters accused"
        " the police of brutality in Thailand."
    )
    doc, event = _event(nlp, text, "ACCUSE")
    assert event.target is not None and event.target.country == "THA"
    assert event.target.via in ("story", "organisation", "modifier", "mention")
    assert event_features(event, doc, 1)[f"target_via={event.target.via}"] == 1.0
    doc, arrest = _event(nlp, text, "COERCE")
    assert event_features(arrest, doc, 1)["lead_sentence"] == 1.0


def test_a_side_far_from_its_trigger_weighs_the_whole_distance(nlp: Language) -> None:
    near = "Iran accused Israel of the attack."
    far = (
        "Iran, which had for many months and in many public statements and letters to the"
        " United Nations kept quiet, accused Israel of the attack."
    )
    doc, event = _event(nlp, near, "ACCUSE")
    assert event_features(event, doc, 2)["source_distance"] == 1 / 15
    doc, event = _event(nlp, far, "ACCUSE")
    assert event.source is not None and event.source.text == "Iran"
    assert event_features(event, doc, 2)["source_distance"] == 1.0  # capped at 15 words


def test_a_trigger_inside_a_quotation_is_marked(nlp: Language) -> None:
    doc, event = _event(nlp, "Iran accused Israel of the attack.", "ACCUSE")
    assert "in_quote" not in event_features(event, doc, 2)
    around = [(event.trigger.start - 1, event.trigger.end + 1)]
    assert event_features(event, doc, 2, around)["in_quote"] == 1.0
    before = [(0, event.trigger.start)]
    assert "in_quote" not in event_features(event, doc, 2, before)


def test_the_json_contract_carries_how_a_side_was_found(nlp: Language) -> None:
    _, event = _event(nlp, "Iran accused Israel of the attack.", "ACCUSE")
    source = event.to_json()["source"]
    assert source["via"] == "mention" and source["country"] == "IRN"


def test_a_trigger_says_its_part_of_speech_and_role_in_the_sentence(nlp: Language) -> None:
    # The main verb, and a participle heading an adverbial clause (our own sentence): on our
    # labelled candidates the second kind was right far less often.
    text = "Israel turned down the offer on Monday, accusing Iran of bad faith."
    doc, main = _event(nlp, "Iran accused Israel of the attack.", "ACCUSE")
    features = event_features(main, doc, 2)
    assert features["trigger_tag=VBD"] == 1.0 and features["trigger_role=ROOT"] == 1.0
    doc, clause = _event(nlp, text, "ACCUSE")
    assert clause.trigger.text == "accusing"
    features = event_features(clause, doc, 2)
    assert features["trigger_tag=VBG"] == 1.0 and features["trigger_role=advcl"] == 1.0
    assert "trigger_role=ROOT" not in features


def test_a_side_that_is_not_a_state_says_how_much_of_the_story_is_its_country(
    nlp: Language,
) -> None:
    text = "Russian troops attacked Ukraine on Friday. Moscow said the Kremlin had ordered it."
    doc, event = _event(nlp, text, "ASSAULT")
    counts = country_mentions(doc)
    assert counts == {"RUS": 3, "UKR": 1}
    features = event_features(event, doc, 2, (), counts)
    assert event.source is not None and event.source.code == "RUSMIL"
    assert features["source_country_share"] == 0.75
    assert "target_country_share" not in features  # Ukraine is the state itself
    assert "source_country_share" not in event_features(event, doc, 2)  # no counts given
