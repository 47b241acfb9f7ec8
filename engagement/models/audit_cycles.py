"""Audit cycles: each agency's return, its answers and evidence, and the partnership's review.

A cycle (say "2026-27") runs one framework for the agencies it picks. Each agency
has one return in a cycle. Every saved change to an answer is kept as a revision,
so that no contributor's text is ever lost, and so the edits can be traced.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engagement.models.audits import AuditFramework, AuditQuestion, AuditStandard
from engagement.models.base import Base, new_id
from engagement.models.staff import Agency, Moment


class ReturnStatus:
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"  # waiting for a senior lead's sign-off
    APPROVED = "approved"  # signed off: locked
    LABELS = {
        NOT_STARTED: "Not started",
        IN_PROGRESS: "In progress",
        SUBMITTED: "Waiting for sign-off",
        APPROVED: "Signed off",
    }


class ActionStatus:
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    LABELS = {NOT_STARTED: "Not started", IN_PROGRESS: "In progress", DONE: "Done"}


class AuditCycle(Base):
    __tablename__ = "audit_cycles"
    __table_args__ = (sa.UniqueConstraint("partnership_id", "name"),)

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    partnership_id: Mapped[str] = mapped_column(sa.ForeignKey("partnerships.id"), index=True)
    framework_id: Mapped[str] = mapped_column(sa.ForeignKey("audit_frameworks.id"))
    name: Mapped[str] = mapped_column(sa.String(100))
    opens_on: Mapped[dt.date]
    due_on: Mapped[dt.date]
    created_at: Mapped[dt.datetime] = mapped_column(Moment)

    framework: Mapped[AuditFramework] = relationship()
    returns: Mapped[list[AuditReturn]] = relationship(back_populates="cycle")
    events: Mapped[list[ChallengeEvent]] = relationship(
        back_populates="cycle", order_by="ChallengeEvent.held_on"
    )


class AuditReturn(Base):
    """One agency's return in a cycle. ``practitioner_code`` is the random part of the
    agency's practitioner-survey link: it names the agency, never a person."""

    __tablename__ = "audit_returns"
    __table_args__ = (sa.UniqueConstraint("cycle_id", "agency_id"),)

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    cycle_id: Mapped[str] = mapped_column(sa.ForeignKey("audit_cycles.id"), index=True)
    agency_id: Mapped[str] = mapped_column(sa.ForeignKey("agencies.id"), index=True)
    status: Mapped[str] = mapped_column(sa.String(20), default=ReturnStatus.NOT_STARTED)
    practitioner_code: Mapped[str] = mapped_column(sa.String(32), unique=True)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(Moment)
    submitted_by: Mapped[str | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    approved_at: Mapped[dt.datetime | None] = mapped_column(Moment)
    approved_by: Mapped[str | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    # What the senior lead last asked to change; cleared when it is sent for sign-off again.
    sent_back_reason: Mapped[str | None] = mapped_column(sa.Text)

    cycle: Mapped[AuditCycle] = relationship(back_populates="returns")
    agency: Mapped[Agency] = relationship()

    @property
    def locked(self) -> bool:
        return self.status == ReturnStatus.APPROVED


class AuditAnswer(Base):
    """The agency's answer to one question: a rating (or not applicable, with a reason),
    the evidence, and the impact on children. ``version`` counts saved changes."""

    __tablename__ = "audit_answers"
    __table_args__ = (sa.UniqueConstraint("return_id", "question_id"),)

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    return_id: Mapped[str] = mapped_column(sa.ForeignKey("audit_returns.id"), index=True)
    question_id: Mapped[str] = mapped_column(sa.ForeignKey("audit_questions.id"))
    rating: Mapped[str | None] = mapped_column(sa.String(20))
    not_applicable_reason: Mapped[str] = mapped_column(sa.Text, default="")
    evidence: Mapped[str] = mapped_column(sa.Text, default="")
    impact: Mapped[str] = mapped_column(sa.Text, default="")
    version: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[dt.datetime | None] = mapped_column(Moment)
    updated_by: Mapped[str | None] = mapped_column(sa.ForeignKey("staff_users.id"))

    question: Mapped[AuditQuestion] = relationship()


class AuditAnswerRevision(Base):
    """An answer as it was after one saved change."""

    __tablename__ = "audit_answer_revisions"
    __table_args__ = (sa.UniqueConstraint("answer_id", "version"),)

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    answer_id: Mapped[str] = mapped_column(sa.ForeignKey("audit_answers.id"), index=True)
    version: Mapped[int]
    at: Mapped[dt.datetime] = mapped_column(Moment)
    by: Mapped[str | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    rating: Mapped[str | None] = mapped_column(sa.String(20))
    not_applicable_reason: Mapped[str] = mapped_column(sa.Text, default="")
    evidence: Mapped[str] = mapped_column(sa.Text, default="")
    impact: Mapped[str] = mapped_column(sa.Text, default="")


class AuditDocument(Base):
    """An evidence document. The file lives outside the web root under ``stored_name``,
    which the server makes; ``filename`` is only shown, never used as a path."""

    __tablename__ = "audit_documents"

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    return_id: Mapped[str] = mapped_column(sa.ForeignKey("audit_returns.id"), index=True)
    question_id: Mapped[str] = mapped_column(sa.ForeignKey("audit_questions.id"))
    filename: Mapped[str] = mapped_column(sa.String(200))
    stored_name: Mapped[str] = mapped_column(sa.String(64), unique=True)
    content_type: Mapped[str] = mapped_column(sa.String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64))
    uploaded_at: Mapped[dt.datetime] = mapped_column(Moment)
    uploaded_by: Mapped[str | None] = mapped_column(sa.ForeignKey("staff_users.id"))


class AuditModeration(Base):
    """The partnership's moderated rating for one standard, beside the agency's own."""

    __tablename__ = "audit_moderations"
    __table_args__ = (sa.UniqueConstraint("return_id", "standard_id"),)

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    return_id: Mapped[str] = mapped_column(sa.ForeignKey("audit_returns.id"), index=True)
    standard_id: Mapped[str] = mapped_column(sa.ForeignKey("audit_standards.id"))
    rating: Mapped[str] = mapped_column(sa.String(20))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    by: Mapped[str | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    at: Mapped[dt.datetime] = mapped_column(Moment)


class AuditChallenge(Base):
    """A challenge comment from the partnership on one standard, and the agency's reply."""

    __tablename__ = "audit_challenges"

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    return_id: Mapped[str] = mapped_column(sa.ForeignKey("audit_returns.id"), index=True)
    standard_id: Mapped[str] = mapped_column(sa.ForeignKey("audit_standards.id"))
    body: Mapped[str] = mapped_column(sa.Text)
    raised_by: Mapped[str | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    raised_at: Mapped[dt.datetime] = mapped_column(Moment)
    reply: Mapped[str | None] = mapped_column(sa.Text)
    replied_by: Mapped[str | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    replied_at: Mapped[dt.datetime | None] = mapped_column(Moment)

    standard: Mapped[AuditStandard] = relationship()


class AuditAction(Base):
    """An action in the agency's plan: what, who owns it, by when, and how it was done."""

    __tablename__ = "audit_actions"

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    return_id: Mapped[str] = mapped_column(sa.ForeignKey("audit_returns.id"), index=True)
    standard_id: Mapped[str | None] = mapped_column(sa.ForeignKey("audit_standards.id"))
    description: Mapped[str] = mapped_column(sa.Text)
    owner: Mapped[str] = mapped_column(sa.String(200))
    due_on: Mapped[dt.date] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(sa.String(20), default=ActionStatus.NOT_STARTED)
    completion_evidence: Mapped[str] = mapped_column(sa.Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(Moment)

    standard: Mapped[AuditStandard | None] = relationship()

    def overdue(self, today: dt.date) -> bool:
        return self.status != ActionStatus.DONE and self.due_on < today


challenge_event_agencies = sa.Table(
    "challenge_event_agencies",
    Base.metadata,
    sa.Column("event_id", sa.ForeignKey("challenge_events.id"), primary_key=True),
    sa.Column("agency_id", sa.ForeignKey("agencies.id"), primary_key=True),
)


class ChallengeEvent(Base):
    """A challenge (moderation) event, and the agencies that will present at it."""

    __tablename__ = "challenge_events"

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    cycle_id: Mapped[str] = mapped_column(sa.ForeignKey("audit_cycles.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    held_on: Mapped[dt.date]
    starts_at: Mapped[str] = mapped_column(sa.String(5))  # "14:00"
    place: Mapped[str] = mapped_column(sa.String(300))

    cycle: Mapped[AuditCycle] = relationship(back_populates="events")
    agencies: Mapped[list[Agency]] = relationship(
        secondary=challenge_event_agencies, order_by="Agency.name"
    )


class PractitionerResponse(Base):
    """One practitioner's anonymous answers. It names the agency (from the link) and the
    day, nothing about the person: no address, user agent or time of day."""

    __tablename__ = "practitioner_responses"
    __table_args__ = {"sqlite_with_rowid": False}

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    cycle_id: Mapped[str] = mapped_column(sa.ForeignKey("audit_cycles.id"))
    agency_id: Mapped[str] = mapped_column(sa.ForeignKey("agencies.id"))
    submitted_on: Mapped[dt.date]
    receipt_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    improvement: Mapped[str] = mapped_column(sa.Text, default="")
    role_band: Mapped[str | None] = mapped_column(sa.String(30))
    years_in_role: Mapped[str | None] = mapped_column(sa.String(30))


class PractitionerAnswer(Base):
    """One answer, with copies of its response's cycle and agency and the question's
    standard, so the triangulation counts from one index without joins."""

    __tablename__ = "practitioner_answers"
    __table_args__ = (
        sa.Index("ix_practitioner_answers_counting", "cycle_id", "agency_id", "standard_code"),
        {"sqlite_with_rowid": False},
    )

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    response_id: Mapped[str] = mapped_column(
        sa.ForeignKey("practitioner_responses.id", ondelete="CASCADE"), index=True
    )
    cycle_id: Mapped[str] = mapped_column(sa.String(32))
    agency_id: Mapped[str] = mapped_column(sa.String(32))
    standard_code: Mapped[str] = mapped_column(sa.String(10))
    question_key: Mapped[str] = mapped_column(sa.String(40))
    value: Mapped[str] = mapped_column(sa.String(20))
