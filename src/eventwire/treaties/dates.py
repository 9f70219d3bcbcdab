"""TIMEX3 values as the intervals of days they cover, and steps built from them."""

from __future__ import annotations

from datetime import date

from ..time.intervals import timex_granularity
from ..time.intervals import timex_interval as time_interval
from .model import Source, StepKind, TreatyStep

__all__ = ["GRANULARITIES", "UNKNOWN_DATE", "make_step", "timex_interval"]

UNKNOWN_DATE = "XXXX"  # TimeML's value for a date the text does not give

GRANULARITIES = ("day", "week", "month", "quarter", "year")


def timex_interval(value: str) -> tuple[str, date, date] | None:
    """The granularity and the first and last day a TIMEX3 value covers; None for values that
    are not calendar points a treaty step can carry (``PAST_REF``, decades).

    >>> timex_interval("2024-06")
    ('month', datetime.date(2024, 6, 1), datetime.date(2024, 6, 30))
    """
    granularity = timex_granularity(value)
    interval = time_interval(value)
    if granularity not in GRANULARITIES or interval is None:
        return None
    return granularity, interval[0], interval[1]


def make_step(
    kind: StepKind,
    value: str,
    *,
    mod: str | None = None,
    party: str | None = None,
    toward: str | None = None,
    source: Source | None = None,
    note: str | None = None,
) -> TreatyStep:
    """A step dated by a TIMEX3 value (``UNKNOWN_DATE`` when undated); raises ``ValueError``
    for a value that is not a date."""
    if value == UNKNOWN_DATE:
        return TreatyStep(
            kind=kind, value=value, granularity="unknown", start=None, end=None, mod=mod,
            party=party, toward=toward, source=source, note=note,
        )  # fmt: skip
    interval = timex_interval(value)
    if interval is None:
        raise ValueError(f"{value!r} is not a TIMEX3 date (YYYY, YYYY-MM, YYYY-MM-DD…)")
    granularity, start, end = interval
    return TreatyStep(
        kind=kind,
        value=value,
        granularity=granularity,
        start=start,
        end=end,
        mod=mod,
        party=party,
        toward=toward,
        source=source,
        note=note,
    )
