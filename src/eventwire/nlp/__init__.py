"""NLP: building the spaCy pipeline from config; the Doc/Span extension contract."""

from .extensions import register_extensions
from .pipeline import build_pipeline

__all__ = ["build_pipeline", "register_extensions"]
