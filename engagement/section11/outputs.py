"""Office files made from an audit cycle: a feedback letter for each agency (DOCX),
and the partnership summary (DOCX and XLSX) with the dashboard's tables and charts.

Practitioner results follow the dashboard's rule: fewer than 5 responses are not shown.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import joinedload

from analysis import audit_charts
from analysis.counts import THRESHOLD
from engagement import clock, db
from engagement.models import (
    ActionStatus,
    AuditAction,
    AuditChallenge,
    AuditReturn,
    Partnership,
)
from engagement.office import spreadsheets, word
from engagement.section11.dashboard import Dashboard, moderations, score_text, self_scores
from engagement.section11.scales import SCALES, nearest

DOCX_TYPE = word.DOCX_TYPE
XLSX_TYPE = spreadsheets.XLSX_TYPE
AGENCIES_PER_CHART = 20  # so that each part fits a landscape page
SCORE_RULE = (
    "Scores run from 0 (not met) to 1 (fully met). A self score is the mean of the "
    "agency's ratings in the standard (not applicable and blank answers left out), shown "
    "with the rating nearest to it."
)
SMALL_RULE = (
    f"Practitioners' answers are not shown for an agency and standard with fewer than "
    f"{THRESHOLD} responses, so that nobody can be picked out. {SCORE_RULE}"
)
# Shading for scores 0 (not met) to 4 (fully met), as in the charts; the text is always there.
BAND_FILLS = ("DEEBF7", "9ECAE1", "6BAED6", "2171B5", "08306B")


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _score(value: float | None) -> str:
    return "none" if value is None else score_text(value)


def feedback_letter(audit_return: AuditReturn, today: dt.date | None = None) -> bytes:
    """The partnership's feedback to one agency on its return, as a Word document."""
    s = db.session()
    cycle = audit_return.cycle
    framework = cycle.framework
    scale = SCALES[framework.scale]
    agency = audit_return.agency
    partnership = s.get(Partnership, cycle.partnership_id)
    scores = self_scores(s, scale, cycle.id, audit_return.id)
    moderated = moderations(s, cycle.id, audit_return.id)
    challenges = s.scalars(
        sa.select(AuditChallenge)
        .where(AuditChallenge.return_id == audit_return.id)
        .options(joinedload(AuditChallenge.standard))
        .order_by(AuditChallenge.raised_at)
    ).all()
    actions = s.scalars(
        sa.select(AuditAction)
        .where(AuditAction.return_id == audit_return.id)
        .options(joinedload(AuditAction.standard))
        .order_by(AuditAction.due_on)
    ).all()
    day = today or clock.today()
    document = word.new_document(f"{framework.name}, {cycle.name}: feedback for {agency.name}")
    document.add_paragraph(_date(day))
    document.add_paragraph(f"To the safeguarding lead, {agency.name}")
    document.add_paragraph(
        f"Thank you for your return to the {cycle.name} audit "
        f"({framework.name}), which was due on {_date(cycle.due_on)}. This letter sets "
        "out your own scores beside the partnership's moderated scores for each standard, "
        "the challenges raised with your replies, and the actions in your plan."
    )

    document.add_heading("Scores by standard", level=2)
    document.add_paragraph(f"Rating scale: {scale.name}. {SCORE_RULE}")
    rows = []
    for standard in framework.standards:
        own = scores.get((agency.id, standard.id))
        moderation = moderated.get((agency.id, standard.id))
        rows.append(
            [
                f"{standard.code} {standard.title}",
                "No rating" if own is None else f"{nearest(scale, own).label} ({own:.2f})",
                scale.label(moderation.rating) if moderation else "Not moderated",
                moderation.note if moderation else "",
            ]
        )
    word.table(
        document, ["Standard", "Your self score", "Moderated score", "Moderation note"], rows
    )

    document.add_heading("Challenges and your replies", level=2)
    if not challenges:
        document.add_paragraph("No challenges were raised on this return.")
    for challenge in challenges:
        standard = challenge.standard
        document.add_heading(f"{standard.code} {standard.title}", level=3)
        document.add_paragraph(f"Challenge: {challenge.body}")
        document.add_paragraph(
            f"Your reply: {challenge.reply}" if challenge.reply else "No reply yet."
        )

    document.add_heading("Your actions", level=2)
    if actions:
        word.table(
            document,
            ["Action", "Standard", "Owner", "Due", "Status"],
            [
                [
                    a.description,
                    a.standard.code if a.standard else "Whole return",
                    a.owner,
                    _date(a.due_on) + (" (overdue)" if a.overdue(day) else ""),
                    ActionStatus.LABELS.get(a.status, a.status),
                ]
                for a in actions
            ],
        )
    else:
        document.add_paragraph("There are no actions in your plan.")

    document.add_heading("Next steps", level=2)
    document.add_paragraph(
        "Please keep your action plan up to date as each action is done, with the evidence "
        "that shows its difference for children. The partnership will follow up any action "
        "that goes past its due date, and will look at your progress in the next cycle. "
        "If you disagree with a moderated score, reply to this letter and we will discuss "
        "it with you."
    )
    document.add_paragraph(
        f"With thanks,\n{partnership.name if partnership else 'The partnership'} business unit"
    )
    return word.save(document)


def _heatmap_charts(dashboard: Dashboard) -> Iterator[tuple[bytes, str]]:
    """The heatmap in parts of up to 20 agencies, each as PNG with its alt text."""
    codes = [st.code for st in dashboard.standards]
    rows = dashboard.rows
    parts = max(1, -(-len(rows) // AGENCIES_PER_CHART))
    for part in range(parts):
        chunk = rows[part * AGENCIES_PER_CHART : (part + 1) * AGENCIES_PER_CHART]
        title = f"Self scores, {dashboard.cycle.name}"
        if parts > 1:
            title += f" (part {part + 1} of {parts})"
        figure = audit_charts.heatmap(
            [r.agency for r in chunk],
            codes,
            [[c.self_score for c in r.cells] for r in chunk],
            title,
        )
        yield audit_charts.png(figure), audit_charts.heatmap_alt_text(len(chunk), len(codes), title)


def _means_chart(dashboard: Dashboard) -> tuple[bytes, str]:
    means = dashboard.standard_means()
    codes = [st.code for st, _, _ in means]
    own = [m for _, m, _ in means]
    moderated = [m for _, _, m in means]
    title = f"Mean scores by standard, {dashboard.cycle.name}"
    figure = audit_charts.standard_bars(codes, own, moderated, title)
    alt = audit_charts.standard_bars_alt_text(codes, own, moderated, title)
    return audit_charts.png(figure), alt


def _heatmap_rows(dashboard: Dashboard) -> list[list[str]]:
    return [
        [f"{row.agency} ({row.status})"]
        + [f"Self: {c.self_text}\nModerated: {c.moderated_text}" for c in row.cells]
        for row in dashboard.rows
    ]


def _triangulation_rows(dashboard: Dashboard) -> list[list[str]]:
    rows = []
    for row in dashboard.rows:
        cells = [row.agency]
        for cell, practitioners, compared in row.triangulation():
            text = f"Self {_score(cell.self_score)}\nPractitioners: {practitioners.text}"
            cells.append(f"{text}\n{compared}" if compared else text)
        rows.append(cells)
    return rows


def summary_docx(dashboard: Dashboard) -> bytes:
    """The partnership summary as a Word document (landscape, for the wide tables)."""
    cycle = dashboard.cycle
    document = word.new_document(f"{cycle.framework.name}: summary of {cycle.name}", landscape=True)
    document.add_paragraph(
        f"{len(dashboard.rows)} agencies were asked for a return by "
        f"{_date(cycle.due_on)}; {dashboard.returned} have sent theirs. "
        f"Rating scale: {dashboard.scale.name}. Produced on {_date(dashboard.today)}."
    )
    document.add_paragraph(SMALL_RULE if dashboard.practitioner_survey else SCORE_RULE)
    codes = [st.code for st in dashboard.standards]

    document.add_heading("Standards", level=2)
    word.table(document, ["Code", "Standard"], [[st.code, st.title] for st in dashboard.standards])
    png, alt = _means_chart(dashboard)
    word.picture(document, png, alt)
    means = dashboard.standard_means()
    word.table(
        document,
        ["Standard", "Mean self score", "Mean moderated score"],
        [[st.code, _score(own), _score(moderated)] for st, own, moderated in means],
    )

    document.add_heading("Self and moderated scores by agency", level=2)
    for png, alt in _heatmap_charts(dashboard):
        word.picture(document, png, alt)
    word.table(document, ["Agency", *codes], _heatmap_rows(dashboard))

    document.add_heading("Change since the last cycle", level=2)
    document.add_paragraph(
        f"Each agency's mean self score over all standards, against "
        f"{dashboard.previous_name or 'the previous cycle (there is none)'}."
    )
    word.table(
        document,
        ["Agency", cycle.name, dashboard.previous_name or "Previous cycle", "Change"],
        [[r.agency, r.mean_text, r.previous_text, r.change_text] for r in dashboard.rows],
    )

    document.add_heading("Returns not yet in", level=2)
    if dashboard.non_returns:
        word.table(
            document,
            ["Agency", "Status", "Deadline"],
            [
                [n.agency, n.status, "Overdue" if n.overdue else _date(cycle.due_on)]
                for n in dashboard.non_returns
            ],
        )
    else:
        document.add_paragraph("Every agency has sent its return.")

    document.add_heading("Overdue actions", level=2)
    if dashboard.overdue_actions:
        word.table(
            document,
            ["Agency", "Action", "Owner", "Due", "Standard", "Status"],
            [
                [
                    a.agency,
                    a.description,
                    a.owner,
                    _date(a.due_on),
                    a.standard or "Whole return",
                    a.status,
                ]
                for a in dashboard.overdue_actions
            ],  # fmt: skip
        )
    else:
        document.add_paragraph("No action is overdue.")

    if dashboard.practitioner_survey:
        document.add_heading("Self-ratings beside practitioners' views", level=2)
        document.add_paragraph(
            "Practitioners' score: yes counts 1, partly 0.5 and no 0; “don’t know” is left out."
        )
        word.table(document, ["Agency", *codes], _triangulation_rows(dashboard))
    return word.save(document)


# Excel ------------------------------------------------------------------------------


def _header(sheet: Worksheet, *names: str) -> None:
    sheet.append(list(names))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = f"B{sheet.max_row + 1}"


def _widths(sheet: Worksheet, *widths: int) -> None:
    for index, width in enumerate(widths):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width


def _triangulation_sheet(book: Workbook, dashboard: Dashboard) -> None:
    views = book.create_sheet("Triangulation")
    _header(
        views, "Agency", "Standard", "Self score", "Self rating", "Practitioner responses",
        "Practitioners' score", "Comparison",
    )  # fmt: skip
    for row in dashboard.rows:
        for st, (c, p, compared) in zip(dashboard.standards, row.triangulation(), strict=True):
            responses: object = p.responses if p.shown or (p.asked and not p.responses) else p.text
            score = round(p.score, 2) if p.shown and p.score is not None else None
            own = None if c.self_score is None else round(c.self_score, 2)
            views.append([row.agency, st.code, own, c.self_label, responses, score, compared])
    _widths(views, 36, 10, 10, 28, 30, 14, 28)


def summary_xlsx(dashboard: Dashboard) -> bytes:
    """The partnership summary as a spreadsheet: one sheet per table, and the charts."""
    cycle = dashboard.cycle
    book = spreadsheets.workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Summary"
    for label, value in (
        ("Framework", cycle.framework.name),
        ("Cycle", cycle.name),
        ("Deadline", cycle.due_on),
        ("Rating scale", dashboard.scale.name),
        ("Agencies asked", len(dashboard.rows)),
        ("Returns sent", dashboard.returned),
        ("Previous cycle", dashboard.previous_name or "None"),
        ("Produced", dashboard.today),
        ("Notes", SMALL_RULE if dashboard.practitioner_survey else SCORE_RULE),
    ):
        summary.append([label, value])
    _widths(summary, 18, 100)

    heat = book.create_sheet("Heatmap")
    columns = ["Agency", "Return"]
    for st in dashboard.standards:
        columns += [f"{st.code} self rating", f"{st.code} self score", f"{st.code} moderated"]
    _header(heat, *columns)
    for row in dashboard.rows:
        values: list[object] = [row.agency, row.status]
        for c in row.cells:
            score = None if c.self_score is None else round(c.self_score, 2)
            values += [c.self_label or "No rating", score, c.moderated_text]
        heat.append(values)
        for i, c in enumerate(row.cells):
            if c.band != "none":
                cell = heat.cell(row=heat.max_row, column=4 + 3 * i)
                cell.fill = PatternFill("solid", fgColor=BAND_FILLS[int(c.band)])
                cell.font = Font(color="FFFFFF" if int(c.band) >= 3 else "0B0C0C")
    _widths(heat, 36, 20, *([24, 10, 24] * len(dashboard.standards)))

    change = book.create_sheet("Year on year")
    _header(change, "Agency", cycle.name, dashboard.previous_name or "Previous cycle", "Change")
    for row in dashboard.rows:
        change.append([
            row.agency,
            None if row.mean is None else round(row.mean, 2),
            None if row.previous_mean is None else round(row.previous_mean, 2),
            row.change_text,
        ])  # fmt: skip
    _widths(change, 36, 14, 14, 20)

    missing = book.create_sheet("Non-returns")
    _header(missing, "Agency", "Status", "Overdue")
    for n in dashboard.non_returns:
        missing.append([n.agency, n.status, "Yes" if n.overdue else "No"])
    _widths(missing, 36, 24, 10)

    overdue = book.create_sheet("Overdue actions")
    _header(overdue, "Agency", "Action", "Owner", "Due", "Standard", "Status")
    for a in dashboard.overdue_actions:
        overdue.append([a.agency, a.description, a.owner, a.due_on, a.standard, a.status])
    _widths(overdue, 36, 60, 24, 12, 10, 14)

    if dashboard.practitioner_survey:
        _triangulation_sheet(book, dashboard)

    pictures = book.create_sheet("Charts")
    pictures.column_dimensions["A"].width = 120
    at = 1
    for png, alt in [_means_chart(dashboard), *_heatmap_charts(dashboard)]:
        pictures.cell(row=at, column=1, value=alt).alignment = Alignment(wrap_text=True)
        image = Image(io.BytesIO(png))
        pictures.add_image(image, f"A{at + 1}")
        at += 3 + int(image.height / 20)

    return spreadsheets.save_values_only(book)
