"""eventwire: political event data from international news.

>>> import eventwire
>>> store = eventwire.open("eventwire.duckdb")   # read-only; doctest: +SKIP
>>> store.events().head()                         # doctest: +SKIP

Names load on first use (see ``_lazy.py``): ``import eventwire`` stays cheap for queries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_attributes
from .errors import (
    ConfigError,
    EventwireError,
    StoreError,
    UnknownActorCode,
    UnknownCameoCode,
    UnreadableInput,
)

if TYPE_CHECKING:
    from .actors.model import Actor
    from .coding import CodeRequest, LineRejected, code_lines
    from .config import Options, load_options
    from .documents.article import Article, Provenance, Rejection
    from .documents.readers import read_inputs
    from .events.model import Event
    from .ingest import IngestSummary, ingest
    from .nlp.pipeline import build_pipeline
    from .places.gazetteer import resolve_place
    from .places.model import Place
    from .store.store import Store, open_store
    from .store.store import open_reader as open
    from .time.model import Timex
    from .time.timex import resolve_time

__version__ = "0.1.0"

_WHERE = {
    "Actor": ".actors.model",
    "Article": ".documents.article",
    "CodeRequest": ".coding",
    "Event": ".events.model",
    "IngestSummary": ".ingest",
    "LineRejected": ".coding",
    "Options": ".config",
    "Place": ".places.model",
    "Provenance": ".documents.article",
    "Rejection": ".documents.article",
    "Store": ".store.store",
    "Timex": ".time.model",
    "build_pipeline": ".nlp.pipeline",
    "code_lines": ".coding",
    "ingest": ".ingest",
    "load_options": ".config",
    "open": ".store.store:open_reader",
    "open_store": ".store.store",
    "read_inputs": ".documents.readers",
    "resolve_place": ".places.gazetteer",
    "resolve_time": ".time.timex",
}
__getattr__, __dir__ = lazy_attributes(__name__, _WHERE)

__all__ = [
    "Actor",
    "Article",
    "CodeRequest",
    "ConfigError",
    "Event",
    "EventwireError",
    "IngestSummary",
    "LineRejected",
    "Options",
    "Place",
    "Provenance",
    "Rejection",
    "Store",
    "StoreError",
    "Timex",
    "UnknownActorCode",
    "UnknownCameoCode",
    "UnreadableInput",
    "__version__",
    "build_pipeline",
    "code_lines",
    "ingest",
    "load_options",
    "open",
    "open_store",
    "read_inputs",
    "resolve_place",
    "resolve_time",
]
