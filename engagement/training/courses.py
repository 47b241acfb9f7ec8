"""Courses and their sessions. Trainers manage their own courses; admins and analysts
all of them; the scrutineer reads. Everything is within the signed-in partnership."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from engagement import db
from engagement.accounts import activity_log
from engagement.accounts.sessions import SignedInUser
from engagement.models import Course, Role, StaffUser, TrainingEvaluation, TrainingSession

CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off a poster


def sees_every_course(user: SignedInUser) -> bool:
    return user.role != Role.TRAINER


def _visible(user: SignedInUser) -> sa.Select[Course]:
    query = sa.select(Course).where(Course.partnership_id == user.partnership_id)
    if not sees_every_course(user):
        query = query.where(Course.trainers.any(StaffUser.id == user.id))
    return query


def listing(user: SignedInUser, trainer_id: str = "", details: bool = True) -> list[Course]:
    """The courses this person may see (of one trainer, if chosen), by title; with their
    sessions and trainers loaded unless ``details`` is False."""
    query = _visible(user).order_by(Course.title)
    if trainer_id:
        query = query.where(Course.trainers.any(StaffUser.id == trainer_id))
    if details:
        query = query.options(selectinload(Course.sessions), selectinload(Course.trainers))
    return list(db.session().scalars(query))


def visible_ids(user: SignedInUser) -> sa.Select[str]:
    """The ids of the courses this person may see, as a subquery."""
    return _visible(user).with_only_columns(Course.id)


def get(user: SignedInUser, course_id: str) -> Course | None:
    return db.session().scalar(_visible(user).where(Course.id == course_id))


def get_session(user: SignedInUser, session_id: str) -> TrainingSession | None:
    found = db.session().get(TrainingSession, session_id)
    if found is None or get(user, found.course_id) is None:
        return None
    return found


def trainers(partnership_id: str) -> list[StaffUser]:
    """The partnership's trainers, and the staff who may run courses as well."""
    return list(
        db.session().scalars(
            sa.select(StaffUser)
            .where(
                StaffUser.partnership_id == partnership_id,
                StaffUser.role.in_((Role.TRAINER, Role.PARTNERSHIP_ADMIN, Role.ANALYST)),
            )
            .order_by(StaffUser.name)
        )
    )


@dataclass(frozen=True)
class CourseDetails:
    title: str
    objectives: list[str]
    level: str
    audience: str
    trainer_ids: list[str]
    form_a: str = "built_in_a"
    form_b: str = "built_in_b"


def create(actor: SignedInUser, details: CourseDetails) -> str:
    """A new course; a trainer who creates one is always among its trainers."""
    ids = set(details.trainer_ids)
    if actor.role == Role.TRAINER:
        ids.add(actor.id)
    with db.transaction() as s:
        people = s.scalars(
            sa.select(StaffUser).where(
                StaffUser.id.in_(ids), StaffUser.partnership_id == actor.partnership_id
            )
        ).all()
        course = Course(
            partnership_id=actor.partnership_id,
            title=details.title,
            objectives=details.objectives,
            level=details.level,
            audience=details.audience,
            form_a=details.form_a,
            form_b=details.form_b,
            trainers=list(people),
        )
        s.add(course)
        s.flush()
        activity_log.record(
            s, "training_course.created", actor.id, actor.partnership_id, "course", course.id
        )
        return course.id


@dataclass(frozen=True)
class SessionDetails:
    held_on: dt.date
    mode: str
    venue: str
    trainer_names: str
    attendance: dict[str, int]
    follow_up_weeks: int = 8
    follow_up_open_weeks: int = 8


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


def add_session(actor: SignedInUser, course_id: str, details: SessionDetails) -> str:
    if get(actor, course_id) is None:
        raise LookupError(course_id)
    opens = details.held_on + dt.timedelta(weeks=details.follow_up_weeks)
    with db.transaction() as s:
        session = TrainingSession(
            course_id=course_id,
            held_on=details.held_on,
            mode=details.mode,
            venue=details.venue,
            trainer_names=details.trainer_names,
            attendance={k: v for k, v in details.attendance.items() if v},
            code=new_code(),
            salt=secrets.token_hex(16),
            follow_up_opens_on=opens,
            follow_up_closes_on=opens + dt.timedelta(weeks=details.follow_up_open_weeks),
        )
        s.add(session)
        s.flush()
        activity_log.record(
            s, "training_session.added", actor.id, actor.partnership_id, "course", course_id
        )
        return session.id


def answer_counts(session_ids: list[str]) -> dict[tuple[str, str], int]:
    """(session id, stage): how many evaluations."""
    if not session_ids:
        return {}
    rows = db.session().execute(
        sa.select(TrainingEvaluation.session_id, TrainingEvaluation.stage, sa.func.count())
        .where(TrainingEvaluation.session_id.in_(session_ids))
        .group_by(TrainingEvaluation.session_id, TrainingEvaluation.stage)
    )
    return {(session_id, stage): int(n) for session_id, stage, n in rows}
