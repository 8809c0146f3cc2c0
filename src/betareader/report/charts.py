"""Charts for the HTML report and the web page, drawn with matplotlib as inline SVG."""

from __future__ import annotations

import io
from functools import lru_cache

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b",
           "#e377c2", "#bcbd22", "#7f7f7f", "#393b79", "#637939"]


@lru_cache(maxsize=1)
def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.size": 9, "svg.fonttype": "none", "axes.spines.top": False,
                         "axes.spines.right": False})
    return plt


def _svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    _plt().close(fig)
    svg = buf.getvalue()
    return svg[svg.find("<svg"):]


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def arc_chart(points: list[tuple[float, float, float]], high=None, low=None) -> str:
    """points: (position 0–1, raw score, smoothed score)."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(7.5, 2.6))
    if points:
        xs = [100 * p[0] for p in points]
        ax.bar(xs, [p[1] for p in points], width=100 / max(1, len(points)) * 0.8, color="#c7d4e8",
               label="window mean")
        ax.plot(xs, [p[2] for p in points], color="#1f4e9c", linewidth=2, label="smoothed")
        for ext, col in ((high, "#2ca02c"), (low, "#d62728")):
            if ext is not None:
                ax.scatter([100 * ext.position], [ext.score], color=col, zorder=3)
    ax.axhline(0, color="#888", linewidth=0.6)
    ax.set_xlim(0, 100)
    ax.set_xlabel("story position (%)")
    ax.set_ylabel("sentiment")
    ax.set_title("Emotional arc")
    ax.legend(loc="upper right", frameon=False, fontsize=8)
    return _svg(fig)


def presence_chart(rows: list[tuple[str, list[int]]]) -> str:
    """rows: (character name, mentions per stretch of the story)."""
    plt = _plt()
    height = 0.9 + 0.32 * max(1, len(rows))
    fig, ax = plt.subplots(figsize=(7.5, height))
    if rows:
        data = [r[1] for r in rows]
        ax.imshow(data, aspect="auto", cmap="Blues", interpolation="nearest")
        ax.set_yticks(range(len(rows)))
        ax.set_yticklabels([r[0] for r in rows])
        n = len(data[0])
        ax.set_xticks([0, n // 2, n - 1])
        ax.set_xticklabels(["start", "middle", "end"])
    ax.set_title("Character presence (mentions over the story)")
    return _svg(fig)


def share_chart(rows: list[tuple[str, float, str]]) -> str:
    """rows: (character name, share of dialogue 0–1, colour)."""
    plt = _plt()
    height = 0.9 + 0.3 * max(1, len(rows))
    fig, ax = plt.subplots(figsize=(7.5, height))
    names = [r[0] for r in rows][::-1]
    ax.barh(names, [100 * r[1] for r in rows][::-1], color=[r[2] for r in rows][::-1])
    ax.set_xlabel("share of spoken words (%)")
    ax.set_title("Dialogue share")
    return _svg(fig)
