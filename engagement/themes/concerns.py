"""The concern review queue: responses flagged as a possible disclosure, for a person
to read under the partnership's safeguarding protocol.

The respondent is anonymous, so review cannot reach them; what it can do is record
what was done (for example, a reminder to a group through its youth worker).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from analysis.redaction import redact
from engagement import clock, db
from engagement.accounts import activity_log
from engagement.accounts.sessions import SignedInUser
from engagement.models import (
    Answer,
    AnswerAnalysis,
    ConcernReview,
    Consultation,
    Submission,
)
from engagement.themes.results import shown_text
from forms.vocabulary import RATHER_NOT_SAY, QuestionKind

OUTCOMES = {
    "no_action": "Read: no further action",
    "group_reminder": "Safeguarding reminder given to the group",
    "referred": "Discussed with the designated safeguarding lead",
}
REASONS = {"concern_option": "Chose an answer marked as a concern"}


@dataclass(frozen=True)
class Flagged:
    submission: Submission
    reasons: list[str]
    texts: list[tuple[str, str]]  # (question, redacted answer)
    review: ConcernReview | None


def reason_label(reason: str) -> str:
    if reason in REASONS:
        return REASONS[reason]
    return "Free text suggests " + reason.removeprefix("free_text:").replace("_", " ")


def queue(consultation: Consultation, reviewed: bool) -> list[Flagged]:
    """Flagged responses waiting for review (or already reviewed), newest first."""
    waiting = (
        ConcernReview.submission_id.is_not(None)
        if reviewed
        else ConcernReview.submission_id.is_(None)
    )
    return _flagged(consultation, waiting)


def flagged(consultation: Consultation, submission_id: str) -> Flagged | None:
    """One flagged response of this consultation, reviewed or not."""
    found = _flagged(consultation, Submission.id == submission_id)
    return found[0] if found else None


def _flagged(consultation: Consultation, condition: Any) -> list[Flagged]:
    versions = {v.id: v for v in consultation.versions}
    session = db.session()
    rows = session.execute(
        sa.select(Submission, ConcernReview)
        .outerjoin(ConcernReview, ConcernReview.submission_id == Submission.id)
        .where(Submission.version_id.in_(versions), Submission.needs_review.is_(True))
        .where(condition)
        .order_by(Submission.submitted_on.desc(), Submission.id)
        .limit(200)
    ).all()
    submissions = {submission.id: submission for submission, _ in rows}
    answers = session.execute(
        sa.select(Answer.submission_id, Answer.question_key, Answer.value, AnswerAnalysis.text)
        .outerjoin(AnswerAnalysis, AnswerAnalysis.answer_id == Answer.id)
        .where(Answer.submission_id.in_(submissions))
    ).all()
    local_names = list(consultation.partnership.local_names or [])
    texts: dict[str, list[tuple[str, str]]] = {submission_id: [] for submission_id in submissions}
    for submission_id, key, value, analysed in answers:
        questions = versions[submissions[submission_id].version_id].questions
        question = next((q for q in questions if q.key == key), None)
        if question is None or question.kind != QuestionKind.FREE_TEXT:
            continue
        if not isinstance(value, str) or not value.strip():
            continue
        if analysed is None:  # not analysed yet: redact here (a declined answer has nothing)
            analysed = value if value == RATHER_NOT_SAY else redact(value, local_names).text
        texts[submission_id].append((question.text.get("en", key), shown_text(analysed)))
    return [
        Flagged(submission, list(submission.review_reasons), texts[submission.id], review)
        for submission, review in rows
    ]


def counts(consultation: Consultation) -> tuple[int, int]:
    """(waiting, reviewed)."""
    versions = [v.id for v in consultation.versions]
    rows = (
        db.session()
        .execute(
            sa.select(ConcernReview.submission_id.is_(None), sa.func.count())
            .select_from(Submission)
            .outerjoin(ConcernReview, ConcernReview.submission_id == Submission.id)
            .where(Submission.version_id.in_(versions), Submission.needs_review.is_(True))
            .group_by(ConcernReview.submission_id.is_(None))
        )
        .all()
    )
    found = {bool(waiting): int(n) for waiting, n in rows}
    return found.get(True, 0), found.get(False, 0)


def review(
    actor: SignedInUser, consultation_id: str, submission_id: str, outcome: str, note: str
) -> None:
    if outcome not in OUTCOMES:
        raise ValueError(outcome)
    with db.transaction() as s:
        consultation = s.get(Consultation, consultation_id)
        submission = s.get(Submission, submission_id)
        if (
            consultation is None
            or consultation.partnership_id != actor.partnership_id
            or submission is None
            or not submission.needs_review
            or submission.version.consultation_id != consultation_id
        ):
            raise LookupError(submission_id)
        existing = s.get(ConcernReview, submission_id)
        if existing is None:
            existing = ConcernReview(submission_id=submission_id, reviewed_at=clock.now())
            s.add(existing)
        existing.outcome, existing.note = outcome, note
        existing.reviewed_by, existing.reviewed_at = actor.id, clock.now()
        activity_log.record(
            s, "concern_reviewed", actor.id, actor.partnership_id, "submission", submission_id,
            outcome=outcome,
        )  # fmt: skip
