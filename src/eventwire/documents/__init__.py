"""Documents: readers, cleaning, splitting and metadata — inputs become ``Article`` values.

>>> from eventwire.config import load_options
>>> results = list(read_inputs(["story.txt"], load_options().documents))  # doctest: +SKIP
"""

from .article import Article, Provenance, Rejection, article_id_for
from .dedup import Deduplicator, DuplicateCheck, deduplicate
from .readers import InputFile, decode_bytes, detect_reader, read_bytes, read_inputs

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
