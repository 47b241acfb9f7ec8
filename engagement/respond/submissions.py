"""Sending answers: one transaction, never twice."""

from __future__ import annotations

import enum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from analysis.disclosure import review_categories, risk_categories
from engagement import clock
from engagement.consultations.catalogue import steps
from engagement.consultations.routing import visible_keys
from engagement.models import Answer, ConsultationVersion, Draft, Question, Submission
from engagement.models import new_id as random_id
from engagement.receipts import store_once
from engagement.results import tallies
from forms.vocabulary import RATHER_NOT_SAY, QuestionKind

submissions: sa.Table = Submission.__table__  # type: ignore[assignment]
answers_table: sa.Table = Answer.__table__  # type: ignore[assignment]
drafts: sa.Table = Draft.__table__  # type: ignore[assignment]

_DRAFT = sa.select(drafts.c.version_id, drafts.c.answers, drafts.c.receipt).where(
    drafts.c.id == sa.bindparam("id")
)


class Outcome(enum.Enum):
    SENT = "sent"
    ALREADY_SENT = "already_sent"
    EXPIRED = "expired"


def concerns(q: Question, value: Any, for_staff: bool = False) -> list[str]:
    """Why an answer needs a safeguarding response: concern options or risky free text,
    read for showing the young person help or, ``for_staff``, for flagging it at once."""
    if value is None or value == RATHER_NOT_SAY:
        return []
    if q.kind == QuestionKind.FREE_TEXT:
        reading = review_categories if for_staff else risk_categories
        return [f"free_text:{category}" for category in reading(str(value))]
    chosen = set(value) if isinstance(value, list) else {value}
    concern_keys = {o["key"] for o in q.options if o.get("concern")}
    return ["concern_option"] if chosen & concern_keys else []


def review_reasons(version: ConsultationVersion, answers: dict[str, Any]) -> list[str]:
    by_key = {q.key: q for q in version.questions}
    reasons: set[str] = set()
    for key in visible_keys(steps(version), answers):
        reasons.update(concerns(by_key[key], answers.get(key), for_staff=True))
    return sorted(reasons)


def send(
    draft_id: str | None, receipt: str, versions: list[ConsultationVersion], locale: str
) -> Outcome:
    """Store the answers as one anonymous submission and delete the draft.

    The receipt (from the check-answers form) is the idempotency key: a second
    send with the same receipt, in any order or at the same moment, stores nothing.
    ``versions`` are the consultation's versions; the draft says which was answered.
    """

    def store(s: Session, receipt_hash: str) -> Outcome:
        draft = s.execute(_DRAFT, {"id": draft_id}).first() if draft_id else None
        version = next((v for v in versions if draft and v.id == draft.version_id), None)
        if draft is None or version is None or draft.receipt != receipt:
            return Outcome.EXPIRED
        reasons = review_reasons(version, draft.answers)
        submission_id = random_id()
        s.execute(
            sa.insert(submissions).values(
                id=submission_id,
                version_id=version.id,
                submitted_on=clock.today(),
                locale=locale,
                receipt_hash=receipt_hash,
                needs_review=bool(reasons),
                review_reasons=reasons,
            )
        )
        stored = {
            key: draft.answers[key]
            for key in visible_keys(steps(version), draft.answers)
            if key in draft.answers
        }
        rows = [
            {"id": random_id(), "submission_id": submission_id, "question_key": key,
             "value": value}
            for key, value in stored.items()
        ]  # fmt: skip
        if rows:
            s.execute(sa.insert(answers_table), rows)
        s.execute(sa.delete(drafts).where(drafts.c.id == draft_id))
        # Last, so the counts' rows are locked for as short a time as possible.
        tallies.count_submission(s, version, locale, clock.today(), stored)
        return Outcome.SENT

    outcome = store_once(submissions.c.receipt_hash, receipt, store)
    return Outcome.ALREADY_SENT if outcome is None else outcome
