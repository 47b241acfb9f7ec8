"""The queue of analysis runs: staff ask, a background worker does the work.

Runs are rows in the database, so the queue survives restarts and is shared by every
process. The worker claims a run with one conditional UPDATE, so two workers never
take the same run. Children's requests never do analysis work.
"""

from __future__ import annotations

import sqlalchemy as sa

from engagement import clock, db
from engagement.accounts import activity_log
from engagement.accounts.sessions import SignedInUser
from engagement.models import AnalysisRun, Consultation, RunStatus
from engagement.themes import queue

UNFINISHED = (RunStatus.QUEUED, RunStatus.RUNNING)


def request_run(actor: SignedInUser, consultation_id: str) -> AnalysisRun:
    """Queue a run, or return the one already waiting or under way."""
    with db.transaction() as s:
        consultation = s.get(Consultation, consultation_id)
        if consultation is None or consultation.partnership_id != actor.partnership_id:
            raise LookupError(consultation_id)
        waiting = s.scalar(
            sa.select(AnalysisRun).where(
                AnalysisRun.consultation_id == consultation_id,
                AnalysisRun.status.in_(UNFINISHED),
            )
        )
        if waiting is not None:
            return waiting
        run = AnalysisRun(
            consultation_id=consultation_id, requested_by=actor.id, requested_at=clock.now()
        )
        s.add(run)
        activity_log.record(
            s, "analysis_requested", actor.id, actor.partnership_id, "consultation",
            consultation_id,
        )  # fmt: skip
        return run


def latest(consultation_id: str) -> AnalysisRun | None:
    return db.session().scalar(
        sa.select(AnalysisRun)
        .where(AnalysisRun.consultation_id == consultation_id)
        .order_by(AnalysisRun.requested_at.desc())
        .limit(1)
    )


def claim_next() -> AnalysisRun | None:
    """Take the oldest queued run, or None if there is nothing to do."""
    return queue.claim_next(AnalysisRun, started_at=clock.now())


def requeue_interrupted() -> int:
    """Runs left "running" by a worker that stopped; queued again (a run is idempotent)."""
    return queue.requeue_interrupted(AnalysisRun)


def progress(run_id: str, done: int, total: int) -> None:
    with db.transaction() as s:
        s.execute(
            sa.update(AnalysisRun).where(AnalysisRun.id == run_id).values(done=done, total=total)
        )


def finish(run_id: str, detail: dict[str, object], error: str | None = None) -> None:
    with db.transaction() as s:
        s.execute(
            sa.update(AnalysisRun)
            .where(AnalysisRun.id == run_id)
            .values(
                status=RunStatus.FAILED if error else RunStatus.DONE,
                finished_at=clock.now(),
                detail=detail,
                error=error,
            )
        )
