"""Sending a return for sign-off, and the senior lead signing it off (which locks it)
or sending it back."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from engagement import clock, db
from engagement.accounts import activity_log
from engagement.accounts.sessions import SignedInUser
from engagement.models import (
    AuditAnswer,
    AuditReturn,
    ReturnStatus,
    StaffUser,
)
from engagement.section11 import notices as audit_notices
from engagement.section11.returns import (
    ReturnLocked,
    ReturnProblem,
    complete,
    editable,
    lock_for_write,
    locked_message,
)


def submit(actor: SignedInUser, return_id: str) -> None:
    """Send the return for sign-off: every question needs a rating, or N/A with a reason."""
    with db.transaction() as s:
        audit_return = lock_for_write(s, actor, return_id)
        if not editable(audit_return):
            raise ReturnLocked(locked_message(audit_return))
        answers = {
            a.question_id: a
            for a in s.scalars(sa.select(AuditAnswer).where(AuditAnswer.return_id == return_id))
        }
        missing = [
            f"{standard.code}.{position}"
            for standard in audit_return.cycle.framework.standards
            for position, question in enumerate(standard.questions, start=1)
            if not complete(answers.get(question.id))
        ]
        if missing:
            shown = ", ".join(missing[:8]) + (" and others" if len(missing) > 8 else "")
            raise ReturnProblem(
                f"Answer every question before sending for sign-off. Still to do: {shown}"
            )
        audit_return.status = ReturnStatus.SUBMITTED
        audit_return.sent_back_reason = None
        audit_return.submitted_at = clock.now()
        audit_return.submitted_by = actor.id
        activity_log.record(
            s, "audit_return_submitted", actor.id, actor.partnership_id, "audit_return", return_id
        )
    audit_notices.sent_for_sign_off(actor, return_id)


def _senior(s: Session, actor: SignedInUser, audit_return: AuditReturn) -> None:
    user = s.get(StaffUser, actor.id)
    if user is None or not user.senior_lead or user.agency_id != audit_return.agency_id:
        raise ReturnProblem("Only your agency's senior lead can sign off the return")


def approve(actor: SignedInUser, return_id: str) -> None:
    """A senior lead signs the return off, which locks it."""
    with db.transaction() as s:
        audit_return = lock_for_write(s, actor, return_id)
        _senior(s, actor, audit_return)
        if audit_return.status != ReturnStatus.SUBMITTED:
            raise ReturnProblem("Only a return waiting for sign-off can be signed off")
        audit_return.status = ReturnStatus.APPROVED
        audit_return.approved_at = clock.now()
        audit_return.approved_by = actor.id
        activity_log.record(
            s, "audit_return_approved", actor.id, actor.partnership_id, "audit_return", return_id
        )
    audit_notices.signed_off(actor, return_id)


def send_back(actor: SignedInUser, return_id: str, reason: str) -> None:
    """A senior lead sends a submitted return back to be changed, saying what to change
    (kept on the return and emailed to the agency's leads; the audit log keeps only that
    it happened)."""
    with db.transaction() as s:
        audit_return = lock_for_write(s, actor, return_id)
        _senior(s, actor, audit_return)
        if audit_return.status != ReturnStatus.SUBMITTED:
            raise ReturnProblem("Only a return waiting for sign-off can be sent back")
        audit_return.status = ReturnStatus.IN_PROGRESS
        audit_return.sent_back_reason = reason.strip()
        activity_log.record(
            s, "audit_return_sent_back", actor.id, actor.partnership_id, "audit_return", return_id
        )
    audit_notices.sent_back(actor, return_id, reason)


def is_senior(user_id: str) -> bool:
    query = sa.select(StaffUser.senior_lead).where(StaffUser.id == user_id)
    return bool(db.session().scalar(query))
