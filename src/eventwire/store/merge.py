"""Cross-article event merging: mentions of one real-world event become one event.

Mentions group by (source, target, PLOVER category, modality), where an actor is its country
when it has one (Putin and "Russia" both count as RUS) and its actor id otherwise. Within a
group, mentions whose date intervals overlap — after widening each by the merge window — chain
into one event (single linkage). Place counts where it is known: a mention located in one
country never joins an event located in another (two strikes on the same day in Syria and Iraq
are two events), while a mention with no known place joins the earliest compatible event. A
mention without a date stays an event of its own: there is no evidence it is the same occurrence.
Mentions are swept by start date, so a dated mention that starts more than twice the window
after every earlier mention of its group has ended can reach none of their events: the group's
events are those of each such *segment* clustered alone (``store/merging.py`` re-clusters only
the segments new mentions fall in; tests/store/test_merge.py checks the property).
Each event counts mentions, articles and distinct sources (GDELT's NumMentions, NumArticles,
NumSources) and takes its id from its first-stored mention.

Id guarantee: the event id is a hash of the mention id (itself a hash of the article text, the
sentence and the spans) of the event's first mention in storage order, and storage order is
content order: article id, sentence, trigger (``Store.merge_events``; ``MentionRow.order`` is
a position in that order). Nothing depends on which run stored a mention or when, so the same
set of inputs gives the same events, event ids and representatives whatever the order of the
inputs and however they were split into runs, on every machine, and a run killed and resumed
gives the ids of an uninterrupted run (issue 15; tests/store/test_order.py checks it over
random orders and splits). The price: an event's id changes when a later ingest adds a mention
that sorts before its first one (an article whose content hash is smaller), or bridges two
events (the merged event keeps the id of the first mention of both). A cited id that is no
longer in ``events`` is found through its mentions: ``event_mentions`` keeps every mention id.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..time.intervals import timex_interval

__all__ = ["MentionRow", "MergedEvent", "mention_rows", "merge_mentions", "timex_interval"]


@dataclass(frozen=True, slots=True)
class MentionRow:
    """The fields of a stored mention that merging needs."""

    mention_id: str
    order: int  # storage order: earlier runs, then earlier mentions, come first
    article_id: str
    source_domain: str | None
    group: tuple[str, str, str, str]
    cameo: str
    confidence: float
    date_start: date | None
    date_end: date | None
    location_country: str | None = None


@dataclass(frozen=True, slots=True)
class _Cluster:
    members: list[MentionRow]
    reach: list[date]  # one item, mutable: the last day a mention may start and still join
    country: list[str | None]  # one item: the event's known location country, if any


@dataclass(frozen=True, slots=True)
class MergedEvent:
    """One merged event: its id, its mentions, and GDELT-style counts."""

    event_id: str
    mention_ids: tuple[str, ...]
    representative: str  # the mention whose code and date represent the event
    num_mentions: int
    num_articles: int
    num_sources: int
    confidence: float


def group_key(
    source: str | None, target: str | None, plover: str | None, modality: str
) -> tuple[str, str, str, str]:
    return (source or "-", target or "-", plover or "-", modality)


def mention_rows(rows: Sequence[tuple[Any, ...]]) -> list[MentionRow]:
    """``MentionRow``s of stored mentions given in storage order, each row ``(mention_id,
    article_id, source_domain, source_key, target_key, plover_category, modality, cameo,
    confidence, date_start, date_end, location_country, …)`` (the local store's merge and the
    Spark engine's read the same columns)."""
    return [
        MentionRow(
            mention_id=r[0],
            order=i,
            article_id=r[1],
            source_domain=r[2],
            group=group_key(r[3], r[4], r[5], r[6]),
            cameo=r[7],
            confidence=r[8] or 0.0,
            date_start=r[9],
            date_end=r[10],
            location_country=r[11],
        )
        for i, r in enumerate(rows)
    ]


def merge_mentions(
    mentions: Sequence[MentionRow], window_days: int, *, by_place: bool = True
) -> list[MergedEvent]:
    """Cluster mentions into events; deterministic for a given set and storage order.

    ``by_place``: mentions with different known location countries never merge.
    """
    by_group: dict[tuple[str, str, str, str], list[MentionRow]] = {}
    for mention in mentions:
        by_group.setdefault(mention.group, []).append(mention)
    window = timedelta(days=window_days)
    events: list[MergedEvent] = []
    for group in sorted(by_group):
        members = by_group[group]
        dated = sorted(
            (m for m in members if m.date_start and m.date_end),
            key=lambda m: (m.date_start, m.date_end, m.order),
        )
        clusters: list[_Cluster] = []
        active: list[_Cluster] = []  # clusters a later-starting mention can still reach
        for mention in dated:
            assert mention.date_start is not None and mention.date_end is not None
            active = [c for c in active if mention.date_start - window <= c.reach[0]]
            home = next((c for c in active if _compatible(c, mention, by_place)), None)
            if home is None:
                home = _Cluster([], [mention.date_end + window], [None])
                clusters.append(home)
                active.append(home)
            home.members.append(mention)
            home.reach[0] = max(home.reach[0], mention.date_end + window)
            home.country[0] = home.country[0] or mention.location_country
        events.extend(_summarise(c.members) for c in clusters)
        events.extend(_summarise([m]) for m in members if not (m.date_start and m.date_end))
    return events


def _compatible(cluster: _Cluster, mention: MentionRow, by_place: bool) -> bool:
    known = cluster.country[0]
    return not (
        by_place and known and mention.location_country and known != mention.location_country
    )


def _summarise(cluster: list[MentionRow]) -> MergedEvent:
    first = min(cluster, key=lambda m: (m.order, m.mention_id))
    codes = Counter(m.cameo for m in cluster)
    top_code = min(codes, key=lambda code: (-codes[code], code))
    # The representative is the most precise dated mention with the majority code.
    candidates = [m for m in cluster if m.cameo == top_code]
    representative = min(
        candidates,
        key=lambda m: (
            (m.date_end - m.date_start).days if m.date_start and m.date_end else 10**6,
            -m.confidence,
            m.order,
        ),
    )
    return MergedEvent(
        event_id="e" + hashlib.sha256(first.mention_id.encode()).hexdigest()[:15],
        mention_ids=tuple(sorted(m.mention_id for m in cluster)),
        representative=representative.mention_id,
        num_mentions=len(cluster),
        num_articles=len({m.article_id for m in cluster}),
        num_sources=len({m.source_domain or m.article_id for m in cluster}),
        confidence=max(m.confidence for m in cluster),
    )
