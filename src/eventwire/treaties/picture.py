"""The alliance network as a picture (PNG, SVG or PDF, by the file's suffix), with matplotlib.

Nodes are actors, edges the commitments of ``alliance_edges``; an edge's colour says which
treaty (the first of its treaties, in the legend), its width how firm, dashes a one-way
commitment. The layout is a small force-directed one (Fruchterman–Reingold) with a fixed seed,
so the same network always gives the same picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import numpy as np

from .model import FIRMNESS_RANK, AllianceEdge

__all__ = ["draw_alliances"]

# 120 iterations: the layout stops moving visibly after about 80 for the ~60 nodes of the base.
_ITERATIONS = 120
_SEED = 7
_START_TEMPERATURE = 0.2
_COOLING = 0.97
_GRAVITY = 0.3
_MIN_DISTANCE = 1e-3
_FIGURE_INCHES = (12.0, 12.0)
_DPI = 150
_NODE_SIZE = 380
_WIDTH_PER_RANK = 0.6
# A treaty's colour in the picture; more treaties than colours cycle through them.
_PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
            "#17becf", "#bcbd22", "#7f7f7f")  # fmt: skip


def _layout(nodes: Sequence[str], edges: Sequence[AllianceEdge]) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(_SEED)
    n = len(nodes)
    pos = rng.uniform(-1, 1, size=(n, 2))
    index = {node: i for i, node in enumerate(nodes)}
    pairs = np.array([(index[e.a], index[e.b]) for e in edges], dtype=int).reshape(-1, 2)
    degree = np.bincount(pairs.ravel(), minlength=n).astype(float) if len(pairs) else np.ones(n)
    k = 1.0 / np.sqrt(max(n, 1))
    temperature = _START_TEMPERATURE
    for _ in range(_ITERATIONS):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=-1), _MIN_DISTANCE)
        move = ((k * k / distance**2)[:, :, None] * delta).sum(axis=1)  # repulsion
        if len(pairs):
            d = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            length = np.maximum(np.linalg.norm(d, axis=1), _MIN_DISTANCE)[:, None]
            pull = d * length / k
            # Divided by degree: a 32-member clique (NATO) would otherwise collapse to a point.
            np.add.at(move, pairs[:, 0], -pull / np.maximum(degree[pairs[:, 0]], 1)[:, None])
            np.add.at(move, pairs[:, 1], pull / np.maximum(degree[pairs[:, 1]], 1)[:, None])
        move -= _GRAVITY * pos  # keeps unconnected alliances on the page
        norm = np.maximum(np.linalg.norm(move, axis=1), _MIN_DISTANCE)[:, None]
        pos += move / norm * np.minimum(norm, temperature)
        temperature *= _COOLING
    return {node: pos[i] for i, node in enumerate(nodes)}


def draw_alliances(
    edges: Sequence[AllianceEdge],
    path: str | Path,
    *,
    as_of: date,
    names: dict[str, str] | None = None,
) -> Path:
    """Draw the network of ``edges`` into ``path``; returns the path written."""
    import matplotlib

    matplotlib.use("Agg")  # no display needed: we only write files
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    path = Path(path)
    nodes = sorted({e.a for e in edges} | {e.b for e in edges})
    pos = _layout(nodes, edges)
    treaties = sorted({e.treaty_ids[0] for e in edges})
    colour = {t: _PALETTE[i % len(_PALETTE)] for i, t in enumerate(treaties)}
    fig, ax = plt.subplots(figsize=_FIGURE_INCHES)
    try:
        for edge in edges:
            (x1, y1), (x2, y2) = pos[edge.a], pos[edge.b]
            ax.plot(
                [x1, x2], [y1, y2], color=colour[edge.treaty_ids[0]], alpha=0.45,
                linewidth=_WIDTH_PER_RANK * FIRMNESS_RANK[edge.firmness],
                linestyle="-" if edge.mutual else "--", zorder=1,
            )  # fmt: skip
        for node in nodes:
            x, y = pos[node]
            ax.scatter([x], [y], s=_NODE_SIZE, color="white", edgecolors="black", zorder=2)
            ax.annotate(node, (x, y), ha="center", va="center", fontsize=7, zorder=3)
        handles = [
            Line2D([0], [0], color=colour[t], label=(names or {}).get(t, t)) for t in treaties
        ]
        if handles:
            ax.legend(
                handles=handles,
                loc="upper center",
                bbox_to_anchor=(0.5, 0.0),
                fontsize=8,
                frameon=False,
                ncols=2,
            )
        ax.set_title(f"Alliance commitments in force on {as_of.isoformat()} ({len(edges)} links)")
        ax.set_axis_off()
        fig.savefig(path, dpi=_DPI, bbox_inches="tight")
    finally:
        plt.close(fig)
    return path
