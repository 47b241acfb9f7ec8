"""Last cycle's answers, carried into this year's return, and each answer's history."""

from __future__ import annotations

import sqlalchemy as sa

from engagement import db
from engagement.accounts.sessions import SignedInUser
from engagement.models import AuditAnswer, AuditAnswerRevision, StaffUser
from engagement.section11.answers import AnswerChange, save
from engagement.section11.returns import ReturnPage


def carry_forward(actor: SignedInUser, view: ReturnPage, standard_id: str) -> int:
    """Copy last cycle's answers into this standard's unanswered questions; how many.

    Answers someone has already started are left alone. Each copy is an ordinary saved
    change, so it shows in the history and can be edited like any other.
    """
    standard = next(s for s in view.framework.standards if s.id == standard_id)
    changes = []
    for question in standard.questions:
        before = view.previous.get(question.id)
        now = view.answers.get(question.id)
        started = now is not None and (now.rating or now.evidence or now.impact)
        if before is None or started:
            continue
        changes.append(
            AnswerChange(
                question_id=question.id,
                base_version=now.version if now else 0,
                rating=before.rating,
                evidence=before.evidence,
                impact=before.impact,
                not_applicable_reason=before.not_applicable_reason,
            )
        )
    if changes:
        save(actor, view.audit_return.id, changes)
    return len(changes)


def history(return_id: str, question_id: str) -> list[tuple[AuditAnswerRevision, str | None]]:
    """Every saved change to one answer, newest first, with who made it."""
    rows = db.session().execute(
        sa.select(AuditAnswerRevision, StaffUser.name)
        .join(AuditAnswer, AuditAnswer.id == AuditAnswerRevision.answer_id)
        .outerjoin(StaffUser, StaffUser.id == AuditAnswerRevision.by)
        .where(AuditAnswer.return_id == return_id, AuditAnswer.question_id == question_id)
        .order_by(AuditAnswerRevision.version.desc())
    )
    return [(revision, name) for revision, name in rows]
