"""One agency's return: answers saved by several contributors, submitted, then signed off.

Every save is checked against the version the contributor started from. When two
people changed the same answer, text is merged, never dropped: each change is also
kept as a revision. A signed-off return is locked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload

from engagement import db
from engagement.audit_scales import NOT_APPLICABLE, SCALES, Scale
from engagement.models import (
    AuditAnswer,
    AuditAnswerRevision,
    AuditCycle,
    AuditDocument,
    AuditFramework,
    AuditQuestion,
    AuditReturn,
    AuditStandard,
    ReturnStatus,
    StaffUser,
)
from engagement.services import audit
from engagement.services.accounts import now
from engagement.services.audit_cycles import previous_cycle
from engagement.services.staff_sessions import SignedInUser

TEXT_FIELDS = ("evidence", "impact", "not_applicable_reason")
LIMITS = {"evidence": 10_000, "impact": 5_000, "not_applicable_reason": 1_000}


class ReturnProblem(ValueError):
    """Something the return can't do now; the message says why, plainly."""


class ReturnLocked(ReturnProblem):
    pass


@dataclass(frozen=True)
class AnswerChange:
    """What a contributor's form said about one question, and the version it started from."""

    question_id: str
    base_version: int
    rating: str | None
    evidence: str
    impact: str
    not_applicable_reason: str


@dataclass
class SavedAnswer:
    question_id: str
    version: int
    merged: bool  # someone else had changed it too: texts were joined
    rating: str | None
    evidence: str
    impact: str
    not_applicable_reason: str


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


@dataclass(frozen=True)
class StandardToSave:
    """What saving one standard's answers needs to know before the write, from one query."""

    agency_id: str  # whose return it is
    scale: Scale
    question_ids: list[str] | None  # the standard's questions in order; None: no such standard


def standard_to_save(
    partnership_id: str, return_id: str, standard_id: str
) -> StandardToSave | None:
    """A return of this partnership and one standard of its framework, for saving as the
    user types; None if there is no such return. Lighter than ``get`` and ``page``: it
    runs on every autosave."""
    standard = sa.and_(
        AuditStandard.framework_id == AuditFramework.id, AuditStandard.id == standard_id
    )
    query = (
        sa.select(AuditReturn.agency_id, AuditFramework.scale, AuditStandard.id, AuditQuestion.id)
        .join(AuditCycle, AuditCycle.id == AuditReturn.cycle_id)
        .join(AuditFramework, AuditFramework.id == AuditCycle.framework_id)
        .outerjoin(AuditStandard, standard)
        .outerjoin(AuditQuestion, AuditQuestion.standard_id == AuditStandard.id)
        .where(AuditReturn.id == return_id, AuditCycle.partnership_id == partnership_id)
        .order_by(AuditQuestion.position)
    )
    rows = db.session().execute(query).all()
    if not rows:
        return None
    agency_id, scale, found_standard, _ = rows[0]
    questions = [str(row[3]) for row in rows if row[3] is not None]
    return StandardToSave(
        str(agency_id), SCALES[scale], questions if found_standard is not None else None
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


def _merge(base: str, theirs: str, ours: str, who: str, when: dt.datetime) -> tuple[str, bool]:
    """Three-way merge of one text: (result, whether both sides' text had to be joined)."""
    if ours == theirs or ours == base:
        return theirs, False
    if theirs == base:
        return ours, False
    if ours.strip() in theirs:
        return theirs, False
    marker = f"[Also written by {who} at {when:%H:%M} on {when:%d/%m/%Y}, at the same time:]"
    return f"{theirs}\n\n{marker}\n{ours}", True


def _check(scale: Scale, change: AnswerChange) -> None:
    allowed = {r.key for r in scale.ratings} | {NOT_APPLICABLE}
    if change.rating is not None and change.rating not in allowed:
        raise ReturnProblem("Choose a rating from the list")
    for name in TEXT_FIELDS:
        if len(getattr(change, name)) > LIMITS[name]:
            raise ReturnProblem(f"Keep each box to {LIMITS[name]:,} characters or fewer")


def _question_scales(s: Session, cycle_id: str, question_ids: set[str]) -> dict[str, Scale]:
    """Those of ``question_ids`` that are in the cycle's framework, each with the framework's
    rating scale: one query, not the whole framework with a query per standard."""
    if not question_ids:
        return {}
    rows = s.execute(
        sa.select(AuditQuestion.id, AuditFramework.scale)
        .select_from(AuditCycle)
        .join(AuditFramework, AuditFramework.id == AuditCycle.framework_id)
        .join(AuditStandard, AuditStandard.framework_id == AuditFramework.id)
        .join(AuditQuestion, AuditQuestion.standard_id == AuditStandard.id)
        .where(AuditCycle.id == cycle_id, AuditQuestion.id.in_(question_ids))
    )
    return {str(question_id): SCALES[scale] for question_id, scale in rows}


def save(actor: SignedInUser, return_id: str, changes: list[AnswerChange]) -> list[SavedAnswer]:
    """Save a contributor's answers in one transaction; merge with anyone else's changes."""
    with db.transaction() as s:
        audit_return = lock_for_write(s, actor, return_id)
        if not editable(audit_return):
            raise ReturnLocked(locked_message(audit_return))
        scales = _question_scales(s, audit_return.cycle_id, {c.question_id for c in changes})
        for change in changes:
            scale = scales.get(change.question_id)
            if scale is None:
                raise LookupError(change.question_id)
            _check(scale, change)
        existing = {
            a.question_id: a
            for a in s.scalars(
                sa.select(AuditAnswer).where(
                    AuditAnswer.return_id == return_id,
                    AuditAnswer.question_id.in_([c.question_id for c in changes]),
                )
            )
        }
        moment = now()
        saved = [_save_one(s, actor, audit_return, existing, change, moment) for change in changes]
        if audit_return.status == ReturnStatus.NOT_STARTED and any(
            answer.version for answer in saved
        ):
            audit_return.status = ReturnStatus.IN_PROGRESS
        return saved


def _save_one(
    s: Session,
    actor: SignedInUser,
    audit_return: AuditReturn,
    existing: dict[str, AuditAnswer],
    change: AnswerChange,
    moment: dt.datetime,
) -> SavedAnswer:
    answer = existing.get(change.question_id)
    if answer is None:
        answer = AuditAnswer(return_id=audit_return.id, question_id=change.question_id, version=0)
        answer.evidence = answer.impact = answer.not_applicable_reason = ""
        s.add(answer)
    values = {name: getattr(change, name) for name in TEXT_FIELDS}
    merged = False
    if change.base_version != answer.version:
        base = s.scalar(
            sa.select(AuditAnswerRevision).where(
                AuditAnswerRevision.answer_id == answer.id,
                AuditAnswerRevision.version == change.base_version,
            )
        )
        for name in TEXT_FIELDS:
            values[name], joined = _merge(
                getattr(base, name) if base else "", getattr(answer, name), values[name],
                actor.name, moment,
            )  # fmt: skip
            merged = merged or joined
        base_rating = base.rating if base else None
        rating = answer.rating if change.rating == base_rating else change.rating
    else:
        rating = change.rating
    unchanged = rating == answer.rating and all(
        values[name] == getattr(answer, name) for name in TEXT_FIELDS
    )
    if not unchanged:
        answer.rating = rating
        for name in TEXT_FIELDS:
            setattr(answer, name, values[name])
        answer.version += 1
        answer.updated_at = moment
        answer.updated_by = actor.id
        s.flush()
        s.add(
            AuditAnswerRevision(
                answer_id=answer.id, version=answer.version, at=moment, by=actor.id,
                rating=answer.rating, evidence=answer.evidence, impact=answer.impact,
                not_applicable_reason=answer.not_applicable_reason,
            )
        )  # fmt: skip
    return SavedAnswer(
        change.question_id, answer.version, merged, answer.rating, answer.evidence,
        answer.impact, answer.not_applicable_reason,
    )  # fmt: skip


def lock_for_write(s: Session, actor: SignedInUser, return_id: str) -> AuditReturn:
    """The return, row-locked on PostgreSQL so its status can't change under this write."""
    audit_return = s.scalar(
        sa.select(AuditReturn)
        .join(AuditCycle, AuditCycle.id == AuditReturn.cycle_id)
        .where(AuditReturn.id == return_id, AuditCycle.partnership_id == actor.partnership_id)
        .with_for_update(of=AuditReturn)
    )
    if audit_return is None:
        raise LookupError(return_id)
    return audit_return


def locked_message(audit_return: AuditReturn) -> str:
    if audit_return.status == ReturnStatus.APPROVED:
        return "This return has been signed off, so it can no longer be changed"
    return "This return is waiting for sign-off. Ask your senior lead to send it back to change it"


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
        audit_return.submitted_at = now()
        audit_return.submitted_by = actor.id
        audit.record(
            s, "audit_return_submitted", actor.id, actor.partnership_id, "audit_return", return_id
        )


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
        audit_return.approved_at = now()
        audit_return.approved_by = actor.id
        audit.record(
            s, "audit_return_approved", actor.id, actor.partnership_id, "audit_return", return_id
        )


def send_back(actor: SignedInUser, return_id: str) -> None:
    """A senior lead sends a submitted return back to be changed."""
    with db.transaction() as s:
        audit_return = lock_for_write(s, actor, return_id)
        _senior(s, actor, audit_return)
        if audit_return.status != ReturnStatus.SUBMITTED:
            raise ReturnProblem("Only a return waiting for sign-off can be sent back")
        audit_return.status = ReturnStatus.IN_PROGRESS
        audit.record(
            s, "audit_return_sent_back", actor.id, actor.partnership_id, "audit_return", return_id
        )


def is_senior(user_id: str) -> bool:
    query = sa.select(StaffUser.senior_lead).where(StaffUser.id == user_id)
    return bool(db.session().scalar(query))


def revisions(answer_id: str) -> list[AuditAnswerRevision]:
    return list(
        db.session().scalars(
            sa.select(AuditAnswerRevision)
            .where(AuditAnswerRevision.answer_id == answer_id)
            .order_by(AuditAnswerRevision.version)
        )
    )
