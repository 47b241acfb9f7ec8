"""A consultation's summary for a board paper: the headline numbers, every question's
chart and table, and the top themes, in Word and as a page to print.

A summary leaves the partnership, so it follows the publishing rules
(``analysis.counts.published``): counts of 1-7 are hidden (*), every other count is
rounded to the nearest 5, and shares are worked out from the rounded counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.figure import Figure

from analysis import charts
from analysis.counts import published
from analysis.distributions import Distribution, distribution, pct
from engagement.models import Consultation
from engagement.office import word
from engagement.results import distributions as d
from engagement.results.charts import question_chart
from engagement.results.tables import RATHER_NOT_SAY, Table
from engagement.themes.results import Filters, question_results

HIDDEN = "*"
RULE = (
    "Counts of 1 to 7 are hidden (*) and all others are rounded to the nearest 5, so that "
    "nobody can be picked out; shares are worked out from the rounded counts."
)
QUOTES_PENDING = (
    "Quotes appear here once a member of staff has read and approved them for publication. "
    "None has been approved yet, so this summary quotes nobody."
)
TOP_THEMES = 5


def rounded(count: int) -> str:
    value = published(count)
    return HIDDEN if value is None else str(value)


def _published(result: Distribution, info: d.QuestionInfo) -> Distribution:
    """The same answers with published counts: hidden ones drawn as none."""
    counts = {row.key: published(row.count) or 0 for row in result.rows}
    answered = published(result.answered) or 0
    declined = published(result.rather_not_say) or 0
    return distribution(
        info.options, counts, published(result.respondents) or 0, answered, declined,
        several=result.several, tones={row.key: row.tone for row in result.rows},
    )  # fmt: skip


def _share(count: int, base: int) -> str:
    shown, whole = published(count), published(base)
    if shown is None or not whole:
        return HIDDEN if shown is None else "\u2013"
    return pct(shown / whole)


def published_table(result: Distribution, ranked: bool) -> Table:
    rows_in = result.ranked() if ranked else result.rows
    rows = [
        [row.label, rounded(row.count), _share(row.count, result.gave_answer)] for row in rows_in
    ]
    if result.rather_not_say:
        rows.append([RATHER_NOT_SAY, rounded(result.rather_not_say), "not counted"])
    unit = "Share of people who answered" if result.several else "Share"
    return Table(["Answer", "People", unit], rows)


@dataclass(frozen=True)
class SummaryQuestion:
    info: d.QuestionInfo
    answered: str
    table: Table | None  # None for a written question
    positive: str  # a scale's share happy or very happy, or ""
    themes: list[tuple[str, str]]  # a written question's top themes: (name, answers)
    shown: Distribution | None = None  # the published counts, for the chart

    @property
    def alt(self) -> str:
        if self.table is None:
            return ""
        parts = ", ".join(f"{row[0]} {row[2]}" for row in self.table.rows)
        return f"Chart of the answers to {self.info.text}: {parts}."


@dataclass(frozen=True)
class Summary:
    title: str
    period: str
    respondents: str
    by_version: list[tuple[str, str]]
    questions: list[SummaryQuestion]


def _themes(consultation: Consultation, key: str) -> list[tuple[str, str]]:
    found = question_results(consultation, key, Filters(), with_quotes=False)
    return [(row.theme.name, rounded(row.count)) for row in found.themes[:TOP_THEMES]]


def summary(consultation: Consultation) -> Summary:
    results = d.results(consultation)
    questions = []
    for q in results.questions:
        answered = f"Answered by {rounded(q.result.answered)} people."
        if q.info.written:
            themes = _themes(consultation, q.info.key)
            questions.append(SummaryQuestion(q.info, answered, None, "", themes))
            continue
        positive = ""
        if q.info.scale and q.result.gave_answer:
            happy = sum(row.count for row in q.result.rows if row.tone == "positive")
            positive = f"Happy or very happy: {_share(happy, q.result.gave_answer)}."
        table = published_table(q.result, q.info.priorities)
        shown = _published(q.result, q.info)
        questions.append(SummaryQuestion(q.info, answered, table, positive, [], shown))
    return Summary(
        consultation.title.get("en", consultation.slug),
        f"{consultation.opens_on:%-d %B %Y} to {consultation.closes_on:%-d %B %Y}",
        rounded(results.respondents),
        [(label, rounded(people)) for label, people in results.by_version],
        questions,
    )


def chart(question: SummaryQuestion) -> Figure | None:
    """A question's chart drawn from the published (rounded) counts."""
    if question.shown is None or not question.shown.answered:
        return None
    return question_chart(question.info, question.shown)


def chart_for(consultation: Consultation, key: str) -> Figure | None:
    found = next((q for q in summary(consultation).questions if q.info.key == key), None)
    return chart(found) if found else None


def word_document(consultation: Consultation) -> bytes:
    found = summary(consultation)
    document = word.new_document(f"{found.title}: summary of results")
    document.add_paragraph(f"Open {found.period}. {found.respondents} people took part.")
    if len(found.by_version) > 1:
        document.add_paragraph(
            "By age band: " + "; ".join(f"{label}: {n}" for label, n in found.by_version) + "."
        )
    document.add_paragraph(RULE)
    for q in found.questions:
        document.add_heading(f"Q{q.info.number}. {q.info.text}", level=2)
        document.add_paragraph(" ".join(part for part in (q.answered, q.positive) if part))
        if q.table is None:
            _theme_lines(document, q.themes)
            continue
        figure = chart(q)
        if figure is not None:
            word.picture(document, charts.render(figure, "png"), q.alt)
        word.table(document, q.table.head, q.table.rows)
    document.add_heading("What young people said, in their words", level=2)
    document.add_paragraph(QUOTES_PENDING)
    return word.save(document)


def _theme_lines(document: word.Document, themes: Sequence[tuple[str, str]]) -> None:
    if not themes:
        document.add_paragraph("No themes yet: run the analysis of the written answers.")
        return
    word.table(document, ["Top themes", "Answers"], [list(row) for row in themes])
