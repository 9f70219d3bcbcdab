"""Actors: a knowledge base of states, organisations and office-holders with dated roles,
a resolver (``resolve_actor``) and the ``eventwire_actors`` spaCy component.

Importing this package registers the component and the dictionary importers.
"""

from __future__ import annotations

from eventwire.actors import component as _component  # noqa: F401  (registers the factory)
from eventwire.actors.data_access import DictionaryFile, load_knowledge_base
from eventwire.actors.explain import Resolution, explain_actor
from eventwire.actors.importers import (
    import_petrarch_actors,
    import_petrarch_agents,
    import_reign_csv,
)
from eventwire.actors.kb import DictionaryProblem, KnowledgeBase
from eventwire.actors.listing import (
    ActorListing,
    MemberState,
    NoMemberList,
    UnknownOrganisation,
    list_actors,
    organisation_members,
)
from eventwire.actors.loading import load_our_yaml, load_states_csv
from eventwire.actors.model import UNRESOLVED, Actor
from eventwire.actors.resolve import resolve_actor

__all__ = [
    "UNRESOLVED",
    "Actor",
    "ActorListing",
    "DictionaryFile",
    "DictionaryProblem",
    "KnowledgeBase",
    "MemberState",
    "NoMemberList",
    "Resolution",
    "UnknownOrganisation",
    "explain_actor",
    "import_petrarch_actors",
    "import_petrarch_agents",
    "import_reign_csv",
    "list_actors",
    "load_knowledge_base",
    "load_our_yaml",
    "load_states_csv",
    "organisation_members",
    "resolve_actor",
]
