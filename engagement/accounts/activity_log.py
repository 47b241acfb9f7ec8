"""The audit log of staff actions: who, what, when. Never response content."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from engagement import db
from engagement.models import AuditCycle, AuditEvent, AuditReturn, Consultation, StaffUser

# Refused sign-ins with an email address no account has: kept with no partnership (there
# is none to name) and shown in every partnership's log, with nothing but the fact.
UNKNOWN_EMAIL_ACTIONS = ("sign_in_refused",)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def record(
    session: Session,
    action: str,
    actor_id: str | None,
    partnership_id: str | None,
    object_type: str | None = None,
    object_id: str | None = None,
    **detail: Any,
) -> None:
    """Add an event in the caller's transaction, so it is kept exactly when the action is."""
    session.add(
        AuditEvent(
            at=_now(),
            actor_id=actor_id,
            partnership_id=partnership_id,
            action=action,
            object_type=object_type,
            object_id=object_id,
            detail=detail,
        )
    )


def record_now(
    action: str, actor_id: str | None, partnership_id: str | None, **detail: Any
) -> None:
    with db.transaction() as s:
        record(s, action, actor_id, partnership_id, **detail)


def record_download(
    actor_id: str, partnership_id: str, view_args: Mapping[str, Any], file: str
) -> None:
    """A staff download (a file, or a poster to print): what it was and what it was of.

    The object comes from the address's ids, most specific first; names are looked up
    within the partnership so the log reads without ids.
    """
    detail: dict[str, Any] = {"file": file}
    object_type = object_id = None
    with db.transaction() as s:
        if "return_id" in view_args:
            found = s.get(AuditReturn, view_args["return_id"])
            if found is not None and found.cycle.partnership_id == partnership_id:
                detail.update(agency=found.agency.name, cycle=found.cycle.name)
        elif "cycle_id" in view_args:
            cycle = s.get(AuditCycle, view_args["cycle_id"])
            if cycle is not None and cycle.partnership_id == partnership_id:
                detail["cycle"] = cycle.name
        elif "consultation_id" in view_args:
            consultation = s.get(Consultation, view_args["consultation_id"])
            if consultation is not None and consultation.partnership_id == partnership_id:
                detail["consultation"] = consultation.slug
        for key, kind in (
            ("document_id", "audit_document"),
            ("return_id", "audit_return"),
            ("cycle_id", "audit_cycle"),
            ("consultation_id", "consultation"),
        ):
            if key in view_args:
                object_type, object_id = kind, str(view_args[key])
                break
        record(s, "downloaded", actor_id, partnership_id, object_type, object_id, **detail)


def recent(partnership_id: str, limit: int = 200) -> list[tuple[AuditEvent, str | None]]:
    rows = db.session().execute(
        sa.select(AuditEvent, StaffUser.name)
        .outerjoin(StaffUser, StaffUser.id == AuditEvent.actor_id)
        .where(
            sa.or_(
                AuditEvent.partnership_id == partnership_id,
                sa.and_(
                    AuditEvent.partnership_id.is_(None),
                    AuditEvent.actor_id.is_(None),
                    AuditEvent.action.in_(UNKNOWN_EMAIL_ACTIONS),
                ),
            )
        )
        .order_by(AuditEvent.at.desc())
        .limit(limit)
    )
    return [(event, name) for event, name in rows]
