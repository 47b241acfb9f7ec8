"""Charts for Section 11 and 175 audit summaries, drawn with matplotlib's object API.

Scores run from 0 (not met) to 1 (fully met), whatever rating scale a framework
uses. Every cell and bar carries its number as text, so nothing relies on colour
alone, and every chart has a sentence to go with it (``*_alt_text``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from analysis.charts import literal, render

# Okabe-Ito blue and vermilion (each at least 3:1 against white); the moderated
# bars are hatched as well, so the two series differ without colour.
SELF = "#0072b2"
MODERATED = "#d55e00"
EMPTY = "#f3f2f1"
# A light-to-dark blue ramp: readable with every common colour-vision deficiency.
RAMP = ListedColormap(["#deebf7", "#9ecae1", "#6baed6", "#2171b5", "#08306b"])
LABEL_WIDTH = 38


def _short(label: str) -> str:
    shown = label if len(label) <= LABEL_WIDTH else label[: LABEL_WIDTH - 1] + "…"
    return literal(shown)


def _score_text(score: float | None, missing: str = "–") -> str:
    return missing if score is None else f"{score:.2f}"


def heatmap(
    agencies: Sequence[str],
    standards: Sequence[str],
    scores: Sequence[Sequence[float | None]],
    title: str,
) -> Figure:
    """Agencies (rows) by standards (columns), each cell shaded by its score and
    labelled with it; a cell without a score is pale grey and labelled "–"."""
    rows, columns = len(agencies), len(standards)
    # Fixed margins in inches (no tight_layout: it would lay out every label twice).
    left, right, top, bottom = 2.7, 0.2, 0.8, 0.15
    width = left + 0.75 * max(1, columns) + right
    height = top + 0.3 * max(1, rows) + bottom
    figure = Figure(figsize=(width, height))
    figure.subplots_adjust(
        left=left / width, right=1 - right / width, top=1 - top / height, bottom=bottom / height
    )
    axes = figure.add_subplot()
    values = np.array(
        [[np.nan if s is None else s for s in row] for row in scores], dtype=float
    ).reshape(rows, columns)
    cmap = RAMP.with_extremes(bad=EMPTY)
    axes.imshow(np.ma.masked_invalid(values), cmap=cmap, vmin=0, vmax=1, aspect="auto")
    for i, row in enumerate(scores):
        for j, score in enumerate(row):
            dark = score is not None and score >= 0.6
            axes.text(
                j,
                i,
                _score_text(score),
                ha="center",
                va="center",
                fontsize=8,
                color="#ffffff" if dark else "#0b0c0c",
            )
    axes.set_xticks(range(columns), [literal(s) for s in standards])
    axes.set_yticks(range(rows), [_short(a) for a in agencies])
    axes.tick_params(axis="both", labelsize=8, length=0)
    axes.xaxis.tick_top()
    figure.suptitle(literal(title), x=0.02, y=1 - 0.1 / height, ha="left", va="top", fontsize=11)
    for spine in axes.spines.values():
        spine.set_visible(False)
    axes.set_xticks(np.arange(-0.5, columns, 1), minor=True)
    axes.set_yticks(np.arange(-0.5, rows, 1), minor=True)
    axes.grid(which="minor", color="#ffffff", linewidth=1.5)
    axes.tick_params(which="minor", length=0)
    return figure


def standard_bars(
    standards: Sequence[str],
    self_scores: Sequence[float | None],
    moderated_scores: Sequence[float | None],
    title: str,
) -> Figure:
    """Each standard's mean self score beside its mean moderated score."""
    count = max(1, len(standards))
    figure = Figure(figsize=(8, 1.4 + 0.6 * count))
    axes = figure.add_subplot()
    positions = np.arange(len(standards))[::-1]
    height = 0.38
    series = (
        ("Self score", self_scores, SELF, "", height / 2),
        ("Moderated score", moderated_scores, MODERATED, "//", -height / 2),
    )
    for label, values, colour, hatch, offset in series:
        widths = [0.0 if v is None else v for v in values]
        bars = axes.barh(
            positions + offset,
            widths,
            height=height,
            color=colour,
            hatch=hatch,
            edgecolor="#0b0c0c",
            linewidth=0.6,
            label=label,
        )
        for bar, value in zip(bars, values, strict=True):
            axes.annotate(
                "none" if value is None else f"{value:.2f}",
                (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
            )
    axes.set_yticks(positions, [literal(s) for s in standards])
    axes.set_xlim(0, 1.12)
    axes.set_xlabel("Mean score (0 not met, 1 fully met)")
    axes.set_title(literal(title), loc="left", fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(loc="lower right", bbox_to_anchor=(1, 1), ncols=2, fontsize=8, frameon=False)
    figure.tight_layout()
    return figure


def png(figure: Figure) -> bytes:
    return render(figure, "png")


def heatmap_alt_text(agencies: int, standards: int, title: str) -> str:
    return (
        f"{title}. Heatmap of self scores for {agencies} agencies and {standards} "
        "standards, from 0 (not met, lightest) to 1 (fully met, darkest); each cell "
        "shows its score, and the table has every score with its rating."
    )


def standard_bars_alt_text(
    standards: Sequence[str],
    self_scores: Sequence[float | None],
    moderated_scores: Sequence[float | None],
    title: str,
) -> str:
    parts = [
        f"{code} self {_score_text(own, 'none')}, moderated {_score_text(moderated, 'none')}"
        for code, own, moderated in zip(standards, self_scores, moderated_scores, strict=True)
    ]
    return f"{title}. Bar chart of mean scores from 0 to 1: " + "; ".join(parts) + "."
