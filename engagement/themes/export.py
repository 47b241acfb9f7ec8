"""A question's results as a spreadsheet for reports, with the published rules
applied: counts of 1-7 hidden (*), others rounded to the nearest 5, and a second
cell hidden wherever a total would give a hidden one away."""

from __future__ import annotations

from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from analysis.counts import published, published_row
from engagement import clock
from engagement.models import Consultation
from engagement.office import spreadsheets
from engagement.themes.results import Filters, question_results

HIDDEN = "*"
RULE = (
    "Counts of 1 to 7 are hidden (*) and all others are rounded to the nearest 5, so "
    "that nobody can be picked out. Where a total would reveal a hidden count, another "
    "count is hidden too. An answer can be in more than one theme."
)


def _cell(value: int | None) -> int | str:
    return HIDDEN if value is None else value


def _header(sheet: Worksheet, *names: str) -> None:
    sheet.append(list(names))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def question_workbook(consultation: Consultation, key: str, filters: Filters) -> bytes:
    results = question_results(consultation, key, filters)
    book = spreadsheets.workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Summary"
    summary.append(["Consultation", consultation.title.get("en", "")])
    summary.append(["Question", results.text])
    summary.append(["Answers", _cell(published(results.answered))])
    chosen = [f"{name}: {value}" for name, value in vars(filters).items() if value]
    summary.append(["Filters", "; ".join(chosen) or "None"])
    summary.append(["Produced", clock.today().isoformat()])
    summary.append(["Small numbers", RULE])
    summary.column_dimensions["A"].width = 16
    summary.column_dimensions["B"].width = 90

    themes = book.create_sheet("Themes")
    _header(themes, "Theme", "Answers", "Positive", "Neutral", "Negative", "Priorities")
    for row in results.themes:
        moods = [row.sentiments.get(label, 0) for label in ("positive", "neutral", "negative")]
        not_scored = row.count - sum(moods)
        cells = published_row([*moods, not_scored])
        themes.append(
            [
                row.theme.name,
                _cell(published(row.count)),
                *[_cell(value) for value in cells[:3]],
                ", ".join(p.name for p in row.theme.priorities),
            ]
        )
    themes.column_dimensions["A"].width = 40
    themes.column_dimensions["F"].width = 40

    moods = book.create_sheet("Sentiment")
    _header(moods, "Sentiment", "Answers")
    counts = [count for _, count in results.sentiments]
    for (label, _), value in zip(results.sentiments, published_row(counts), strict=True):
        moods.append([label.capitalize(), _cell(value)])
    moods.append(["Total", _cell(published(results.answered))])

    quotes = book.create_sheet("Quotes")
    quotes.append(["Read every quote before you publish it. Quotes are redacted."])
    _header(quotes, "Theme", "Quote")
    for row in results.themes:
        for quote in row.quotes:
            quotes.append([row.theme.name, quote.text])
    quotes.column_dimensions["A"].width = 40
    quotes.column_dimensions["B"].width = 100

    return spreadsheets.save_values_only(book)
