"""Small counts, shown safely: under 5 becomes "fewer than 5" (disclosure control)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

THRESHOLD = 5


def is_small(count: int, threshold: int = THRESHOLD) -> bool:
    return 0 < count < threshold


def shown(count: int, threshold: int = THRESHOLD) -> str:
    """A count as staff may see it."""
    return f"fewer than {threshold}" if is_small(count, threshold) else str(count)


def percentage(part: int, whole: int, threshold: int = THRESHOLD) -> str:
    """A percentage, withheld when either number is small enough to identify someone."""
    if whole == 0:
        return "none yet"
    if is_small(part, threshold) or is_small(whole, threshold):
        return "not shown (fewer than 5)"
    return f"{round(100 * part / whole)}%"


@dataclass(frozen=True)
class Share:
    label: str
    count: int

    @property
    def shown(self) -> str:
        return shown(self.count)


def shares(counts: Sequence[tuple[str, int]]) -> list[Share]:
    """Rows for a table, largest first."""
    return [Share(label, count) for label, count in sorted(counts, key=lambda row: -row[1])]


# Published outputs (the yearly report, public pages, exports) -----------------------
# NHS Digital's rule: 0 stays 0, 1-7 are hidden, everything else is rounded to the nearest 5.

PUBLISHED_HIDE_UP_TO = 7
ROUND_TO = 5


def published(count: int) -> int | None:
    """A count as it may be published: None when hidden."""
    if count == 0:
        return 0
    if count <= PUBLISHED_HIDE_UP_TO:
        return None
    return ROUND_TO * round(count / ROUND_TO)


def published_row(counts: Sequence[int]) -> list[int | None]:
    """A row of counts whose total is also published.

    Hides 1-7 (primary suppression). If exactly one cell would be hidden, the total
    would give it away, so the next smallest shown cell is hidden too (secondary
    suppression)."""
    shown_cells: list[int | None] = [published(count) for count in counts]
    hidden = [i for i, value in enumerate(shown_cells) if value is None]
    if len(hidden) == 1:
        candidates = [
            (count, i) for i, count in enumerate(counts) if shown_cells[i] not in (None, 0)
        ]
        if candidates:
            shown_cells[min(candidates)[1]] = None
    return shown_cells


def difference_is_safe(wider: int, narrower: int, threshold: int = THRESHOLD) -> bool:
    """Two filters whose results differ by 1-4 people would single those people out."""
    gap = wider - narrower
    return not 0 < gap < threshold
