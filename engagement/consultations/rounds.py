"""Running a consultation again: a new round is a copy with the same question keys, so
the results page can compare it with the last round question by question."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from engagement import clock, db
from engagement.accounts import activity_log
from engagement.accounts.sessions import SignedInUser
from engagement.consultations.builder import BuilderProblem, _owned, copy_question, slug_taken
from engagement.models import Consultation, ConsultationVersion, Theme, ThemeStatus


def new_round(actor: SignedInUser, consultation_id: str, title: str, slug: str) -> str:
    """An unpublished copy of the consultation (versions, questions, texts in every
    language and the codebook's themes), linked to it as its last round. No answers
    are copied. Returns the new consultation's id."""
    if slug_taken(slug):
        raise BuilderProblem("That web address is already used. Choose another")
    with db.transaction() as s:
        last = _owned(s, actor, consultation_id)
        consultation = Consultation(
            partnership_id=last.partnership_id, kind=last.kind, slug=slug,
            opens_on=clock.today(), closes_on=clock.today() + dt.timedelta(days=90),
            response_cap=last.response_cap, published=False,
            title={**last.title, "en": title.strip()},
            purpose=dict(last.purpose), who_sees=dict(last.who_sees),
            privacy_notice=dict(last.privacy_notice), next_steps=dict(last.next_steps),
            previous_round_id=last.id,
        )  # fmt: skip
        for v in last.versions:
            version = ConsultationVersion(
                age_band=v.age_band, label=dict(v.label), position=v.position
            )
            version.questions.extend(copy_question(q) for q in v.questions)
            consultation.versions.append(version)
        s.add(consultation)
        s.flush()
        _copy_themes(s, last.id, consultation.id)
        activity_log.record(
            s, "consultation_new_round", actor.id, actor.partnership_id, "consultation",
            consultation.id, previous_round=last.id,
        )  # fmt: skip
        return consultation.id


def _copy_themes(s: Session, from_id: str, to_id: str) -> None:
    themes = s.scalars(
        sa.select(Theme).where(Theme.consultation_id == from_id, Theme.status == ThemeStatus.ACTIVE)
    )
    for theme in themes:
        s.add(
            Theme(
                consultation_id=to_id, name=theme.name, description=theme.description,
                keywords=dict(theme.keywords), created_at=clock.now(),
                priorities=list(theme.priorities),
            )
        )  # fmt: skip


def choices(consultation: Consultation) -> list[tuple[str, str]]:
    """The partnership's other consultations that could be this one's last round: not
    itself, and none that already follows from it (no loops)."""
    later = _later_rounds(db.session(), consultation.id)
    rows = db.session().execute(
        sa.select(Consultation.id, Consultation.title, Consultation.opens_on)
        .where(Consultation.partnership_id == consultation.partnership_id)
        .order_by(Consultation.opens_on.desc())
    )
    return [
        (row.id, f"{row.title.get('en', '')} (opened {row.opens_on:%-d %B %Y})")
        for row in rows
        if row.id != consultation.id and row.id not in later
    ]


def _later_rounds(s: Session, consultation_id: str) -> set[str]:
    found: set[str] = set()
    frontier = {consultation_id}
    while frontier:
        frontier = (
            set(
                s.scalars(
                    sa.select(Consultation.id).where(Consultation.previous_round_id.in_(frontier))
                )
            )
            - found
        )
        found |= frontier
    return found


def set_previous_round(actor: SignedInUser, consultation_id: str, previous_id: str | None) -> None:
    """Choose (or, with None, clear) the round this one is compared with."""
    with db.transaction() as s:
        consultation = _owned(s, actor, consultation_id)
        if previous_id is not None:
            previous = _owned(s, actor, previous_id)
            if previous.id == consultation.id or previous.id in _later_rounds(s, consultation.id):
                raise BuilderProblem("Choose an earlier round of this consultation")
        consultation.previous_round_id = previous_id
        activity_log.record(
            s, "consultation_previous_round", actor.id, actor.partnership_id, "consultation",
            consultation.id, previous_round=previous_id or "",
        )  # fmt: skip
