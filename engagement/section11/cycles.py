"""Audit cycles: the partnership opens one for a framework, picks agencies and sets dates."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload, selectinload

from engagement import clock, db, mail
from engagement.accounts import activity_log
from engagement.accounts.sessions import SignedInUser
from engagement.models import (
    Agency,
    AuditCycle,
    AuditFramework,
    AuditReturn,
    AuditStandard,
    ChallengeEvent,
    ReturnStatus,
    Role,
    StaffUser,
)
from engagement.public_urls import public_url
from engagement.section11.kinds import kind_of


class CycleProblem(ValueError):
    """A cycle that can't be made or changed; the message says why."""


@dataclass(frozen=True)
class CycleSummary:
    cycle: AuditCycle
    returns: int
    signed_off: int


def new_practitioner_code() -> str:
    return secrets.token_urlsafe(12)


def listing(partnership_id: str) -> list[CycleSummary]:
    rows = db.session().execute(
        sa.select(
            AuditReturn.cycle_id,
            sa.func.count(),
            sa.func.count().filter(AuditReturn.status == ReturnStatus.APPROVED),
        )
        .join(AuditCycle, AuditCycle.id == AuditReturn.cycle_id)
        .where(AuditCycle.partnership_id == partnership_id)
        .group_by(AuditReturn.cycle_id)
    )
    counts = {cycle_id: (total, approved) for cycle_id, total, approved in rows}
    cycles = db.session().scalars(
        sa.select(AuditCycle)
        .where(AuditCycle.partnership_id == partnership_id)
        .options(joinedload(AuditCycle.framework))
        .order_by(AuditCycle.opens_on.desc(), AuditCycle.name)
    )
    return [CycleSummary(c, *counts.get(c.id, (0, 0))) for c in cycles]


def get(partnership_id: str, cycle_id: str) -> AuditCycle | None:
    return db.session().scalar(
        sa.select(AuditCycle)
        .where(AuditCycle.id == cycle_id, AuditCycle.partnership_id == partnership_id)
        .options(
            joinedload(AuditCycle.framework)
            .selectinload(AuditFramework.standards)
            .selectinload(AuditStandard.questions),
            selectinload(AuditCycle.returns).joinedload(AuditReturn.agency),
            selectinload(AuditCycle.events).selectinload(ChallengeEvent.agencies),
        )
    )


def returns_for_agency(agency_id: str) -> list[AuditReturn]:
    """An agency's returns, newest cycle first (an agency lead's list)."""
    return list(
        db.session().scalars(
            sa.select(AuditReturn)
            .join(AuditCycle, AuditCycle.id == AuditReturn.cycle_id)
            .where(AuditReturn.agency_id == agency_id)
            .options(joinedload(AuditReturn.cycle).joinedload(AuditCycle.framework))
            .order_by(AuditCycle.opens_on.desc())
        )
    )


def previous_cycle(s: Session, cycle: AuditCycle) -> AuditCycle | None:
    """The partnership's last cycle of the same kind of framework before this one."""
    return s.scalar(
        sa.select(AuditCycle)
        .join(AuditFramework, AuditFramework.id == AuditCycle.framework_id)
        .where(
            AuditCycle.partnership_id == cycle.partnership_id,
            AuditCycle.id != cycle.id,
            AuditCycle.opens_on < cycle.opens_on,
            AuditFramework.kind == cycle.framework.kind,
        )
        .order_by(AuditCycle.opens_on.desc())
        .limit(1)
    )


def create(
    actor: SignedInUser,
    framework_id: str,
    name: str,
    opens_on: dt.date,
    due_on: dt.date,
    agency_ids: list[str],
) -> str:
    """Open a cycle with a return for each chosen agency; the new cycle's id."""
    if due_on < opens_on:
        raise CycleProblem("The deadline must be on or after the day the cycle opens")
    if not agency_ids:
        raise CycleProblem("Choose at least one agency")
    with db.transaction() as s:
        framework = s.get(AuditFramework, framework_id)
        if framework is None or framework.partnership_id != actor.partnership_id:
            raise CycleProblem("Choose a framework")
        clash = s.scalar(
            sa.select(AuditCycle.id).where(
                AuditCycle.partnership_id == actor.partnership_id,
                sa.func.lower(AuditCycle.name) == name.lower(),
            )
        )
        if clash:
            raise CycleProblem(f"There is already a cycle called “{name}”")
        agencies = list(
            s.scalars(
                sa.select(Agency).where(
                    Agency.id.in_(agency_ids), Agency.partnership_id == actor.partnership_id
                )
            )
        )
        if len(agencies) != len(set(agency_ids)):
            raise CycleProblem("Choose agencies from the list")
        cycle = AuditCycle(
            partnership_id=actor.partnership_id, framework_id=framework.id, name=name,
            opens_on=opens_on, due_on=due_on, created_at=clock.now(),
        )  # fmt: skip
        s.add(cycle)
        s.flush()
        for agency in agencies:
            s.add(
                AuditReturn(
                    cycle_id=cycle.id,
                    agency_id=agency.id,
                    practitioner_code=new_practitioner_code(),
                )
            )
        activity_log.record(
            s, "audit_cycle_opened", actor.id, actor.partnership_id, "audit_cycle", cycle.id,
            agencies=len(agencies),
        )  # fmt: skip
        cycle_id = cycle.id
    notify_leads(cycle_id, [a.id for a in agencies])
    return cycle_id


def add_agencies(actor: SignedInUser, cycle_id: str, agency_ids: list[str]) -> int:
    """Add agencies to a cycle that is under way; how many were added."""
    with db.transaction() as s:
        cycle = s.get(AuditCycle, cycle_id)
        if cycle is None or cycle.partnership_id != actor.partnership_id:
            raise LookupError(cycle_id)
        have = {r.agency_id for r in cycle.returns}
        agencies = s.scalars(
            sa.select(Agency.id).where(
                Agency.id.in_(agency_ids), Agency.partnership_id == actor.partnership_id
            )
        )
        added: list[str] = []
        for agency_id in agencies:
            if agency_id not in have:
                s.add(
                    AuditReturn(
                        cycle_id=cycle.id,
                        agency_id=agency_id,
                        practitioner_code=new_practitioner_code(),
                    )
                )
                added.append(agency_id)
        activity_log.record(
            s, "audit_cycle_agencies_added", actor.id, actor.partnership_id, "audit_cycle",
            cycle.id, agencies=len(added),
        )  # fmt: skip
    notify_leads(cycle_id, added)
    return len(added)


def notify_leads(cycle_id: str, agency_ids: list[str]) -> int:
    """Email each active agency lead of these agencies that their return is open.

    Read outside the request's session, which may predate the cycle being saved."""
    if not agency_ids:
        return 0
    with db.read() as connection:
        rows = connection.execute(
            sa.select(
                StaffUser.email,
                StaffUser.name,
                AuditReturn.id,
                Agency.name,
                AuditCycle.name,
                AuditCycle.due_on,
                AuditFramework.name,
                AuditFramework.kind,
            )  # fmt: skip
            .join(AuditReturn, AuditReturn.agency_id == StaffUser.agency_id)
            .join(Agency, Agency.id == StaffUser.agency_id)
            .join(AuditCycle, AuditCycle.id == AuditReturn.cycle_id)
            .join(AuditFramework, AuditFramework.id == AuditCycle.framework_id)
            .where(
                AuditReturn.cycle_id == cycle_id,
                StaffUser.agency_id.in_(agency_ids),
                StaffUser.role == Role.AGENCY_LEAD,
                StaffUser.disabled.is_(False),
            )
        ).all()
    for email, name, return_id, agency_name, cycle_name, due_on, framework_name, kind in rows:
        link = public_url("staff.section11.audit_return", return_id=return_id)
        mail.send(
            email,
            f"{agency_name}: your {cycle_name} {kind_of(kind).label} self-assessment is open",
            f"Dear {name},\n\nThe partnership has opened the {cycle_name} {framework_name} "
            f"return for {agency_name}. Please complete it by {due_on:%-d %B %Y}. Your "
            "colleagues who are agency leads can work on it with you, and your senior lead "
            f"signs it off.\n\n{link}",
        )
    return len(rows)


def agencies_without_lead(cycle: AuditCycle) -> set[str]:
    """Agencies in the cycle with no active agency lead to complete their return."""
    with_lead = set(
        db.session().scalars(
            sa.select(StaffUser.agency_id).where(
                StaffUser.agency_id.in_([r.agency_id for r in cycle.returns]),
                StaffUser.role == Role.AGENCY_LEAD,
                StaffUser.disabled.is_(False),
            )
        )
    )
    return {r.agency_id for r in cycle.returns} - with_lead
