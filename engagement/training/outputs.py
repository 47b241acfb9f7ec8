"""Training outputs: the training-impact summary for a period (Word and Excel), written
to drop into the yearly report, and a per-course feedback sheet for the trainer. The same
disclosure control as the pages: nothing from fewer than 5 answers."""

from __future__ import annotations

import datetime as dt

from analysis.training_stats import Change
from engagement.accounts.sessions import SignedInUser
from engagement.models import Course
from engagement.office import spreadsheets, word
from engagement.training import results

WITHHELD = "fewer than 5"


def _change(c: Change | None) -> str:
    if c is None:
        return WITHHELD
    return (
        f"{c.mean_from:.1f} to {c.mean_to:.1f} (change {c.mean_change:+.1f}, "
        f"95% interval {c.low:+.1f} to {c.high:+.1f}; {c.n} people)"
    )


def _period(since: dt.date | None, until: dt.date | None) -> str:
    start = f"{since:%-d %B %Y}" if since else "the start"
    end = f"{until:%-d %B %Y}" if until else "today"
    return f"from {start} to {end}"


def impact_summary_word(user: SignedInUser, since: dt.date | None, until: dt.date | None) -> bytes:
    lines = results.overview(user, since=since, until=until)
    document = word.new_document("Impact of multi-agency safeguarding training")
    answered = sum(line.answered_a for line in lines)
    followed = sum(line.answered_b for line in lines)
    sessions = sum(line.sessions for line in lines)
    document.add_paragraph(
        f"Training {_period(since, until)}: {len(lines)} courses, {sessions} sessions. "
        f"{answered} evaluations straight after a session and {followed} follow-ups "
        "weeks later. Practitioners rated their confidence in each learning objective "
        "before the course and now (a retrospective before-and-now question); the change "
        "is shown with its 95% confidence interval. Figures from fewer than 5 answers are "
        "not shown."
    )
    document.add_heading("Courses", level=2)
    word.table(
        document,
        ["Course", "Sessions", "Evaluations", "Follow-ups", "Relevant to role (agree)",
         "Confidence before to now"],
        [
            [
                line.course.title, str(line.sessions), str(line.answered_a),
                str(line.answered_b),
                f"{line.relevant.share_positive:.0%}" if line.relevant else WITHHELD,
                _change(line.uplift),
            ]
            for line in lines
        ],
    )  # fmt: skip
    return word.save(document)


def impact_summary_excel(user: SignedInUser, since: dt.date | None, until: dt.date | None) -> bytes:
    book = spreadsheets.workbook()
    sheet = book.worksheets[0]
    sheet.title = "Courses"
    sheet.append(
        ["Course", "Level", "Sessions", "Evaluations", "Follow-ups", "Relevant: agree share",
         "Confidence before", "Confidence now", "Change", "95% low", "95% high", "People"]
    )  # fmt: skip
    for line in results.overview(user, since=since, until=until):
        u = line.uplift
        sheet.append(
            [line.course.title, line.course.level, line.sessions, line.answered_a,
             line.answered_b, line.relevant.share_positive if line.relevant else WITHHELD]
            + ([u.mean_from, u.mean_to, u.mean_change, u.low, u.high, u.n] if u else
               [WITHHELD] * 6)
        )  # fmt: skip
    return spreadsheets.save_values_only(book)


def feedback_sheet(user: SignedInUser, course: Course) -> bytes:
    """One course's feedback for its trainers, as Word."""
    found = results.course_results(user, course, results.Filters())
    document = word.new_document(f"Feedback: {course.title}")
    document.add_paragraph(
        f"{found.answered_a} evaluations straight after a session, {found.answered_b} "
        f"follow-ups ({found.linked} linked to their first answers). Figures from fewer "
        "than 5 answers are not shown."
    )
    document.add_heading("Ratings by London framework dimension", level=2)
    word.table(
        document,
        ["Dimension", "People", "Mean (1 to 5)", "Agree or strongly agree"],
        [
            [label, str(r.n), f"{r.mean:.2f}", f"{r.share_positive:.0%}"]
            if r else [label, WITHHELD, "", ""]
            for _code, label, r in found.dimensions
        ],
    )  # fmt: skip
    document.add_heading("Confidence in each learning objective", level=2)
    word.table(
        document,
        ["Objective", "Before to now", "Now to follow-up (linked answers)"],
        [
            [objective, _change(change), _change(kept)]
            for (objective, change), (_o, kept) in zip(found.uplift, found.retention, strict=True)
        ],
    )
    if found.themes:
        document.add_heading("Themes in what people wrote", level=2)
        word.table(
            document,
            ["Question", "Theme", "Answers"],
            [[q, theme, "Fewer than 5" if n is None else str(n)] for q, theme, n in found.themes],
        )
    for written in found.written:
        document.add_heading(written.question, level=2)
        for answer in written.answers:
            document.add_paragraph(answer.text, style="List Bullet")
    return word.save(document)
