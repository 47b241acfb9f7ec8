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


# Results of closed questions ---------------------------------------------------------
# A smiley or agreement scale as diverging stacked bars (the standard for Likert data):
# unhappy answers to the left of zero, happy ones to the right, "okay" split across it.
# Blues and oranges from the Okabe-Ito palette, each segment outlined.

SCALE_COLOURS = ("#b35000", "#e69f00", "#d9d9d9", "#56b4e9", "#0072b2")
EDGE = "#0b0c0c"


def diverging_bars(
    rows: Sequence[tuple[str, Sequence[int]]],
    labels: Sequence[str],
    title: str,
    axis_label: str = "Share of answers (%): unhappy to the left, happy to the right",
) -> Figure:
    """One bar per group: ``rows`` are (group, counts of the five answers, negative first).
    Shares are of each group's answers; a count of 1-4 is drawn hatched grey at the width
    of 5, so the exact small number is never shown."""
    height = 1.6 + 0.5 * max(1, len(rows))
    figure = Figure(figsize=(8, height), dpi=100)
    axes = figure.add_subplot()
    for y, (_group, counts) in enumerate(reversed(rows)):
        total = sum(counts) or 1
        widths = [100 * (THRESHOLD if is_small(c) else c) / total for c in counts]
        left = -(widths[0] + widths[1] + widths[2] / 2)
        for i, (width, count) in enumerate(zip(widths, counts, strict=True)):
            small = is_small(count)
            bar = axes.barh(
                y, width, left=left, color=SMALL if small else SCALE_COLOURS[i],
                edgecolor=EDGE, linewidth=0.6, label=labels[i] if y == 0 else None,
            )  # fmt: skip
            if small:
                bar[0].set_hatch("//")
            left += width
    axes.axvline(0, color=EDGE, linewidth=1)
    axes.set_yticks(range(len(rows)), [literal(group) for group, _ in reversed(rows)])
    axes.set_xlabel(axis_label)
    axes.xaxis.set_major_formatter(lambda value, _pos: f"{abs(value):.0f}%")
    axes.set_title(literal(title), loc="left", fontsize=11)
    axes.spines[["top", "right", "left"]].set_visible(False)
    axes.set_xlim(-100, 100)
    axes.legend(
        [literal(label) for label in labels], loc="upper center", bbox_to_anchor=(0.5, -0.35),
        ncol=5, fontsize=8, frameon=False,
    )  # fmt: skip
    figure.tight_layout()
    return figure


def share_bars(
    answers: Sequence[str],
    groups: Sequence[tuple[str, Sequence[int], int]],
    title: str,
    unit: str = "Share of people who answered (%)",
) -> Figure:
    """Horizontal bars of each answer's share, one bar per group side by side. ``groups``
    are (name, counts per answer, people who answered). Counts of 1-4 are hatched grey
    at the width of 5."""
    colours = ("#0072b2", "#b35000", "#009e73", "#cc79a7", "#505a5f", "#5b2a86", "#8a6d00")
    per = max(1, len(groups))
    height = 1.4 + 0.3 * len(answers) * per
    figure = Figure(figsize=(8, height), dpi=100)
    axes = figure.add_subplot()
    thickness = 0.8 / per
    for g, (name, counts, base) in enumerate(groups):
        for a, count in enumerate(counts):
            y = len(answers) - 1 - a + (per - 1 - g - (per - 1) / 2) * thickness
            small = is_small(count)
            width = 100 * (THRESHOLD if small else count) / (base or 1)
            bar = axes.barh(
                y, width, height=thickness, color=SMALL if small else colours[g % len(colours)],
                edgecolor=EDGE, linewidth=0.5, label=literal(name) if a == 0 else None,
            )  # fmt: skip
            if small:
                bar[0].set_hatch("//")
    axes.set_yticks(range(len(answers)), [literal(a) for a in reversed(answers)])
    axes.set_xlabel(unit)
    axes.set_title(literal(title), loc="left", fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    if len(groups) > 1:
        axes.legend(loc="lower right", fontsize=8)
    figure.tight_layout()
    return figure
