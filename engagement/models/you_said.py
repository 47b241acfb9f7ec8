"""Closing the loop: what the partnership did about what young people said ("we did"),
and the public "you said, we did" page of each consultation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from engagement.models.base import Base, new_id
from engagement.models.staff import Moment


class WeDidStatus:
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_TAKEN_FORWARD = "not_taken_forward"


class WeDidAction(Base):
    """Something done or decided because of what young people said: by whom, when, how
    far it has got (with the reason, if not taken forward) and the evidence. Linked to a
    consultation, and to a theme or a priority when it answers one."""

    __tablename__ = "we_did_actions"

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    partnership_id: Mapped[str] = mapped_column(sa.ForeignKey("partnerships.id"), index=True)
    consultation_id: Mapped[str] = mapped_column(sa.ForeignKey("consultations.id"), index=True)
    theme_id: Mapped[str | None] = mapped_column(sa.ForeignKey("themes.id", ondelete="SET NULL"))
    priority_id: Mapped[str | None] = mapped_column(
        sa.ForeignKey("priorities.id", ondelete="SET NULL")
    )
    what: Mapped[str] = mapped_column(sa.String(500))  # for staff and the yearly report
    # What young people read on the page, per content language: {"en": "...", "cy": ...}.
    for_young_people: Mapped[dict[str, Any]] = mapped_column(default=dict)
    by_whom: Mapped[str] = mapped_column(sa.String(200))
    decided_on: Mapped[dt.date]
    status: Mapped[str] = mapped_column(sa.String(30))
    reason: Mapped[str] = mapped_column(sa.Text, default="")  # why not taken forward
    evidence: Mapped[str] = mapped_column(sa.Text, default="")
    updated_by: Mapped[str | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(Moment)


class YouSaidPage(Base):
    """A consultation's "you said, we did" page: its opening words per content language,
    and when (and by whom) it was published; not public until then."""

    __tablename__ = "you_said_pages"

    consultation_id: Mapped[str] = mapped_column(
        sa.ForeignKey("consultations.id"), primary_key=True
    )
    intro: Mapped[dict[str, Any]] = mapped_column(default=dict)
    published_at: Mapped[dt.datetime | None] = mapped_column(Moment)
    published_by: Mapped[str | None] = mapped_column(sa.ForeignKey("staff_users.id"))


class ApprovedQuote(Base):
    """A written answer a person has read (redacted) and approved for publication, with
    who and when; withdrawing it keeps the record but takes it off every page."""

    __tablename__ = "approved_quotes"

    answer_id: Mapped[str] = mapped_column(
        sa.ForeignKey("answers.id", ondelete="CASCADE"), primary_key=True
    )
    consultation_id: Mapped[str] = mapped_column(sa.ForeignKey("consultations.id"), index=True)
    theme_id: Mapped[str | None] = mapped_column(sa.ForeignKey("themes.id", ondelete="SET NULL"))
    approved_by: Mapped[str | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    approved_at: Mapped[dt.datetime] = mapped_column(Moment)
    withdrawn_by: Mapped[str | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(Moment)
