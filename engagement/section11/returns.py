"""One agency's return: finding it, what its pages show (with last cycle's answers), and
whether it can still change. Saving answers is in ``audit_answers``, sign-off in
``audit_sign_off``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload

from engagement import db
from engagement.accounts.sessions import SignedInUser
from engagement.models import (
    AuditAnswer,
    AuditCycle,
    AuditDocument,
    AuditFramework,
    AuditQuestion,
    AuditReturn,
    AuditStandard,
    ReturnStatus,
    StaffUser,
)
from engagement.section11.cycles import previous_cycle
from engagement.section11.scales import SCALES, Scale
from forms.vocabulary import NOT_APPLICABLE


class ReturnProblem(ValueError):
    """Something the return can't do now; the message says why, plainly."""


class ReturnLocked(ReturnProblem):
    pass


@dataclass
class ReturnPage:
    """Everything a return's pages show."""

    audit_return: AuditReturn
    framework: AuditFramework
    scale: Scale
    answers: dict[str, AuditAnswer]  # by question id
    documents: dict[str, list[AuditDocument]]  # by question id
    previous: dict[str, AuditAnswer] = field(default_factory=dict)  # last cycle, by question id
    previous_cycle_name: str | None = None
    names: dict[str, str] = field(default_factory=dict)  # staff names by id

    @property
    def editable(self) -> bool:
        return editable(self.audit_return)

    def standard_progress(self, standard: AuditStandard) -> tuple[int, int]:
        done = sum(1 for q in standard.questions if complete(self.answers.get(q.id)))
        return done, len(standard.questions)

    def missing(self) -> list[tuple[AuditStandard, AuditQuestion]]:
        return [
            (standard, question)
            for standard in self.framework.standards
            for question in standard.questions
            if not complete(self.answers.get(question.id))
        ]


def editable(audit_return: AuditReturn) -> bool:
    """Answers change only before the return is submitted for sign-off."""
    return audit_return.status in (ReturnStatus.NOT_STARTED, ReturnStatus.IN_PROGRESS)


def complete(answer: AuditAnswer | None) -> bool:
    if answer is None or answer.rating is None:
        return False
    if answer.rating == NOT_APPLICABLE:
        return bool(answer.not_applicable_reason.strip())
    return True


def get(partnership_id: str, return_id: str) -> AuditReturn | None:
    """A return of this partnership, with its cycle, framework and agency."""
    return db.session().scalar(
        sa.select(AuditReturn)
        .join(AuditCycle, AuditCycle.id == AuditReturn.cycle_id)
        .where(AuditReturn.id == return_id, AuditCycle.partnership_id == partnership_id)
        .options(
            joinedload(AuditReturn.agency),
            joinedload(AuditReturn.cycle)
            .joinedload(AuditCycle.framework)
            .selectinload(AuditFramework.standards)
            .selectinload(AuditStandard.questions),
        )
    )


def page(audit_return: AuditReturn) -> ReturnPage:
    s = db.session()
    framework = audit_return.cycle.framework
    answers = {
        a.question_id: a
        for a in s.scalars(sa.select(AuditAnswer).where(AuditAnswer.return_id == audit_return.id))
    }
    documents: dict[str, list[AuditDocument]] = {}
    for document in s.scalars(
        sa.select(AuditDocument)
        .where(AuditDocument.return_id == audit_return.id)
        .order_by(AuditDocument.uploaded_at)
    ):
        documents.setdefault(document.question_id, []).append(document)
    result = ReturnPage(audit_return, framework, SCALES[framework.scale], answers, documents)
    _add_previous(s, result)
    people = {a.updated_by for a in answers.values()} | {
        audit_return.submitted_by,
        audit_return.approved_by,
    }
    people.discard(None)
    if people:
        rows = s.execute(sa.select(StaffUser.id, StaffUser.name).where(StaffUser.id.in_(people)))
        result.names = {str(user_id): str(name) for user_id, name in rows}
    return result


def _add_previous(s: Session, result: ReturnPage) -> None:
    """Last cycle's answers, matched by standard code and question text (or position)."""
    earlier = previous_cycle(s, result.audit_return.cycle)
    if earlier is None:
        return
    old_return = s.scalar(
        sa.select(AuditReturn).where(
            AuditReturn.cycle_id == earlier.id,
            AuditReturn.agency_id == result.audit_return.agency_id,
        )
    )
    if old_return is None:
        return
    old_answers = {
        a.question_id: a
        for a in s.scalars(
            sa.select(AuditAnswer)
            .where(AuditAnswer.return_id == old_return.id)
            .options(joinedload(AuditAnswer.question).joinedload(AuditQuestion.standard))
        )
    }
    by_text = {(a.question.standard.code, a.question.text): a for a in old_answers.values()}
    by_position = {(a.question.standard.code, a.question.position): a for a in old_answers.values()}
    for standard in result.framework.standards:
        for question in standard.questions:
            match = by_text.get((standard.code, question.text)) or by_position.get(
                (standard.code, question.position)
            )
            if match is not None:
                result.previous[question.id] = match
    result.previous_cycle_name = earlier.name


def lock_for_write(
    s: Session, actor: SignedInUser, return_id: str, checked: bool = False
) -> AuditReturn:
    """The return, row-locked on PostgreSQL so its status can't change under this write.
    ``checked``: the caller has already found it among the actor's partnership's returns."""
    query = sa.select(AuditReturn).where(AuditReturn.id == return_id)
    if not checked:
        query = query.join(AuditCycle, AuditCycle.id == AuditReturn.cycle_id).where(
            AuditCycle.partnership_id == actor.partnership_id
        )
    audit_return = s.scalar(query.with_for_update(of=AuditReturn))
    if audit_return is None:
        raise LookupError(return_id)
    return audit_return


def locked_message(audit_return: AuditReturn) -> str:
    if audit_return.status == ReturnStatus.APPROVED:
        return "This return has been signed off, so it can no longer be changed"
    return "This return is waiting for sign-off. Ask your senior lead to send it back to change it"
