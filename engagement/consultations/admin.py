"""Consultations as staff see them: listing, settings, languages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from engagement import clock, db
from engagement.accounts import activity_log
from engagement.accounts.sessions import SignedInUser
from engagement.consultations.catalogue import forget
from engagement.i18n import LANGUAGE_CODES
from engagement.models import Consultation, ConsultationVersion, Submission


@dataclass(frozen=True)
class Row:
    consultation: Consultation
    responses: int

    @property
    def status(self) -> str:
        now = clock.today()
        if not self.consultation.published:
            return "Not published"
        if now < self.consultation.opens_on:
            return "Not open yet"
        if now > self.consultation.closes_on:
            return "Closed"
        cap = self.consultation.response_cap
        if cap is not None and self.responses >= cap:
            return "Full"
        return "Open"


def get(partnership_id: str, consultation_id: str) -> Consultation | None:
    consultation = db.session().scalar(
        sa.select(Consultation)
        .where(Consultation.id == consultation_id, Consultation.partnership_id == partnership_id)
        .options(selectinload(Consultation.versions).selectinload(ConsultationVersion.questions))
    )
    return consultation


def previous_round(consultation: Consultation) -> Consultation | None:
    """The last round, if it is set (always of the same partnership)."""
    if consultation.previous_round_id is None:
        return None
    return get(consultation.partnership_id, consultation.previous_round_id)


def listing(partnership_id: str) -> list[Row]:
    counts = dict(
        db.session()
        .execute(
            sa.select(ConsultationVersion.consultation_id, sa.func.count(Submission.id))
            .join(Submission, Submission.version_id == ConsultationVersion.id)
            .group_by(ConsultationVersion.consultation_id)
        )
        .all()
    )
    consultations = db.session().scalars(
        sa.select(Consultation)
        .where(Consultation.partnership_id == partnership_id)
        .order_by(Consultation.closes_on.desc())
    )
    return [Row(c, int(counts.get(c.id, 0))) for c in consultations]


def content_languages(consultation: Consultation) -> list[str]:
    """Languages the consultation's own text is written in (its title at least)."""
    return [code for code in LANGUAGE_CODES if consultation.title.get(code)]


def update_settings(
    actor: SignedInUser,
    consultation_id: str,
    opens_on: dt.date,
    closes_on: dt.date,
    response_cap: int | None,
) -> None:
    with db.transaction() as s:
        consultation = s.get(Consultation, consultation_id)
        if consultation is None or consultation.partnership_id != actor.partnership_id:
            raise LookupError(consultation_id)
        consultation.opens_on = opens_on
        consultation.closes_on = closes_on
        consultation.response_cap = response_cap
        forget(consultation.slug)
        activity_log.record(
            s, "consultation_settings_changed", actor.id, actor.partnership_id, "consultation",
            consultation_id, opens_on=opens_on.isoformat(), closes_on=closes_on.isoformat(),
            response_cap=response_cap,
        )  # fmt: skip
