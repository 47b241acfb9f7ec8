"""Charts as SVG or PNG bytes, drawn with matplotlib's object API (never pyplot in a web process).

Every chart comes with the same numbers as a table on the page (its text alternative).
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Sequence

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.dates import date2num
from matplotlib.figure import Figure

from analysis.counts import THRESHOLD, is_small, shown

# Fixed ids inside SVGs, so the same chart is the same file (repeatable exports).
matplotlib.rcParams["svg.hashsalt"] = "engagement-charts"

BAR = "#5b2a86"
SMALL = "#b1b4b6"


_LINE_BREAKS = dict.fromkeys(map(ord, "\r\x0b\x0c\x85\u2028\u2029"), "\n")


def _drawable(ch: str) -> bool:
    return ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cs", "Cn")


def literal(text: str) -> str:
    """Text drawn as written: matplotlib reads "$...$" as mathematics, which a name
    like "Hope $ave" would break (or fail to draw). Control characters, which no font
    draws (a vertical tab pasted from Word), are left out; line breaks are new lines."""
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS).replace("\t", " ")
    return "".join(ch for ch in text if _drawable(ch)).replace("$", r"\$")


def responses_per_day(days: Sequence[tuple[dt.date, int]], title: str) -> bytes:
    """A bar chart of responses per day. Days with fewer than 5 are drawn as a grey,
    hatched bar of height 5, so the exact small number is never shown."""
    figure = Figure(figsize=(8, 3), dpi=100)
    FigureCanvasSVG(figure)
    axes = figure.add_subplot()
    dates = date2num([day for day, _ in days])  # type: ignore[no-untyped-call]
    heights = [THRESHOLD if is_small(count) else count for _, count in days]
    colours = [SMALL if is_small(count) else BAR for _, count in days]
    hatches = ["//" if is_small(count) else "" for _, count in days]
    bars = axes.bar(dates, heights, color=colours, width=0.8)
    axes.xaxis_date()
    for bar, hatch in zip(bars, hatches, strict=True):
        bar.set_hatch(hatch)
    axes.set_title(literal(title), loc="left", fontsize=11)
    axes.set_ylabel("Responses")
    axes.spines[["top", "right"]].set_visible(False)
    figure.autofmt_xdate()
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


# Charts for the analysis pages -----------------------------------------------------
# Colours from the Okabe-Ito palette (safe for colour-blind readers), each at least
# 3:1 against white; small counts are hatched grey and never drawn at their size.

SENTIMENT_COLOURS = {
    "positive": "#0072b2",
    "neutral": "#505a5f",
    "negative": "#b35000",
    "not scored": "#ffffff",
}


def bar_chart(
    rows: Sequence[tuple[str, int]],
    title: str,
    unit: str = "Answers",
    colours: Sequence[str] | None = None,
) -> Figure:
    """Horizontal bars, largest at the top; counts of 1-4 drawn as "fewer than 5"."""
    height = 1.2 + 0.42 * max(1, len(rows))
    figure = Figure(figsize=(8, height), dpi=100)
    axes = figure.add_subplot()
    labels = [literal(label) for label, _ in rows][::-1]
    counts = [count for _, count in rows][::-1]
    fills = list(colours)[::-1] if colours else [BAR] * len(rows)
    widths = [THRESHOLD if is_small(c) else c for c in counts]
    bars = axes.barh(range(len(rows)), widths, color=fills, edgecolor="#0b0c0c", linewidth=0.6)
    for bar, count in zip(bars, counts, strict=True):
        if is_small(count):
            bar.set_facecolor(SMALL)
            bar.set_hatch("//")
        axes.annotate(
            shown(count),
            (bar.get_width(), bar.get_y() + bar.get_height() / 2),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
        )
    axes.set_yticks(range(len(rows)), labels)
    axes.set_xlabel(unit)
    axes.set_title(literal(title), loc="left", fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    axes.margins(x=0.15)
    figure.tight_layout()
    return figure


def render(figure: Figure, kind: str) -> bytes:
    """The figure as SVG or PNG bytes (no timestamps, so output is repeatable)."""
    out = io.BytesIO()
    if kind == "svg":
        FigureCanvasSVG(figure)
        figure.savefig(out, format="svg", metadata={"Date": None})
    elif kind == "png":
        FigureCanvasAgg(figure)
        figure.savefig(out, format="png", metadata={"Software": None})
    else:
        raise ValueError(f"unknown chart format {kind!r}")
    return out.getvalue()


def alt_text(title: str, rows: Sequence[tuple[str, int]], unit: str = "answers") -> str:
    """A sentence that says what the chart shows; the table on the page has the detail."""
    if not rows:
        return f"{title}: no {unit} yet."
    parts = ", ".join(f"{label} {shown(count)}" for label, count in rows)
    return f"{title}. Bar chart of {unit}: {parts}."
