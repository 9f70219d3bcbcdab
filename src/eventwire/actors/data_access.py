"""Loading the knowledge base once: the shipped data, then the user's dictionaries on top."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import catalogue

from eventwire import registry
from eventwire.actors import importers as _importers  # noqa: F401  (registers the importers)
from eventwire.actors import loading
from eventwire.actors.kb import DictionaryProblem, KnowledgeBase
from eventwire.errors import EventwireError

__all__ = [
    "DictionaryFile",
    "DictionaryNotFound",
    "check_dictionaries",
    "load_knowledge_base",
    "looks_like_url",
]

# "https://…", "s3://…": a scheme then "://" (a Windows path "C:\\x" has no "//").
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def looks_like_url(text: str) -> bool:
    """Whether ``text`` is a URL rather than a path (eventwire reads files, never the web).

    >>> looks_like_url("https://example.org/a.yaml"), looks_like_url("dicts/a.yaml")
    (True, False)
    """
    return _URL.match(text.strip()) is not None


class DictionaryNotFound(EventwireError):
    """An actor dictionary given by the user is a URL or a file that does not exist."""


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

    for spec in specs:
        path = spec.partition("::")[2] if "::" in spec else spec
        if looks_like_url(path):
            raise DictionaryNotFound(
                f"actor dictionary {path!r} is a URL: eventwire reads local files only;"
                " download it and give its path"
            )
        if not Path(path).is_file():
            raise DictionaryNotFound(f"actor dictionary {path!r} not found (no such file)")
    return load_knowledge_base([parse_dictionary_spec(spec) for spec in specs])
