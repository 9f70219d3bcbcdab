"""Hand-made articles and events for the store and analysis tests (no pipeline needed)."""

from __future__ import annotations

from datetime import date

from eventwire.documents import Article, Provenance
from eventwire.events.model import ActorRef, Event, EventDate, Location, Modality, Plover, Trigger
from eventwire.store import RunInfo, Store

RUN = RunInfo(("hand-made",), "cfg", "0.1.0", "model", "3.8.0")

# Actor ids, codes and countries as the resolver gives them.
ACTORS: dict[str, tuple[str, str, str | None, str | None]] = {
    # key: (actor_id, code, country, sector)
    "Putin": ("person/vladimir-putin", "RUSGOV", "RUS", "GOV"),
    "Kim": ("person/kim-jong-un", "PRKGOV", "PRK", "GOV"),
    "Russia": ("RUS", "RUS", "RUS", None),
    "Pyongyang": ("PRK", "PRKGOV", "PRK", "GOV"),
    "Washington": ("USA", "USAGOV", "USA", "GOV"),
    "Seoul": ("KOR", "KORGOV", "KOR", "GOV"),
    "Kyiv": ("UKR", "UKRGOV", "UKR", "GOV"),
    "Russian army": ("RUS", "RUSMIL", "RUS", "MIL"),
}

# CAMEO code → (PLOVER category, Goldstein, quad class), for the codes used here.
CODES: dict[str, tuple[str, float, int]] = {
    "057": ("AGREE", 8.0, 1),
    "040": ("CONSULT", 1.0, 1),
    "070": ("AID", 7.0, 2),
    "112": ("ACCUSE", -2.0, 3),
    "163": ("SANCTION", -8.0, 4),
    "190": ("ASSAULT", -10.0, 4),
}


def ref(name: str, start: int) -> ActorRef:
    actor_id, code, country, sector = ACTORS[name]
    return ActorRef(name, start, start + len(name), actor_id, name, code, country, sector)


def event(
    article: Article,
    source: str,
    target: str,
    cameo: str,
    when: str | None,
    *,
    sentence_index: int = 0,
    modality: Modality = "asserted",
    location: str | None = None,
    verb: str = "acted",
    confidence: float = 0.8,
) -> Event:
    """An event "SOURCE VERB TARGET." with spans into that sentence."""
    sentence = f"{source} {verb} {target}."
    plover, goldstein, quad = CODES[cameo]
    granularity = "day" if when and len(when) == len("2024-06-19") else "month"
    return Event(
        doc_id=article.id,
        sentence_index=sentence_index,
        sentence=sentence,
        source=ref(source, 0),
        target=ref(target, len(source) + len(verb) + 2),
        trigger=Trigger(verb, len(source) + 1, len(source) + 1 + len(verb)),
        cameo=cameo,
        plover=Plover(plover),
        goldstein=goldstein,
        quad_class=quad,
        modality=modality,
        event_date=EventDate(when, when, granularity) if when else None,
        location=Location(location, location, None, None) if location else None,
        confidence=confidence,
    )


def article(name: str, published: date | None, source: str = "example.org") -> Article:
    return Article(
        text=f"Story {name}. " * 3,
        source=source,
        url=f"https://{source}/{name}",
        published=published,
        provenance=Provenance(path=f"{name}.txt", reader="test"),
    )


def corpus() -> list[tuple[Article, list[Event]]]:
    """Six articles about Russia, North Korea and their neighbours in 2024.

    Merged events (asserted): the June signing (3 reports, 2 sources), the September talks,
    the December entry into force; USA accusing PRK (Nov); USA sanctioning RUS (Nov); two Russian
    strikes on 10 June located in different countries; one undated consultation.
    Also one alleged AID PRK → RUS (not asserted).
    """
    june = article("june", date(2024, 6, 20), "dw.com")
    december = article("december", date(2024, 12, 5), "arabnews.com")
    september = article("september", date(2024, 9, 14), "dw.com")
    november = article("november", date(2024, 11, 6), "apnews.com")
    strikes = article("strikes", date(2024, 6, 11), "reuters.com")
    undated = article("undated", None, "blog.example")
    return [
        (
            june,
            [
                event(june, "Putin", "Kim", "057", "2024-06-19", verb="signed"),
                event(
                    june,
                    "Russia",
                    "Pyongyang",
                    "057",
                    "2024-06-19",
                    sentence_index=2,
                    verb="signed",
                ),
            ],
        ),
        (
            december,
            [
                event(december, "Putin", "Kim", "057", "2024-06", verb="signed"),
                event(
                    december,
                    "Pyongyang",
                    "Russia",
                    "057",
                    "2024-12-04",
                    sentence_index=1,
                    verb="ratified",
                ),
                event(
                    december,
                    "Pyongyang",
                    "Russia",
                    "070",
                    "2024-11",
                    sentence_index=3,
                    modality="alleged",
                    verb="supplied",
                ),
            ],
        ),
        (september, [event(september, "Russia", "Pyongyang", "040", "2024-09-13", verb="met")]),
        (
            november,
            [
                event(november, "Washington", "Pyongyang", "112", "2024-11-05", verb="accused"),
                event(
                    november,
                    "Washington",
                    "Russia",
                    "163",
                    "2024-11-05",
                    sentence_index=1,
                    verb="sanctioned",
                ),
            ],
        ),
        (
            strikes,
            [
                event(
                    strikes,
                    "Russian army",
                    "Kyiv",
                    "190",
                    "2024-06-10",
                    location="UKR",
                    verb="struck",
                ),
                event(
                    strikes,
                    "Russian army",
                    "Kyiv",
                    "190",
                    "2024-06-10",
                    sentence_index=4,
                    location="SYR",
                    verb="struck",
                ),
            ],
        ),
        (undated, [event(undated, "Seoul", "Washington", "040", None, verb="consulted")]),
    ]


def confidence_corpus() -> list[tuple[Article, list[Event]]]:
    """Two articles whose events are likely right (confidence 0.9) or likely wrong (0.1), all
    asserted: in March 2024 RUS → PRK signs (0.9) and talks a week later (0.1), and USA → KOR
    talks (0.1); in April PRK → RUS accuses (0.1). Four merged events, one at 0.9."""
    march = article("march", date(2024, 3, 21), "dw.com")
    april = article("april", date(2024, 4, 3), "apnews.com")
    return [
        (
            march,
            [
                event(march, "Russia", "Pyongyang", "057", "2024-03-05", confidence=0.9),
                event(
                    march,
                    "Russia",
                    "Pyongyang",
                    "040",
                    "2024-03-12",
                    sentence_index=1,
                    confidence=0.1,
                ),
                event(
                    march,
                    "Washington",
                    "Seoul",
                    "040",
                    "2024-03-20",
                    sentence_index=2,
                    confidence=0.1,
                ),
            ],
        ),
        (april, [event(april, "Pyongyang", "Russia", "112", "2024-04-02", confidence=0.1)]),
    ]


def fill(store: Store, items: list[tuple[Article, list[Event]]] | None = None) -> str:
    """Write the corpus in one run and merge; return the run id."""
    run = store.begin_run(RUN)
    for art, events in items or corpus():
        store.write_article(run, art, events)
    store.merge_events(window_days=1)
    store.finish_run(run, "complete", {"articles_new": len(items or corpus())})
    return run


def later_ingests() -> list[list[tuple[Article, list[Event]]]]:
    """Two more ingests after ``corpus()``, each merged in turn (issue 7's cases for what
    merging derives).

    The first adds reports to existing events (the June signing, now four reports with a new
    source) and new events to existing dyads and periods (RUS → PRK talks again in September,
    USA → PRK in November, a second accusation three days after the first, which stays its
    own event), and a first event for a new dyad (UKR → RUS). The second is a near-duplicate
    report on 7 November that bridges the two accusations into one event.
    """
    followup = article("followup", date(2024, 11, 9), "tass.ru")
    bridge = article("bridge", date(2024, 11, 10), "yonhap.co.kr")
    return [
        [
            (
                followup,
                [
                    event(followup, "Putin", "Kim", "057", "2024-06-20", verb="signed"),
                    event(
                        followup,
                        "Russia",
                        "Pyongyang",
                        "040",
                        "2024-09-27",
                        sentence_index=1,
                        verb="met",
                    ),
                    event(
                        followup,
                        "Washington",
                        "Pyongyang",
                        "112",
                        "2024-11-08",
                        sentence_index=2,
                        verb="accused",
                    ),
                    event(
                        followup,
                        "Kyiv",
                        "Russia",
                        "112",
                        "2024-11-08",
                        sentence_index=3,
                        verb="accused",
                    ),
                ],
            )
        ],
        [
            (
                bridge,
                [event(bridge, "Washington", "Pyongyang", "112", "2024-11-07", verb="accused")],
            )
        ],
    ]


def ingest(store: Store, items: list[tuple[Article, list[Event]]]) -> str:
    """Write ``items`` as one more run and merge; return the run id."""
    run = store.begin_run(RUN)
    for art, events in items:
        store.write_article(run, art, events)
    store.merge_events(window_days=1)
    store.finish_run(run, "complete", {"articles_new": len(items)})
    return run
