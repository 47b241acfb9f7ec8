"""The partnership's analysis settings: priorities, local names to redact, and how
long original answers are kept before only the redacted text remains."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from analysis.redaction import redact
from engagement import db
from engagement.accounts import activity_log
from engagement.accounts.sessions import SignedInUser
from engagement.models import (
    Answer,
    AnswerAnalysis,
    AnswerTheme,
    CodingState,
    Consultation,
    Partnership,
    Priority,
    Theme,
    ThemeStatus,
    theme_priorities,
)


class SettingsProblem(ValueError):
    pass


def priorities(partnership_id: str) -> list[Priority]:
    return list(
        db.session().scalars(
            sa.select(Priority)
            .where(Priority.partnership_id == partnership_id)
            .order_by(Priority.name)
        )
    )


def themes_by_priority(partnership_id: str) -> dict[str, list[tuple[str, str, int]]]:
    """For each priority: (consultation title, theme name, answers) of its themes."""
    # Grouped by ids (JSON titles can't be grouped on PostgreSQL); titles looked up after.
    rows = (
        db.session()
        .execute(
            sa.select(
                theme_priorities.c.priority_id,
                Theme.consultation_id,
                Theme.name,
                sa.func.count(AnswerTheme.answer_id),
            )  # fmt: skip
            .join(Theme, Theme.id == theme_priorities.c.theme_id)
            .join(Consultation, Consultation.id == Theme.consultation_id)
            .outerjoin(
                AnswerTheme,
                sa.and_(
                    AnswerTheme.theme_id == Theme.id, AnswerTheme.state != CodingState.REJECTED
                ),
            )
            .where(
                Consultation.partnership_id == partnership_id, Theme.status == ThemeStatus.ACTIVE
            )
            .group_by(theme_priorities.c.priority_id, Theme.consultation_id, Theme.id, Theme.name)
            .order_by(Theme.name)
        )
        .all()
    )
    titles = {
        c.id: c.title.get("en", "")
        for c in db.session().scalars(
            sa.select(Consultation).where(Consultation.partnership_id == partnership_id)
        )
    }
    found: dict[str, list[tuple[str, str, int]]] = {}
    for priority_id, consultation_id, name, count in rows:
        found.setdefault(priority_id, []).append((titles[consultation_id], name, int(count)))
    return found


def add_priority(actor: SignedInUser, name: str, description: str) -> None:
    with db.transaction() as s:
        clash = s.scalar(
            sa.select(Priority.id).where(
                Priority.partnership_id == actor.partnership_id,
                sa.func.lower(Priority.name) == name.lower(),
            )
        )
        if clash:
            raise SettingsProblem(f"There is already a priority called “{name}”")
        s.add(Priority(partnership_id=actor.partnership_id, name=name, description=description))
        activity_log.record(s, "priority_added", actor.id, actor.partnership_id, name=name)


def partnership(partnership_id: str) -> Partnership:
    found = db.session().get(Partnership, partnership_id)
    assert found is not None
    return found


def update(actor: SignedInUser, local_names: list[str], retain_original_days: int) -> None:
    """Save the settings. Changed names mean every answer is redacted again next run."""
    with db.transaction() as s:
        found = s.get(Partnership, actor.partnership_id)
        assert found is not None
        found.local_names = sorted({n.strip() for n in local_names if n.strip()})
        found.retain_original_days = retain_original_days
        activity_log.record(
            s, "analysis_settings_changed", actor.id, actor.partnership_id,
            names=len(found.local_names), retain_original_days=retain_original_days,
        )  # fmt: skip


def remove_old_originals(today: dt.date) -> int:
    """Replace original answers older than each partnership's limit with their redacted
    text. Only analysed answers are replaced; the rest wait for their analysis."""
    replaced = 0
    with db.transaction() as s:
        rows = s.execute(
            sa.select(AnswerAnalysis, Partnership.retain_original_days, Partnership.local_names)
            .join(Consultation, Consultation.id == AnswerAnalysis.consultation_id)
            .join(Partnership, Partnership.id == Consultation.partnership_id)
            .where(AnswerAnalysis.original_removed.is_(False))
        ).all()
        for analysed, days, names in rows:
            if analysed.submitted_on > today - dt.timedelta(days=days):
                continue
            answer = s.get(Answer, analysed.answer_id)
            if answer is not None:
                # Redact again with today's list, in case names were added since.
                answer.value = redact(analysed.text, list(names or [])).text
            analysed.original_removed = True
            replaced += 1
    return replaced
