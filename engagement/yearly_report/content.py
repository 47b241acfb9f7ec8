"""What the yearly report's feedback section says for a period. Every count about
young people follows the publishing rules (``analysis.counts.published``: 1 to 7
hidden, the rest rounded to 5; a row whose total would give a hidden cell away hides
another), never the staff view's."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import sqlalchemy as sa

from analysis.counts import published, published_row
from engagement import db
from engagement.accounts.sessions import SignedInUser
from engagement.i18n import BY_CODE
from engagement.models import (
    AnswerTheme,
    AuditCycle,
    CodingState,
    Consultation,
    ConsultationVersion,
    Priority,
    Submission,
    Theme,
    ThemeStatus,
    WeDidAction,
    WeDidStatus,
    theme_priorities,
)
from engagement.section11 import dashboard as section11_dashboard
from engagement.training import results as training_results
from engagement.yearly_report import headings as report_headings
from engagement.you_said import quotes as approved_quotes
from engagement.you_said.actions import STATUSES

Cells = list[tuple[str, int | None]]  # (label, published count or None when hidden)


@dataclass(frozen=True)
class Consulted:
    title: str
    kind: str
    opens_on: dt.date
    closes_on: dt.date
    responses: int | None
    by_age_band: Cells
    by_language: Cells


@dataclass(frozen=True)
class PriorityThemes:
    priority: str
    themes: Cells
    quotes: list[str]


@dataclass(frozen=True)
class ActionLine:
    what: str
    by_whom: str
    decided_on: dt.date
    status: str
    reason: str
    answers: str  # the theme or priority it answers


@dataclass(frozen=True)
class Section11Summary:
    cycle: str
    due_on: dt.date
    agencies: int
    returned: int
    standards: list[tuple[str, float | None]]  # mean self-assessed score per standard


@dataclass(frozen=True)
class TrainingSummary:
    courses: int
    sessions: int
    evaluations: int
    follow_ups: int


@dataclass
class Report:
    since: dt.date
    until: dt.date
    headings: list[report_headings.Heading]
    consulted: list[Consulted] = field(default_factory=list)
    said: list[PriorityThemes] = field(default_factory=list)
    changed: list[ActionLine] = field(default_factory=list)
    little_progress: list[str] = field(default_factory=list)
    section11: Section11Summary | None = None
    training: TrainingSummary | None = None


def build(user: SignedInUser, since: dt.date, until: dt.date) -> Report:
    consultations = consultations_in(user.partnership_id, since, until)
    report = Report(since, until, report_headings.current(user.partnership_id))
    report.consulted = [_consulted(c, since, until) for c in consultations]
    report.said = _said(user.partnership_id, consultations, since, until)
    report.changed, report.little_progress = _changed(user.partnership_id, since, until)
    report.section11 = _section11(user.partnership_id, since, until)
    report.training = _training(user, since, until)
    return report


def consultations_in(partnership_id: str, since: dt.date, until: dt.date) -> list[Consultation]:
    """Consultations open at some time in the period."""
    return list(
        db.session().scalars(
            sa.select(Consultation)
            .where(
                Consultation.partnership_id == partnership_id,
                Consultation.opens_on <= until,
                Consultation.closes_on >= since,
            )
            .order_by(Consultation.opens_on, Consultation.id)
        )
    )


def _row(counts: dict[str, int], label: dict[str, str]) -> Cells:
    keys = sorted(counts, key=lambda k: -counts[k])
    shown = published_row([counts[k] for k in keys])
    return [(label.get(k, k), n) for k, n in zip(keys, shown, strict=True)]


def _consulted(consultation: Consultation, since: dt.date, until: dt.date) -> Consulted:
    rows = (
        db.session()
        .execute(
            sa.select(ConsultationVersion.age_band, Submission.locale, sa.func.count())
            .join(ConsultationVersion, ConsultationVersion.id == Submission.version_id)
            .where(
                ConsultationVersion.consultation_id == consultation.id,
                Submission.submitted_on.between(since, until),
            )
            .group_by(ConsultationVersion.age_band, Submission.locale)
        )
        .all()
    )
    bands: dict[str, int] = defaultdict(int)
    languages: dict[str, int] = defaultdict(int)
    for band, locale, n in rows:
        bands[band] += n
        languages[locale] += n
    names = {code: language.english_name for code, language in BY_CODE.items()}
    return Consulted(
        title=consultation.title.get("en", ""),
        kind=consultation.kind,
        opens_on=consultation.opens_on,
        closes_on=consultation.closes_on,
        responses=published(sum(bands.values())),
        by_age_band=_row(bands, {}),
        by_language=_row(languages, names),
    )


def _said(
    partnership_id: str, consultations: list[Consultation], since: dt.date, until: dt.date
) -> list[PriorityThemes]:
    """Per priority, the answers in each of its themes (over the period's consultations),
    and quotes approved from them."""
    ids = [c.id for c in consultations]
    rows = (
        db.session()
        .execute(
            sa.select(Priority.name, Theme.name, sa.func.count(sa.distinct(AnswerTheme.answer_id)))
            .join(theme_priorities, theme_priorities.c.priority_id == Priority.id)
            .join(Theme, Theme.id == theme_priorities.c.theme_id)
            .join(AnswerTheme, AnswerTheme.theme_id == Theme.id)
            .where(
                Priority.partnership_id == partnership_id,
                Theme.consultation_id.in_(ids),
                Theme.status == ThemeStatus.ACTIVE,
                AnswerTheme.state != CodingState.REJECTED,
                AnswerTheme.submitted_on.between(since, until),
            )
            .group_by(Priority.name, Theme.name)
        )
        .all()
    )
    by_priority: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for priority, theme, n in rows:
        by_priority[priority][theme] += n
    quoted: dict[str, list[str]] = defaultdict(list)
    for consultation in consultations:
        for quote, _record in approved_quotes.approved(consultation):
            quoted[quote.theme].append(quote.text)
    found = []
    for priority in sorted(by_priority):
        themes = [(t, published(n)) for t, n in sorted(by_priority[priority].items())]
        shown: Cells = [(t, n) for t, n in themes if n]  # a theme of 1 to 7 is left out
        quotes = [q for t, _ in shown for q in quoted.get(t, [])][:5]
        if shown:
            found.append(PriorityThemes(priority, shown, quotes))
    return found


def _changed(
    partnership_id: str, since: dt.date, until: dt.date
) -> tuple[list[ActionLine], list[str]]:
    """The period's actions, and the priorities with nothing done or under way."""
    session = db.session()
    priorities = dict(
        session.execute(
            sa.select(Priority.id, Priority.name).where(Priority.partnership_id == partnership_id)
        ).all()
    )
    actions = session.scalars(
        sa.select(WeDidAction)
        .where(
            WeDidAction.partnership_id == partnership_id,
            WeDidAction.decided_on.between(since, until),
        )
        .order_by(WeDidAction.decided_on, WeDidAction.id)
    ).all()
    theme_ids = {a.theme_id for a in actions if a.theme_id}  # only the themes named
    theme_names = dict(
        session.execute(sa.select(Theme.id, Theme.name).where(Theme.id.in_(theme_ids))).all()
    )
    themed: dict[str | None, set[str]] = defaultdict(set)
    for theme_id, priority_id in session.execute(
        sa.select(theme_priorities).where(theme_priorities.c.theme_id.in_(theme_ids))
    ):
        themed[theme_id].add(priority_id)
    moving = {WeDidStatus.DONE, WeDidStatus.IN_PROGRESS}
    progressed: set[str] = set()
    lines = []
    for a in actions:
        answers = theme_names.get(a.theme_id or "") or priorities.get(a.priority_id or "", "")
        lines.append(
            ActionLine(a.what, a.by_whom, a.decided_on, STATUSES[a.status], a.reason, answers)
        )
        if a.status in moving:
            progressed |= themed.get(a.theme_id, set())
            if a.priority_id:
                progressed.add(a.priority_id)
    little = sorted(name for pid, name in priorities.items() if pid not in progressed)
    return lines, little


def _section11(partnership_id: str, since: dt.date, until: dt.date) -> Section11Summary | None:
    """The latest audit cycle due in the period."""
    cycle = db.session().scalar(
        sa.select(AuditCycle)
        .where(AuditCycle.partnership_id == partnership_id, AuditCycle.due_on.between(since, until))
        .order_by(AuditCycle.due_on.desc())
        .limit(1)
    )
    if cycle is None:
        return None
    found = section11_dashboard.for_cycle(partnership_id, cycle.id)
    if found is None:
        return None
    return Section11Summary(
        cycle=cycle.name,
        due_on=cycle.due_on,
        agencies=len(found.rows),
        returned=found.returned,
        standards=[(s.title, own) for s, own, _moderated in found.standard_means()],
    )


def _training(user: SignedInUser, since: dt.date, until: dt.date) -> TrainingSummary | None:
    lines = training_results.overview(user, since=since, until=until)
    if not lines:
        return None
    return TrainingSummary(
        courses=len(lines),
        sessions=sum(line.sessions for line in lines),
        evaluations=sum(line.answered_a for line in lines),
        follow_ups=sum(line.answered_b for line in lines),
    )
