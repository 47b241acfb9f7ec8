"""Staff: agencies, accounts with a second factor, server-side sessions, the audit log.

Staff are not anonymous: the audit log says who did what and when. It never
holds response content.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engagement.models.base import Base, new_id
from engagement.models.consultations import Partnership

Moment = sa.DateTime(timezone=True)


class Role:
    PARTNERSHIP_ADMIN = "partnership_admin"
    ANALYST = "analyst"
    AGENCY_LEAD = "agency_lead"
    TRAINER = "trainer"
    SCRUTINEER = "scrutineer"
    ALL = (PARTNERSHIP_ADMIN, ANALYST, AGENCY_LEAD, TRAINER, SCRUTINEER)
    LABELS = {
        PARTNERSHIP_ADMIN: "Partnership admin",
        ANALYST: "Analyst (business unit)",
        AGENCY_LEAD: "Agency safeguarding lead",
        TRAINER: "Trainer",
        SCRUTINEER: "Independent scrutineer (read only)",
    }


class AgencySector:
    LABELS = {
        "local_authority": "Local authority",
        "health": "Health",
        "police": "Police",
        "education": "Education",
        "probation_youth_justice": "Probation and youth justice",
        "voluntary_community": "Voluntary and community",
        "other": "Other",
    }
    ALL = tuple(LABELS)


class Agency(Base):
    __tablename__ = "agencies"
    __table_args__ = (sa.UniqueConstraint("partnership_id", "name"),)

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    partnership_id: Mapped[str] = mapped_column(sa.ForeignKey("partnerships.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    sector: Mapped[str] = mapped_column(sa.String(40))
    statutory_partner: Mapped[bool] = mapped_column(default=False)

    partnership: Mapped[Partnership] = relationship()
    users: Mapped[list[StaffUser]] = relationship(back_populates="agency")


class StaffUser(Base):
    """A member of staff. ``token_nonce`` changes whenever an emailed link is used,
    so each invitation or reset link works once."""

    __tablename__ = "staff_users"

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    partnership_id: Mapped[str] = mapped_column(sa.ForeignKey("partnerships.id"), index=True)
    agency_id: Mapped[str | None] = mapped_column(sa.ForeignKey("agencies.id"), index=True)
    email: Mapped[str] = mapped_column(sa.String(320), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[str] = mapped_column(sa.String(30))
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    totp_secret: Mapped[str | None] = mapped_column(sa.String(64))
    totp_last_step: Mapped[int | None]
    failed_sign_ins: Mapped[int] = mapped_column(default=0)
    # Wrong authenticator or recovery codes since the last right one. Counted apart
    # from passwords, so a right password never clears them.
    failed_codes: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[dt.datetime | None] = mapped_column(Moment)
    disabled: Mapped[bool] = mapped_column(default=False)
    # An agency's senior lead signs off its audit returns.
    senior_lead: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    token_nonce: Mapped[str] = mapped_column(sa.String(32), default=new_id)
    created_at: Mapped[dt.datetime] = mapped_column(Moment)

    agency: Mapped[Agency | None] = relationship(back_populates="users")
    partnership: Mapped[Partnership] = relationship()


class StaffSession(Base):
    """A signed-in session, kept on the server so that signing out really ends it."""

    __tablename__ = "staff_sessions"

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(sa.ForeignKey("staff_users.id"), index=True)
    started_at: Mapped[dt.datetime] = mapped_column(Moment)
    last_seen_at: Mapped[dt.datetime] = mapped_column(Moment)
    ended_at: Mapped[dt.datetime | None] = mapped_column(Moment)

    user: Mapped[StaffUser] = relationship()


class RecoveryCode(Base):
    __tablename__ = "recovery_codes"

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(sa.ForeignKey("staff_users.id"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(64))
    used_at: Mapped[dt.datetime | None] = mapped_column(Moment)


class AuditEvent(Base):
    """Who did what, and when. ``detail`` names things; it never holds answers."""

    __tablename__ = "audit_events"

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    partnership_id: Mapped[str | None] = mapped_column(sa.ForeignKey("partnerships.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(Moment, index=True)
    actor_id: Mapped[str | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    action: Mapped[str] = mapped_column(sa.String(60))
    object_type: Mapped[str | None] = mapped_column(sa.String(40))
    object_id: Mapped[str | None] = mapped_column(sa.String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class ContentEdit(Base):
    """One change to a consultation's text, kept so that fixes made after answers
    arrive can be traced (who changed what, from what, to what)."""

    __tablename__ = "content_edits"

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    consultation_id: Mapped[str] = mapped_column(sa.ForeignKey("consultations.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(Moment)
    actor_id: Mapped[str | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    item: Mapped[str] = mapped_column(sa.String(200))
    language: Mapped[str] = mapped_column(sa.String(10))
    before: Mapped[str | None] = mapped_column(sa.Text)
    after: Mapped[str | None] = mapped_column(sa.Text)
