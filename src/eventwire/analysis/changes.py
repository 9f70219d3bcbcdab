"""What changed this week: each country's, dyad's or PLOVER category's events in one week against
the mean of the 4 and the 52 weeks before, in the bands of ACLED's Trendfinder.

Counts are normalised by the news volume: a week's rate is its events per article ingested
(published) that week, so a week we read twice as much news about does not look twice as
violent. A baseline is the mean rate over the weeks before that have at least one article —
a week we hold no news for tells nothing, so it is neither a zero nor part of the mean. The
change is ``rate / baseline − 1``, banded as Trendfinder does (large increase > 25 %, moderate
increase 10–25 %, limited change −25 %–10 %, large decrease < −25 %; the limits are in
``[changes]`` of default.toml). When the baseline rests on fewer events than
``min_baseline_events`` per week, the band is ``low baseline`` instead, so that 1 → 2 events is
not reported as "+100 %".

Weeks run Monday to Sunday (ISO weeks, DuckDB's ``date_trunc('week', …)``); an event falls in
the week of its day (its date, else the day it was first reported). An event dated only to a
month or a year belongs to no week and is left out (``WeeklyChanges.coarser_events`` counts
those whose date overlaps the week asked about; issue 14). So is an undated background event
(``PAST_REF``: "had agreed", "the two last met", no date of its own), which has no day at all;
``WeeklyChanges.background_events`` counts those the week's articles told, so that an analyst
sees they exist and finds them in the week's event list.

>>> changes = weekly_changes(store.con, date(2025, 6, 16), by="country")   # doctest: +SKIP
>>> changes.rows[0].band_4                                                  # doctest: +SKIP
'large increase'
"""

from __future__ import annotations

import dataclasses
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import duckdb

from ..config import ChangeOptions, load_options
from ..errors import EventwireError
from ._sql import (
    EVENT_DAY,
    STORED_DAY,
    has_query_tables,
    has_range_counts,
    has_week_counts,
)
from .filters import EventScope, confidence_terms
from .periods import count_background, fits_period

__all__ = [
    "BANDS",
    "CHANGE_KINDS",
    "Change",
    "ChangeKind",
    "WeeklyChanges",
    "band",
    "default_week",
    "latest_week",
    "week_start",
    "weekly_changes",
]

ChangeKind = Literal["country", "dyad", "category"]
CHANGE_KINDS: tuple[ChangeKind, ...] = ("country", "dyad", "category")

# Trendfinder's bands, from the largest increase down, then ours for a baseline too thin to
# compare with and for no baseline at all (no article in the weeks before).
BANDS = (
    "large increase",
    "moderate increase",
    "limited change",
    "large decrease",
    "low baseline",
    "no baseline",
    "no news this week",
)

# The separator of a dyad's two countries in its key ("PRK–RUS", alphabetical order).
DYAD_SEPARATOR = "–"


class InvalidChangeRequest(EventwireError):
    """A change table that cannot be computed (unknown grouping, no article in the store...)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One country, dyad or category in the week asked about, against its two baselines.

    ``events``: its events that week; ``rate``: those per article ingested that week (None when
    no article was). ``mean_4``/``mean_52``: its mean events per week over the weeks with news
    among the 4 / 52 before; ``baseline_4``/``baseline_52``: its mean rate over those weeks;
    ``change_4``/``change_52``: ``rate / baseline − 1`` (None without a baseline or a rate, or
    with a zero baseline); ``band_4``/``band_52``: one of ``BANDS``."""

    key: str
    events: int
    rate: float | None
    mean_4: float
    baseline_4: float | None
    change_4: float | None
    band_4: str
    mean_52: float
    baseline_52: float | None
    change_52: float | None
    band_52: str


@dataclass(frozen=True, slots=True)
class WeeklyChanges:
    """The change table of one week: ``week`` is its Monday; ``articles`` the articles
    published in it; ``weeks_with_news_4``/``_52`` how many of the 4 / 52 weeks before have at
    least one article (the baselines rest on those); ``rows`` sorted by events, then the
    4-week mean, then key; ``total`` how many rows there are in all."""

    week: date
    by: ChangeKind
    articles: int
    weeks_with_news_4: int
    weeks_with_news_52: int
    rows: tuple[Change, ...]
    # Events dated only to a longer period overlapping the week (a month, a year): left out.
    coarser_events: int = 0
    # Undated background events (no day: PAST_REF) told by the week's articles: left out.
    background_events: int = 0
    total: int = 0  # rows in all (``rows`` may be the first ``limit`` of them)


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def latest_week(con: duckdb.DuckDBPyConnection) -> date | None:
    """The Monday of the week of the most recent article (None when no article is dated)."""
    row = con.execute("SELECT max(published) FROM articles").fetchone()
    return week_start(row[0]) if row and row[0] is not None else None


def _articles_by_week(con: duckdb.DuckDBPyConnection, first: date, end: date) -> dict[date, int]:
    """Articles published per week (by Monday) from ``first`` up to ``end`` (excluded)."""
    rows = con.execute(
        "SELECT CAST(date_trunc('week', published) AS DATE), count(*) FROM articles"
        " WHERE published >= ? AND published < ? GROUP BY 1",
        [first, end],
    ).fetchall()
    return {monday: int(n) for monday, n in rows}


def default_week(con: duckdb.DuckDBPyConnection) -> date | None:
    """The Monday of the week a "what changed" view opens on: the latest week whose news
    volume is usual — at least half the median of the weekly article counts of the year before
    the latest article (weeks with news only). An archive's last week is often a stub (the
    Gigaword + Wikinews 2019 corpora end with a week of one article, which made every country
    a "−100 %" large decrease); asked for it by date, it is still shown."""
    last = latest_week(con)
    if last is None:
        return None
    counts = _articles_by_week(con, last - timedelta(weeks=52), last + timedelta(weeks=1))
    usual = statistics.median(counts.values()) if counts else 0
    for monday in sorted(counts, reverse=True):
        if 2 * counts[monday] >= usual:
            return monday
    return last


def band(change: float | None, mean_events: float, limits: ChangeOptions) -> str:
    """The band of a relative ``change`` whose baseline averaged ``mean_events`` events a week
    (``limits``: the [changes] section of the options).

    >>> limits = load_options().changes
    >>> band(0.5, 10, limits), band(1.0, 1, limits)
    ('large increase', 'low baseline')
    """
    if mean_events < limits.min_baseline_events:
        return "low baseline"
    if change is None:
        return "no baseline"
    if change > limits.large_change:
        return "large increase"
    if change > limits.moderate_change:
        return "moderate increase"
    if change >= -limits.large_change:
        return "limited change"
    return "large decrease"


def _keys(by: ChangeKind) -> list[tuple[str, str]]:
    """The key of an event ``e`` for the grouping, as (expression, condition) pairs: an event
    has one row per pair whose condition holds. A country has two (the source's, and the
    target's when it is another), so that each distinct country of the two sides counts the
    event once: two scans joined by UNION ALL, where unnesting a list built per row cost 1.1 s
    of operator time over the 221,000 weekly counts of a year of the 10-million-event
    benchmark."""
    if by == "country":
        return [
            ("e.source_country", "e.source_country IS NOT NULL"),
            (
                "e.target_country",
                "e.target_country IS NOT NULL AND e.target_country IS DISTINCT FROM"
                " e.source_country",
            ),
        ]
    if by == "dyad":
        return [
            (
                "CASE WHEN e.source_country < e.target_country"
                f" THEN e.source_country || '{DYAD_SEPARATOR}' || e.target_country"
                f" ELSE e.target_country || '{DYAD_SEPARATOR}' || e.source_country END",
                "e.source_country IS NOT NULL AND e.target_country IS NOT NULL"
                " AND e.source_country <> e.target_country",
            )
        ]
    return [("e.plover_category", "e.plover_category IS NOT NULL")]


def _has_key(by: ChangeKind) -> str:
    """The condition that an event ``e`` has at least one key for the grouping."""
    return " OR ".join(f"({condition})" for _, condition in _keys(by))


def weekly_changes(
    con: duckdb.DuckDBPyConnection,
    week: date | None = None,
    *,
    by: ChangeKind = "country",
    modality: str | None = "asserted",
    min_confidence: float | None = None,
    limits: ChangeOptions | None = None,
    limit: int | None = None,
) -> WeeklyChanges:
    """The change table of the week holding ``week`` (default: the week of the most recent
    article), grouped ``by`` country (either side's), dyad (the two sides' countries, in
    alphabetical order) or PLOVER category, over events of ``modality`` (None: all) with a
    calibrated confidence of at least ``min_confidence``; ``limits`` default to the shipped
    [changes] settings; only the first ``limit`` rows (None: all), with the total.

    The database ranks the keys and cuts the table to ``limit``, so only the rows returned
    are worked out here (40,000 dyads of the 10-million-event benchmark took 1.6 s in
    Python); their rates and bands are computed as before, from each key's weekly counts."""
    if by not in CHANGE_KINDS:
        raise InvalidChangeRequest(f"unknown grouping {by!r} (one of {', '.join(CHANGE_KINDS)})")
    limits = limits or load_options().changes
    monday = week_start(week) if week is not None else default_week(con)
    if monday is None:
        raise InvalidChangeRequest("no dated article in the store: nothing to compare")
    first = monday - timedelta(weeks=52)
    end = monday + timedelta(weeks=1)
    articles = _articles_by_week(con, first, end)
    before_4 = _weeks_with_news(monday, 4, articles)
    before_52 = _weeks_with_news(monday, 52, articles)
    counted, params = _counted(by, first, end, modality, min_confidence, con)
    if by != "dyad":
        # A few hundred countries or categories: summed by week first, the ranking and the
        # shown keys' weeks read about 10,000 rows instead of 440,000 (36 against 66 ms of
        # CPU for the countries of a year of the 10-million-event benchmark). The 40,000
        # dyads are ranked from the rows as counted, and only the shown ones summed by week:
        # grouping all by (week, dyad) made 220,000 groups of one or two rows (90 against 67
        # ms).
        counted = f"SELECT week, key, sum(n) AS n FROM ({counted}) GROUP BY ALL"
    found = con.execute(
        f"""
        WITH counted AS MATERIALIZED ({counted}),
        ranked AS (
            SELECT key,
                   coalesce(sum(n) FILTER (WHERE week = ?), 0) AS events,
                   coalesce(sum(n) FILTER (WHERE list_contains(?, week)), 0) AS sum_4,
                   coalesce(sum(n) FILTER (WHERE list_contains(?, week)), 0) AS sum_52
            FROM counted GROUP BY key
            HAVING events > 0 OR sum_4 > 0 OR sum_52 > 0
        ),
        shown AS (
            SELECT key, events, sum_4, count(*) OVER () AS total FROM ranked
            ORDER BY events DESC, sum_4 DESC, key {"LIMIT ?" if limit is not None else ""}
        ),
        weekly AS (
            SELECT key, week, sum(n) AS n FROM counted
            WHERE key IN (SELECT key FROM shown) GROUP BY key, week
        )
        SELECT s.key, list([datediff('day', DATE '1970-01-01', c.week), c.n]),
               any_value(s.total), any_value(s.events), any_value(s.sum_4)
        FROM shown s JOIN weekly c USING (key) GROUP BY s.key
        ORDER BY any_value(s.events) DESC, any_value(s.sum_4) DESC, s.key
        """,
        [*params, monday, before_4, before_52, *([limit] if limit is not None else [])],
    ).fetchall()
    epoch = date(1970, 1, 1)
    counts = [
        (str(key), {epoch + timedelta(days=int(d)): int(n) for d, n in weeks})
        for key, weeks, *_ in found
    ]
    table = _table(monday, by, articles, counts, limits)
    return dataclasses.replace(
        table,
        total=int(found[0][2]) if found else 0,
        coarser_events=_coarser(by, monday, modality, min_confidence, con),
        background_events=_background(by, monday, modality, min_confidence, con),
    )


def _coarser(
    by: ChangeKind,
    monday: date,
    modality: str | None,
    min_confidence: float | None,
    con: duckdb.DuckDBPyConnection,
) -> int:
    """The events left out of the week because their date is a longer period overlapping it
    ("March 2024", "2024")."""
    terms = ["e.date_start <= ?", "e.date_end >= ?", f"NOT {fits_period('week')}"]
    terms.append(f"({_has_key(by)})")
    params: list[object] = [monday + timedelta(days=6), monday]
    step = _confidence_step(min_confidence)
    if step is not None and has_range_counts(con):
        # The events dated to a range of days, counted by merging (schema migration 10).
        source, count = "event_range_counts", "coalesce(sum(e.events), 0)"
        if step:
            terms.append("e.confidence_step >= ?")
            params.append(step)
    else:
        confident, confidence = confidence_terms(min_confidence)
        source, count = "events", "count(*)"
        terms += confident
        params += confidence
    if modality is not None:
        terms.append("e.modality = ?")
        params.append(modality)
    row = con.execute(
        f"SELECT {count} FROM {source} e WHERE {' AND '.join(terms)}", params
    ).fetchone()
    return int(row[0]) if row else 0


def _background(
    by: ChangeKind,
    monday: date,
    modality: str | None,
    min_confidence: float | None,
    con: duckdb.DuckDBPyConnection,
) -> int:
    """The undated background events (``PAST_REF``, no day) reported in the week, with a key
    of the grouping: the week's articles told them, but they belong to no week."""
    week = EventScope(modality, monday, monday + timedelta(days=6), min_confidence)
    return count_background(con, week, (f"({_has_key(by)})",))


def _confidence_step(min_confidence: float | None) -> int | None:
    """The confidence step k with ``k / 20 == min_confidence`` (0 for none), or None when the
    threshold falls between steps."""
    from ..store.derived import CONFIDENCE_STEPS  # the store package imports this module

    if not min_confidence:
        return 0
    step = round(min_confidence * CONFIDENCE_STEPS)
    return step if step / CONFIDENCE_STEPS == min_confidence else None


def _counted(
    by: ChangeKind,
    first: date,
    end: date,
    modality: str | None,
    min_confidence: float | None,
    con: duckdb.DuckDBPyConnection,
) -> tuple[str, list[object]]:
    """SQL of rows (week, key, n) counting the events of the weeks from ``first`` up to
    ``end`` (both Mondays; a week and key may have several rows, to be summed), and its
    parameters: from the weekly counts the merge keeps (schema migration 8)
    when the confidence threshold is a step of them (the default 0.5 and the multiples of
    0.05 are), else from the events."""
    step = _confidence_step(min_confidence)
    if step is not None and has_week_counts(con):
        terms = ["e.week >= ?", "e.week < ?"]
        params: list[object] = [first, end]
        if step:
            terms.append("e.confidence_step >= ?")
            params.append(step)
        source, week, value = "event_week_counts", "e.week", ", e.events AS n"
    else:
        day = STORED_DAY if has_query_tables(con) else EVENT_DAY
        confident, confidence = confidence_terms(min_confidence)
        terms = [f"{day} >= ?", f"{day} < ?", *confident]
        terms.append(fits_period("week"))  # a longer date is left out (``_coarser``)
        params = [first, end, *confidence]
        source, week, value = "events", f"CAST(date_trunc('week', {day}) AS DATE)", ", 1 AS n"
    if modality is not None:
        terms.append("e.modality = ?")
        params.append(modality)
    selects = [
        f"SELECT {week} AS week, {key} AS key{value} FROM {source} e"
        f" WHERE {' AND '.join([*terms, condition])}"
        for key, condition in _keys(by)
    ]
    return " UNION ALL ".join(selects), params * len(selects)


def _table(
    monday: date,
    by: ChangeKind,
    articles: dict[date, int],
    counted: Iterable[tuple[str, dict[date, int]]],
    limits: ChangeOptions,
) -> WeeklyChanges:
    """The change table from each key's events per week, in the order given, and the
    articles per week."""
    before_4 = _weeks_with_news(monday, 4, articles)
    before_52 = _weeks_with_news(monday, 52, articles)
    this_week = articles.get(monday, 0)
    rows = []
    for key, weeks in counted:
        events = weeks.get(monday, 0)
        rate = events / this_week if this_week else None
        mean_4, base_4 = _baseline(weeks, before_4, articles)
        mean_52, base_52 = _baseline(weeks, before_52, articles)
        change_4 = _relative(rate, base_4)
        change_52 = _relative(rate, base_52)
        if not events and not mean_4 and not mean_52:
            continue
        rows.append(
            Change(
                key=key,
                events=events,
                rate=rate,
                mean_4=mean_4,
                baseline_4=base_4,
                change_4=change_4,
                band_4=_band(rate, change_4, mean_4, before_4, limits),
                mean_52=mean_52,
                baseline_52=base_52,
                change_52=change_52,
                band_52=_band(rate, change_52, mean_52, before_52, limits),
            )
        )
    return WeeklyChanges(monday, by, this_week, len(before_4), len(before_52), tuple(rows))


def _band(
    rate: float | None,
    change: float | None,
    mean_events: float,
    before: list[date],
    limits: ChangeOptions,
) -> str:
    if rate is None:
        return "no news this week"
    if not before:
        return "no baseline"
    return band(change, mean_events, limits)


def _weeks_with_news(monday: date, n: int, articles: dict[date, int]) -> list[date]:
    weeks = (monday - timedelta(weeks=i) for i in range(1, n + 1))
    return [w for w in weeks if articles.get(w, 0) > 0]


def _baseline(
    weeks: dict[date, int], before: list[date], articles: dict[date, int]
) -> tuple[float, float | None]:
    """Mean events per week and mean rate over the weeks ``before`` (all with news)."""
    if not before:
        return 0.0, None
    mean_events = sum(weeks.get(w, 0) for w in before) / len(before)
    mean_rate = sum(weeks.get(w, 0) / articles[w] for w in before) / len(before)
    return mean_events, mean_rate


def _relative(rate: float | None, baseline: float | None) -> float | None:
    if rate is None or not baseline:
        return None
    return rate / baseline - 1
