"""A document's time expressions resolved in text order, each against what the story named
before it: the time component and the TIMEX3 evaluation walk a document with one
:class:`StoryTime`.

Deictic expressions ("last week", "Friday") resolve against the article date as always;
anaphoric ones ("the following year", "two days later", "then", "that quarter") against the
latest calendar value named before them, and a year-ago comparison right after a quarter
("third-quarter profit rose from a year ago") as that quarter a year before.

>>> from datetime import date
>>> story = StoryTime(date(1998, 4, 18))
>>> story.resolve("May 22, 1995").value, story.resolve("the following year").value
('1995-05-22', '1996')
"""

from __future__ import annotations

from datetime import date

from ._anaphora import StoryContext, is_comparison
from .model import Timex
from .timex import Tense, resolve_time

__all__ = ["StoryTime"]

_PERIODS = frozenset({"quarter", "half"})


class StoryTime:
    """The story's timeline so far, for one document dated ``reference_date``."""

    def __init__(self, reference_date: date | None) -> None:
        self.reference_date = reference_date
        self.context = StoryContext()

    def resolve(self, expression: str, tense: Tense | None = None) -> Timex | None:
        """Resolve the next expression of the document (text order) and remember it."""
        timex = resolve_time(expression, self.reference_date, tense, story=self.context)
        self.context = self._after(expression, timex)
        return timex

    def _after(self, expression: str, timex: Timex | None) -> StoryContext:
        if timex is None:
            return StoryContext(self.context.anchor, self.context.period)
        calendar_value = timex.granularity != "ref"
        reported = timex.granularity in _PERIODS and not is_comparison(expression)
        return StoryContext(
            anchor=timex if calendar_value else self.context.anchor,
            period=timex if reported else self.context.period,
            after_period=timex.granularity in _PERIODS,
        )
