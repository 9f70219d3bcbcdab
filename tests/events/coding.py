"""Coding a text with the whole pipeline (the session's ``nlp`` fixture, tests/conftest.py), as
an article of a given date: the one helper of the tests that check what comes out of a
sentence, instead of one per test file.

>>> coded_events(nlp, "Russia and Iran signed a treaty.", date(2025, 1, 17))  # doctest: +SKIP
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.events.model import Event

__all__ = ["coded_doc", "coded_events"]


def coded_doc(nlp: Language, text: str, on: date | None = None, doc_id: str = "") -> Doc:
    """``text`` through ``nlp`` as the article ``doc_id`` dated ``on`` (None: undated)."""
    doc = nlp.make_doc(text)
    doc._.article_date = on
    doc._.doc_id = doc_id
    return nlp(doc)


def coded_events(nlp: Language, text: str, on: date | None = None, doc_id: str = "") -> list[Event]:
    """The events ``nlp`` codes in ``text`` as the article ``doc_id`` dated ``on``."""
    return list(coded_doc(nlp, text, on, doc_id)._.events)
