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
    with db.transaction() as s:
        run_id = s.scalar(
            sa.select(AnalysisRun.id)
            .where(AnalysisRun.status == RunStatus.QUEUED)
            .order_by(AnalysisRun.requested_at)
            .limit(1)
        )
        if run_id is None:
            return None
        claimed = s.execute(
            sa.update(AnalysisRun)
            .where(AnalysisRun.id == run_id, AnalysisRun.status == RunStatus.QUEUED)
            .values(status=RunStatus.RUNNING, started_at=clock.now())
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            return None
        return s.get(AnalysisRun, run_id)


def requeue_interrupted() -> int:
    """Runs left "running" by a worker that stopped; queued again (a run is idempotent)."""
    with db.transaction() as s:
        return int(
            s.execute(
                sa.update(AnalysisRun)
                .where(AnalysisRun.status == RunStatus.RUNNING)
                .values(status=RunStatus.QUEUED)
            ).rowcount  # type: ignore[attr-defined]
        )


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
