"""The analysis page's charts, drawn from the same results as its tables."""

from __future__ import annotations

from analysis import charts
from engagement.models import Consultation
from engagement.themes.results import (
    Filters,
    free_text_questions,
    question_results,
)

CHARTS = ("themes", "sentiment", "trend")


def question_chart(
    consultation: Consultation, key: str, filters: Filters, chart: str, kind: str
) -> bytes:
    """One chart as SVG or PNG bytes. Raises FilterRefused as the page does."""
    question = free_text_questions(consultation).get(key, key)
    results = question_results(consultation, key, filters, with_quotes=False)
    if chart == "themes":
        rows = [(row.theme.name, row.count) for row in results.themes]
        figure = charts.bar_chart(rows, f"Themes: {question}"[:90])
    elif chart == "trend":
        figure = charts.bar_chart(results.by_month, f"Answers by month: {question}"[:90])
    else:
        figure = charts.bar_chart(
            [(label.capitalize(), n) for label, n in results.sentiments],
            f"Sentiment: {question}"[:90],
            colours=[charts.SENTIMENT_COLOURS[label] for label, _ in results.sentiments],
        )
    return charts.render(figure, kind)
