"""Shared fixtures: where ../shared is, the seeds, and a pipeline built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path inside ../shared, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the shared research material beside the repository)")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return shared_path("seeds")


@pytest.fixture(scope="session")
def options():  # type: ignore[no-untyped-def]
    from eventwire.config import load_options

    return load_options()


@pytest.fixture(scope="session")
def nlp(options):  # type: ignore[no-untyped-def]
    from eventwire.nlp import build_pipeline

    return build_pipeline(options.pipeline)
