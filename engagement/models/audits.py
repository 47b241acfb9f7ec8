"""Section 11 and 175 audit frameworks, as data: standards, and questions in each.

The two built-in frameworks are loaded from ``engagement/audit_frameworks/``; a
partnership copies one to adapt it, and the copy remembers where it came from.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engagement.models.base import Base, new_id
from engagement.models.staff import Moment
from engagement.section11.kinds import AuditKind, kind_of


class AuditFramework(Base):
    __tablename__ = "audit_frameworks"
    __table_args__ = (sa.UniqueConstraint("partnership_id", "name"),)

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    partnership_id: Mapped[str] = mapped_column(sa.ForeignKey("partnerships.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(30))  # section_11 or section_175
    name: Mapped[str] = mapped_column(sa.String(200))
    scale: Mapped[str] = mapped_column(sa.String(30))  # a key of audit_scales.SCALES
    copied_from_id: Mapped[str | None] = mapped_column(sa.ForeignKey("audit_frameworks.id"))
    created_at: Mapped[dt.datetime] = mapped_column(Moment)

    standards: Mapped[list[AuditStandard]] = relationship(
        back_populates="framework", order_by="AuditStandard.position"
    )

    @property
    def audit_kind(self) -> AuditKind:
        """What this kind of audit is called, and whether it has a practitioner survey."""
        return kind_of(self.kind)


class AuditStandard(Base):
    __tablename__ = "audit_standards"

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    framework_id: Mapped[str] = mapped_column(sa.ForeignKey("audit_frameworks.id"), index=True)
    position: Mapped[int]
    code: Mapped[str] = mapped_column(sa.String(10))
    title: Mapped[str] = mapped_column(sa.String(300))

    framework: Mapped[AuditFramework] = relationship(back_populates="standards")
    questions: Mapped[list[AuditQuestion]] = relationship(
        back_populates="standard", order_by="AuditQuestion.position"
    )


class AuditQuestion(Base):
    __tablename__ = "audit_questions"

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    standard_id: Mapped[str] = mapped_column(sa.ForeignKey("audit_standards.id"), index=True)
    position: Mapped[int]
    text: Mapped[str] = mapped_column(sa.Text)

    standard: Mapped[AuditStandard] = relationship(back_populates="questions")
