"""Domain exceptions: each names what went wrong; the CLI turns them into messages and exits."""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "EventwireError",
    "StoreError",
    "UnknownActorCode",
    "UnknownCameoCode",
    "UnreadableInput",
]


class EventwireError(Exception):
    """Base class of every error eventwire raises on purpose."""


class ConfigError(EventwireError):
    """A configuration file or option is missing, malformed or out of range."""


class UnreadableInput(EventwireError):
    """An input could not be turned into articles (binary, undecodable, malformed...)."""


class UnknownCameoCode(EventwireError):
    """A CAMEO code that is not in the shipped codebook."""


class UnknownActorCode(EventwireError):
    """An actor code or id that the knowledge base does not know."""


class StoreError(EventwireError):
    """The database could not be opened, migrated or written."""
