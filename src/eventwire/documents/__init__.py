"""Documents: readers, cleaning, splitting and metadata — inputs become ``Article`` values.

>>> from eventwire.config import load_options
>>> results = list(read_inputs(["story.txt"], load_options().documents))  # doctest: +SKIP
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_attributes
from .article import Article, Provenance, Rejection, article_id_for
from .readers import InputFile, decode_bytes, detect_reader, read_bytes, read_inputs

if TYPE_CHECKING:
    from .dedup import Deduplicator, DuplicateCheck, deduplicate

# Deduplication pulls in datasketch and scipy (0.8 s of import): only ingest needs it, so it
# loads on first use and queries over the store stay fast.
_WHERE = {"Deduplicator": ".dedup", "DuplicateCheck": ".dedup", "deduplicate": ".dedup"}
__getattr__, __dir__ = lazy_attributes(__name__, _WHERE)

__all__ = [
    "Article",
    "Deduplicator",
    "DuplicateCheck",
    "InputFile",
    "Provenance",
    "Rejection",
    "article_id_for",
    "decode_bytes",
    "deduplicate",
    "detect_reader",
    "read_bytes",
    "read_inputs",
]
