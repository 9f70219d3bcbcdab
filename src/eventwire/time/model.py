"""The value type of the time layer."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Timex"]


@dataclass(frozen=True, slots=True)
class Timex:
    """A resolved time expression, TIMEX3-style.

    ``value``: ``2024-11-27`` (day), ``2024-W48`` (week), ``2024-06`` (month), ``2024-Q3``
    (quarter), ``2024`` (year), ``202`` (decade), or ``PAST_REF`` / ``PRESENT_REF`` /
    ``FUTURE_REF``. ``granularity``: ``day|week|month|quarter|year|decade|ref``.
    ``mod``: None or a TIMEX3 modifier (``START``, ``MID``, ``END``, ``APPROX``, ``BEFORE``...).
    """

    value: str
    granularity: str
    mod: str | None = None
