"""Edge dates cannot crash coding (issue 15): article dates at both ends of the accepted range
(documents.assemble.EARLIEST_DATE / LATEST_DATE), with relative and far absolute expressions."""

from __future__ import annotations

import pytest

from eventwire.documents.article import Article, Provenance
from eventwire.documents.assemble import EARLIEST_DATE, LATEST_DATE
from eventwire.engines.articles import code_articles

TEXTS = [
    "Russia will sign the treaty with China tomorrow, and talks resume next year.",
    "On December 31, 9999, Russia signed the treaty with China, and the next day China joined.",
    "On January 1, 0001, Russia attacked China. A day earlier, China warned Russia.",
    "Russia signed the treaty with China on 31/12/9999 and the day after tomorrow they met.",
]


@pytest.mark.parametrize("published", [EARLIEST_DATE, LATEST_DATE])
def test_coding_at_the_edges_of_the_calendar_never_fails(nlp, published) -> None:  # type: ignore[no-untyped-def]
    articles = [
        Article(text=text, provenance=Provenance("edge.txt", "test"), published=published)
        for text in TEXTS
    ]
    coded = list(code_articles(nlp, articles, 8))
    assert [c.failure for c in coded] == [None] * len(TEXTS)
    assert any(c.events for c in coded)  # not vacuous: events were coded and dated
