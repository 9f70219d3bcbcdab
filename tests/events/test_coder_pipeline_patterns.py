"""Patterns of real news that the whole pipeline (actors layer and coder) must code, written for
these tests after misses in the studied part of our gold set (issue 13)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from tests.events.coding import coded_events


def triples(nlp: Language, text: str) -> set[tuple[str | None, str, str | None]]:
    return {
        (
            e.source.country if e.source else None,
            e.plover.category,
            e.target.country if e.target else None,
        )
        for e in coded_events(nlp, text, date(2019, 12, 19))
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iranian students protested outside the German embassy.", ("IRN", "PROTEST", "DEU")),
        (
            "Thousands of Iranians demonstrated in front of the British embassy on Sunday.",
            ("IRN", "PROTEST", "GBR"),
        ),
        ("Hundreds of South Koreans rallied near the Japanese embassy.", ("KOR", "PROTEST", "JPN")),
    ],
)
def test_a_protest_at_an_embassy_is_against_its_state(
    nlp: Language, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(nlp, text)


def test_a_protest_elsewhere_has_no_recipient(nlp: Language) -> None:
    found = triples(nlp, "Iranian students protested outside the university in Tehran.")
    assert ("IRN", "PROTEST", None) in found


def test_a_plural_demonym_names_the_state(nlp: Language) -> None:
    doc = nlp("Saudis and Pakistanis welcomed the decision.")
    assert {m._.actor.country for m in doc._.actor_mentions} == {"SAU", "PAK"}


def _modalities(nlp: Language, text: str) -> dict[str, str]:
    return {e.plover.category: e.modality for e in coded_events(nlp, text, date(2019, 12, 19))}


def test_what_someone_is_told_to_do_has_not_happened(nlp: Language) -> None:
    found = _modalities(nlp, "The Mexican government pressed the US government to provide aid.")
    assert found.get("REQUEST") == "asserted"
    assert found.get("AID", "hypothetical") == "hypothetical"


def test_what_someone_is_told_happened_is_reported_speech(nlp: Language) -> None:
    found = _modalities(nlp, "Russia told reporters that Ukraine had attacked Belgorod.")
    assert found.get("ASSAULT") == "asserted"


def test_calling_someone_names_is_a_denunciation_not_a_phone_call(nlp: Language) -> None:
    found = triples(nlp, "Mexico's foreign minister called the gunman a terrorist.")
    assert ("MEX", "ACCUSE", None) in found
    assert not any(category == "CONSULT" for _, category, _ in found)
    assert not triples(nlp, "The prime minister called him humble.")
    assert ("RUS", "CONSULT", "TUR") in triples(nlp, "Putin called Erdogan on Tuesday.")


def test_a_dateline_places_what_was_said_there() -> None:
    from eventwire.events.placing import dateline_location

    placed = dateline_location("NEW DELHI", "AGREE", ["IND", "RUS"])
    assert placed is not None and placed.country == "IND" and placed.text == "New Delhi"
    # The whole dateline line, as some readers keep it.
    kept = dateline_location("SRINAGAR, India, April 7 , 1997 (AFP)", "ACCUSE", ["IND"])
    assert kept is not None and kept.country == "IND"
    assert dateline_location("NEW DELHI", "ASSAULT", ["IND", "PAK"]) is None  # a deed
    assert dateline_location("NEW DELHI", "AGREE", ["USA", "RUS"]) is None  # not their country
    assert dateline_location("India", "AGREE", ["IND"]) is None  # a country says nothing
    assert dateline_location(None, "AGREE", ["IND"]) is None


def test_the_coder_reads_the_articles_dateline(nlp: Language) -> None:
    from eventwire.documents.article import Article, Provenance
    from eventwire.engines.articles import code_articles

    text = "India and Russia agreed on Monday to expand their defence cooperation."
    article = Article(
        text=text,
        external_id="d1",
        published=date(2006, 12, 4),
        dateline="NEW DELHI",
        provenance=Provenance(path="<test>", reader="test", record=1),
    )
    (coded,) = code_articles(nlp, [article], 4)
    assert coded.events
    assert all(e.location is not None and e.location.text == "New Delhi" for e in coded.events)


@pytest.mark.parametrize(
    "text",
    [
        "Pro-Russian separatists attacked Ukrainian troops in Donetsk.",
        "The pro-Iranian group vowed to keep fighting Israel.",
        "Anti-American protesters rallied in Baghdad.",
    ],
)
def test_a_stance_prefix_does_not_make_a_group_of_that_state(nlp: Language, text: str) -> None:
    stance = {"RUS", "IRN", "USA"}
    doc = nlp(text)
    assert not any(m._.actor.country in stance for m in doc._.actor_mentions)
    assert not any(e.source and e.source.country in stance for e in doc._.events)


def test_a_message_posted_on_a_medium_speaks_for_its_poster(nlp: Language) -> None:
    found = triples(
        nlp,
        "US Secretary of State Mike Pompeo posted a message on Twitter blaming Iran for the "
        "attacks.",
    )
    assert ("USA", "ACCUSE", "IRN") in found


def test_pulling_out_of_talks_halts_negotiations(nlp: Language) -> None:
    found = triples(nlp, "North Korea pulled out of the six-party talks with the United States.")
    assert ("PRK", "SANCTION", "USA") in found
    assert not any(category == "RETREAT" for _, category, _ in found)
    assert ("RUS", "RETREAT", None) in triples(nlp, "Russia pulled out of Kherson.")
