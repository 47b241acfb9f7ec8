"""The feedback section as a Word document, in the partnership's heading order, ready
to drop into the yearly report."""

from __future__ import annotations

from engagement.office import word
from engagement.yearly_report.content import Cells, Report

HIDDEN = "not shown"


def _cells(cells: Cells) -> str:
    return "; ".join(f"{label}: {HIDDEN if n is None else n}" for label, n in cells) or "none"


def _date(day: object) -> str:
    return f"{day:%-d %B %Y}"


def document(report: Report) -> bytes:
    doc = word.new_document("Feedback from children, families and practitioners")
    doc.add_paragraph(
        f"From {_date(report.since)} to {_date(report.until)}. Counts about young people are "
        "rounded to the nearest 5, and groups of 1 to 7 are not shown, so that nobody can be "
        "picked out."
    )
    for heading in report.headings:
        doc.add_heading(heading.heading, level=2)
        WRITERS[heading.key](doc, report)
    return word.save(doc)


def _sought(doc: word.Document, report: Report) -> None:
    if not report.consulted:
        doc.add_paragraph("No consultations ran in this period.")
        return
    word.table(
        doc,
        ["Consultation", "Open", "Responses", "Age bands", "Languages answered in"],
        [
            [c.title, f"{_date(c.opens_on)} to {_date(c.closes_on)}",
             HIDDEN if c.responses is None else str(c.responses), _cells(c.by_age_band),
             _cells(c.by_language)]
            for c in report.consulted
        ],
    )  # fmt: skip


def _said(doc: word.Document, report: Report) -> None:
    if not report.said:
        doc.add_paragraph("No themes linked to a priority had 8 or more answers.")
    for found in report.said:
        doc.add_heading(found.priority, level=3)
        word.table(doc, ["Theme", "Answers"], [[t, str(n)] for t, n in found.themes])
        for quote in found.quotes:
            doc.add_paragraph(f"“{quote}”", style="Quote")


def _changed(doc: word.Document, report: Report) -> None:
    if not report.changed:
        doc.add_paragraph("No actions were recorded in this period.")
        return
    word.table(
        doc,
        ["What was done or decided", "Who", "When", "Status", "Answers"],
        [
            [a.what, a.by_whom, _date(a.decided_on),
             a.status + (f": {a.reason}" if a.reason else ""), a.answers]
            for a in report.changed
        ],
    )  # fmt: skip


def _little_progress(doc: word.Document, report: Report) -> None:
    if not report.little_progress:
        doc.add_paragraph("Every priority has an action done or under way.")
        return
    doc.add_paragraph("No action done or under way in this period for these priorities:")
    for name in report.little_progress:
        doc.add_paragraph(name, style="List Bullet")


def _section11(doc: word.Document, report: Report) -> None:
    s = report.section11
    if s is None:
        doc.add_paragraph("No Section 11 audit was due in this period.")
        return
    doc.add_paragraph(
        f"{s.cycle}, due {_date(s.due_on)}: {s.returned} of {s.agencies} agencies returned."
    )
    word.table(
        doc,
        ["Standard", "Mean self-assessed score"],
        [[title, "" if mean is None else f"{mean:.1f}"] for title, mean in s.standards],
    )


def _training(doc: word.Document, report: Report) -> None:
    t = report.training
    if t is None:
        doc.add_paragraph("No training was evaluated in this period.")
        return
    doc.add_paragraph(
        f"{t.courses} courses and {t.sessions} sessions: {t.evaluations} evaluations straight "
        f"after a session and {t.follow_ups} follow-ups weeks later. The training-impact "
        "summary has the ratings, confidence before and after, and what changed in practice."
    )


WRITERS = {
    "sought": _sought,
    "said": _said,
    "changed": _changed,
    "little_progress": _little_progress,
    "section11": _section11,
    "training": _training,
}
