"""Charts as SVG bytes, drawn with matplotlib's object API (never pyplot in a web process).

Every chart comes with the same numbers as a table on the page (its text alternative).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.dates import date2num
from matplotlib.figure import Figure

from analysis.counts import THRESHOLD, is_small

BAR = "#5b2a86"
SMALL = "#b1b4b6"


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
    axes.set_title(title, loc="left", fontsize=11)
    axes.set_ylabel("Responses")
    axes.spines[["top", "right"]].set_visible(False)
    figure.autofmt_xdate()
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()
