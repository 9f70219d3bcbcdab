"""Plots an analyst can paste into a report: events per period by quad class (stacked bars)
over the mean Goldstein score (a line), with labelled axes, dates and a legend.

Matplotlib's object API (``Figure``) is used rather than ``pyplot``: it needs no GUI backend
and leaves the caller's global matplotlib state alone.

>>> plot_series(store.dyad("RUS", "PRK"), "RUS – PRK", "dyad.png")   # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import EventwireError
from ..events.ontology import QUAD_CLASSES
from .dyads import QUAD_COLUMNS

__all__ = ["PLOT_SUFFIXES", "NothingToPlot", "plot_series"]

PLOT_SUFFIXES = (".png", ".svg")
# Quad-class colours: greens for cooperation, oranges/reds for conflict, verbal lighter than
# material (ColorBrewer RdYlGn ends, readable in greyscale print as four distinct shades).
_COLOURS = ("#a6d96a", "#1a9641", "#fdae61", "#d7191c")
# Bar width in days per frequency, slightly narrower than the period so bars stay apart.
_BAR_DAYS = {"day": 0.8, "week": 5.5, "month": 24.0}
_GOLDSTEIN_LIMITS = (-10.5, 10.5)  # the Goldstein scale runs from -10 to +10
_SIZE_INCHES = (10.0, 6.0)
_DPI = 150  # sharp in a printed report, ~100 kB per PNG


class NothingToPlot(EventwireError):
    """The selection has no events, so there is no plot to draw."""


def plot_series(
    series: pd.DataFrame,
    title: str,
    path: str | Path,
    *,
    freq: str = "month",
    note: str = "",
) -> Path:
    """Draw a dyad or actor series (``analysis.dyads`` columns) to ``path`` (PNG or SVG by
    suffix): stacked bars of events by quad class, and the mean Goldstein score below."""
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    target = Path(path)
    if target.suffix.lower() not in PLOT_SUFFIXES:
        raise EventwireError(
            f"{target.name}: a plot is written as {' or '.join(PLOT_SUFFIXES)} (by suffix)"
        )
    if series.empty:
        raise NothingToPlot(f"no events to plot for {title}")
    days = pd.to_datetime(series["period"])
    width = _BAR_DAYS.get(freq, _BAR_DAYS["month"])

    figure = Figure(figsize=_SIZE_INCHES, dpi=_DPI, layout="constrained")
    counts, goldstein = figure.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    bottom = pd.Series(0, index=series.index, dtype="float64")
    for column, colour, label in zip(QUAD_COLUMNS, _COLOURS, QUAD_CLASSES.values(), strict=True):
        values = series[column].astype("float64")
        counts.bar(
            days, values, width=width, bottom=bottom, color=colour, label=label, align="center"
        )
        bottom = bottom + values
    counts.set_ylabel(f"events per {freq}")
    counts.yaxis.set_major_locator(MaxNLocator(integer=True))  # events are whole numbers
    figure.suptitle(title)
    # One row above the bars, so the legend never hides a bar.
    counts.legend(
        loc="lower left",
        bbox_to_anchor=(0.0, 1.0),
        ncols=len(QUAD_COLUMNS),
        fontsize="small",
        frameon=False,
    )
    counts.grid(axis="y", alpha=0.3)

    goldstein.axhline(0, color="grey", linewidth=0.8)
    goldstein.plot(
        days, series["goldstein_mean"], marker="o", color="#2b83ba", label="mean Goldstein score"
    )
    goldstein.set_ylim(*_GOLDSTEIN_LIMITS)
    goldstein.set_ylabel("Goldstein (mean)")
    goldstein.set_xlabel("event date")
    goldstein.legend(loc="best", fontsize="small", frameon=False)
    goldstein.grid(axis="y", alpha=0.3)
    # matplotlib.dates ships without annotations on these constructors.
    locator = AutoDateLocator()  # type: ignore[no-untyped-call]
    goldstein.xaxis.set_major_locator(locator)
    goldstein.xaxis.set_major_formatter(
        ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
    )
    if note:
        figure.text(0.01, 0.0, note, fontsize="x-small", color="grey", va="bottom")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        figure.savefig(target)
    except OSError as exc:
        raise EventwireError(f"cannot write {target}: {exc}") from None
    return target
