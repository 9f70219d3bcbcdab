"""The public API of eventwire.actors is explicit and documented."""

from __future__ import annotations

import inspect

import spacy

import eventwire.actors as actors


def test_everything_exported_exists_and_is_documented() -> None:
    for name in actors.__all__:
        obj = getattr(actors, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert inspect.getdoc(obj), name


def test_importing_the_package_registers_the_component() -> None:
    assert "eventwire_actors" in spacy.registry.factories.get_all()
