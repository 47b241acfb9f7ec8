"""Partnerships and consultations: the questions, as data.

Text a respondent sees is stored per language as ``{"en": ..., "cy": ...}``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engagement.models.base import Base, LocalisedText, new_id


class ConsultationKind:
    YOUTH_VOICE = "youth_voice"
    PRACTITIONER = "practitioner"
    TRAINING_EVALUATION = "training_evaluation"
    SECTION_11 = "section_11"
    ALL = (YOUTH_VOICE, PRACTITIONER, TRAINING_EVALUATION, SECTION_11)


class Partnership(Base):
    __tablename__ = "partnerships"

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    slug: Mapped[str] = mapped_column(sa.String(60), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    help_name: Mapped[LocalisedText]
    help_phone: Mapped[str] = mapped_column(sa.String(40))
    # School and place names to take out of answers before staff see them.
    local_names: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    # Days an original free-text answer is kept before only its redacted text remains.
    retain_original_days: Mapped[int] = mapped_column(default=90, server_default="90")

    consultations: Mapped[list[Consultation]] = relationship(back_populates="partnership")


class Consultation(Base):
    __tablename__ = "consultations"

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    partnership_id: Mapped[str] = mapped_column(sa.ForeignKey("partnerships.id"))
    kind: Mapped[str] = mapped_column(sa.String(30))
    slug: Mapped[str] = mapped_column(sa.String(60), unique=True)
    opens_on: Mapped[dt.date]
    closes_on: Mapped[dt.date]
    # Stop taking answers once this many are in (None: no limit).
    response_cap: Mapped[int | None]
    # Built but not yet published consultations take no answers, whatever the dates.
    published: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    title: Mapped[LocalisedText]
    purpose: Mapped[LocalisedText]
    who_sees: Mapped[LocalisedText]
    privacy_notice: Mapped[LocalisedText]
    next_steps: Mapped[LocalisedText]
    # The same consultation's last round (last year's), compared with question by question.
    previous_round_id: Mapped[str | None] = mapped_column(sa.ForeignKey("consultations.id"))

    partnership: Mapped[Partnership] = relationship(back_populates="consultations")
    versions: Mapped[list[ConsultationVersion]] = relationship(
        back_populates="consultation", order_by="ConsultationVersion.position"
    )

    def is_open(self, today: dt.date) -> bool:
        return self.published and self.opens_on <= today <= self.closes_on


class ConsultationVersion(Base):
    """One version of a consultation for an age band; versions share core question keys."""

    __tablename__ = "consultation_versions"
    __table_args__ = (sa.UniqueConstraint("consultation_id", "age_band"),)

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    consultation_id: Mapped[str] = mapped_column(sa.ForeignKey("consultations.id"))
    age_band: Mapped[str] = mapped_column(sa.String(20))
    label: Mapped[LocalisedText]
    position: Mapped[int] = mapped_column(default=0)

    consultation: Mapped[Consultation] = relationship(back_populates="versions")
    questions: Mapped[list[Question]] = relationship(
        back_populates="version", order_by="Question.position"
    )


class Question(Base):
    """One question; each is shown on its own page.

    ``options`` is a list of ``{"key": str, "text": LocalisedText, "concern": bool}``.
    ``show_if`` is ``{"question": key, "answers": [option keys]}`` or null.
    """

    __tablename__ = "questions"
    __table_args__ = (sa.UniqueConstraint("version_id", "key"),)

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    version_id: Mapped[str] = mapped_column(sa.ForeignKey("consultation_versions.id"))
    key: Mapped[str] = mapped_column(sa.String(60))
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(sa.String(30))  # one of forms.vocabulary.QuestionKind
    text: Mapped[LocalisedText]
    hint: Mapped[LocalisedText] = mapped_column(default=dict)
    options: Mapped[list[Any]] = mapped_column(default=list)
    rather_not_say: Mapped[bool] = mapped_column(default=False)
    max_length: Mapped[int | None]
    max_choices: Mapped[int | None]
    show_if: Mapped[dict[str, Any] | None]

    version: Mapped[ConsultationVersion] = relationship(back_populates="questions")
