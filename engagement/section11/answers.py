"""Saving a return's answers: several contributors at once, none of their text lost.

Every save says which version of each answer it started from. When someone else has
saved since, text is merged three ways (with the revision the contributor started
from), never dropped, and every change is kept as a revision.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from engagement import clock, db
from engagement.accounts.sessions import SignedInUser
from engagement.models import (
    AuditAnswer,
    AuditAnswerRevision,
    AuditCycle,
    AuditFramework,
    AuditQuestion,
    AuditReturn,
    AuditStandard,
    ReturnStatus,
)
from engagement.section11.returns import (
    ReturnLocked,
    ReturnProblem,
    editable,
    lock_for_write,
    locked_message,
)
from engagement.section11.scales import SCALES, Scale
from forms.vocabulary import AUDIT_ANSWER_LIMITS, NOT_APPLICABLE

TEXT_FIELDS = tuple(AUDIT_ANSWER_LIMITS)  # evidence, impact, not_applicable_reason


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
    for name, limit in AUDIT_ANSWER_LIMITS.items():
        if len(getattr(change, name)) > limit:
            raise ReturnProblem(f"Keep each box to {limit:,} characters or fewer")


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


def save(
    actor: SignedInUser,
    return_id: str,
    changes: list[AnswerChange],
    target: StandardToSave | None = None,
) -> list[SavedAnswer]:
    """Save a contributor's answers in one transaction; merge with anyone else's changes.

    ``target``, from ``standard_to_save`` for this return, has already checked the
    partnership and read the scale and the standard's questions: they are not read again."""
    with db.transaction() as s:
        audit_return = lock_for_write(s, actor, return_id, checked=target is not None)
        if not editable(audit_return):
            raise ReturnLocked(locked_message(audit_return))
        if target is None:
            scales = _question_scales(s, audit_return.cycle_id, {c.question_id for c in changes})
        else:
            scales = dict.fromkeys(target.question_ids or [], target.scale)
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
        moment = clock.now()
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


def revisions(answer_id: str) -> list[AuditAnswerRevision]:
    return list(
        db.session().scalars(
            sa.select(AuditAnswerRevision)
            .where(AuditAnswerRevision.answer_id == answer_id)
            .order_by(AuditAnswerRevision.version)
        )
    )
