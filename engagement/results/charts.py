"""The results pages' charts, drawn from the same results as their tables."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure

from analysis import charts
from analysis.distributions import Distribution
from engagement.results.comparisons import ComparedQuestion, RoundQuestion
from engagement.results.distributions import QuestionInfo


def _title(info: QuestionInfo) -> str:
    return f"Q{info.number}. {info.text}"[:90]


def _counts(result: Distribution) -> list[int]:
    return [row.count for row in result.rows]


def _groups(info: QuestionInfo, named: Sequence[tuple[str, Distribution]]) -> Figure | None:
    named = [(name, result) for name, result in named if not result.small]
    if not named:
        return None
    labels = [label for _key, label in info.options]
    if info.scale:
        return charts.diverging_bars(
            [(name, _counts(result)) for name, result in named], labels, _title(info)
        )
    order = list(range(len(labels)))
    if info.priorities and len(named) == 1:  # ranked, most chosen first
        order.sort(key=lambda i: -named[0][1].rows[i].count)
    return charts.share_bars(
        [labels[i] for i in order],
        [(name, [_counts(result)[i] for i in order], result.gave_answer) for name, result in named],
        _title(info),
    )


def question_chart(info: QuestionInfo, result: Distribution) -> Figure | None:
    """One question's answers from everyone; None for a written question or too few."""
    if info.written:
        return None
    return _groups(info, [("Everyone", result)])


def compared_chart(question: ComparedQuestion) -> Figure | None:
    return _groups(
        question.info,
        [(group.label, result) for group, result in question.groups if result is not None],
    )


def rounds_chart(question: RoundQuestion, now: str, before: str) -> Figure | None:
    return _groups(question.info, [(now, question.now), (before, question.before)])
