"""The public surface of the time and places layers: exported and documented."""

from __future__ import annotations

import importlib

import pytest
from spacy.language import Language


@pytest.mark.parametrize(
    ("module", "names"),
    [
        ("eventwire.time", {"Timex", "resolve_time", "Prefer", "Tense", "format_event_date"}),
        ("eventwire.places", {"Place", "resolve_place"}),
    ],
)
def test_exports_are_documented(module: str, names: set[str]) -> None:
    package = importlib.import_module(module)
    assert set(package.__all__) == names
    for name in package.__all__:
        if name in ("Prefer", "Tense"):  # Literal aliases; documented in the module
            continue
        assert getattr(package, name).__doc__, f"{module}.{name} has no docstring"


@pytest.mark.parametrize("factory", ["eventwire_time", "eventwire_places"])
def test_importing_the_layer_registers_its_factory(factory: str) -> None:
    importlib.import_module("eventwire.time.component")
    importlib.import_module("eventwire.places.component")
    assert Language.has_factory(factory)
