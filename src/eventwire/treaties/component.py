"""The ``eventwire_treaties`` spaCy component: ``doc._.treaty_updates`` from a processed Doc.

Runs after ``eventwire_actors`` and ``eventwire_time`` (it reads their mentions) and matches
what it finds to the shipped base of treaties (see ``extract.py``).

>>> nlp.add_pipe("eventwire_treaties")                       # doctest: +SKIP
>>> [u.kind for u in nlp(text)._.treaty_updates]             # doctest: +SKIP
['step', 'step', 'obligation']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import extensions
from .base import load_base
from .extract import extract_treaty_updates
from .model import Treaty, TreatyUpdate

__all__ = ["TreatyTagger", "make_treaty_tagger", "register_treaty_extension"]

_KEY = ("eventwire", "treaty_updates")


def register_treaty_extension() -> None:
    """Register ``doc._.treaty_updates`` (a list of ``TreatyUpdate``) once.

    Stored in ``doc.user_data`` like the other eventwire lists, so it survives multi-process
    ``nlp.pipe``.
    """
    if not Doc.has_extension("treaty_updates"):
        Doc.set_extension("treaty_updates", getter=_get, setter=_set, force=False)


def _user_data(doc: Doc) -> dict[Any, Any]:
    return cast(dict[Any, Any], doc.user_data)  # spaCy types it dict[str, Any]; keys are tuples


def _get(doc: Doc) -> list[TreatyUpdate]:
    value = _user_data(doc).get(_KEY)
    if value is None:
        value = []
        _user_data(doc)[_KEY] = value
    return cast(list[TreatyUpdate], value)


def _set(doc: Doc, value: list[TreatyUpdate]) -> None:
    _user_data(doc)[_KEY] = list(value)


class TreatyTagger:
    """Assigns ``doc._.treaty_updates``, matching against ``treaties``."""

    def __init__(self, treaties: tuple[Treaty, ...] | Callable[[], tuple[Treaty, ...]]) -> None:
        self._treaties = treaties

    def __call__(self, doc: Doc) -> Doc:
        treaties = self._treaties() if callable(self._treaties) else self._treaties
        doc._.treaty_updates = list(extract_treaty_updates(doc, treaties))
        return doc


@Language.factory(
    "eventwire_treaties",
    assigns=["doc._.treaty_updates"],
    requires=["doc._.actor_mentions", "doc._.timexes", "token.dep"],
    default_config={},
)
def make_treaty_tagger(nlp: Language, name: str) -> TreatyTagger:
    """The component, matching updates against the shipped base."""
    extensions.register_extensions()
    register_treaty_extension()
    return TreatyTagger(load_base)


register_treaty_extension()
