"""Sending answers: one transaction, never twice."""

from __future__ import annotations

import enum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from analysis.disclosure import risk_categories
from engagement import db
from engagement.journey import visible_keys
from engagement.models import Answer, ConsultationVersion, Draft, Question, QuestionKind, Submission
from engagement.services.consultations import steps, today
from engagement.services.drafts import digest
from forms.questions import RATHER_NOT_SAY


class Outcome(enum.Enum):
    SENT = "sent"
    ALREADY_SENT = "already_sent"
    EXPIRED = "expired"


def concerns(q: Question, value: Any) -> list[str]:
    """Why an answer needs a safeguarding response: concern options or risky free text."""
    if value is None or value == RATHER_NOT_SAY:
        return []
    if q.kind == QuestionKind.FREE_TEXT:
        return [f"free_text:{category}" for category in risk_categories(str(value))]
    chosen = set(value) if isinstance(value, list) else {value}
    concern_keys = {o["key"] for o in q.options if o.get("concern")}
    return ["concern_option"] if chosen & concern_keys else []


def review_reasons(version: ConsultationVersion, answers: dict[str, Any]) -> list[str]:
    by_key = {q.key: q for q in version.questions}
    reasons: set[str] = set()
    for key in visible_keys(steps(version), answers):
        reasons.update(concerns(by_key[key], answers.get(key)))
    return sorted(reasons)


def send(draft_id: str | None, receipt: str, locale: str) -> Outcome:
    """Store the answers as one anonymous submission and delete the draft.

    The receipt (from the check-answers form) is the idempotency key: a second
    send with the same receipt, in any order or at the same moment, stores nothing.
    """
    receipt_hash = digest(receipt)
    try:
        with db.transaction() as s:
            if s.scalar(sa.select(Submission.id).where(Submission.receipt_hash == receipt_hash)):
                return Outcome.ALREADY_SENT
            draft = s.get(Draft, draft_id) if draft_id else None
            if draft is None or draft.receipt != receipt:
                return Outcome.EXPIRED
            version = draft.version
            answers = draft.answers
            reasons = review_reasons(version, answers)
            submission = Submission(
                version_id=version.id,
                submitted_on=today(),
                locale=locale,
                receipt_hash=receipt_hash,
                needs_review=bool(reasons),
                review_reasons=reasons,
                answers=[
                    Answer(question_key=key, value=answers[key])
                    for key in visible_keys(steps(version), answers)
                    if key in answers
                ],
            )
            s.add(submission)
            s.delete(draft)
    except IntegrityError:
        return Outcome.ALREADY_SENT
    return Outcome.SENT


def count_for(version_ids: list[str]) -> int:
    return (
        db.session().scalar(
            sa.select(sa.func.count())
            .select_from(Submission)
            .where(Submission.version_id.in_(version_ids))
        )
        or 0
    )
