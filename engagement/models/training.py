"""Training: courses, their sessions, anonymous evaluations and follow-up reminders.

An evaluation names its session and the day; the practitioner's agency type and role
group only if they chose to say. Nothing names the person. A Form A answer and its
follow-up are linked by ``link_hash``, the hash of a code only the practitioner holds,
salted per session. An email address for a reminder is kept in its own table with the
session and the due date only, and deleted once the reminder is sent or the follow-up
closes: nothing joins it to an answer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engagement.models.base import Base, new_id
from engagement.models.consultations import Partnership
from engagement.models.staff import Moment, StaffUser

course_trainers = sa.Table(
    "training_course_trainers",
    Base.metadata,
    sa.Column(
        "course_id", sa.ForeignKey("training_courses.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("staff_user_id", sa.ForeignKey("staff_users.id"), primary_key=True),
)


class TrainingForm(Base):
    """A partnership's own copy of an evaluation form (A: straight after, B: follow-up),
    adapted from a built-in one. The built-in forms are files, not rows."""

    __tablename__ = "training_forms"

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    partnership_id: Mapped[str] = mapped_column(sa.ForeignKey("partnerships.id"), index=True)
    stage: Mapped[str] = mapped_column(sa.String(1))  # "a" or "b"
    name: Mapped[str] = mapped_column(sa.String(200))
    copied_from: Mapped[str] = mapped_column(sa.String(40))
    items: Mapped[list[Any]] = mapped_column(default=list)


class Course(Base):
    __tablename__ = "training_courses"

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    partnership_id: Mapped[str] = mapped_column(sa.ForeignKey("partnerships.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    objectives: Mapped[list[Any]] = mapped_column(default=list)  # each a confidence pair
    level: Mapped[str] = mapped_column(sa.String(40))
    audience: Mapped[str] = mapped_column(sa.String(300), default="")
    form_a: Mapped[str] = mapped_column(sa.String(40), default="built_in_a")  # or a form id
    form_b: Mapped[str] = mapped_column(sa.String(40), default="built_in_b")

    partnership: Mapped[Partnership] = relationship()
    trainers: Mapped[list[StaffUser]] = relationship(secondary=course_trainers)
    sessions: Mapped[list[TrainingSession]] = relationship(
        back_populates="course", order_by="TrainingSession.held_on"
    )


class TrainingSession(Base):
    """One delivery of a course. Attendance is counts by agency type: no names."""

    __tablename__ = "training_sessions"

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    course_id: Mapped[str] = mapped_column(sa.ForeignKey("training_courses.id"), index=True)
    held_on: Mapped[dt.date]
    mode: Mapped[str] = mapped_column(sa.String(20))
    venue: Mapped[str] = mapped_column(sa.String(200), default="")
    trainer_names: Mapped[str] = mapped_column(sa.String(300), default="")
    attendance: Mapped[dict[str, Any]] = mapped_column(default=dict)  # agency type: count
    code: Mapped[str] = mapped_column(sa.String(32), unique=True)  # in the public link
    salt: Mapped[str] = mapped_column(sa.String(64))  # for the follow-up codes' hashes
    follow_up_opens_on: Mapped[dt.date]
    follow_up_closes_on: Mapped[dt.date]

    course: Mapped[Course] = relationship(back_populates="sessions")


class TrainingEvaluation(Base):
    """One practitioner's anonymous answers to Form A or Form B."""

    __tablename__ = "training_evaluations"
    __table_args__ = (
        sa.Index("ix_training_evaluations_session", "session_id", "stage"),
        {"sqlite_with_rowid": False},
    )

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    session_id: Mapped[str] = mapped_column(sa.ForeignKey("training_sessions.id"))
    stage: Mapped[str] = mapped_column(sa.String(1))  # "a" or "b"
    submitted_on: Mapped[dt.date]
    receipt_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # sha256(session salt + follow-up code): set on a Form A that opted in, and on the
    # Form B answered with that code (unique per stage, so a code is used once).
    link_hash: Mapped[str | None] = mapped_column(sa.String(64))
    agency_type: Mapped[str | None] = mapped_column(sa.String(40))
    role_group: Mapped[str | None] = mapped_column(sa.String(40))
    answers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Kept from the answers as they are stored, so the year's overview adds them up in
    # the database: the relevance rating, and the person's mean confidence over the
    # objectives before the course and now (Form A only).
    relevant: Mapped[int | None]
    confidence_from: Mapped[float | None]
    confidence_to: Mapped[float | None]


sa.Index(
    "uq_training_evaluations_link",
    TrainingEvaluation.session_id,
    TrainingEvaluation.stage,
    TrainingEvaluation.link_hash,
    unique=True,
)


class TrainingReminder(Base):
    """An email address waiting for its follow-up reminder. It keeps the session and
    the day the reminder is due, nothing else."""

    __tablename__ = "training_reminders"
    __table_args__ = {"sqlite_with_rowid": False}

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    session_id: Mapped[str] = mapped_column(sa.ForeignKey("training_sessions.id"), index=True)
    email: Mapped[str] = mapped_column(sa.String(254))
    due_on: Mapped[dt.date]


class TrainingCoding(Base):
    """A person's decision on one theme of one written answer: confirmed or rejected.
    Suggestions are not stored: they are worked out when the answers are shown."""

    __tablename__ = "training_codings"

    evaluation_id: Mapped[str] = mapped_column(
        sa.ForeignKey("training_evaluations.id", ondelete="CASCADE"), primary_key=True
    )
    item_key: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    theme_id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    confirmed: Mapped[bool]
    decided_by: Mapped[str | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    decided_at: Mapped[dt.datetime] = mapped_column(Moment)
