"""Training results: reaction and quality per London framework dimension, confidence
uplift per objective, retention at the follow-up for linked pairs, pledges and what
changed, written answers (redacted), and the trend through the year.

Disclosure control everywhere: any figure from fewer than 5 answers is withheld, for
every cut (session, agency type, period, trainer).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from analysis import training_stats as stats
from engagement import db
from engagement.accounts.sessions import SignedInUser
from engagement.models import (
    Course,
    StaffUser,
    TrainingEvaluation,
    TrainingSession,
    course_trainers,
)
from engagement.training import coding, courses, evaluation_forms
from forms.vocabulary import LONDON_DIMENSIONS, EvaluationForm, ItemKind, confidence_keys

MIN_GROUP = stats.MIN_GROUP


@dataclass(frozen=True)
class Filters:
    session_id: str = ""
    agency_type: str = ""
    since: dt.date | None = None
    until: dt.date | None = None


@dataclass(frozen=True)
class WrittenQuestion:
    key: str
    question: str
    answers: list[coding.CodedAnswer]

    @property
    def coded(self) -> int:
        return sum(a.coded for a in self.answers)


@dataclass
class CourseResults:
    course: Course
    answered_a: int
    answered_b: int
    linked: int
    attended: int
    dimensions: list[tuple[str, str, stats.Rating | None]] = field(default_factory=list)
    items: list[tuple[str, str, stats.Rating | None]] = field(default_factory=list)
    uplift: list[tuple[str, stats.Change | None]] = field(default_factory=list)
    retention: list[tuple[str, stats.Change | None]] = field(default_factory=list)
    recommend: tuple[int, float] | None = None
    used: dict[str, int] | None = None
    pledge_done: dict[str, int] | None = None
    changed: dict[str, int] | None = None
    written: list[WrittenQuestion] = field(default_factory=list)
    themes: list[tuple[str, str, int | None]] = field(default_factory=list)  # question, theme
    by_month: list[tuple[str, int | None, float | None]] = field(default_factory=list)
    options: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def withheld(self) -> bool:
        return self.answered_a < MIN_GROUP


def _evaluations(course: Course, filters: Filters) -> list[TrainingEvaluation]:
    query = (
        sa.select(TrainingEvaluation)
        .join(TrainingSession, TrainingSession.id == TrainingEvaluation.session_id)
        .where(TrainingSession.course_id == course.id)
    )
    if filters.session_id:
        query = query.where(TrainingSession.id == filters.session_id)
    if filters.since:
        query = query.where(TrainingSession.held_on >= filters.since)
    if filters.until:
        query = query.where(TrainingSession.held_on <= filters.until)
    found = list(db.session().scalars(query))
    if filters.agency_type:  # a Form B carries no context: it follows its linked Form A
        kept = {
            (e.session_id, e.link_hash)
            for e in found
            if e.stage == "a" and e.agency_type == filters.agency_type
        }
        found = [
            e
            for e in found
            if (e.stage == "a" and e.agency_type == filters.agency_type)
            or (e.stage == "b" and (e.session_id, e.link_hash) in kept)
        ]
    return found


def course_results(
    user: SignedInUser, course: Course, filters: Filters, written: bool = True
) -> CourseResults:
    """The course's results; without what people wrote (its themes take the most work)
    when ``written`` is False, as for a chart."""
    found = _evaluations(course, filters)
    form_a = evaluation_forms.resolve(course.partnership_id, course.form_a, "a")
    form_b = evaluation_forms.resolve(course.partnership_id, course.form_b, "b")
    a_rows = [e for e in found if e.stage == "a"]
    b_rows = [e for e in found if e.stage == "b"]
    a_by_link = {(e.session_id, e.link_hash): e for e in a_rows if e.link_hash}
    pairs = [(a_by_link[(b.session_id, b.link_hash)], b) for b in b_rows if b.link_hash]
    pairs = [(a, b) for a, b in pairs if a is not None]
    sessions = [s for s in course.sessions if not filters.session_id or s.id == filters.session_id]
    result = CourseResults(
        course=course,
        answered_a=len(a_rows),
        answered_b=len(b_rows),
        linked=len(pairs),
        attended=sum(sum(s.attendance.values()) for s in sessions),
    )
    answers_a = [e.answers for e in a_rows]
    answers_b = [e.answers for e in b_rows]
    _ratings(result, form_a, answers_a)
    objectives = list(course.objectives)
    for n, objective in enumerate(objectives):
        before, now = confidence_keys("a", n)
        result.uplift.append((objective, stats.paired_change(_pairs(answers_a, before, now))))
        (follow,) = confidence_keys("b", n)
        linked = [(a.answers.get(now), b.answers.get(follow)) for a, b in pairs]
        result.retention.append(
            (objective, stats.paired_change([(x, y) for x, y in linked if x and y]))
        )
    result.recommend = stats.recommend_score(
        [a["recommend"] for a in answers_a if "recommend" in a]
    )
    for item in form_b.items:
        keys = [o.key for o in item.options]
        result.options[item.key] = {o.key: str(o.text) for o in item.options}
        values = [b[item.key] for b in answers_b if item.key in b]
        if item.key == "used":
            result.used = stats.shares(values, keys)
        elif item.key == "pledge_done":
            result.pledge_done = stats.shares(values, keys)
        elif item.kind == ItemKind.TICKS and item.key == "changed":
            result.changed = stats.tally([b.get(item.key, []) for b in answers_b], keys)
    if written:
        result.written, result.themes = _written(course, (form_a, a_rows), (form_b, b_rows))
    result.by_month = _by_month(course, a_rows)
    return result


def _pairs(answers: list[dict[str, Any]], before: str, now: str) -> list[tuple[float, float]]:
    return [(a[before], a[now]) for a in answers if before in a and now in a]


def _ratings(result: CourseResults, form: EvaluationForm, answers: list[dict[str, Any]]) -> None:
    pooled: dict[str, list[int]] = defaultdict(list)
    for item in form.items:
        if item.kind != ItemKind.AGREE:
            continue
        values = [a[item.key] for a in answers if item.key in a]
        result.items.append((item.text, item.london, stats.rating(values)))
        if item.london:
            pooled[item.london].extend(values)
    result.dimensions = [
        (code, LONDON_DIMENSIONS[code], stats.rating(pooled[code]))
        for code in LONDON_DIMENSIONS
        if code in pooled
    ]


def _written(
    course: Course, *stages: tuple[EvaluationForm, list[TrainingEvaluation]]
) -> tuple[list[WrittenQuestion], list[tuple[str, str, int | None]]]:
    """Each written question's answers, redacted, with their themes (a person's coding,
    or else the suggestions), and how many answers have each theme; only where 5 or more
    people wrote one, and a theme under 5 withheld."""
    _, theme_names = coding.starter_codebook()
    written, themes = [], []
    for form, rows in stages:
        for item in form.items:
            if item.kind != ItemKind.TEXT or item.key not in coding.QUOTED_ITEMS:
                continue
            answered = [(e.id, e.answers[item.key]) for e in rows if e.answers.get(item.key)]
            if len(answered) < MIN_GROUP:
                continue
            texts = [(e, coding.redacted(course, t)) for e, t in answered]
            found = coding.coded(course, str(item.text), item.key, texts)
            written.append(WrittenQuestion(item.key, str(item.text), found))
            counts: dict[str, int] = defaultdict(int)
            for answer in found:
                for mark in answer.marks:
                    counts[mark.theme_id] += 1
            for theme_id, n in sorted(counts.items(), key=lambda kv: -kv[1]):
                shown = n if n >= MIN_GROUP else None
                themes.append((str(item.text), theme_names[theme_id], shown))
    return written, themes


def _by_month(course: Course, rows: list[TrainingEvaluation]) -> list[tuple[str, Any, Any]]:
    """Per month: answers to Form A and the mean relevance rating, each withheld under 5."""
    months: dict[str, list[int]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    for e in rows:
        key = e.submitted_on.strftime("%Y-%m")
        counts[key] += 1
        if "relevant" in e.answers:
            months[key].append(e.answers["relevant"])
    found = []
    for key in sorted(counts):
        shown = counts[key] >= MIN_GROUP
        r = stats.rating(months[key])
        found.append((key, counts[key] if shown else None, r.mean if r and shown else None))
    return found


@dataclass(frozen=True)
class CourseLine:
    course: Course
    sessions: int
    answered_a: int
    answered_b: int
    relevant: stats.Rating | None
    uplift: stats.Change | None  # all objectives pooled


def overview(
    user: SignedInUser, trainer_id: str = "", since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[CourseLine]:  # fmt: skip
    """Every course this person may see, for the period, and for one trainer if chosen;
    added up in the database in one pass (a year can hold tens of thousands of
    evaluations)."""
    shown = courses.listing(user, trainer_id, details=False)
    in_period: list[sa.ColumnElement[bool]] = [
        TrainingSession.course_id.in_(courses.visible_ids(user))
    ]
    if since:
        in_period.append(TrainingSession.held_on >= since)
    if until:
        in_period.append(TrainingSession.held_on <= until)
    session = db.session()
    held = dict(
        session.execute(  # type: ignore[arg-type]
            sa.select(TrainingSession.course_id, sa.func.count())
            .where(*in_period)
            .group_by(TrainingSession.course_id)
        ).all()
    )
    e = TrainingEvaluation
    change = e.confidence_to - e.confidence_from
    points = [sa.func.sum(sa.case((e.relevant == point, 1), else_=0)) for point in range(1, 6)]
    rows = session.execute(
        sa.select(
            TrainingSession.course_id,
            e.stage,
            sa.func.count(),
            *points,
            sa.func.count(e.confidence_from),
            sa.func.sum(e.confidence_from),
            sa.func.sum(e.confidence_to),
            sa.func.sum(change),
            sa.func.sum(change * change),
        )  # fmt: skip
        .join(TrainingSession, TrainingSession.id == e.session_id)
        .where(*in_period)
        .group_by(TrainingSession.course_id, e.stage)
    ).all()
    found: dict[str, dict[str, Any]] = defaultdict(dict)
    for course_id, stage, n, *rest in rows:
        found[course_id][stage] = (int(n), rest)
    lines = []
    for course in shown:
        a_count, a_rest = found[course.id].get("a", (0, [0] * 10))
        b_count = found[course.id].get("b", (0, []))[0]
        counts = {point: int(a_rest[point - 1] or 0) for point in range(1, 6)}
        paired = stats.PairedSums(int(a_rest[5] or 0), *(float(v or 0) for v in a_rest[6:]))
        lines.append(
            CourseLine(
                course=course,
                sessions=int(held.get(course.id, 0)),
                answered_a=a_count,
                answered_b=b_count,
                relevant=stats.rating_from_counts(counts),
                uplift=stats.change_from_sums(paired),
            )
        )
    return lines


def trainers_seen(user: SignedInUser) -> list[StaffUser]:
    """The trainers of the courses this person may see."""
    visible = courses.visible_ids(user)
    return list(
        db.session().scalars(
            sa.select(StaffUser)
            .join(course_trainers, course_trainers.c.staff_user_id == StaffUser.id)
            .where(course_trainers.c.course_id.in_(visible))
            .distinct()
            .order_by(StaffUser.name)
        )
    )
