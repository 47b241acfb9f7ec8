"""Follow-up reminders: run daily (``flask --app engagement training-reminders``).

Each waiting email address whose follow-up has opened gets one email with the session's
follow-up link (the practitioner enters their own code there), and is then deleted.
Addresses whose follow-up closed unsent are deleted too. The audit log records how many
were sent, never to whom.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import sqlalchemy as sa

from engagement import db, mail
from engagement.accounts import activity_log
from engagement.models import Course, TrainingReminder, TrainingSession
from engagement.public_urls import public_url

SUBJECT = "Your training follow-up is open"


def _body(course_title: str, link: str, closes_on: dt.date) -> str:
    return (
        f"You asked for a reminder about the follow-up to “{course_title}”.\n\n"
        f"It takes about 5 minutes. Open {link} and enter the code you were given "
        f"at the end of your evaluation. It closes on {closes_on:%-d %B %Y}.\n\n"
        "Your email address has now been deleted. It was never linked to your answers."
    )


def send_due(today: dt.date) -> tuple[int, int]:
    """(sent, deleted unsent): each reminder due today or earlier is sent once."""
    rows = (
        db.session()
        .execute(
            sa.select(
                TrainingReminder.id,
                TrainingReminder.email,
                TrainingSession.code,
                TrainingSession.follow_up_closes_on,
                Course.title,
                Course.partnership_id,
            )
            .join(TrainingSession, TrainingSession.id == TrainingReminder.session_id)
            .join(Course, Course.id == TrainingSession.course_id)
            .where(TrainingReminder.due_on <= today)
        )
        .all()
    )
    sent: Counter[str] = Counter()
    expired = 0
    for row in rows:
        with db.transaction() as s:
            if row.follow_up_closes_on >= today:
                link = public_url("training_evaluation.follow_up", code=row.code)
                mail.send(
                    row.email,
                    SUBJECT,
                    _body(row.title, link, row.follow_up_closes_on),
                    respondent=True,
                )
                sent[row.partnership_id] += 1
            else:
                expired += 1
            s.execute(sa.delete(TrainingReminder).where(TrainingReminder.id == row.id))
    with db.transaction() as s:
        for partnership_id, count in sent.items():
            activity_log.record(s, "training_reminders_sent", None, partnership_id, count=count)
    return sum(sent.values()), expired
