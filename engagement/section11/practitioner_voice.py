"""The anonymous practitioner survey of a Section 11 cycle: one link per agency.

The link's code names the agency, never a person. A response keeps the agency, the
cycle, the day it was sent and the answers: no address, user agent or time of day,
and no answer is ever logged.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session

from engagement import clock, db, problems
from engagement.models import (
    Agency,
    AuditCycle,
    AuditFramework,
    AuditReturn,
    Partnership,
    PractitionerAnswer,
    PractitionerResponse,
)
from engagement.models import new_id as random_id
from engagement.rate_limits import limits
from engagement.receipts import store_once
from engagement.section11.kinds import KINDS
from forms.vocabulary import (
    ChoiceQuestion,
    Option,
    Statement,
    SurveyQuestions,
    TextQuestion,
    clean_text,
)

QUESTIONS_FILE = Path(__file__).resolve().parent / "built_in" / "practitioner_voice.json"
# The kinds of framework whose agencies get a practitioner survey (Section 11).
SURVEY_KINDS = tuple(kind.key for kind in KINDS.values() if kind.practitioner_survey)
_CODE = re.compile(r"[A-Za-z0-9_-]{1,32}")

responses: sa.Table = PractitionerResponse.__table__  # type: ignore[assignment]
answers_table: sa.Table = PractitionerAnswer.__table__  # type: ignore[assignment]

_SURVEY = (
    sa.select(
        AuditReturn.id.label("return_id"),
        AuditReturn.cycle_id,
        AuditReturn.agency_id,
        Agency.name.label("agency_name"),
        AuditCycle.name.label("cycle_name"),
        AuditCycle.opens_on,
        AuditCycle.due_on,
        Partnership.name.label("partnership_name"),
        Partnership.help_name,
        Partnership.help_phone,
    )
    .join(AuditCycle, AuditCycle.id == AuditReturn.cycle_id)
    .join(AuditFramework, AuditFramework.id == AuditCycle.framework_id)
    .join(Agency, Agency.id == AuditReturn.agency_id)
    .join(Partnership, Partnership.id == AuditCycle.partnership_id)
    .where(
        AuditReturn.practitioner_code == sa.bindparam("code"),
        AuditFramework.kind.in_(SURVEY_KINDS),
    )
)


class Outcome(enum.Enum):
    SENT = "sent"
    ALREADY_SENT = "already_sent"


@dataclass(frozen=True)
class Survey:
    """One agency's survey in one cycle, as its staff see it."""

    code: str
    return_id: str
    cycle_id: str
    cycle_name: str
    opens_on: dt.date
    due_on: dt.date
    agency_id: str
    agency_name: str
    partnership_name: str
    help_name: str  # the partnership's front door for worries about a child
    help_phone: str

    def is_open(self, day: dt.date) -> bool:
        return self.opens_on <= day <= self.due_on


class SurveyClosed(Exception):
    """The survey is not open today: not yet, or no longer."""

    def __init__(self, survey: Survey, day: dt.date) -> None:
        super().__init__(survey.code)
        self.survey = survey
        self.not_yet_open = day < survey.opens_on


def _options(items: list[dict[str, str]]) -> tuple[Option, ...]:
    return tuple(Option(item["key"], item["text"]) for item in items)


@functools.cache
def questions() -> SurveyQuestions:
    """The question set (domain research §1.7), read once per process."""
    content = json.loads(QUESTIONS_FILE.read_text(encoding="utf-8"))
    text = content["improvement"]
    return SurveyQuestions(
        answers=_options(content["answers"]),
        statements=tuple(
            Statement(s["key"], s["standard"], s["text"], s["error"]) for s in content["statements"]
        ),
        improvement=TextQuestion(text["key"], text["text"], text["hint"], text["max_length"]),
        about_you=tuple(
            ChoiceQuestion(q["key"], q["text"], _options(q["options"]))
            for q in content["about_you"]
        ),
    )


def standards_asked(framework_kind: str) -> frozenset[str]:
    """The codes of the standards the survey's statements are about: every Section 11
    standard (S1 to S8); none for a kind of framework without a practitioner survey."""
    if framework_kind not in SURVEY_KINDS:
        return frozenset()
    return frozenset(statement.standard for statement in questions().statements)


def new_receipt() -> str:
    """The random token put in the form when it is shown; only its hash is stored."""
    return secrets.token_urlsafe(16)


def find(code: str) -> Survey:
    """The agency's survey for this link, open or not; NotFound for an unknown code."""
    if not _CODE.fullmatch(code):
        raise problems.NotFound()
    with db.read() as connection:
        row = connection.execute(_SURVEY, {"code": code}).first()
    if row is None:
        raise problems.NotFound()
    return Survey(
        code=code,
        return_id=row.return_id,
        cycle_id=row.cycle_id,
        cycle_name=row.cycle_name,
        opens_on=row.opens_on,
        due_on=row.due_on,
        agency_id=row.agency_id,
        agency_name=row.agency_name,
        partnership_name=row.partnership_name,
        help_name=(row.help_name or {}).get("en", ""),
        help_phone=row.help_phone,
    )


def survey_for(code: str) -> Survey:
    """The open survey for this link: NotFound for an unknown code, SurveyClosed outside
    the cycle's dates (open from ``opens_on`` to ``due_on``, both days included)."""
    survey = find(code)
    day = clock.today()
    if not survey.is_open(day):
        raise SurveyClosed(survey, day)
    return survey


def _checked(answers: Mapping[str, str | None]) -> dict[str, str | None]:
    """The answers to store; a ValueError if they don't fit the questions."""
    qs = questions()
    values: dict[str, str | None] = {}
    allowed = {option.key for option in qs.answers}
    for statement in qs.statements:
        if answers.get(statement.key) not in allowed:
            raise ValueError(f"no valid answer for {statement.key}")
        values[statement.key] = answers[statement.key]
    text = clean_text(answers.get(qs.improvement.key))
    if len(text) > qs.improvement.max_length:
        raise ValueError("free text too long")
    values[qs.improvement.key] = text
    for question in qs.about_you:
        value = answers.get(question.key) or None
        if value is not None and value not in {option.key for option in question.options}:
            raise ValueError(f"not an answer to {question.key}")
        values[question.key] = value
    return values


class TooManyAnswers(Exception):
    """This link has had as many answers as it takes in an hour."""


def record(code: str, receipt: str, answers: Mapping[str, str | None]) -> Outcome:
    """Store one anonymous response and its answers, in one transaction.

    The receipt (from the form) is the idempotency key: a second send with the same
    receipt, in any order or at the same moment, stores nothing. ``answers`` has a
    value per question key (None where an optional question was skipped).
    """
    survey = find(code)
    values = _checked(answers)
    qs = questions()

    def store(s: Session, receipt_hash: str) -> Outcome:
        day = clock.today()
        if not survey.is_open(day):
            raise SurveyClosed(survey, day)
        # Only answers that would be stored count, per link (so per agency), never
        # per address: empty or broken posts can't use up an agency's allowance.
        allowance = current_app.config["PRACTITIONER_SURVEY_LIMIT"]
        if not limits().count(allowance, f"practitioner-survey:{code}"):
            raise TooManyAnswers
        response_id = random_id()
        s.execute(
            sa.insert(responses).values(
                id=response_id,
                cycle_id=survey.cycle_id,
                agency_id=survey.agency_id,
                submitted_on=day,
                receipt_hash=receipt_hash,
                improvement=values[qs.improvement.key],
                role_band=values.get("role_band"),
                years_in_role=values.get("years_in_role"),
            )
        )
        rows = [
            {"id": random_id(), "response_id": response_id, "cycle_id": survey.cycle_id,
             "agency_id": survey.agency_id, "standard_code": statement.standard,
             "question_key": statement.key, "value": values[statement.key]}
            for statement in qs.statements
        ]  # fmt: skip
        s.execute(sa.insert(answers_table), rows)
        return Outcome.SENT

    outcome = store_once(responses.c.receipt_hash, receipt, store)
    return Outcome.ALREADY_SENT if outcome is None else outcome
