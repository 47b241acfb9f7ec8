"""The worker's queues (analysis runs, theme discoveries): rows with a status and a request
time, claimed oldest first by one worker at a time, and put back if a worker stops."""

from __future__ import annotations

from typing import Any, TypeVar

import sqlalchemy as sa

from engagement import db
from engagement.models import RunStatus

Job = TypeVar("Job")


def claim_next(model: type[Job], **started: Any) -> Job | None:
    """Take the oldest queued row (setting ``started`` too), or None if there is none or
    another worker took it first."""
    table: Any = model
    with db.transaction() as s:
        job_id = s.scalar(
            sa.select(table.id)
            .where(table.status == RunStatus.QUEUED)
            .order_by(table.requested_at)
            .limit(1)
        )
        if job_id is None:
            return None
        claimed = s.execute(
            sa.update(table)
            .where(table.id == job_id, table.status == RunStatus.QUEUED)
            .values(status=RunStatus.RUNNING, **started)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            return None
        return s.get(model, job_id)


def requeue_interrupted(model: type[Any]) -> int:
    """Rows left "running" by a worker that stopped, queued again (the work is idempotent)."""
    with db.transaction() as s:
        return int(
            s.execute(
                sa.update(model)
                .where(model.status == RunStatus.RUNNING)
                .values(status=RunStatus.QUEUED)
            ).rowcount  # type: ignore[attr-defined]
        )
