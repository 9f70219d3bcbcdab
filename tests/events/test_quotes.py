"""Direct quotations and their speakers (issue 5)."""

from __future__ import annotations

from eventwire.events.modality.quotes import find_quotes, quote_ranges
from eventwire.events.sides.mentions import MentionIndex

from .conftest import KOR, LAVROV, SIKORSKI, Actor

BRAZE = Actor("person/baiba-braze", "Baiba Braze", "LVAGOV", "LVA", "GOV", "person")

TEXT = (
    "Polish Foreign Minister Radoslaw Sikorski criticized Lavrov's visit and said he would leave.\n"
    "\u201cLavrov has come here to spread lies about the war. I will not listen to them,\u201d"
    " he said.\n"
    "\u201cI will not sit at one table with him.\u201d\n"
    "His Latvian counterpart Baiba Braze said she would do the same.\n"
    '"I will not stay in one room with Lavrov," said Braze.\n'
    "Seoul called the move \u201cregrettable\u201d on Friday."
)


def test_quote_ranges_straight_and_curly_and_no_scare_quotes() -> None:
    found = [TEXT[s:e] for s, e in quote_ranges(TEXT)]
    assert found == [
        "Lavrov has come here to spread lies about the war. I will not listen to them,",
        "I will not sit at one table with him.",
        "I will not stay in one room with Lavrov,",
    ]


def test_apostrophes_do_not_open_or_close_quotes() -> None:
    text = "Russia\u2019s envoy said \u2018we will not accept these terms at all\u2019 today."
    assert [text[s:e] for s, e in quote_ranges(text)] == ["we will not accept these terms at all"]


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = '"We will keep fighting for our land and our people\nThe minister said so.'
    assert [text[s:e] for s, e in quote_ranges(text)] == [
        "We will keep fighting for our land and our people"
    ]


def test_speakers_resolve_pronouns_continuations_and_inversions(annotate) -> None:  # type: ignore[no-untyped-def]
    doc = annotate(
        TEXT,
        {
            "Radoslaw Sikorski": SIKORSKI,
            "Lavrov": LAVROV,
            "Baiba Braze": BRAZE,
            "Braze": BRAZE,
            "Seoul": KOR,
        },
    )
    quotes = find_quotes(doc, MentionIndex.from_doc(doc))
    assert [(q.speaker.name if q.speaker else None) for q in quotes] == [
        "Radoslaw Sikorski",  # "…," he said  (he → the last person subject, not Lavrov)
        "Radoslaw Sikorski",  # a bare quotation paragraph continues the previous speaker
        "Baiba Braze",  # "…," said Braze
    ]
    first = quotes[0]
    assert TEXT[first.start : first.end].startswith("Lavrov has come here")
    assert first.speaker is not None and first.speaker.text == "he"
    assert first.sentence_index >= 1


def test_coder_sets_quotes_and_first_person_in_quote_is_the_speaker(annotate) -> None:  # type: ignore[no-untyped-def]
    from eventwire.events.coder import EventCoder

    from .conftest import SMALL_LEXICON

    doc = annotate(
        TEXT + "\n\u201cI criticize Lavrov for every lie he tells us,\u201d Sikorski said.",
        {"Radoslaw Sikorski": SIKORSKI, "Sikorski": SIKORSKI, "Lavrov": LAVROV},
    )
    EventCoder(SMALL_LEXICON)(doc)
    assert len(doc._.quotes) == 4
    assert any(
        e.cameo == "111" and e.source and e.source.code == "POLGOV" and e.source.text == "I"
        for e in doc._.events
    )
