"""The audit log of staff actions: who, what, when. Never response content."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from engagement import db
from engagement.models import AuditEvent, StaffUser
from engagement.services.accounts import now


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
            at=now(),
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


def recent(partnership_id: str, limit: int = 200) -> list[tuple[AuditEvent, str | None]]:
    rows = db.session().execute(
        sa.select(AuditEvent, StaffUser.name)
        .outerjoin(StaffUser, StaffUser.id == AuditEvent.actor_id)
        .where(AuditEvent.partnership_id == partnership_id)
        .order_by(AuditEvent.at.desc())
        .limit(limit)
    )
    return [(event, name) for event, name in rows]
