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
