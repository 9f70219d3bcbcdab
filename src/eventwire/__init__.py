"""eventwire: political event data from international news.

>>> import eventwire
>>> store = eventwire.open("eventwire.duckdb")   # doctest: +SKIP
>>> store.events().head()                         # doctest: +SKIP
"""

from __future__ import annotations

from .actors.model import Actor
from .coding import CodeRequest, LineRejected, code_lines
from .config import Options, load_options
from .documents import Article, Provenance, Rejection, read_inputs
from .errors import (
    ConfigError,
    EventwireError,
    StoreError,
    UnknownActorCode,
    UnknownCameoCode,
    UnreadableInput,
)
from .events.model import Event
from .ingest import IngestSummary, ingest
from .nlp import build_pipeline
from .places import resolve_place
from .places.model import Place
from .store import Store, open_store
from .time import resolve_time
from .time.model import Timex

open = open_store

__version__ = "0.1.0"

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
