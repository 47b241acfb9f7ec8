"""The second look at written answers, in the background worker.

At submission the fast detectors decide whether the young person sees help. Here, a few
seconds later, each response's written answers are read again by the slower
multilingual model (``analysis.concern_second_look``). A response it finds worrying is
put in the concern queue (or, if already there, gains the risk it names); every response
read gets a row, so none is read twice. The model never takes a flag away: an answer the
fast path flagged stays in the queue, with the second look's score beside it.
"""

from __future__ import annotations

import hashlib
import logging

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from analysis import concern_second_look
from analysis.disclosure import POSSIBLE_CONCERN
from engagement import db
from engagement.models import (
    Answer,
    ConcernReview,
    ConcernSecondLook,
    ConsultationVersion,
    Submission,
)
from forms.vocabulary import RATHER_NOT_SAY, QuestionKind

log = logging.getLogger(__name__)

BATCH = 50
_embedder: concern_second_look.Embedder | None = None
_warned = False


def looked_with() -> str:
    """A fingerprint of the weights, kept with each look."""
    data = concern_second_look.WEIGHTS.read_bytes()
    return hashlib.sha256(data).hexdigest()[:16]


def _model() -> concern_second_look.Embedder | None:
    global _embedder, _warned
    if _embedder is None:
        try:
            _embedder = concern_second_look.Embedder()
        except concern_second_look.EngineMissing as error:
            if not _warned:
                log.warning("second look skipped: %s", error)
                _warned = True
            return None
    return _embedder


def process_pending(limit: int = BATCH) -> int:
    """Read up to ``limit`` responses not yet looked at, newest first; the number read."""
    embedder = _model()
    if embedder is None:
        return 0
    with Session(bind=db.engine()) as s:  # a fresh read each time: the worker loops
        pending = s.execute(
            sa.select(Submission.id, Submission.version_id)
            .outerjoin(ConcernSecondLook, ConcernSecondLook.submission_id == Submission.id)
            .where(ConcernSecondLook.submission_id.is_(None))
            .order_by(Submission.submitted_on.desc(), Submission.id)
            .limit(limit)
        ).all()
        if not pending:
            return 0
        written = _written_keys(s, {version_id for _, version_id in pending})
        texts = _texts(s, [submission_id for submission_id, _ in pending], written, dict(pending))
    fingerprint = looked_with()
    for submission_id, _version_id in pending:
        looks = [concern_second_look.read(text, embedder) for text in texts[submission_id]]
        _record(submission_id, looks, fingerprint)
    return len(pending)


def _written_keys(s: Session, version_ids: set[str]) -> dict[str, set[str]]:
    versions = s.scalars(
        sa.select(ConsultationVersion).where(ConsultationVersion.id.in_(version_ids))
    )
    return {
        v.id: {q.key for q in v.questions if q.kind == QuestionKind.FREE_TEXT} for v in versions
    }


def _texts(
    s: Session, submission_ids: list[str], written: dict[str, set[str]], version_of: dict[str, str]
) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {submission_id: [] for submission_id in submission_ids}
    rows = s.execute(
        sa.select(Answer.submission_id, Answer.question_key, Answer.value).where(
            Answer.submission_id.in_(submission_ids)
        )
    )
    for submission_id, key, value in rows:
        if key not in written.get(version_of[submission_id], set()):
            continue
        if isinstance(value, str) and value.strip() and value != RATHER_NOT_SAY:
            found[submission_id].append(value)
    return found


def _record(submission_id: str, looks: list[concern_second_look.Look], fingerprint: str) -> None:
    worst = max(looks, key=lambda look: (look.concern, look.probability), default=None)
    flagged = worst is not None and worst.concern
    try:
        with db.transaction() as s:
            s.add(
                ConcernSecondLook(
                    submission_id=submission_id,
                    probability=worst.probability if worst else 0.0,
                    category=worst.category if worst else "",
                    category_confidence=worst.category_confidence if worst else 0.0,
                    flagged=flagged,
                    looked_with=fingerprint,
                )
            )
            if flagged and worst is not None:
                _flag(s, submission_id, worst)
    except IntegrityError:  # another worker read it first, or the response was deleted
        log.info("second look already recorded or response gone")


def _flag(s: Session, submission_id: str, look: concern_second_look.Look) -> None:
    submission = s.get(Submission, submission_id)
    if submission is None or s.get(ConcernReview, submission_id) is not None:
        return  # gone, or already reviewed by a person
    reasons = set(submission.review_reasons)
    if look.category:
        reasons.add(f"free_text:{look.category}")
    elif not any(r.startswith("free_text:") for r in reasons):
        reasons.add(f"free_text:{POSSIBLE_CONCERN}")
    submission.review_reasons = sorted(reasons)
    submission.needs_review = True
