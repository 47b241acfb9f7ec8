"""Each consultation's public "you said, we did" page: written and previewed by staff,
public once published. What young people said is shown as themes with counts under the
publishing rules (``analysis.counts.published``: 1 to 7 hidden, the rest rounded to 5),
never the staff view's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa

from analysis.counts import published
from engagement import clock, db
from engagement.accounts import activity_log
from engagement.accounts.sessions import SignedInUser
from engagement.i18n import Text, localise
from engagement.models import (
    AnswerTheme,
    CodingState,
    Consultation,
    ConsultationVersion,
    Submission,
    Theme,
    ThemeStatus,
    WeDidAction,
    WeDidStatus,
    YouSaidPage,
)
from engagement.you_said import actions, quotes
from engagement.you_said.quotes import Quote


@dataclass(frozen=True)
class SaidTheme:
    name: Text
    count: int  # as published


@dataclass(frozen=True)
class Done:
    text: Text
    by_whom: str
    decided_on: dt.date
    reason: str


@dataclass
class PublicPage:
    intro: Text | None
    responses: int | None  # as published; None when too few to say
    themes: list[SaidTheme] = field(default_factory=list)
    # By status: done, in progress, planned, not taken forward (with the reason).
    actions: dict[str, list[Done]] = field(default_factory=dict)
    quotes: list[Quote] = field(default_factory=list)  # approved, in force


@dataclass(frozen=True)
class StaffOverview:
    page: YouSaidPage | None
    actions: list[WeDidAction]
    themes: dict[str, str]  # id -> name
    quotes: int  # approved and in force


def overview(consultation: Consultation) -> StaffOverview:
    """Everything the staff page shows: the page's state, its actions and quotes."""
    return StaffOverview(
        page=get(consultation),
        actions=actions.listing(consultation),
        themes={t.id: t.name for t in actions.themes(consultation)},
        quotes=len(quotes.approved(consultation)),
    )


def get(consultation: Consultation) -> YouSaidPage | None:
    return db.session().get(YouSaidPage, consultation.id)


def is_published(consultation: Consultation) -> bool:
    page = get(consultation)
    return page is not None and page.published_at is not None


def save_intro(actor: SignedInUser, consultation: Consultation, intro: dict[str, str]) -> None:
    with db.transaction() as s:
        page = s.get(YouSaidPage, consultation.id) or YouSaidPage(consultation_id=consultation.id)
        page.intro = {k: v.strip() for k, v in intro.items() if v.strip()}
        s.add(page)
        activity_log.record(
            s, "you_said.written", actor.id, actor.partnership_id, "consultation", consultation.id
        )


def set_published(actor: SignedInUser, consultation: Consultation, publish: bool) -> None:
    with db.transaction() as s:
        page = s.get(YouSaidPage, consultation.id) or YouSaidPage(consultation_id=consultation.id)
        page.published_at = clock.now() if publish else None
        page.published_by = actor.id if publish else None
        s.add(page)
        activity_log.record(
            s, "you_said.published" if publish else "you_said.withdrawn", actor.id,
            actor.partnership_id, "consultation", consultation.id,
        )  # fmt: skip


def public(consultation: Consultation, locale: str) -> PublicPage | None:
    """The published page's content; None until it is published."""
    page = get(consultation)
    if page is None or page.published_at is None:
        return None
    return content(consultation, locale, page)


def content(consultation: Consultation, locale: str, page: YouSaidPage | None = None) -> PublicPage:
    """What the page shows, in ``locale`` where it has been written in it."""
    page = page or get(consultation)
    intro = localise(page.intro, locale) if page and page.intro else None
    return PublicPage(
        intro=intro if intro and intro.value else None,
        responses=published(_responses(consultation)),
        themes=_themes(consultation, locale),
        actions=_actions(consultation, locale),
        quotes=[quote for quote, _ in quotes.approved(consultation)],
    )


def _responses(consultation: Consultation) -> int:
    return int(
        db.session().scalar(
            sa.select(sa.func.count())
            .select_from(Submission)
            .join(ConsultationVersion, ConsultationVersion.id == Submission.version_id)
            .where(ConsultationVersion.consultation_id == consultation.id)
        )
        or 0
    )


def theme_counts(
    consultation_ids: list[str], since: dt.date | None = None, until: dt.date | None = None
) -> dict[str, int]:
    """Answers in each active theme of these consultations (by name), from staff's
    counts: the caller applies the publishing rules."""
    query = (
        sa.select(Theme.name, sa.func.count(sa.distinct(AnswerTheme.answer_id)))
        .join(AnswerTheme, AnswerTheme.theme_id == Theme.id)
        .where(
            Theme.consultation_id.in_(consultation_ids),
            Theme.status == ThemeStatus.ACTIVE,
            AnswerTheme.state != CodingState.REJECTED,
        )
        .group_by(Theme.name)
    )
    if since and until:
        query = query.where(AnswerTheme.submitted_on.between(since, until))
    return {name: int(n) for name, n in db.session().execute(query)}


def _themes(consultation: Consultation, locale: str) -> list[SaidTheme]:
    """Each theme with the number of answers in it, largest first; a theme of 1 to 7
    answers is left out altogether."""
    shown = [(name, published(n)) for name, n in theme_counts([consultation.id]).items()]
    return sorted(
        (SaidTheme(localise({"en": name}, locale), n) for name, n in shown if n),
        key=lambda t: (-t.count, t.name.value),
    )


def _actions(consultation: Consultation, locale: str) -> dict[str, list[Done]]:
    found: dict[str, list[Done]] = {
        WeDidStatus.DONE: [], WeDidStatus.IN_PROGRESS: [], WeDidStatus.PLANNED: [],
        WeDidStatus.NOT_TAKEN_FORWARD: [],
    }  # fmt: skip
    for action in db.session().scalars(
        sa.select(WeDidAction)
        .where(WeDidAction.consultation_id == consultation.id)
        .order_by(WeDidAction.decided_on.desc(), WeDidAction.id)
    ):
        found[action.status].append(
            Done(
                localise(action.for_young_people, locale),
                action.by_whom,
                action.decided_on,
                action.reason,
            )
        )
    return found


def published_pages() -> list[tuple[Consultation, YouSaidPage]]:
    """Every published page, newest first, for the public list."""
    rows = db.session().execute(
        sa.select(Consultation, YouSaidPage)
        .join(YouSaidPage, YouSaidPage.consultation_id == Consultation.id)
        .where(YouSaidPage.published_at.is_not(None))
        .order_by(YouSaidPage.published_at.desc())
    )
    return [(c, p) for c, p in rows]
