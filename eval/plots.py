"""PNG plots for eval reports (matplotlib, headless Agg backend; imported lazily per call)."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["bars_png", "confusion_png", "hist_png"]


def _pyplot() -> Any:
    # Agg before pyplot: eval runs on servers without a display.
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _save(fig: Any, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    _pyplot().close(fig)
    return path


def confusion_png(cm: Sequence[Sequence[float]], labels: Sequence[Any], path: Path,
                  title: str = "Confusion matrix", *, xlabel: str = "predicted",
                  ylabel: str = "gold") -> Path:
    """Draw ``cm[i][j]`` (gold ``labels[i]`` predicted as ``labels[j]``) with counts; return path."""
    plt = _pyplot()
    n = len(labels)
    fig, ax = plt.subplots(figsize=(1.0 + 0.7 * max(n, 2), 0.8 + 0.6 * max(n, 2)))
    data = [[float(v) for v in row] for row in cm] if n else [[0.0]]
    im = ax.imshow(data, cmap="Blues")
    peak = max((max(row) for row in data), default=0.0)
    for i in range(n):
        for j in range(n):
            v = data[i][j]
            ax.text(j, i, f"{v:g}", ha="center", va="center", fontsize=9,
                    color="white" if peak and v > peak / 2 else "black")
    ax.set_xticks(range(n), [str(x) for x in labels], rotation=45 if n > 5 else 0)
    ax.set_yticks(range(n), [str(x) for x in labels])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    fig.colorbar(im, ax=ax, fraction=0.046, pad=0.04)
    return _save(fig, path)


def bars_png(values: Mapping[str, float], path: Path, title: str = "", *,
             xlabel: str = "", ylim: tuple[float, float] | None = None) -> Path:
    """Horizontal bars, one per ``name: value`` (in the mapping's order), labelled; return path."""
    plt = _pyplot()
    names = [str(k) for k in values]
    nums = [float(v) if v is not None else 0.0 for v in values.values()]
    fig, ax = plt.subplots(figsize=(6.5, 0.9 + 0.35 * max(len(names), 1)))
    ax.barh(range(len(names)), nums, color="#4C72B0")
    ax.set_yticks(range(len(names)), names)
    ax.invert_yaxis()
    for i, v in enumerate(nums):
        ax.text(v, i, f" {v:.3g}", va="center", fontsize=8)
    if ylim is not None:
        ax.set_xlim(*ylim)
    elif nums and max(nums) <= 1.0 and min(nums) >= 0.0:
        ax.set_xlim(0, 1.08)  # rates: same scale across reports
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    return _save(fig, path)


def hist_png(values: Sequence[float], path: Path, title: str = "", *,
             xlabel: str = "", bins: int = 20) -> Path:
    """Histogram of ``values`` (e.g. latencies in seconds) with the median marked; return path."""
    plt = _pyplot()
    nums = sorted(float(v) for v in values if v is not None)
    fig, ax = plt.subplots(figsize=(6.0, 3.6))
    if nums:
        ax.hist(nums, bins=max(1, min(bins, len(nums))), color="#55A868")
        median = statistics.median(nums)
        ax.axvline(median, color="black", linestyle="--", linewidth=1)
        ax.text(median, ax.get_ylim()[1] * 0.95, f" median {median:.3g}", fontsize=8, va="top")
    else:
        ax.text(0.5, 0.5, "no values", ha="center", va="center", transform=ax.transAxes)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("count")
    ax.set_title(title)
    return _save(fig, path)
