"""The event coder over hand-parsed sentences with hand-set actor mentions (issue 5).

The sentences are written for these tests; actors are set by the ``annotate`` fixture, so the
tests exercise the coder alone.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import Doc

from eventwire.events.coder import CoderOptions, EventCoder
from eventwire.events.model import Event
from eventwire.places.model import Place
from eventwire.time.model import Timex

from .conftest import BLINKEN, KIM, KOR, LAVROV, PRK, PUTIN, RUS, SHOIGU, SMALL_LEXICON, UKR, USA

ACTORS = {
    "Vladimir Putin": PUTIN,
    "Putin": PUTIN,
    "Kim Jong Un": KIM,
    "Kim": KIM,
    "Sergei Shoigu": SHOIGU,
    "Shoigu": SHOIGU,
    "Antony Blinken": BLINKEN,
    "Blinken": BLINKEN,
    "Lavrov": LAVROV,
    "United States": USA,
    "South Korea": KOR,
    "North Korea": PRK,
    "Pyongyang": PRK,
    "Russia": RUS,
    "Moscow": RUS,
    "Ukraine": UKR,
}


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder(SMALL_LEXICON)


def dyads(events: list[Event]) -> list[tuple[str | None, str, str | None, str]]:
    return [
        (
            e.source.code if e.source else None,
            e.cameo,
            e.target.code if e.target else None,
            e.modality,
        )
        for e in events
    ]


def code(coder: EventCoder, annotate, text: str, **kwargs) -> list[Event]:  # type: ignore[no-untyped-def]
    doc: Doc = annotate(text, ACTORS, **kwargs)
    return coder(doc)._.events  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Joint action: one event per pair, first-named actor as source.
        (
            "Vladimir Putin and Kim Jong Un signed a defence pact last summer.",
            [("RUSGOV", "057", "PRKGOV", "asserted")],
        ),
        # Coordinated subject: one event per actor pair; the accused act is alleged.
        (
            "The United States and South Korea accused Russia of attacking Ukraine.",
            [
                ("USA", "112", "RUS", "asserted"),
                ("KOR", "112", "RUS", "asserted"),
                ("RUS", "190", "UKR", "alleged"),
            ],
        ),
        # Passive voice: the agent is the source.
        ("Ukraine was attacked by Russia on Tuesday.", [("RUS", "190", "UKR", "asserted")]),
        # Negation through "no plans to".
        (
            "Antony Blinken said he has no plans to meet Lavrov.",
            # Issue 13: a refused cooperative act is the refusal, as PLOVER and CAMEO code it.
            [("USAGOV", "125", "RUSGOV", "asserted")],
        ),
        ("Kim did not sign the agreement with Putin.", [("PRKGOV", "127", "RUSGOV", "asserted")]),
        # Control: the pledger is the source of the controlled verb; the act is intended.
        (
            "Kim Jong Un pledged to deepen ties with Russia.",
            [("PRKGOV", "030", "RUS", "intended")],
        ),
        # Light verb + nominal, with a pronoun subject resolved to the last person subject.
        (
            "Kim Jong Un arrived in Vladivostok. He held talks with Sergei Shoigu.",
            [("PRKGOV", "040", "RUSGOV", "asserted")],
        ),
        # Nominal events: possessive source; "between X and Y".
        ("Putin's visit to Pyongyang was brief.", [("RUSGOV", "042", "PRK", "asserted")]),
        (
            "The talks between Russia and Ukraine ended without result.",
            [("RUS", "040", "UKR", "asserted")],
        ),
        # Relative clause: the antecedent is the subject.
        (
            "Russia, which attacked Ukraine in 2022, criticized South Korea.",
            [("RUS", "190", "UKR", "asserted"), ("RUS", "111", "KOR", "asserted")],
        ),
        # Hypothetical and intended.
        (
            "Russia could attack Ukraine if the talks fail.",
            [("RUS", "190", "UKR", "hypothetical")],
        ),
        # Issue 13: a future meeting is an (asserted) expression of intent to meet: AGREE.
        ("Moscow will meet with Pyongyang next week.", [("RUS", "036", "PRK", "asserted")]),
        # Particle and preposition from the lexicon ("walk out of"), reported speech.
        (
            "Lavrov said Russia would walk out of Ukraine.",
            [("RUS", "1313", "UKR", "asserted")],
        ),
        (
            "Russia refused to meet Ukraine.",
            [("RUS", "120", "UKR", "asserted"), ("RUS", "125", "UKR", "asserted")],
        ),
        # The act is denied; the denial is a REJECT with no recipient (no accuser is named),
        # which PLOVER codes (issue 13).
        (
            "Russia denied attacking Ukraine.",
            [("RUS", "016", None, "asserted"), ("RUS", "190", "UKR", "denied")],
        ),
        # Self-events are skipped.
        ("Moscow criticized Russia.", []),
    ],
)
def test_dyads(coder: EventCoder, annotate, text: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert dyads(code(coder, annotate, text)) == expected


def test_denial_is_its_own_event_and_the_claim_stays_alleged(coder: EventCoder, annotate) -> None:  # type: ignore[no-untyped-def]
    events = code(
        coder,
        annotate,
        "The United States accused North Korea of supplying missiles to Russia, a claim "
        "Pyongyang called absurd.",
    )
    assert dyads(events) == [
        ("USA", "112", "PRK", "asserted"),
        ("PRK", "070", "RUS", "alleged"),
        ("PRK", "016", "USA", "asserted"),
    ]
    alleged = events[1]
    assert alleged.attribution is not None and alleged.attribution.code == "USA"
    assert events[2].plover.category == "REJECT"


def test_event_fields_are_filled(coder: EventCoder, annotate) -> None:  # type: ignore[no-untyped-def]
    text = "Vladimir Putin and Kim Jong Un signed a defence pact in June."
    doc = annotate(text, ACTORS, article_date=date(2024, 12, 5), doc_id="a1")
    june = doc.char_span(text.index("June"), text.index("June") + 4)
    june._.timex = Timex("2024-06", "month")
    doc._.timexes = [june]
    (event,) = coder(doc)._.events
    assert event.doc_id == "a1" and event.sentence_index == 0 and event.sentence == text
    assert event.source is not None and event.source.text == "Vladimir Putin"
    assert text[event.source.start : event.source.end] == "Vladimir Putin"
    assert (
        event.trigger.text == "signed" and text[event.trigger.start : event.trigger.end] == "signed"
    )
    # Signing is SUPPORT in PLOVER (a promise to sign is AGREE; issue 13).
    assert (event.plover.category, event.goldstein, event.quad_class) == ("SUPPORT", 8.0, 1)
    assert event.event_date is not None
    assert (event.event_date.text, event.event_date.value, event.event_date.granularity) == (
        "June",
        "2024-06",
        "month",
    )
    assert 0.0 < event.confidence < 1.0  # the calibrated probability
    rule = EventCoder(coder.lexicon, options=CoderOptions(calibrated_confidence=False))
    (recipe,) = rule(annotate(text, ACTORS, article_date=date(2024, 12, 5)))._.events
    assert 0.8 <= recipe.confidence <= 1.0  # the rule recipe: resolved, direct, specific


def test_article_date_is_the_fallback_date(coder: EventCoder, annotate) -> None:  # type: ignore[no-untyped-def]
    doc = annotate("Russia attacked Ukraine.", ACTORS, article_date=date(2024, 12, 5))
    (event,) = coder(doc)._.events
    assert event.event_date is not None
    assert (event.event_date.text, event.event_date.value, event.event_date.granularity) == (
        None,
        "2024-12-05",
        "day",
    )


def test_undated_article_gives_no_date(coder: EventCoder, annotate) -> None:  # type: ignore[no-untyped-def]
    (event,) = coder(annotate("Russia attacked Ukraine.", ACTORS))._.events
    assert event.event_date is None


def test_location_is_a_place_attached_by_in(coder: EventCoder, annotate) -> None:  # type: ignore[no-untyped-def]
    text = "Kim held talks with Shoigu in Pyongyang."
    doc = annotate(text, {"Kim": KIM, "Shoigu": SHOIGU})
    place = doc.char_span(text.index("Pyongyang"), text.index("Pyongyang") + 9)
    place._.place = Place("Pyongyang", "PRK", 39.03, 125.75)
    doc._.places = [place]
    (event,) = coder(doc)._.events
    assert event.location is not None
    assert (event.location.text, event.location.country) == ("Pyongyang", "PRK")


def test_both_directions_option_codes_joint_actions_twice(annotate) -> None:  # type: ignore[no-untyped-def]
    coder = EventCoder(SMALL_LEXICON, options=CoderOptions(symmetric_both_directions=True))
    events = coder(annotate("Putin and Kim signed the treaty.", ACTORS))._.events
    assert [(e.source.code, e.target.code) for e in events if e.source and e.target] == [
        ("RUSGOV", "PRKGOV"),
        ("PRKGOV", "RUSGOV"),
    ]


def test_one_sided_events_follow_plover(annotate) -> None:  # type: ignore[no-untyped-def]
    # PLOVER codes an attack with no recipient (issue 13); SANCTION needs one.
    text = "Russia attacked on Tuesday."
    assert dyads(EventCoder(SMALL_LEXICON)(annotate(text, ACTORS))._.events) == [
        ("RUS", "190", None, "asserted")
    ]
    dyadic = EventCoder(SMALL_LEXICON, options=CoderOptions(recipientless_categories=()))
    assert dyadic(annotate(text, ACTORS))._.events == []
    relaxed = EventCoder(SMALL_LEXICON, options=CoderOptions(require_source_and_target=False))
    assert dyads(relaxed(annotate(text, ACTORS))._.events) == [("RUS", "190", None, "asserted")]


def test_min_confidence_filters(annotate) -> None:  # type: ignore[no-untyped-def]
    strict = EventCoder(SMALL_LEXICON, options=CoderOptions(min_confidence=0.99))
    assert strict(annotate("Russia attacked Ukraine.", ACTORS))._.events == []


def test_component_is_registered_with_its_contract() -> None:
    from spacy.language import Language

    import eventwire.events.coder  # noqa: F401

    meta = Language.get_factory_meta("eventwire_coder")
    assert set(meta.assigns) == {"doc._.events", "doc._.quotes"}
    assert meta.requires == ["doc._.actor_mentions"]
    assert meta.default_config["lexicon"] == "eventwire.lexicon.default.v1"
