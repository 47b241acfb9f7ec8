"""The partnership's review of a return: moderated ratings, challenges and replies,
the action plan, and challenge events where agencies present."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload

from engagement import clock, db
from engagement.accounts import activity_log
from engagement.accounts.sessions import SignedInUser
from engagement.models import (
    ActionStatus,
    Agency,
    AuditAction,
    AuditChallenge,
    AuditCycle,
    AuditModeration,
    AuditReturn,
    ChallengeEvent,
)
from engagement.section11 import notices as audit_notices
from engagement.section11.returns import ReturnProblem, lock_for_write
from engagement.section11.scales import SCALES


def _standard_ids(audit_return: AuditReturn) -> set[str]:
    return {standard.id for standard in audit_return.cycle.framework.standards}


def moderations(return_id: str) -> dict[str, AuditModeration]:
    return {
        m.standard_id: m
        for m in db.session().scalars(
            sa.select(AuditModeration).where(AuditModeration.return_id == return_id)
        )
    }


def challenges(return_id: str) -> list[AuditChallenge]:
    return list(
        db.session().scalars(
            sa.select(AuditChallenge)
            .where(AuditChallenge.return_id == return_id)
            .options(joinedload(AuditChallenge.standard))
            .order_by(AuditChallenge.raised_at)
        )
    )


def actions(audit_return: AuditReturn) -> list[AuditAction]:
    """The return's action plan, and actions still open from the agency's earlier returns."""
    return list(
        db.session().scalars(
            sa.select(AuditAction)
            .join(AuditReturn, AuditReturn.id == AuditAction.return_id)
            .join(AuditCycle, AuditCycle.id == AuditReturn.cycle_id)
            .where(
                AuditReturn.agency_id == audit_return.agency_id,
                AuditCycle.partnership_id == audit_return.cycle.partnership_id,
                sa.or_(
                    AuditAction.return_id == audit_return.id,
                    sa.and_(
                        AuditCycle.opens_on < audit_return.cycle.opens_on,
                        AuditAction.status != ActionStatus.DONE,
                    ),
                ),
            )
            .options(joinedload(AuditAction.standard))
            .order_by(AuditAction.due_on)
        )
    )


def moderate(actor: SignedInUser, return_id: str, standard_id: str, rating: str, note: str) -> None:
    """The partnership's rating for a standard, beside the agency's own."""
    with db.transaction() as s:
        audit_return = lock_for_write(s, actor, return_id)
        if standard_id not in _standard_ids(audit_return):
            raise LookupError(standard_id)
        if rating not in {r.key for r in SCALES[audit_return.cycle.framework.scale].ratings}:
            raise ReturnProblem("Choose a moderated rating")
        moderation = s.scalar(
            sa.select(AuditModeration).where(
                AuditModeration.return_id == return_id,
                AuditModeration.standard_id == standard_id,
            )
        )
        if moderation is None:
            moderation = AuditModeration(return_id=return_id, standard_id=standard_id)
            s.add(moderation)
        moderation.rating, moderation.note = rating, note
        moderation.by, moderation.at = actor.id, clock.now()
        activity_log.record(
            s, "audit_return_moderated", actor.id, actor.partnership_id, "audit_return",
            return_id, standard=standard_id, rating=rating,
        )  # fmt: skip


def challenge(actor: SignedInUser, return_id: str, standard_id: str, body: str) -> None:
    """The partnership challenges a standard's answers; the agency's leads are emailed."""
    with db.transaction() as s:
        audit_return = lock_for_write(s, actor, return_id)
        if standard_id not in _standard_ids(audit_return):
            raise LookupError(standard_id)
        raised = AuditChallenge(
            return_id=return_id, standard_id=standard_id, body=body, raised_by=actor.id,
            raised_at=clock.now(),
        )  # fmt: skip
        s.add(raised)
        s.flush()
        standard = next(
            f"{x.code} {x.title}"
            for x in audit_return.cycle.framework.standards
            if x.id == standard_id
        )
        activity_log.record(
            s, "audit_challenge_raised", actor.id, actor.partnership_id, "audit_return",
            return_id, standard=standard_id,
        )  # fmt: skip
    audit_notices.challenged(actor, return_id, raised.id, standard)


def reply(actor: SignedInUser, return_id: str, challenge_id: str, text: str) -> None:
    """The agency's reply to a challenge (it can be changed until the return is closed)."""
    with db.transaction() as s:
        lock_for_write(s, actor, return_id)
        found = s.get(AuditChallenge, challenge_id)
        if found is None or found.return_id != return_id:
            raise LookupError(challenge_id)
        found.reply, found.replied_by, found.replied_at = text, actor.id, clock.now()
        activity_log.record(
            s, "audit_challenge_answered", actor.id, actor.partnership_id, "audit_return",
            return_id, challenge=challenge_id,
        )  # fmt: skip


def save_action(
    actor: SignedInUser,
    return_id: str,
    action_id: str | None,
    *,
    description: str,
    owner: str,
    due_on: dt.date,
    status: str,
    completion_evidence: str,
    standard_id: str | None,
) -> str:
    """Add an action to the plan (``action_id`` None) or change one; the action's id."""
    if status not in ActionStatus.LABELS:
        raise ReturnProblem("Choose a status")
    if status == ActionStatus.DONE and not completion_evidence.strip():
        raise ReturnProblem("Say what shows the action is done")
    with db.transaction() as s:
        audit_return = lock_for_write(s, actor, return_id)
        if standard_id and standard_id not in _standard_ids(audit_return):
            raise LookupError(standard_id)
        if action_id is None:
            action = AuditAction(return_id=return_id)
            s.add(action)
        else:
            found = s.get(AuditAction, action_id)
            if found is None or found.return_id != return_id:
                raise LookupError(action_id)
            action = found
        action.description, action.owner, action.due_on = description, owner, due_on
        action.status, action.completion_evidence = status, completion_evidence
        action.standard_id = standard_id or None
        action.updated_at = clock.now()
        s.flush()
        activity_log.record(
            s, "audit_action_saved", actor.id, actor.partnership_id, "audit_return", return_id,
            action_id=action.id, status=status,
        )  # fmt: skip
        return action.id


def get_action(return_id: str, action_id: str) -> AuditAction | None:
    action = db.session().get(AuditAction, action_id)
    return action if action is not None and action.return_id == return_id else None


def _cycle(s: Session, actor: SignedInUser, cycle_id: str) -> AuditCycle:
    cycle = s.get(AuditCycle, cycle_id)
    if cycle is None or cycle.partnership_id != actor.partnership_id:
        raise LookupError(cycle_id)
    return cycle


def schedule_event(
    actor: SignedInUser,
    cycle_id: str,
    title: str,
    held_on: dt.date,
    starts_at: str,
    place: str,
    agency_ids: list[str],
) -> str:
    """A challenge event, with the cycle's agencies that will present at it."""
    with db.transaction() as s:
        cycle = _cycle(s, actor, cycle_id)
        in_cycle = {r.agency_id for r in cycle.returns}
        if not set(agency_ids) <= in_cycle:
            raise ReturnProblem("Choose agencies taking part in this cycle")
        event = ChallengeEvent(
            cycle_id=cycle.id, title=title, held_on=held_on, starts_at=starts_at, place=place
        )
        event.agencies = list(s.scalars(sa.select(Agency).where(Agency.id.in_(agency_ids))))
        s.add(event)
        s.flush()
        activity_log.record(
            s, "challenge_event_scheduled", actor.id, actor.partnership_id, "audit_cycle",
            cycle.id, event=event.id,
        )  # fmt: skip
        return event.id


def events_for_agency(agency_id: str, cycle_id: str) -> list[ChallengeEvent]:
    return [
        event
        for event in db.session().scalars(
            sa.select(ChallengeEvent)
            .where(ChallengeEvent.cycle_id == cycle_id)
            .order_by(ChallengeEvent.held_on)
        )
        if any(agency.id == agency_id for agency in event.agencies)
    ]
