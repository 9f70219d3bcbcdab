"""A summary block ("What you need to know" bullets) is kept as text but not coded again
(issue 18): its bullets restate the items below, so coding them would count each fact twice."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from spacy.language import Language

from eventwire.config import Options
from eventwire.documents import Article, read_inputs
from eventwire.engines.articles import code_articles

SEED_000 = "000_adeb2a641be64b03.txt"


def test_the_live_blogs_summary_bullets_make_no_event(
    nlp: Language, options: Options, seeds_dir: Path
) -> None:
    (blog,) = [
        r
        for r in read_inputs([str(seeds_dir / SEED_000)], options.documents)
        if isinstance(r, Article)
    ]
    (start, end) = blog.summary[0]
    assert "Top US, Russian generals discuss Ukraine" in blog.text[start:end]
    (coded,) = code_articles(nlp, [blog], 4)
    # Without the summary mark the bullet "Top US, Russian generals discuss Ukraine …" is coded.
    (unmarked,) = code_articles(nlp, [replace(blog, summary=())], 4)
    in_summary = [e for e in unmarked.events if start <= e.trigger.start < end]
    assert in_summary, "the seed's summary bullets code an event when not marked as summary"
    assert all(not start <= e.trigger.start < end for e in coded.events)
    assert len(coded.events) == len(unmarked.events) - len(in_summary)
    # The same story is still coded from the item below the summary.
    assert any(e.trigger.start > end and e.cameo.startswith("04") for e in coded.events)
    # The summary stays in the stored sentences.
    assert "What you need to know" in coded.annotations.sentences[0].text
