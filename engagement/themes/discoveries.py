"""Looking for new themes (TF-IDF and NMF) in the background worker, never in a request.

A page asks for a discovery of one question's uncovered answers; the worker does it and
stores the candidates with their example answers. A discovery is current until the next
analysis run or staff change to the codings or codebook, then it is asked for again.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa

from engagement import clock, db
from engagement.models import Consultation, RunStatus, ThemeDiscovery
from engagement.themes import codebook, queue
from engagement.themes.results import results_version

log = logging.getLogger(__name__)

UNFINISHED = (RunStatus.QUEUED, RunStatus.RUNNING)


def _version(consultation: Consultation) -> str:
    return repr(results_version(consultation))[:200]


def current(consultation: Consultation, key: str) -> ThemeDiscovery | None:
    """The discovery under way, or done for the results as they are now; None if there
    is none (or it stopped with a problem): ``request`` one."""
    latest = db.session().scalar(
        sa.select(ThemeDiscovery)
        .where(
            ThemeDiscovery.consultation_id == consultation.id, ThemeDiscovery.question_key == key
        )
        .order_by(ThemeDiscovery.requested_at.desc())
        .limit(1)
    )
    if latest is None or latest.status in UNFINISHED:
        return latest
    if latest.status == RunStatus.DONE and latest.results_version == _version(consultation):
        return latest
    return None


def request(consultation: Consultation, key: str) -> ThemeDiscovery:
    """Queue a discovery for the worker, or return the one already waiting or under way."""
    version = _version(consultation)
    with db.transaction() as s:
        waiting = s.scalar(
            sa.select(ThemeDiscovery).where(
                ThemeDiscovery.consultation_id == consultation.id,
                ThemeDiscovery.question_key == key,
                ThemeDiscovery.status.in_(UNFINISHED),
            )
        )
        if waiting is not None:
            return waiting
        discovery = ThemeDiscovery(
            consultation_id=consultation.id, question_key=key, results_version=version,
            requested_at=clock.now(), status=RunStatus.QUEUED, uncovered=0, candidates=[], texts=[],
        )  # fmt: skip
        s.add(discovery)
        return discovery


def _discover(discovery: ThemeDiscovery) -> dict[str, object]:
    """The candidates, with only their examples' texts kept."""
    # scikit-learn is imported by the worker, never by a web worker.
    from analysis.discovery import discover

    texts = codebook.uncovered_texts(discovery.consultation_id, discovery.question_key)
    examples: list[str] = []
    candidates = []
    for candidate in discover(texts):
        indexes = []
        for index in candidate.examples:
            indexes.append(len(examples))
            examples.append(texts[index])
        candidates.append(
            {"terms": list(candidate.terms), "examples": indexes, "size": candidate.size}
        )
    return {"uncovered": len(texts), "candidates": candidates, "texts": examples}


def process_pending() -> int:
    """Do every queued discovery; the number done. Called by the worker, and by tests."""
    count = 0
    while (discovery := queue.claim_next(ThemeDiscovery)) is not None:
        try:
            found = _discover(discovery)
        except Exception:  # it fails visibly; the worker carries on
            log.exception("theme discovery failed")
            found, status = {}, RunStatus.FAILED
        else:
            status = RunStatus.DONE
        with db.transaction() as s:
            s.execute(
                sa.update(ThemeDiscovery)
                .where(ThemeDiscovery.id == discovery.id)
                .values(status=status, finished_at=clock.now(), **found)
            )
        count += 1
    return count


def requeue_interrupted() -> int:
    """Discoveries left "running" by a worker that stopped; queued again."""
    return queue.requeue_interrupted(ThemeDiscovery)
