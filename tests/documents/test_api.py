"""The public surface of eventwire.documents: everything exported exists and is documented."""

from __future__ import annotations

import eventwire.documents as documents


def test_public_api_is_exported_and_documented() -> None:
    required = {
        "Article",
        "Provenance",
        "Rejection",
        "article_id_for",
        "decode_bytes",
        "read_inputs",
        "Deduplicator",
    }
    assert required <= set(documents.__all__)
    for name in documents.__all__:
        value = getattr(documents, name)
        assert (value.__doc__ or "").strip(), f"{name} has no docstring"
