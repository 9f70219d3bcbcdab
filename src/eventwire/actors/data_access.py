"""Loading the knowledge base once: the shipped data, then the user's dictionaries on top."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import catalogue

from eventwire import registry
from eventwire._paths import DictionaryNotFound, check_dictionary_paths, looks_like_url
from eventwire.actors import importers as _importers  # noqa: F401  (registers the importers)
from eventwire.actors import loading
from eventwire.actors.kb import DictionaryProblem, KnowledgeBase

__all__ = [
    "DictionaryFile",
    "DictionaryNotFound",
    "check_dictionaries",
    "load_knowledge_base",
    "looks_like_url",
]


@dataclass(frozen=True, slots=True)
class DictionaryFile:
    """A user's actor dictionary and the registered importer that reads it.

    Importers (``registry.actor_dictionaries``): ``eventwire.actors.yaml.v1`` (our YAML),
    ``eventwire.actors.states_csv.v1``, ``eventwire.actors.petrarch_actors.v1``,
    ``eventwire.actors.petrarch_agents.v1``, ``eventwire.actors.reign_csv.v1``.
    """

    path: Path
    importer: str = "eventwire.actors.yaml.v1"


def load_knowledge_base(dictionaries: Sequence[DictionaryFile] = ()) -> KnowledgeBase:
    """The shipped knowledge base with ``dictionaries`` layered on top, in order.

    Each dictionary extends the base and overrides names it redefines. Loaded once per
    distinct list of dictionaries (cached); treat the result as read-only. Problems (bad
    lines, unreadable files, unknown importers) are in ``kb.problems``; nothing raises.
    """
    return _load(tuple(dictionaries))


@functools.lru_cache(maxsize=8)
def _load(dictionaries: tuple[DictionaryFile, ...]) -> KnowledgeBase:
    kb = KnowledgeBase()
    loading.load_shipped(kb)
    for dictionary in dictionaries:
        kb.new_layer()
        try:
            importer = registry.actor_dictionaries.get(dictionary.importer)
        except catalogue.RegistryError:
            reason = f"unknown importer {dictionary.importer!r}"
            kb.report(DictionaryProblem(str(dictionary.path), 0, reason))
            continue
        importer(Path(dictionary.path), kb)
    return kb


def check_dictionaries(specs: Sequence[str]) -> KnowledgeBase:
    """The knowledge base with the user's dictionaries ``specs`` (``PATH`` or
    ``IMPORTER::PATH``), checked before any text is coded: a URL or a missing file raises
    :class:`DictionaryNotFound` naming it; bad lines are in the result's ``problems``."""
    from eventwire.actors.component import parse_dictionary_spec

    check_dictionary_paths(specs)
    return load_knowledge_base([parse_dictionary_spec(spec) for spec in specs])
