"""The concern review queue: responses flagged as a possible disclosure, for a person
to read under the partnership's safeguarding protocol.

The respondent is anonymous, so review cannot reach them; what it can do is record
what was done (for example, a reminder to a group through its youth worker).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from analysis.concern_model import model
from analysis.disclosure import detect_risk, model_probability
from analysis.redaction import redact
from engagement import clock, db
from engagement.accounts import activity_log
from engagement.accounts.sessions import SignedInUser
from engagement.models import (
    Answer,
    AnswerAnalysis,
    ConcernReview,
    ConcernSecondLook,
    Consultation,
    ConsultationVersion,
    StaffUser,
    Submission,
)
from engagement.themes.results import shown_text
from forms.vocabulary import RATHER_NOT_SAY, QuestionKind

OUTCOMES = {
    "no_action": "Read: no further action",
    "group_reminder": "Safeguarding reminder given to the group",
    "referred": "Discussed with the designated safeguarding lead",
    "setting_informed": "The school or group that ran the session told, to remind everyone of help",
    "police": "Reported to the police (a risk to life or someone named)",
    "lado": "Referred to the LADO (about an adult who works with children)",
}
REASONS = {"concern_option": "Chose an answer marked as a concern"}
# Worst first: risk to life, then abuse and exploitation, then the rest.
SEVERITY = {
    "free_text:self_harm": 6,
    "free_text:sexual_abuse": 5, "free_text:abuse": 5, "free_text:physical_abuse": 5,
    "free_text:exploitation": 5, "free_text:sexual_exploitation": 5,
    "free_text:criminal_exploitation": 5, "free_text:forced_marriage_fgm": 5,
    "free_text:domestic_abuse": 4, "free_text:neglect": 4, "free_text:image_abuse": 4,
    "free_text:missing": 4, "free_text:radicalisation": 4,
    "free_text:bullying_threats": 3, "free_text:feeling_unsafe": 3,
    "free_text:possible_concern": 2, "concern_option": 1,
}  # fmt: skip
PAGE_SIZE = 25


@dataclass(frozen=True)
class Filters:
    reviewed: bool = False
    reason: str = ""  # one of the reasons found, or "" for all
    outcome: str = ""  # reviewed only
    reviewer: str = ""  # a staff user's id, reviewed only


@dataclass(frozen=True)
class QueuePage:
    items: list[Flagged]
    total: int
    page: int
    pages: int
    size: int = PAGE_SIZE


def severity(reasons: list[str]) -> int:
    return max((SEVERITY.get(r, 2) for r in reasons), default=0)


@dataclass(frozen=True)
class Flagged:
    submission: Submission
    reasons: list[str]
    texts: list[tuple[str, str]]  # (question, redacted answer)
    review: ConcernReview | None
    second_look: ConcernSecondLook | None = None

    @property
    def evidence(self) -> list[str]:
        """What in the written answers raised the flag: the phrases found, or the
        learned model's score where no phrase was; and the second look's reading."""
        found: list[str] = []
        for _question, text in self.texts:
            phrases = [f"“{s.phrase}” ({s.category.replace('_', ' ')})" for s in detect_risk(text)]
            if phrases:
                found.extend(phrases)
            elif model_probability(text) >= model().threshold:
                found.append(f"the learned model: {model_probability(text):.0%} likely a concern")
        if self.second_look is not None and self.texts:
            found.append(second_look_evidence(self.second_look))
        return found


def second_look_evidence(look: ConcernSecondLook) -> str:
    said = f"the second look (a multilingual model): {look.probability:.0%} likely a concern"
    if look.category:
        said += f", probably {look.category.replace('_', ' ')} ({look.category_confidence:.0%})"
    return said


def reason_label(reason: str) -> str:
    if reason in REASONS:
        return REASONS[reason]
    return "Free text suggests " + reason.removeprefix("free_text:").replace("_", " ")


def queue(consultation: Consultation, filters: Filters, page: int = 1) -> QueuePage:
    """Flagged responses waiting for review (or reviewed), the worst first and, among
    equally worrying ones, the longest waiting first; a page at a time."""
    versions = [v.id for v in consultation.versions]
    query = (
        sa.select(Submission.id, Submission.review_reasons, Submission.submitted_on)
        .outerjoin(ConcernReview, ConcernReview.submission_id == Submission.id)
        .where(Submission.version_id.in_(versions), Submission.needs_review.is_(True))
    )
    if filters.reviewed:
        query = query.where(ConcernReview.submission_id.is_not(None))
        if filters.outcome:
            query = query.where(ConcernReview.outcome == filters.outcome)
        if filters.reviewer:
            query = query.where(ConcernReview.reviewed_by == filters.reviewer)
    else:
        query = query.where(ConcernReview.submission_id.is_(None))
    rows = [
        row for row in db.session().execute(query) if not filters.reason or filters.reason in row[1]
    ]
    rows.sort(key=lambda row: (-severity(row[1]), row[2], row[0]))
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    chosen = [row[0] for row in rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]]
    found = {f.submission.id: f for f in _flagged(consultation, Submission.id.in_(chosen))}
    return QueuePage([found[i] for i in chosen], len(rows), page, pages)


def waiting_by_consultation(partnership_id: str) -> list[tuple[str, str, int]]:
    """(consultation id, title, flagged responses waiting) for the partnership, most first."""
    session = db.session()
    waiting = dict(
        session.execute(
            sa.select(ConsultationVersion.consultation_id, sa.func.count(Submission.id))
            .join(Submission, Submission.version_id == ConsultationVersion.id)
            .join(Consultation, Consultation.id == ConsultationVersion.consultation_id)
            .outerjoin(ConcernReview, ConcernReview.submission_id == Submission.id)
            .where(
                Consultation.partnership_id == partnership_id,
                Submission.needs_review.is_(True),
                ConcernReview.submission_id.is_(None),
            )
            .group_by(ConsultationVersion.consultation_id)  # not the title: JSON has no "="
        ).all()
    )
    titles = dict(
        session.execute(
            sa.select(Consultation.id, Consultation.title).where(Consultation.id.in_(waiting))
        ).all()
    )
    found = [(cid, titles[cid].get("en", ""), int(n)) for cid, n in waiting.items()]
    return sorted(found, key=lambda row: (-row[2], row[1]))


def reasons_found(consultation: Consultation) -> list[str]:
    """Every reason responses of this consultation were flagged for, worst first."""
    versions = [v.id for v in consultation.versions]
    found: set[str] = set()
    for (reasons,) in db.session().execute(
        sa.select(Submission.review_reasons).where(
            Submission.version_id.in_(versions), Submission.needs_review.is_(True)
        )
    ):
        found.update(reasons)
    return sorted(found, key=lambda r: (-SEVERITY.get(r, 2), r))


def reviewers(consultation: Consultation) -> list[tuple[str, str]]:
    """(id, name) of the people who reviewed this consultation's flagged responses."""
    versions = [v.id for v in consultation.versions]
    return [
        (row.id, row.name)
        for row in db.session().execute(
            sa.select(StaffUser.id, StaffUser.name)
            .join(ConcernReview, ConcernReview.reviewed_by == StaffUser.id)
            .join(Submission, Submission.id == ConcernReview.submission_id)
            .where(Submission.version_id.in_(versions))
            .distinct()
            .order_by(StaffUser.name)
        )
    ]


def flagged(consultation: Consultation, submission_id: str) -> Flagged | None:
    """One flagged response of this consultation, reviewed or not."""
    found = _flagged(consultation, Submission.id == submission_id)
    return found[0] if found else None


def _flagged(consultation: Consultation, condition: Any) -> list[Flagged]:
    versions = {v.id: v for v in consultation.versions}
    session = db.session()
    rows = session.execute(
        sa.select(Submission, ConcernReview, ConcernSecondLook)
        .outerjoin(ConcernReview, ConcernReview.submission_id == Submission.id)
        .outerjoin(ConcernSecondLook, ConcernSecondLook.submission_id == Submission.id)
        .where(Submission.version_id.in_(versions), Submission.needs_review.is_(True))
        .where(condition)
    ).all()
    submissions = {submission.id: submission for submission, _, _ in rows}
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
        Flagged(submission, list(submission.review_reasons), texts[submission.id], review, look)
        for submission, review, look in rows
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
