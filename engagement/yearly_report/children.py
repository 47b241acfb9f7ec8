"""The children's version of the section (as Hillingdon produced): short sentences and
plain words on what young people told the partnership in the period and what it did,
with the same publishing rules as every other output."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa

from analysis.counts import published
from engagement import db
from engagement.models import (
    ConsultationVersion,
    Submission,
    WeDidAction,
    WeDidStatus,
)
from engagement.yearly_report.content import consultations_in
from engagement.you_said.pages import theme_counts

TOP_THEMES = 5


@dataclass
class ChildrenVersion:
    since: dt.date
    until: dt.date
    answered: int | None  # published
    themes: list[tuple[str, int]] = field(default_factory=list)  # the most talked about
    # By status: done, in progress or planned, not taken forward (with why).
    actions: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


def build(partnership_id: str, since: dt.date, until: dt.date) -> ChildrenVersion:
    consultations = consultations_in(partnership_id, since, until)
    ids = [c.id for c in consultations]
    answered = db.session().scalar(
        sa.select(sa.func.count())
        .select_from(Submission)
        .join(ConsultationVersion, ConsultationVersion.id == Submission.version_id)
        .where(
            ConsultationVersion.consultation_id.in_(ids),
            Submission.submitted_on.between(since, until),
        )
    )
    counts = theme_counts(ids, since, until)
    shown = [(name, published(n)) for name, n in counts.items()]
    themes = sorted(((t, n) for t, n in shown if n), key=lambda tn: (-tn[1], tn[0]))
    found = ChildrenVersion(since, until, published(int(answered or 0)), themes[:TOP_THEMES])
    found.actions = {"done": [], "doing": [], "not": []}
    for action in db.session().scalars(
        sa.select(WeDidAction)
        .where(
            WeDidAction.partnership_id == partnership_id,
            WeDidAction.decided_on.between(since, until),
        )
        .order_by(WeDidAction.decided_on, WeDidAction.id)
    ):
        words = action.for_young_people.get("en", action.what)
        group = {
            WeDidStatus.DONE: "done",
            WeDidStatus.NOT_TAKEN_FORWARD: "not",
        }.get(action.status, "doing")
        found.actions[group].append((words, action.reason))
    return found
