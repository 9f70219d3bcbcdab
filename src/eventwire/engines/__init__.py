"""Engines: runners of the same pure article → events function (local processes; Spark).

Names resolve on first use (PEP 562): the local engine's driver must not load spaCy.
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_attributes

if TYPE_CHECKING:
    from .articles import code_articles, make_doc
    from .local import run_local
    from .model import CodedArticle
    from .spark import run_spark

__all__ = ["CodedArticle", "code_articles", "make_doc", "run_local", "run_spark"]

__getattr__, __dir__ = lazy_attributes(
    __name__,
    {
        "CodedArticle": ".model",
        "code_articles": ".articles",
        "make_doc": ".articles",
        "run_local": ".local",
        "run_spark": ".spark",
    },
)
