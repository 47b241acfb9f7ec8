"""Answering: Form A straight after a session, and Form B at the follow-up.

Nothing about the person is read from the request: only the link's code and the form.
An evaluation keeps the session, the day and the answers; the agency type and role group
only if given. A practitioner who wants a follow-up gets a random code, shown once; only
its hash, salted per session, is stored with their Form A. An email address for a
reminder goes in its own table with the session and the due date: nothing joins it to
the answers.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from engagement import clock, db, problems
from engagement.models import (
    Course,
    Partnership,
    TrainingEvaluation,
    TrainingReminder,
    TrainingSession,
)
from engagement.rate_limits import limits
from engagement.receipts import store_once
from engagement.training import evaluation_forms
from forms.vocabulary import (
    ROLE_GROUPS,
    TRAINING_AGENCY_TYPES,
    EvaluationForm,
    ItemKind,
    clean_text,
    confidence_keys,
)

evaluations: sa.Table = TrainingEvaluation.__table__  # type: ignore[assignment]
FORM_A_OPEN_DAYS = 28  # after the session
_LINK_CODE = re.compile(r"[a-z0-9]{6,32}")
FOLLOW_UP_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
# Wrong follow-up codes, counted for the whole service (never per address): enough for
# people who mistype, far too few to guess a code (31^8 of them).
WRONG_CODE_LIMIT = "60 per 10 minutes"
TEXT_LIMIT = 1000


@dataclass(frozen=True)
class OpenSession:
    session_id: str
    code: str
    course_title: str
    objectives: tuple[str, ...]
    held_on: dt.date
    partnership_name: str
    help_phone: str
    form_a: EvaluationForm
    form_b: EvaluationForm
    follow_up_opens_on: dt.date
    follow_up_closes_on: dt.date

    @property
    def form_a_closes_on(self) -> dt.date:
        return self.held_on + dt.timedelta(days=FORM_A_OPEN_DAYS)


class Closed(Exception):
    """This stage is not open today."""

    def __init__(self, session: OpenSession, stage: str, not_yet: bool) -> None:
        super().__init__(session.code)
        self.session = session
        self.stage = stage
        self.not_yet = not_yet


class CodeProblem(enum.Enum):
    UNKNOWN = "unknown"  # no Form A of this session has this code
    USED = "used"  # the follow-up was already answered with it
    TOO_MANY = "too_many"  # too many wrong codes across the service: wait


class FollowUpRefused(Exception):
    def __init__(self, problem: CodeProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


class Outcome(enum.Enum):
    SENT = "sent"
    ALREADY_SENT = "already_sent"


def find(code: str) -> OpenSession:
    """The session behind a link, open or not; NotFound for an unknown code."""
    if not _LINK_CODE.fullmatch(code):
        raise problems.NotFound()
    s = db.session()
    row = s.execute(
        sa.select(TrainingSession, Course, Partnership)
        .join(Course, Course.id == TrainingSession.course_id)
        .join(Partnership, Partnership.id == Course.partnership_id)
        .where(TrainingSession.code == code)
    ).first()
    if row is None:
        raise problems.NotFound()
    session, course, partnership = row
    return OpenSession(
        session_id=session.id,
        code=code,
        course_title=course.title,
        objectives=tuple(course.objectives),
        held_on=session.held_on,
        partnership_name=partnership.name,
        help_phone=partnership.help_phone or "",
        form_a=evaluation_forms.resolve(course.partnership_id, course.form_a, "a"),
        form_b=evaluation_forms.resolve(course.partnership_id, course.form_b, "b"),
        follow_up_opens_on=session.follow_up_opens_on,
        follow_up_closes_on=session.follow_up_closes_on,
    )


def open_for(code: str, stage: str) -> OpenSession:
    """The session, if this stage is open today; Closed if not."""
    session = find(code)
    today = clock.today()
    if stage == "a":
        opens, closes = session.held_on, session.form_a_closes_on
    else:
        opens, closes = session.follow_up_opens_on, session.follow_up_closes_on
    if not opens <= today <= closes:
        raise Closed(session, stage, today < opens)
    return session


def new_receipt() -> str:
    return secrets.token_urlsafe(16)


def new_follow_up_code() -> str:
    raw = "".join(secrets.choice(FOLLOW_UP_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def _normal(code: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", code.upper())


def _link_hash(salt: str, code: str) -> str:
    return hashlib.sha256(f"{salt}:{_normal(code)}".encode()).hexdigest()


def _salt(s: Session, session_id: str) -> str:
    return str(s.scalar(sa.select(TrainingSession.salt).where(TrainingSession.id == session_id)))


def _checked(form: EvaluationForm, objectives: tuple[str, ...], answers: dict[str, Any]) -> dict:
    """The answers to store; a ValueError if they don't fit the form."""
    values: dict[str, Any] = {}
    for item in form.items:
        keys = (
            [k for n in range(len(objectives)) for k in confidence_keys(form.stage, n)]
            if item.kind == ItemKind.CONFIDENCE
            else [item.key]
        )
        for key in keys:
            value = answers.get(key)
            if value is None:
                if item.required:
                    raise ValueError(f"{key} is required")
                continue
            values[key] = _valid(item.kind, item, value)
    return values


def _valid(kind: str, item: Any, value: Any) -> Any:
    if kind in (ItemKind.AGREE, ItemKind.CONFIDENCE):
        if not isinstance(value, int) or not 1 <= value <= 5:
            raise ValueError(item.key)
    elif kind == ItemKind.RECOMMEND:
        if not isinstance(value, int) or not 0 <= value <= 10:
            raise ValueError(item.key)
    elif kind == ItemKind.CHOICE:
        if value not in {o.key for o in item.options}:
            raise ValueError(item.key)
    elif kind == ItemKind.TICKS:
        allowed = {o.key for o in item.options}
        if not isinstance(value, list) or not set(value) <= allowed:
            raise ValueError(item.key)
        value = sorted(set(value))
    elif kind == ItemKind.TEXT:
        value = clean_text(str(value))
        if len(value) > TEXT_LIMIT:
            raise ValueError(item.key)
    return value


MAX_OBJECTIVES = 8


def summary_columns(answers: dict[str, Any]) -> dict[str, Any]:
    """What the year's overview adds up, kept beside the answers: the relevance rating
    and the person's mean confidence before and now over the objectives they rated."""
    pairs = [
        (answers[before], answers[now])
        for before, now in (confidence_keys("a", n) for n in range(MAX_OBJECTIVES))
        if before in answers and now in answers
    ]
    relevant = answers.get("relevant")
    return {
        "relevant": relevant if isinstance(relevant, int) else None,
        "confidence_from": sum(p[0] for p in pairs) / len(pairs) if pairs else None,
        "confidence_to": sum(p[1] for p in pairs) / len(pairs) if pairs else None,
    }


@dataclass(frozen=True)
class FormAResult:
    outcome: Outcome
    follow_up_code: str | None = None  # shown once, never stored


def record_form_a(
    session: OpenSession,
    receipt: str,
    answers: dict[str, Any],
    context: dict[str, str | None],
    follow_up: bool,
    email: str | None,
) -> FormAResult:
    values = _checked(session.form_a, session.objectives, answers)
    agency_type = context.get("agency_type")
    role_group = context.get("role_group")
    if agency_type not in TRAINING_AGENCY_TYPES:
        agency_type = None
    if role_group not in ROLE_GROUPS:
        role_group = None
    code = new_follow_up_code() if follow_up else None

    def store(s: Session, receipt_hash: str) -> FormAResult:
        link = _link_hash(_salt(s, session.session_id), code) if code else None
        s.execute(
            sa.insert(TrainingEvaluation).values(
                id=secrets.token_hex(16),
                session_id=session.session_id,
                stage="a",
                submitted_on=clock.today(),
                receipt_hash=receipt_hash,
                link_hash=link,
                agency_type=agency_type,
                role_group=role_group,
                answers=values,
                **summary_columns(values),
            )
        )
        if code and email:
            s.execute(
                sa.insert(TrainingReminder).values(
                    id=secrets.token_hex(16),
                    session_id=session.session_id,
                    email=email,
                    due_on=session.follow_up_opens_on,
                )
            )
        return FormAResult(Outcome.SENT, code)

    stored = store_once(evaluations.c.receipt_hash, receipt, store)
    return stored or FormAResult(Outcome.ALREADY_SENT)


@dataclass(frozen=True)
class FollowUp:
    pledge: str  # what they said they would do, quoted back to them


def follow_up_for(session: OpenSession, code: str) -> FollowUp:
    """Their Form A's pledge, if the code is one of this session's and not used yet."""
    s = db.session()
    link = _link_hash(_salt(s, session.session_id), code)
    rows: dict[str, dict[str, Any]] = dict(
        s.execute(  # type: ignore[arg-type]
            sa.select(TrainingEvaluation.stage, TrainingEvaluation.answers).where(
                TrainingEvaluation.session_id == session.session_id,
                TrainingEvaluation.link_hash == link,
            )
        ).all()
    )
    if "a" not in rows:
        if not limits().count(WRONG_CODE_LIMIT, "training-follow-up-wrong-code"):
            raise FollowUpRefused(CodeProblem.TOO_MANY)
        raise FollowUpRefused(CodeProblem.UNKNOWN)
    if "b" in rows:
        raise FollowUpRefused(CodeProblem.USED)
    return FollowUp(pledge=str(rows["a"].get("pledge", "")))


def record_form_b(
    session: OpenSession, receipt: str, code: str, answers: dict[str, Any]
) -> Outcome:
    follow_up_for(session, code)  # the code must still be good
    values = _checked(session.form_b, session.objectives, answers)

    def store(s: Session, receipt_hash: str) -> Outcome:
        s.execute(
            sa.insert(TrainingEvaluation).values(
                id=secrets.token_hex(16),
                session_id=session.session_id,
                stage="b",
                submitted_on=clock.today(),
                receipt_hash=receipt_hash,
                link_hash=_link_hash(_salt(s, session.session_id), code),
                answers=values,
            )
        )
        return Outcome.SENT

    try:
        stored = store_once(evaluations.c.receipt_hash, receipt, store)
    except IntegrityError:  # the same code used at the same moment from two pages
        raise FollowUpRefused(CodeProblem.USED) from None
    return stored or Outcome.ALREADY_SENT
