"""The numbers behind every chart, as rows of text for a page's tables and the summary.

Small numbers follow the staff rule: 1-4 read "fewer than 5" and their shares are not
shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.counts import is_small, shown

__all__ = ["shown"]
from analysis.distributions import Distribution, Interval, Row, pct

NOT_SHOWN = "not shown"
RATHER_NOT_SAY = "I\u2019d rather not say"


def share(count: int, base: int) -> str:
    if base == 0:
        return "\u2013"
    if is_small(count) or is_small(base):
        return NOT_SHOWN
    return pct(count / base)


def cell(count: int, base: int) -> str:
    """A count with its share: "12 (40%)"."""
    if is_small(count):
        return shown(count)
    return f"{shown(count)} ({share(count, base)})"


@dataclass(frozen=True)
class Table:
    head: list[str]
    rows: list[list[str]]
    numeric: int = 1  # columns from this one on are numbers


def _ordered(result: Distribution, ranked: bool) -> tuple[Row, ...]:
    return result.ranked() if ranked else result.rows


def distribution_table(result: Distribution, ranked: bool = False) -> Table:
    """Answers, people and share; "rather not say" after them, on its own."""
    unit = "Share of people who answered" if result.several else "Share"
    rows = [
        [row.label, shown(row.count), share(row.count, result.gave_answer)]
        for row in _ordered(result, ranked)
    ]
    if ranked:
        rows = [[str(rank), *row] for rank, row in enumerate(rows, start=1)]
    blank = [""] if ranked else []
    if result.rather_not_say:
        rows.append([*blank, RATHER_NOT_SAY, shown(result.rather_not_say), "not counted"])
    head = ["Answer", "People", unit]
    return Table(["Rank", *head] if ranked else head, rows, 2 if ranked else 1)


def answered_sentence(result: Distribution) -> str:
    parts = [f"Answered by {shown(result.answered)} of {shown(result.respondents)} people asked"]
    if result.rather_not_say:
        parts.append(f"{shown(result.rather_not_say)} would rather not say")
    if result.not_answered:
        parts.append(f"{shown(result.not_answered)} did not answer")
    return "; ".join(parts) + "."


def interval_text(interval: Interval | None) -> str:
    return str(interval) if interval else "too few answers to tell"


def groups_table(
    labels: list[str],
    results: list[Distribution | None],
    positive: list[Interval | None] | None = None,
) -> Table:
    """One column per group: every answer's count and share, then how many answered."""
    base = next((r for r in results if r is not None), None)
    rows: list[list[str]] = []
    if base is not None:
        for i, row in enumerate(base.rows):
            rows.append(
                [row.label]
                + [cell(r.rows[i].count, r.gave_answer) if r else NOT_SHOWN for r in results]
            )
        rows.append([RATHER_NOT_SAY] + [shown(r.rather_not_say) if r else "" for r in results])
        rows.append(["Answered"] + [shown(r.answered) if r else NOT_SHOWN for r in results])
        if positive is not None:
            rows.append(
                ["Happy or very happy (95% CI)"]
                + [interval_text(p) if r else "" for p, r in zip(positive, results, strict=True)]
            )
    return Table(["Answer", *labels], rows)


def chart_alt(kind: str, title: str, table: Table) -> str:
    """What a chart shows, in one sentence; the table after it has every number."""
    parts = ", ".join(f"{row[-3] if len(row) > 3 else row[0]} {row[-1]}" for row in table.rows)
    return f"{kind} for {title}: {parts}. The table below has the same numbers."


def groups_alt(title: str, table: Table) -> str:
    groups = ", ".join(table.head[1:])
    return f"Bar chart comparing {groups} for {title}. The table below has every group's numbers."
