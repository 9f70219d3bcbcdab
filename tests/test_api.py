"""The public API is explicit and documented."""

from __future__ import annotations

import inspect

import eventwire


def test_everything_exported_exists_and_is_documented() -> None:
    undocumented = []
    for name in eventwire.__all__:
        value = getattr(eventwire, name)
        if name.startswith("__"):
            continue
        if not (inspect.isclass(value) or inspect.isfunction(value)):
            continue
        doc = value.__doc__ or ""
        # A dataclass without a docstring gets its signature as __doc__: that is not documentation.
        if not doc.strip() or doc.startswith(f"{value.__name__}("):
            undocumented.append(name)
    assert not undocumented, f"exported without a docstring: {undocumented}"


def test_package_ships_type_information() -> None:
    from importlib import resources

    assert resources.files("eventwire").joinpath("py.typed").is_file()
