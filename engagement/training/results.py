"""Training results: reaction and quality per London framework dimension, confidence
uplift per objective, retention at the follow-up for linked pairs, pledges and what
changed, written answers (redacted), and the trend through the year.

Disclosure control everywhere: any figure from fewer than 5 answers is withheld, for
every cut (session, agency type, period, trainer).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from analysis import training_stats as stats
from analysis.redaction import redact
from engagement import db
from engagement.accounts.sessions import SignedInUser
from engagement.models import Course, StaffUser, TrainingEvaluation, TrainingSession
from engagement.training import courses, evaluation_forms
from forms.vocabulary import LONDON_DIMENSIONS, EvaluationForm, ItemKind, confidence_keys

MIN_GROUP = stats.MIN_GROUP
QUOTED_ITEMS = ("pledge", "barriers", "example", "helped_hindered")


@dataclass(frozen=True)
class Filters:
    session_id: str = ""
    agency_type: str = ""
    since: dt.date | None = None
    until: dt.date | None = None


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
    written: list[tuple[str, list[str]]] = field(default_factory=list)
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


def course_results(user: SignedInUser, course: Course, filters: Filters) -> CourseResults:
    found = _evaluations(course, filters)
    form_a = evaluation_forms.resolve(course.partnership_id, course.form_a)
    form_b = evaluation_forms.resolve(course.partnership_id, course.form_b)
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
    result.written = _written(course, (form_a, answers_a), (form_b, answers_b))
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
    course: Course, *stages: tuple[EvaluationForm, list[dict[str, Any]]]
) -> list[tuple[str, list[str]]]:
    """Each written question's answers, redacted, only where 5 or more people wrote one."""
    names = list(course.partnership.local_names or [])
    found = []
    for form, answers in stages:
        for item in form.items:
            if item.kind != ItemKind.TEXT or item.key not in QUOTED_ITEMS:
                continue
            texts = [a[item.key] for a in answers if a.get(item.key)]
            if len(texts) >= MIN_GROUP:
                found.append((item.text, [redact(t, names).text for t in texts]))
    return found


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
    """Every course this person may see, for the period, and for one trainer if chosen."""
    lines = []
    for course in courses.listing(user):
        if trainer_id and trainer_id not in {t.id for t in course.trainers}:
            continue
        found = _evaluations(course, Filters(since=since, until=until))
        rows = [e for e in found if e.stage == "a"]
        sessions = [
            s
            for s in course.sessions
            if (since is None or s.held_on >= since) and (until is None or s.held_on <= until)
        ]
        per_person = [_mean_confidence(e.answers, len(course.objectives)) for e in rows]
        lines.append(
            CourseLine(
                course=course,
                sessions=len(sessions),
                answered_a=len(rows),
                answered_b=len(found) - len(rows),
                relevant=stats.rating([e.answers.get("relevant", 0) for e in rows]),
                uplift=stats.paired_change([p for p in per_person if p is not None]),
            )
        )
    return lines


def _mean_confidence(answers: dict[str, Any], objectives: int) -> tuple[float, float] | None:
    """One person's mean confidence before and now across the objectives they rated."""
    pairs = [
        (answers[before], answers[now])
        for before, now in (confidence_keys("a", n) for n in range(objectives))
        if before in answers and now in answers
    ]
    if not pairs:
        return None
    return statistics.fmean(p[0] for p in pairs), statistics.fmean(p[1] for p in pairs)


def trainers_seen(user: SignedInUser) -> list[StaffUser]:
    people = {t.id: t for c in courses.listing(user) for t in c.trainers}
    return sorted(people.values(), key=lambda p: p.name)
