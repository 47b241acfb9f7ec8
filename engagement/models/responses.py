"""Answers: the unfinished answer set, and the anonymous submission.

Anonymity is built into the schema: a submission has no IP address, user agent,
referrer, timing or sequential id; its date is kept to the day. Response tables
are WITHOUT ROWID on SQLite so not even the storage order follows arrival.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engagement.models.base import Base, new_id
from engagement.models.consultations import ConsultationVersion


class Draft(Base):
    """Answers so far on an unfinished journey. Deleted when the answers are sent.

    ``receipt`` is the idempotency key for sending; ``resume_code_hash`` is the
    SHA-256 of a "save and come back later" code, if one was asked for.
    """

    __tablename__ = "drafts"
    __table_args__ = {"sqlite_with_rowid": False}

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    version_id: Mapped[str] = mapped_column(sa.ForeignKey("consultation_versions.id"))
    answers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    receipt: Mapped[str] = mapped_column(sa.String(64))
    resume_code_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    expires_on: Mapped[dt.date]

    version: Mapped[ConsultationVersion] = relationship()


class Submission(Base):
    """A completed, anonymous response."""

    __tablename__ = "submissions"
    __table_args__ = {"sqlite_with_rowid": False}

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    version_id: Mapped[str] = mapped_column(sa.ForeignKey("consultation_versions.id"), index=True)
    submitted_on: Mapped[dt.date]
    locale: Mapped[str] = mapped_column(sa.String(10))
    receipt_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    needs_review: Mapped[bool] = mapped_column(default=False)
    review_reasons: Mapped[list[Any]] = mapped_column(default=list)

    answers: Mapped[list[Answer]] = relationship(
        back_populates="submission", cascade="all, delete-orphan"
    )
    version: Mapped[ConsultationVersion] = relationship()


class Answer(Base):
    """One answer: a string (single choice, scale, text) or a list of option keys."""

    __tablename__ = "answers"
    __table_args__ = (
        sa.UniqueConstraint("submission_id", "question_key"),
        {"sqlite_with_rowid": False},
    )

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    submission_id: Mapped[str] = mapped_column(
        sa.ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    question_key: Mapped[str] = mapped_column(sa.String(60))
    value: Mapped[Any] = mapped_column(sa.JSON)

    submission: Mapped[Submission] = relationship(back_populates="answers")
