"""The installed version of eventwire, recorded with every run and every export."""

from __future__ import annotations

from importlib import metadata

__all__ = ["package_version"]


def package_version(name: str = "eventwire") -> str:
    """The installed version of a distribution, or ``"0+unknown"`` in an uninstalled tree."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "0+unknown"
