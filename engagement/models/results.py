"""Counts of the answers to every question, kept as answers arrive.

One row per combination of age-band version, language, month, question and answer,
holding how many answers it has; reading a consultation's results sums a few thousand
rows instead of reading every answer. Rows whose ``by_key`` is set count the answers
of the people who gave ``by_option`` to that question (a breakdown). No row holds an
id, a day or an order, so nothing here can be traced back to one submission.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from engagement.models.base import Base

# Special keys: a question_key of ALL counts the people who sent answers; an
# option_key of ALL counts the people who answered that question.
ALL = ""


class AnswerTally(Base):
    __tablename__ = "answer_tallies"

    consultation_id: Mapped[str] = mapped_column(
        sa.ForeignKey("consultations.id"), primary_key=True
    )
    by_key: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    by_option: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    question_key: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    option_key: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    version_id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    answered_in: Mapped[str] = mapped_column(sa.String(10), primary_key=True)
    month: Mapped[str] = mapped_column(sa.String(7), primary_key=True)  # "YYYY-MM"
    count: Mapped[int] = mapped_column(default=0)
