"""Quotes approved for publication. A person reads an answer's redacted text and
approves it, recorded with who and when. Only an answer in a theme of at least 10
answers may be approved, and never one flagged as a possible concern (by the words or
for review). Withdrawing takes it off every page at once."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from engagement import clock, db
from engagement.accounts import activity_log
from engagement.accounts.sessions import SignedInUser
from engagement.models import (
    Answer,
    AnswerAnalysis,
    AnswerTheme,
    ApprovedQuote,
    CodingState,
    Consultation,
    Submission,
    Theme,
    ThemeStatus,
)

MIN_GROUP = 10  # answers in a theme before any of them may be quoted
PER_THEME = 10  # candidates offered per theme
MIN_WORDS, MAX_WORDS = 3, 60


class QuoteProblem(ValueError):
    pass


@dataclass(frozen=True)
class Quote:
    answer_id: str
    text: str  # redacted
    language: str
    theme: str


@dataclass(frozen=True)
class ThemeCandidates:
    theme_id: str
    name: str
    answers: int
    quotes: list[Quote]


def _groups(consultation: Consultation) -> dict[str, tuple[str, int]]:
    """Active themes of at least MIN_GROUP answers: id -> (name, answers)."""
    rows = db.session().execute(
        sa.select(Theme.id, Theme.name, sa.func.count(sa.distinct(AnswerTheme.answer_id)))
        .join(AnswerTheme, AnswerTheme.theme_id == Theme.id)
        .where(
            Theme.consultation_id == consultation.id,
            Theme.status == ThemeStatus.ACTIVE,
            AnswerTheme.state != CodingState.REJECTED,
        )
        .group_by(Theme.id, Theme.name)
    )
    return {theme_id: (name, n) for theme_id, name, n in rows if n >= MIN_GROUP}


def _usable(theme_ids: list[str]) -> sa.Select[str, str, str, str]:
    """Answers in these themes that may be quoted: not flagged in any way."""
    return (
        sa.select(AnswerTheme.theme_id, AnswerAnalysis.answer_id, AnswerAnalysis.text,
                  AnswerAnalysis.language)
        .join(AnswerAnalysis, AnswerAnalysis.answer_id == AnswerTheme.answer_id)
        .join(Answer, Answer.id == AnswerAnalysis.answer_id)
        .join(Submission, Submission.id == Answer.submission_id)
        .where(
            AnswerTheme.theme_id.in_(theme_ids),
            AnswerTheme.state != CodingState.REJECTED,
            AnswerAnalysis.concern.is_(False),
            Submission.needs_review.is_(False),
            AnswerAnalysis.words.between(MIN_WORDS, MAX_WORDS),
        )
    )  # fmt: skip


def candidates(consultation: Consultation) -> list[ThemeCandidates]:
    """For each theme large enough to quote from, answers not yet approved."""
    groups = _groups(consultation)
    taken = set(
        db.session().scalars(
            sa.select(ApprovedQuote.answer_id).where(
                ApprovedQuote.consultation_id == consultation.id
            )
        )
    )
    offered: dict[str, list[Quote]] = {theme_id: [] for theme_id in groups}
    rows = db.session().execute(
        _usable(list(groups)).order_by(AnswerTheme.confidence.desc(), AnswerAnalysis.answer_id)
    )
    for theme_id, answer_id, text, language in rows:
        if answer_id not in taken and len(offered[theme_id]) < PER_THEME:
            offered[theme_id].append(Quote(answer_id, text, language, groups[theme_id][0]))
    return [
        ThemeCandidates(theme_id, name, n, offered[theme_id])
        for theme_id, (name, n) in sorted(groups.items(), key=lambda kv: -kv[1][1])
    ]


def approve(actor: SignedInUser, consultation: Consultation, answer_id: str, theme_id: str) -> None:
    groups = _groups(consultation)
    if theme_id not in groups:
        raise QuoteProblem("Only answers in a theme of 10 or more answers can be quoted")
    usable = (
        db.session()
        .execute(_usable([theme_id]).where(AnswerAnalysis.answer_id == answer_id))
        .first()
    )
    if usable is None:
        raise QuoteProblem("This answer cannot be quoted: it was flagged, or is not in the theme")
    with db.transaction() as s:
        quote = s.get(ApprovedQuote, answer_id)
        if quote is None:
            quote = ApprovedQuote(answer_id=answer_id, consultation_id=consultation.id)
            s.add(quote)
        quote.theme_id = theme_id
        quote.approved_by, quote.approved_at = actor.id, clock.now()
        quote.withdrawn_by, quote.withdrawn_at = None, None
        activity_log.record(
            s, "quote.approved", actor.id, actor.partnership_id, "answer", answer_id
        )


def withdraw(actor: SignedInUser, consultation: Consultation, answer_id: str) -> None:
    with db.transaction() as s:
        quote = s.get(ApprovedQuote, answer_id)
        if quote is None or quote.consultation_id != consultation.id:
            raise LookupError(answer_id)
        quote.withdrawn_by, quote.withdrawn_at = actor.id, clock.now()
        activity_log.record(
            s, "quote.withdrawn", actor.id, actor.partnership_id, "answer", answer_id
        )


def approved(
    consultation: Consultation, with_withdrawn: bool = False
) -> list[tuple[Quote, ApprovedQuote]]:
    """Approved quotes, newest first: only those in force unless ``with_withdrawn``.
    A quote whose answer has since been flagged is never returned as in force."""
    query = (
        sa.select(ApprovedQuote, AnswerAnalysis.text, AnswerAnalysis.language, Theme.name,
                  AnswerAnalysis.concern, Submission.needs_review)
        .join(AnswerAnalysis, AnswerAnalysis.answer_id == ApprovedQuote.answer_id)
        .join(Answer, Answer.id == ApprovedQuote.answer_id)
        .join(Submission, Submission.id == Answer.submission_id)
        .outerjoin(Theme, Theme.id == ApprovedQuote.theme_id)
        .where(ApprovedQuote.consultation_id == consultation.id)
        .order_by(ApprovedQuote.approved_at.desc(), ApprovedQuote.answer_id)
    )  # fmt: skip
    found = []
    for quote, text, language, theme, concern, flagged in db.session().execute(query):
        in_force = quote.withdrawn_at is None and not concern and not flagged
        if in_force or with_withdrawn:
            found.append((Quote(quote.answer_id, text, language, theme or ""), quote))
    return found
