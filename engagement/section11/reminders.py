"""Reminders to agency leads whose return is not in: 14 and 3 days before the deadline,
and the day after it. Run daily (``flask --app engagement audit-reminders``); each
reminder is sent once, and the audit log records it."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from engagement import db, mail
from engagement.accounts import activity_log
from engagement.models import (
    Agency,
    AuditCycle,
    AuditEvent,
    AuditFramework,
    AuditReturn,
    ReturnStatus,
    Role,
    StaffUser,
)
from engagement.public_urls import public_url
from engagement.section11.kinds import kind_of

DAYS_BEFORE = (14, 3)
DAYS_AFTER = (1,)
ACTION = "audit_reminder_sent"


def _when(days_left: int) -> str:
    if days_left < 0:
        return "was due yesterday" if days_left == -1 else f"was due {-days_left} days ago"
    return f"is due in {days_left} days"


def send_reminders(today: dt.date) -> int:
    """Email the leads of every return still to send whose reminder day is today."""
    due_days = [today + dt.timedelta(days=d) for d in DAYS_BEFORE] + [
        today - dt.timedelta(days=d) for d in DAYS_AFTER
    ]
    with db.read() as connection:
        returns = connection.execute(
            sa.select(
                AuditReturn.id,
                AuditReturn.agency_id,
                Agency.name,
                AuditCycle.name,
                AuditCycle.due_on,
                AuditCycle.partnership_id,
                AuditFramework.name,
                AuditFramework.kind,
            )  # fmt: skip
            .join(AuditCycle, AuditCycle.id == AuditReturn.cycle_id)
            .join(AuditFramework, AuditFramework.id == AuditCycle.framework_id)
            .join(Agency, Agency.id == AuditReturn.agency_id)
            .where(
                AuditCycle.due_on.in_(due_days),
                AuditCycle.opens_on <= today,
                AuditReturn.status.in_([ReturnStatus.NOT_STARTED, ReturnStatus.IN_PROGRESS]),
            )
        ).all()
    sent = 0
    for return_id, agency_id, agency, cycle, due_on, partnership_id, framework, kind in returns:
        days_left = (due_on - today).days
        with db.transaction() as s:
            already = s.scalar(
                sa.select(AuditEvent.id).where(
                    AuditEvent.action == ACTION,
                    AuditEvent.object_id == return_id,
                    AuditEvent.at >= dt.datetime.combine(today, dt.time(), dt.UTC),
                )
            )
            if already:
                continue
            leads = s.execute(
                sa.select(StaffUser.email, StaffUser.name).where(
                    StaffUser.agency_id == agency_id,
                    StaffUser.role == Role.AGENCY_LEAD,
                    StaffUser.disabled.is_(False),
                )
            ).all()
            activity_log.record(
                s, ACTION, None, partnership_id, "audit_return", return_id,
                days_left=days_left, leads=len(leads),
            )  # fmt: skip
        link = public_url("staff.section11.audit_return", return_id=return_id)
        for email, name in leads:
            mail.send(
                email,
                f"{agency}: your {cycle} {kind_of(kind).label} self-assessment {_when(days_left)}",
                f"Dear {name},\n\nThe {cycle} {framework} return for {agency} {_when(days_left)} "
                f"(the deadline is {due_on:%-d %B %Y}). It has not been sent for sign-off "
                f"yet.\n\n{link}",
            )
            sent += 1
    return sent
