"""What staff see of the analysis: counts from stored per-answer results, never
recomputed, with small numbers withheld and unsafe filters refused.

A filter is refused when it, or any filter one step wider or narrower (one filter
removed, or the month range one month longer or shorter at either end), differs from
it by 1-4 people: comparing the two would single those people out.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from analysis.counts import THRESHOLD, difference_is_safe, is_small
from analysis.quotes import MAX_WORDS, MIN_GROUP, MIN_WORDS, QuoteCandidate, pick_quotes
from engagement import db
from engagement.models import (
    AnalysisRun,
    AnswerAnalysis,
    AnswerTheme,
    AuditEvent,
    CodingState,
    Consultation,
    RunStatus,
    Theme,
    ThemeStatus,
)
from forms.vocabulary import RATHER_NOT_SAY, QuestionKind

SENTIMENTS = ("positive", "neutral", "negative", "not scored")
RATHER_NOT_SAY_TEXT = "I\u2019d rather not say"  # staff pages are in English


def shown_text(text: str) -> str:
    """A written answer as staff read it: one that declined says so in words."""
    return RATHER_NOT_SAY_TEXT if text == RATHER_NOT_SAY else text


class FilterRefused(Exception):
    """The filter would show results about fewer than 5 people."""


@dataclass(frozen=True)
class Filters:
    age_band: str = ""  # a version id
    language: str = ""  # the language answered in
    month_from: str = ""  # "YYYY-MM"
    month_to: str = ""

    @property
    def active(self) -> bool:
        return any((self.age_band, self.language, self.month_from, self.month_to))


@dataclass(frozen=True)
class ThemeRow:
    theme: Theme
    count: int
    confirmed: int
    sentiments: dict[str, int]
    quotes: list[QuoteCandidate] = field(default_factory=list)


@dataclass(frozen=True)
class QuestionResults:
    key: str
    text: str
    answered: int
    sentiments: list[tuple[str, int]]
    themes: list[ThemeRow]
    not_themed: int
    concerns: int
    by_month: list[tuple[str, int]]


@dataclass(frozen=True)
class QuestionSummary:
    key: str
    text: str
    analysed: int


def free_text_questions(consultation: Consultation) -> dict[str, str]:
    """Free-text question keys, in order, with their English text."""
    found: dict[str, str] = {}
    for version in consultation.versions:
        for question in version.questions:
            if question.kind == QuestionKind.FREE_TEXT:
                found.setdefault(question.key, question.text.get("en", question.key))
    return found


def overview(consultation: Consultation) -> list[QuestionSummary]:
    counts = dict(
        db.session()
        .execute(
            sa.select(AnswerAnalysis.question_key, sa.func.count())
            .where(AnswerAnalysis.consultation_id == consultation.id)
            .group_by(AnswerAnalysis.question_key)
        )
        .all()
    )
    return [
        QuestionSummary(key, text, int(counts.get(key, 0)))
        for key, text in free_text_questions(consultation).items()
    ]


def _month_bounds(month: str) -> tuple[dt.date, dt.date] | None:
    try:
        first = dt.date.fromisoformat(month + "-01")
    except ValueError:
        return None
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first, following


def _shift(month: str, by: int) -> str:
    first = dt.date.fromisoformat(month + "-01")
    index = first.year * 12 + first.month - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _conditions(
    consultation_id: str, key: str, filters: Filters, table: Any = AnswerAnalysis
) -> list[Any]:
    """The filter, on answer_analyses or on answer_themes (which carry the same columns)."""
    where: list[Any] = [table.consultation_id == consultation_id, table.question_key == key]
    if filters.age_band:
        where.append(table.version_id == filters.age_band)
    if filters.language:
        where.append(table.answered_in == filters.language)
    start = _month_bounds(filters.month_from) if filters.month_from else None
    end = _month_bounds(filters.month_to) if filters.month_to else None
    if start:
        where.append(table.submitted_on >= start[0])
    if end:
        where.append(table.submitted_on < end[1])
    return where


def _count(consultation_id: str, key: str, filters: Filters) -> int:
    with db.read() as connection:
        return int(
            connection.scalar(
                sa.select(sa.func.count()).where(*_conditions(consultation_id, key, filters))
            )
            or 0
        )


def _neighbours(filters: Filters) -> list[Filters]:
    """Filters one step away, which someone could compare this one with."""
    near = []
    for name in ("age_band", "language", "month_from", "month_to"):
        if getattr(filters, name):
            near.append(replace(filters, **{name: ""}))
    for name in ("month_from", "month_to"):
        month = getattr(filters, name)
        if month and _month_bounds(month):
            near += [replace(filters, **{name: _shift(month, -1)})]
            near += [replace(filters, **{name: _shift(month, 1)})]
    return near


def check_filters(consultation_id: str, key: str, filters: Filters) -> None:
    """Raise FilterRefused if the filter could single anyone out."""
    if not filters.active:
        return
    for month in (filters.month_from, filters.month_to):
        if month and _month_bounds(month) is None:
            raise FilterRefused("Choose months from the lists")
    count = _count(consultation_id, key, filters)
    if is_small(count) or count == 0:
        raise FilterRefused(
            f"These filters match fewer than {THRESHOLD} answers. Choose wider filters."
        )
    for other in _neighbours(filters):
        other_count = _count(consultation_id, key, other)
        wider, narrower = max(count, other_count), min(count, other_count)
        if not difference_is_safe(wider, narrower):
            raise FilterRefused(
                "These filters differ from a nearby choice by fewer than "
                f"{THRESHOLD} answers, which could identify someone. Choose wider filters."
            )


# Audit events of the staff changes that change stored results: recodes and codebook edits.
CHANGES_RESULTS = (
    "answer_recoded", "suggestions_confirmed", "theme_added", "theme_changed",
    "themes_merged", "theme_split", "priority_added", "analysis_settings_changed",
)  # fmt: skip
CACHE_SIZE = 64
_cache: OrderedDict[tuple[Any, ...], QuestionResults | FilterRefused] = OrderedDict()
_cache_lock = threading.Lock()


def results_version(consultation: Consultation) -> tuple[Any, ...]:
    """What the stored results depend on, in one statement: the latest run (id, status,
    progress), and the count and time of staff changes to codings and the codebook."""
    run = (
        sa.select(AnalysisRun.id, AnalysisRun.status, AnalysisRun.done)
        .where(AnalysisRun.consultation_id == consultation.id)
        .order_by(AnalysisRun.requested_at.desc())
        .limit(1)
        .subquery()
    )
    changes = (
        sa.select(sa.func.count().label("changes"), sa.func.max(AuditEvent.at).label("at"))
        .where(
            AuditEvent.partnership_id == consultation.partnership_id,
            AuditEvent.action.in_(CHANGES_RESULTS),
        )
        .subquery()
    )
    row = (
        db.session()
        .execute(
            sa.select(run.c.id, run.c.status, run.c.done, changes.c.changes, changes.c.at)
            .select_from(changes)
            .outerjoin(run, sa.true())
        )
        .one()
    )
    return tuple(row)


def question_results(
    consultation: Consultation, key: str, filters: Filters, with_quotes: bool = True
) -> QuestionResults:
    """The results, computed once per analysis run and staff change and shared by the
    page, its charts and its spreadsheet (a small cache in each process)."""
    version = results_version(consultation)
    if version[1] == RunStatus.RUNNING:  # the worker is writing them
        return _question_results(consultation, key, filters, with_quotes)
    base = (consultation.id, key, filters, version)
    found = None
    with _cache_lock:
        # Results with quotes serve a chart too; those without serve only charts.
        for cache_key in ((*base, True), *(() if with_quotes else ((*base, False),))):
            if cache_key in _cache:
                _cache.move_to_end(cache_key)
                found = _cache[cache_key]
                break
    if found is None:
        try:
            found = _question_results(consultation, key, filters, with_quotes)
        except FilterRefused as refused:
            found = refused
        with _cache_lock:
            _cache[(*base, with_quotes)] = found
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    if isinstance(found, FilterRefused):
        raise found
    return replace(found, text=free_text_questions(consultation).get(key, key))


def _question_results(
    consultation: Consultation, key: str, filters: Filters, with_quotes: bool
) -> QuestionResults:
    """Counts straight from two covering indexes (answers, and their themes, which
    carry copies of the answer's columns): no joins, so 100,000 answers stay fast."""
    check_filters(consultation.id, key, filters)
    answers = _conditions(consultation.id, key, filters)
    coded = [
        *_conditions(consultation.id, key, filters, AnswerTheme),
        AnswerTheme.state != CodingState.REJECTED,
    ]
    session = db.session()
    themes = {
        t.id: t
        for t in session.scalars(
            sa.select(Theme)
            .where(Theme.consultation_id == consultation.id, Theme.status == ThemeStatus.ACTIVE)
            .options(selectinload(Theme.priorities))
        )
    }
    for theme in themes.values():  # kept in the cache, so no session may expire them
        for priority in theme.priorities:
            if priority in session:
                session.expunge(priority)
        session.expunge(theme)
    with db.read() as connection:
        sentiments = dict(
            connection.execute(
                sa.select(AnswerAnalysis.sentiment, sa.func.count())
                .where(*answers)
                .group_by(AnswerAnalysis.sentiment)
            ).all()
        )
        months: Counter[str] = Counter()
        for day, count in connection.execute(
            sa.select(sa.cast(AnswerAnalysis.submitted_on, sa.String), sa.func.count())
            .where(*answers)
            .group_by(AnswerAnalysis.submitted_on)
        ):
            months[day[:7]] += count
        concerns = connection.scalar(
            sa.select(sa.func.count()).where(*answers, AnswerAnalysis.concern.is_(True))
        )
        per_theme: dict[str, dict[str, int]] = {}
        confirmed: Counter[str] = Counter()
        for theme_id, sentiment, count, sure in connection.execute(
            sa.select(
                AnswerTheme.theme_id, AnswerTheme.sentiment, sa.func.count(),
                sa.func.sum(sa.case((AnswerTheme.state == CodingState.CONFIRMED, 1), else_=0)),
            )
            .where(*coded)
            .group_by(AnswerTheme.theme_id, AnswerTheme.sentiment)
        ):  # fmt: skip
            per_theme.setdefault(theme_id, {})[sentiment] = int(count)
            confirmed[theme_id] += int(sure or 0)
        themed = connection.scalar(
            sa.select(sa.func.count(sa.distinct(AnswerTheme.answer_id))).where(*coded)
        )
        quotable = [t for t, moods in per_theme.items() if sum(moods.values()) >= MIN_GROUP]
        candidates = _quote_candidates(connection, coded, quotable) if with_quotes else {}
    rows = []
    for theme_id, moods in per_theme.items():
        if theme_id not in themes:
            continue
        total = sum(moods.values())
        quotes = pick_quotes(candidates.get(theme_id, []), total)
        rows.append(ThemeRow(themes[theme_id], total, confirmed[theme_id], moods, quotes))
    rows.sort(key=lambda row: (-row.count, row.theme.name))
    answered = sum(sentiments.values())
    return QuestionResults(
        key=key,
        text=free_text_questions(consultation).get(key, key),
        answered=answered,
        sentiments=[(label, int(sentiments.get(label, 0))) for label in SENTIMENTS],
        themes=rows,
        not_themed=answered - int(themed or 0),
        concerns=int(concerns or 0),
        by_month=sorted(months.items()),
    )


def _quote_candidates(
    connection: sa.Connection, coded: list[Any], theme_ids: list[str], per_theme: int = 40
) -> dict[str, list[QuoteCandidate]]:
    """The most confident usable answers of each theme, in one query (a window
    function) and one lookup of their redacted texts."""
    if not theme_ids:
        return {}
    ranked = (
        sa.select(
            AnswerTheme.theme_id, AnswerTheme.answer_id, AnswerTheme.confidence,
            AnswerTheme.words, AnswerTheme.sentiment,
            sa.func.row_number()
            .over(
                partition_by=AnswerTheme.theme_id,
                order_by=(AnswerTheme.confidence.desc(), AnswerTheme.answer_id),
            )
            .label("rank"),
        )
        .where(
            *coded,
            AnswerTheme.theme_id.in_(theme_ids),
            AnswerTheme.concern.is_(False),
            AnswerTheme.words.between(MIN_WORDS, MAX_WORDS),
        )
        .subquery()
    )  # fmt: skip
    best = connection.execute(sa.select(ranked).where(ranked.c.rank <= per_theme)).all()
    texts = dict(
        connection.execute(
            sa.select(AnswerAnalysis.answer_id, AnswerAnalysis.text).where(
                AnswerAnalysis.answer_id.in_({row.answer_id for row in best})
            )
        ).all()
    )
    found: dict[str, list[QuoteCandidate]] = {}
    for row in best:
        if row.answer_id in texts:
            found.setdefault(row.theme_id, []).append(
                QuoteCandidate(
                    texts[row.answer_id], False, row.confidence, row.words, row.sentiment
                )
            )
    return found


def months(consultation: Consultation) -> list[str]:
    """Months a filter may start or end on: those the consultation was open in."""
    found, month = [], consultation.opens_on.replace(day=1)
    while month <= consultation.closes_on:
        found.append(month.strftime("%Y-%m"))
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return found
