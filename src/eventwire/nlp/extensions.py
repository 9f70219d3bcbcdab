"""The spaCy extension attributes every eventwire component reads or writes.

This is the contract between components: a component declares in its factory which of these it
``assigns`` and ``requires``. All are set on ``Doc``/``Span`` and travel in ``doc.user_data``, so
they survive multi-process ``nlp.pipe``.

Doc:
  ``doc._.doc_id``        str        the article id (set before the pipeline runs)
  ``doc._.article_date``  date|None  the article's own date (None: undated, never guessed)
  ``doc._.dateline``      str|None   the place of the article's dateline ("BEIJING"), if any
  ``doc._.actor_mentions`` list[Span] actor mentions in text order; each has ``span._.actor``
  ``doc._.timexes``       list[Span] time expressions; each has ``span._.timex``
  ``doc._.places``        list[Span] place names; each has ``span._.place``
  ``doc._.quotes``        list[Quote] direct quotations with their speaker
  ``doc._.events``        list[Event] coded events, in text order
  ``doc._.rejected``      list[str]  reasons why parts of the doc were not coded
Span:
  ``span._.actor``  Actor|None   ``span._.timex``  Timex|None   ``span._.place``  Place|None
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["register_extensions"]

_DOC_DEFAULTS: dict[str, object] = {
    "doc_id": "",
    "article_date": None,
    "dateline": None,
}
_DOC_LISTS = ("actor_mentions", "timexes", "places", "quotes", "events", "rejected")
_SPAN_ATTRS = ("actor", "timex", "place")


def register_extensions() -> None:
    """Register the extensions once; safe to call any number of times."""
    for name, default in _DOC_DEFAULTS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name in _DOC_LISTS:
        if not Doc.has_extension(name):
            # A getter/setter pair over user_data, so each Doc gets its own list (a mutable
            # ``default`` would be shared between Docs).
            Doc.set_extension(name, getter=_list_getter(name), setter=_list_setter(name))
    for name in _SPAN_ATTRS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def _list_getter(name: str):  # type: ignore[no-untyped-def]
    key = f"eventwire.{name}"

    def get(doc: Doc) -> list[object]:
        value = doc.user_data.get(key)
        if value is None:
            value = []
            doc.user_data[key] = value
        return value

    return get


def _list_setter(name: str):  # type: ignore[no-untyped-def]
    key = f"eventwire.{name}"

    def set_(doc: Doc, value: list[object]) -> None:
        doc.user_data[key] = list(value)

    return set_


register_extensions()
