"""Engines: runners of the same pure article → events function (local processes; Spark later)."""

from .local import CodedArticle, code_articles, make_doc, run_local

__all__ = ["CodedArticle", "code_articles", "make_doc", "run_local"]
