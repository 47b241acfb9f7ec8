"""Staff control of the themes: add, rename, merge, split, recode and confirm.

Every change is one transaction with an audit event. Changing a theme's phrases does
not touch stored results: the next analysis run re-matches only that theme.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from analysis.codebook import clean_phrases
from engagement import clock, db
from engagement.accounts import activity_log
from engagement.accounts.sessions import SignedInUser
from engagement.models import (
    AnswerAnalysis,
    AnswerTheme,
    CodingSource,
    CodingState,
    Consultation,
    Priority,
    Theme,
    ThemeStatus,
)
from engagement.themes import codings as coding_rows
from forms.vocabulary import RATHER_NOT_SAY

SENTIMENTS = ("positive", "neutral", "negative", "not scored")


class CodebookProblem(ValueError):
    """A change staff asked for that can't be made; the message says why."""


def themes(consultation_id: str) -> list[Theme]:
    return list(
        db.session().scalars(
            sa.select(Theme)
            .where(Theme.consultation_id == consultation_id, Theme.status == ThemeStatus.ACTIVE)
            .order_by(Theme.name)
        )
    )


def get_theme(consultation_id: str, theme_id: str) -> Theme | None:
    theme = db.session().get(Theme, theme_id)
    if theme is None or theme.consultation_id != consultation_id:
        return None
    return theme


def _keywords(phrases: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    return {lang: clean for lang, lines in phrases.items() if (clean := clean_phrases(lines))}


def _own(s: Session, actor: SignedInUser, consultation_id: str) -> Consultation:
    consultation = s.get(Consultation, consultation_id)
    if consultation is None or consultation.partnership_id != actor.partnership_id:
        raise LookupError(consultation_id)
    return consultation


def _name_free(s: Session, consultation_id: str, name: str, except_id: str = "") -> None:
    clash = s.scalar(
        sa.select(Theme.id).where(
            Theme.consultation_id == consultation_id,
            sa.func.lower(Theme.name) == name.lower(),
            Theme.id != except_id,
        )
    )
    if clash:
        raise CodebookProblem(f"There is already a theme called “{name}”")


def add_theme(
    actor: SignedInUser,
    consultation_id: str,
    name: str,
    description: str,
    phrases: Mapping[str, Iterable[str]],
) -> Theme:
    with db.transaction() as s:
        _own(s, actor, consultation_id)
        _name_free(s, consultation_id, name)
        theme = Theme(
            consultation_id=consultation_id,
            name=name,
            description=description,
            keywords=_keywords(phrases),
            created_at=clock.now(),
        )
        s.add(theme)
        s.flush()
        activity_log.record(
            s, "theme_added", actor.id, actor.partnership_id, "theme", theme.id, name=name
        )
        return theme


def update_theme(
    actor: SignedInUser,
    consultation_id: str,
    theme_id: str,
    name: str,
    description: str,
    phrases: Mapping[str, Iterable[str]],
    priority_ids: Sequence[str],
) -> None:
    with db.transaction() as s:
        _own(s, actor, consultation_id)
        theme = s.get(Theme, theme_id)
        if theme is None or theme.consultation_id != consultation_id:
            raise LookupError(theme_id)
        _name_free(s, consultation_id, name, except_id=theme_id)
        before = theme.name
        theme.name, theme.description, theme.keywords = name, description, _keywords(phrases)
        theme.priorities = list(
            s.scalars(
                sa.select(Priority).where(
                    Priority.id.in_(priority_ids), Priority.partnership_id == actor.partnership_id
                )
            )
        )
        activity_log.record(
            s, "theme_changed", actor.id, actor.partnership_id, "theme", theme_id,
            before=before, after=name,
        )  # fmt: skip


def merge(actor: SignedInUser, consultation_id: str, source_id: str, target_id: str) -> None:
    """Fold one theme into another: its answers, phrases and priorities move across."""
    if source_id == target_id:
        raise CodebookProblem("Choose a different theme to merge into")
    with db.transaction() as s:
        _own(s, actor, consultation_id)
        source, target = s.get(Theme, source_id), s.get(Theme, target_id)
        for theme in (source, target):
            if theme is None or theme.consultation_id != consultation_id:
                raise LookupError(source_id)
            if theme.status != ThemeStatus.ACTIVE:
                raise CodebookProblem("That theme has already been merged")
        assert source is not None and target is not None
        already: dict[str, str] = {
            row.answer_id: row.state
            for row in s.execute(
                sa.select(AnswerTheme.answer_id, AnswerTheme.state).where(
                    AnswerTheme.theme_id == target_id
                )
            )
        }
        for coding in s.scalars(sa.select(AnswerTheme).where(AnswerTheme.theme_id == source_id)):
            mine = already.get(coding.answer_id)
            if mine is None:
                s.add(
                    AnswerTheme(
                        **coding_rows.coding(
                            coding,
                            coding.answer_id,
                            target_id,
                            coding.source,
                            coding.confidence,
                            coding.state,
                        )
                    )  # fmt: skip
                )
            elif coding.state == CodingState.CONFIRMED and mine != CodingState.CONFIRMED:
                s.execute(
                    sa.update(AnswerTheme)
                    .where(
                        AnswerTheme.answer_id == coding.answer_id,
                        AnswerTheme.theme_id == target_id,
                    )
                    .values(state=CodingState.CONFIRMED, source=CodingSource.STAFF)
                )
        s.execute(sa.delete(AnswerTheme).where(AnswerTheme.theme_id == source_id))
        merged = dict(target.keywords)
        for lang, phrases in source.keywords.items():
            merged[lang] = clean_phrases([*merged.get(lang, []), *phrases])
        target.keywords = merged
        target.priorities = list(
            {p.id: p for p in [*target.priorities, *source.priorities]}.values()
        )
        source.status, source.merged_into_id = ThemeStatus.MERGED, target_id
        source.name = f"{source.name} (merged {clock.now():%Y-%m-%d %H:%M:%S})"
        activity_log.record(
            s, "themes_merged", actor.id, actor.partnership_id, "theme", target_id,
            merged=source_id,
        )  # fmt: skip


def split(
    actor: SignedInUser, consultation_id: str, theme_id: str, new_name: str, moving: Sequence[str]
) -> Theme:
    """Start a new theme with some of this theme's phrases; the next run finds its answers.

    Answers a person confirmed stay with the original theme until they are recoded."""
    with db.transaction() as s:
        _own(s, actor, consultation_id)
        theme = s.get(Theme, theme_id)
        if theme is None or theme.consultation_id != consultation_id:
            raise LookupError(theme_id)
        _name_free(s, consultation_id, new_name)
        chosen = set(moving)
        if not chosen:
            raise CodebookProblem("Choose the phrases that belong to the new theme")
        moved: dict[str, list[str]] = {}
        kept: dict[str, list[str]] = {}
        for lang, phrases in theme.keywords.items():
            moved[lang] = [p for p in phrases if f"{lang}:{p}" in chosen]
            kept[lang] = [p for p in phrases if f"{lang}:{p}" not in chosen]
        theme.keywords = {k: v for k, v in kept.items() if v}
        new = Theme(
            consultation_id=consultation_id,
            name=new_name,
            description=f"Split from “{theme.name}”",
            keywords={k: v for k, v in moved.items() if v},
            created_at=clock.now(),
        )
        s.add(new)
        s.flush()
        activity_log.record(
            s, "theme_split", actor.id, actor.partnership_id, "theme", theme_id, new=new.id
        )
        return new


def answer(consultation_id: str, answer_id: str) -> AnswerAnalysis | None:
    found = db.session().get(AnswerAnalysis, answer_id)
    if found is None or found.consultation_id != consultation_id:
        return None
    return found


def codings(answer_ids: Sequence[str]) -> dict[str, list[AnswerTheme]]:
    found: dict[str, list[AnswerTheme]] = {a: [] for a in answer_ids}
    for coding in db.session().scalars(
        sa.select(AnswerTheme).where(AnswerTheme.answer_id.in_(answer_ids))
    ):
        found[coding.answer_id].append(coding)
    return found


def recode(
    actor: SignedInUser,
    consultation_id: str,
    answer_id: str,
    theme_ids: Iterable[str],
    sentiment: str,
) -> None:
    """A person's coding of one answer: chosen themes confirmed, the others rejected."""
    if sentiment not in SENTIMENTS:
        raise CodebookProblem("Choose a sentiment")
    with db.transaction() as s:
        _own(s, actor, consultation_id)
        found = s.get(AnswerAnalysis, answer_id)
        if found is None or found.consultation_id != consultation_id:
            raise LookupError(answer_id)
        active = set(
            s.scalars(
                sa.select(Theme.id).where(
                    Theme.consultation_id == consultation_id, Theme.status == ThemeStatus.ACTIVE
                )
            )
        )
        chosen = set(theme_ids)
        if chosen - active:
            raise CodebookProblem("Choose themes from the list")
        existing = {
            c.theme_id: c
            for c in s.scalars(sa.select(AnswerTheme).where(AnswerTheme.answer_id == answer_id))
        }
        for theme_id in active:
            coding = existing.get(theme_id)
            if theme_id in chosen:
                if coding is None:
                    s.add(
                        AnswerTheme(
                            **coding_rows.coding(
                                found,
                                answer_id,
                                theme_id,
                                CodingSource.STAFF,
                                state=CodingState.CONFIRMED,
                            )
                        )  # fmt: skip
                    )
                else:
                    coding.state = CodingState.CONFIRMED
            elif coding is not None:
                coding.state = CodingState.REJECTED
        if sentiment != found.sentiment or found.sentiment_source != "staff":
            found.sentiment, found.sentiment_source = sentiment, "staff"
            found.sentiment_reason = "set by staff"
            s.flush()
            coding_rows.set_sentiments(s, {answer_id: sentiment})
        activity_log.record(
            s, "answer_recoded", actor.id, actor.partnership_id, "answer", answer_id
        )


def confirm_suggestions(
    actor: SignedInUser, consultation_id: str, question_key: str, theme_id: str, at_least: float
) -> int:
    """Confirm every suggestion of one theme at or above a confidence; how many."""
    with db.transaction() as s:
        _own(s, actor, consultation_id)
        theme = s.get(Theme, theme_id)
        if theme is None or theme.consultation_id != consultation_id:
            raise LookupError(theme_id)
        answers = sa.select(AnswerAnalysis.answer_id).where(
            AnswerAnalysis.consultation_id == consultation_id,
            AnswerAnalysis.question_key == question_key,
        )
        done = s.execute(
            sa.update(AnswerTheme)
            .where(
                AnswerTheme.theme_id == theme_id,
                AnswerTheme.state == CodingState.SUGGESTED,
                AnswerTheme.confidence >= at_least,
                AnswerTheme.answer_id.in_(answers),
            )
            .values(state=CodingState.CONFIRMED)
        ).rowcount  # type: ignore[attr-defined]
        activity_log.record(
            s, "suggestions_confirmed", actor.id, actor.partnership_id, "theme", theme_id,
            count=done, at_least=at_least,
        )  # fmt: skip
        return int(done)


def answers_page(
    consultation_id: str, question_key: str, theme_id: str, page: int, per_page: int = 25
) -> tuple[list[AnswerAnalysis], int]:
    """Answers to a question (optionally those with a theme), redacted, and the total."""
    where: list[Any] = [
        AnswerAnalysis.consultation_id == consultation_id,
        AnswerAnalysis.question_key == question_key,
    ]
    if theme_id:
        where.append(
            AnswerAnalysis.answer_id.in_(
                sa.select(AnswerTheme.answer_id).where(
                    AnswerTheme.theme_id == theme_id, AnswerTheme.state != CodingState.REJECTED
                )
            )
        )
    session = db.session()
    total = int(session.scalar(sa.select(sa.func.count()).where(*where)) or 0)
    rows = list(
        session.scalars(
            sa.select(AnswerAnalysis)
            .where(*where)
            .order_by(AnswerAnalysis.submitted_on.desc(), AnswerAnalysis.answer_id)
            .offset((page - 1) * per_page)
            .limit(per_page)
        )
    )
    return rows, total


def uncovered_texts(consultation_id: str, question_key: str, limit: int = 5000) -> list[str]:
    """Redacted answers no theme covers yet, for discovering new themes."""
    return list(
        db.session().scalars(
            sa.select(AnswerAnalysis.text)
            .where(
                AnswerAnalysis.consultation_id == consultation_id,
                AnswerAnalysis.question_key == question_key,
                AnswerAnalysis.concern.is_(False),
                AnswerAnalysis.text != RATHER_NOT_SAY,  # declined: no words to find themes in
                ~sa.exists().where(
                    AnswerTheme.answer_id == AnswerAnalysis.answer_id,
                    AnswerTheme.state != CodingState.REJECTED,
                ),
            )
            .order_by(AnswerAnalysis.answer_id)
            .limit(limit)
        )
    )


def add_starter_codebook(
    s: Session, consultation_id: str, partnership_id: str, content: dict[str, Any]
) -> None:
    """The template's starting themes and priorities, in the caller's transaction."""
    existing = {
        p.name: p
        for p in s.scalars(sa.select(Priority).where(Priority.partnership_id == partnership_id))
    }
    for name in content.get("priorities", []):
        if name not in existing:
            existing[name] = Priority(partnership_id=partnership_id, name=name, description="")
            s.add(existing[name])
    for entry in content.get("codebook", []):
        s.add(
            Theme(
                consultation_id=consultation_id,
                name=entry["name"],
                description=entry.get("description", ""),
                keywords=_keywords(entry.get("keywords", {})),
                created_at=clock.now(),
                priorities=[existing[n] for n in entry.get("priorities", []) if n in existing],
            )
        )
