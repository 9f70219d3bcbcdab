"""The value type of the time layer."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Timex"]


@dataclass(frozen=True, slots=True)
class Timex:
    """A resolved time expression, TIMEX3-style.

    ``value``: ``2024-11-27T16:25`` or ``2024-11-27TNI`` (time: a clock time or a part of the
    day), ``2024-11-27`` (day), ``2024-W48`` or ``2024-W48-WE`` (week, weekend), ``2024-06``
    (month), ``2024-Q3`` (quarter), ``2024-H1`` (half), ``2024-SU`` (season: SP, SU, FA, WI),
    ``2024`` (year), ``202`` (decade), ``20`` (century), or ``PAST_REF`` / ``PRESENT_REF`` /
    ``FUTURE_REF``. ``granularity``: ``time|day|week|month|quarter|half|season|year|decade|
    century|ref``. ``mod``: None or a TIMEX3 modifier (``START``, ``MID``, ``END``,
    ``APPROX``, ``LESS_THAN``, ``MORE_THAN``, ``BEFORE``, ``AFTER``, ``ON_OR_AFTER``...).
    """

    value: str
    granularity: str
    mod: str | None = None
