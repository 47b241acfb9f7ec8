"""Section 11 data (and young people's answers) from small parts: the demo, the tests and
the benchmarks all build theirs with these, so the data looks the same wherever it comes
from.

Each function adds one kind of thing in the caller's session and returns what it made.
Answers, practitioner responses and submissions are inserted in bulk (a benchmark adds tens of
thousands); everything else as objects, flushed so their ids can be used at once.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from engagement import clock
from engagement.models import (
    ActionStatus,
    Agency,
    AuditAction,
    AuditAnswer,
    AuditCycle,
    AuditFramework,
    AuditModeration,
    AuditReturn,
    ConsultationVersion,
    PractitionerAnswer,
    PractitionerResponse,
    ReturnStatus,
    Submission,
    new_id,
)
from engagement.models import Answer as ConsultationAnswer
from engagement.results import tallies
from engagement.section11.cycles import new_practitioner_code
from engagement.section11.frameworks import add_built_in

BATCH = 5000  # rows in one bulk insert


@dataclass(frozen=True)
class Answer:
    """One question's answer in a return."""

    question_id: str
    rating: str | None
    evidence: str = ""
    impact: str = ""
    not_applicable_reason: str = ""


def built_in_framework(s: Session, partnership_id: str, kind: str = "section_11") -> AuditFramework:
    """The partnership's built-in framework of this kind (the built-in ones are added first
    if it has none yet)."""
    add_built_in(s, partnership_id)
    s.flush()
    framework = s.scalar(
        sa.select(AuditFramework).where(
            AuditFramework.partnership_id == partnership_id,
            AuditFramework.kind == kind,
            AuditFramework.copied_from_id.is_(None),
        )
    )
    if framework is None:
        raise LookupError(kind)
    return framework


def add_agencies(
    s: Session, partnership_id: str, agencies: Iterable[tuple[str, str, bool]]
) -> list[Agency]:
    """Agencies from (name, sector, statutory partner)."""
    made = [
        Agency(partnership_id=partnership_id, name=name, sector=sector, statutory_partner=statutory)
        for name, sector, statutory in agencies
    ]
    s.add_all(made)
    s.flush()
    return made


def add_cycle(
    s: Session,
    framework: AuditFramework,
    name: str,
    opens_on: dt.date,
    due_on: dt.date,
    created_at: dt.datetime | None = None,
) -> AuditCycle:
    cycle = AuditCycle(
        partnership_id=framework.partnership_id, framework_id=framework.id, name=name,
        opens_on=opens_on, due_on=due_on, created_at=created_at or clock.now(),
    )  # fmt: skip
    s.add(cycle)
    s.flush()
    return cycle


def add_return(
    s: Session, cycle_id: str, agency_id: str, status: str = ReturnStatus.NOT_STARTED
) -> AuditReturn:
    audit_return = AuditReturn(
        cycle_id=cycle_id, agency_id=agency_id, status=status,
        practitioner_code=new_practitioner_code(),
    )  # fmt: skip
    s.add(audit_return)
    s.flush()
    return audit_return


def _insert(s: Session, model: type, rows: Sequence[dict[str, Any]]) -> None:
    for start in range(0, len(rows), BATCH):
        s.execute(sa.insert(model), rows[start : start + BATCH])


def add_answers(
    s: Session, return_id: str, answers: Iterable[Answer], updated_at: dt.datetime | None = None
) -> int:
    """Saved answers (version 1, as if typed once); how many."""
    rows = [
        {"id": new_id(), "return_id": return_id, "question_id": answer.question_id,
         "rating": answer.rating, "evidence": answer.evidence, "impact": answer.impact,
         "not_applicable_reason": answer.not_applicable_reason, "version": 1,
         "updated_at": updated_at}
        for answer in answers
    ]  # fmt: skip
    _insert(s, AuditAnswer, rows)
    return len(rows)


def answer_all(
    s: Session, framework: AuditFramework, return_id: str, rating: str, evidence: str,
    impact: str = "", updated_at: dt.datetime | None = None,
) -> int:  # fmt: skip
    """Every question of the framework answered alike; how many."""
    questions = [q.id for standard in framework.standards for q in standard.questions]
    return add_answers(
        s, return_id, (Answer(q, rating, evidence, impact) for q in questions), updated_at
    )


def add_moderation(
    s: Session, return_id: str, standard_id: str, rating: str, note: str = ""
) -> AuditModeration:
    moderation = AuditModeration(
        return_id=return_id, standard_id=standard_id, rating=rating, note=note, at=clock.now()
    )
    s.add(moderation)
    return moderation


def add_action(
    s: Session, return_id: str, description: str, owner: str, due_on: dt.date,
    status: str = ActionStatus.NOT_STARTED, standard_id: str | None = None,
    completion_evidence: str = "",
) -> AuditAction:  # fmt: skip
    action = AuditAction(
        return_id=return_id, standard_id=standard_id, description=description, owner=owner,
        due_on=due_on, status=status, completion_evidence=completion_evidence,
        updated_at=clock.now(),
    )  # fmt: skip
    s.add(action)
    return action


def add_practitioner_responses(
    s: Session,
    cycle_id: str,
    agency_id: str,
    submitted_on: dt.date,
    responses: Iterable[Iterable[tuple[str, str, str]]],
) -> int:
    """Practitioner survey responses, each a list of (standard code, question key, value);
    how many responses."""
    response_rows, answer_rows = [], []
    for answers in responses:
        response_id = new_id()
        response_rows.append(
            {"id": response_id, "cycle_id": cycle_id, "agency_id": agency_id,
             "submitted_on": submitted_on, "receipt_hash": secrets.token_hex(32),
             "improvement": ""}
        )  # fmt: skip
        answer_rows += [
            {"id": new_id(), "response_id": response_id, "cycle_id": cycle_id,
             "agency_id": agency_id, "standard_code": code, "question_key": key, "value": value}
            for code, key, value in answers
        ]  # fmt: skip
    _insert(s, PractitionerResponse, response_rows)
    _insert(s, PractitionerAnswer, answer_rows)
    return len(response_rows)


# Young people's answers, for the analysis --------------------------------------------


@dataclass(frozen=True)
class Response:
    """One anonymous submission: its answers by question key."""

    version_id: str
    submitted_on: dt.date
    locale: str
    answers: dict[str, Any]
    review_reasons: tuple[str, ...] = ()


def add_responses(s: Session, responses: Iterable[Response]) -> list[dict[str, str]]:
    """Submissions with their answers; each one's answer ids by question key."""
    responses = list(responses)
    submissions, answers, ids = [], [], []
    for response in responses:
        submission_id = new_id()
        submissions.append(
            {"id": submission_id, "version_id": response.version_id,
             "submitted_on": response.submitted_on, "locale": response.locale,
             "receipt_hash": secrets.token_hex(32), "needs_review": bool(response.review_reasons),
             "review_reasons": list(response.review_reasons)}
        )  # fmt: skip
        answer_ids = {key: new_id() for key in response.answers}
        answers += [
            {"id": answer_ids[key], "submission_id": submission_id, "question_key": key,
             "value": value}
            for key, value in response.answers.items()
        ]  # fmt: skip
        ids.append(answer_ids)
    _insert(s, Submission, submissions)
    _insert(s, ConsultationAnswer, answers)
    _count(s, responses)
    return ids


def _count(s: Session, responses: list[Response]) -> None:
    """The answer counts, as sending each response would have kept them."""
    versions = s.scalars(
        sa.select(ConsultationVersion).where(
            ConsultationVersion.id.in_({r.version_id for r in responses})
        )
    ).all()
    for consultation_id in {v.consultation_id for v in versions}:
        kinds = {
            v.id: {q.key: q.kind for q in v.questions}
            for v in versions
            if v.consultation_id == consultation_id
        }
        tallies.count_submissions(
            s, consultation_id, kinds,
            [(r.version_id, r.locale, r.submitted_on, r.answers)
             for r in responses if r.version_id in kinds],
        )  # fmt: skip
