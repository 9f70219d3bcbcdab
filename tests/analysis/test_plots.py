"""Plots are written as real PNG and SVG images; an empty selection is a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.analysis.plots import NothingToPlot, plot_series
from eventwire.errors import EventwireError
from eventwire.store import Store

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_dyad_png(store: Store, tmp_path: Path) -> None:
    path = plot_series(store.dyad("RUS", "PRK"), "RUS – PRK", tmp_path / "dyad.png")
    data = path.read_bytes()
    assert data.startswith(PNG_MAGIC)
    assert len(data) > 10_000  # a drawn figure, not an empty canvas


def test_timeline_svg_has_labels_dates_and_legend(store: Store, tmp_path: Path) -> None:
    series = store.actor_series("PRK", freq="week")
    svg = plot_series(series, "PRK", tmp_path / "t.svg", freq="week").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    # Matplotlib writes text as glyph paths with the string in a comment or id.
    for label in ("events per week", "Goldstein (mean)", "event date", "verbal cooperation"):
        assert label in svg, label


def test_nothing_to_plot(store: Store, tmp_path: Path) -> None:
    with pytest.raises(NothingToPlot):
        plot_series(store.dyad("RUS", "ATA"), "RUS – ATA", tmp_path / "none.png")


def test_unknown_image_suffix(store: Store, tmp_path: Path) -> None:
    with pytest.raises(EventwireError, match=r"png or \.svg"):
        plot_series(store.dyad("RUS", "PRK"), "x", tmp_path / "x.gif")
