"""The partnership's own headings and order for the yearly report's feedback section."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from engagement.models.base import Base


class ReportTemplate(Base):
    """``sections`` is a list of {"key": ..., "heading": ...} in the order they appear;
    a section left out is not in the report."""

    __tablename__ = "report_templates"

    partnership_id: Mapped[str] = mapped_column(sa.ForeignKey("partnerships.id"), primary_key=True)
    sections: Mapped[list[Any]] = mapped_column(default=list)
