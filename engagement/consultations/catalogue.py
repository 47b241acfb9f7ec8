"""Finding consultations and describing their questions in a language."""

from __future__ import annotations

import time
import weakref
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session, selectinload

from engagement import clock, db, problems
from engagement.consultations.routing import Step
from engagement.i18n import Text, localise
from engagement.models import (
    Consultation,
    ConsultationVersion,
    Question,
    Submission,
)
from forms.vocabulary import RATHER_NOT_SAY, Choice, QuestionKind, QuestionSpec, fixed_answers


class ConsultationClosed(Exception):
    def __init__(self, consultation: Consultation) -> None:
        super().__init__(consultation.slug)
        self.consultation = consultation


def get_consultation(slug: str) -> Consultation:
    """A consultation with its partnership, versions and questions, all loaded.

    Every page a respondent sees needs the whole consultation, so each process
    keeps it for CONTENT_CACHE_SECONDS. The objects are detached from any
    session and only ever read.
    """
    cache: dict[str, tuple[float, Consultation]] = current_app.extensions.setdefault(
        "consultation_cache", {}
    )
    now = time.monotonic()
    hit = cache.get(slug)
    if hit is not None and now - hit[0] < current_app.config["CONTENT_CACHE_SECONDS"]:
        return hit[1]
    with Session(bind=db.engine()) as session:
        consultation = session.scalar(
            sa.select(Consultation)
            .where(Consultation.slug == slug)
            .options(
                selectinload(Consultation.partnership),
                selectinload(Consultation.versions).selectinload(ConsultationVersion.questions),
            )
        )
    if consultation is None:
        raise problems.NotFound()
    cache[slug] = (now, consultation)
    return consultation


def forget(slug: str) -> None:
    """Drop this process's copy after a change (other processes refresh within
    CONTENT_CACHE_SECONDS)."""
    current_app.extensions.get("consultation_cache", {}).pop(slug, None)


def get_open_consultation(slug: str) -> Consultation:
    consultation = get_consultation(slug)
    if not consultation.published:
        raise problems.NotFound()
    if not consultation.is_open(clock.today()):
        raise ConsultationClosed(consultation)
    return consultation


def slug_of_version(version_id: str) -> str:
    slug = db.session().scalar(
        sa.select(Consultation.slug)
        .join(ConsultationVersion)
        .where(ConsultationVersion.id == version_id)
    )
    if slug is None:
        raise problems.NotFound()
    return slug


def response_count(consultation: Consultation) -> int:
    version_ids = [version.id for version in consultation.versions]
    return int(
        db.session().scalar(
            sa.select(sa.func.count())
            .select_from(Submission)
            .where(Submission.version_id.in_(version_ids))
        )
        or 0
    )


def is_full(consultation: Consultation) -> bool:
    cap = consultation.response_cap
    return cap is not None and response_count(consultation) >= cap


def open_consultations() -> list[Consultation]:
    now = clock.today()
    return list(
        db.session().scalars(
            sa.select(Consultation)
            .where(Consultation.opens_on <= now, Consultation.closes_on >= now)
            .order_by(Consultation.closes_on)
        )
    )


def version_by_id(consultation: Consultation, version_id: str) -> ConsultationVersion:
    for version in consultation.versions:
        if version.id == version_id:
            return version
    raise problems.NotFound()


def version_by_band(consultation: Consultation, age_band: str) -> ConsultationVersion | None:
    return next((v for v in consultation.versions if v.age_band == age_band), None)


def age_band_choices(consultation: Consultation) -> list[tuple[str, str]]:
    locale = str(get_locale())
    return [(v.age_band, str(localise(v.label, locale))) for v in consultation.versions]


def steps(version: ConsultationVersion) -> list[Step]:
    return [Step(q.key, q.show_if) for q in version.questions]


def question(version: ConsultationVersion, key: str) -> Question:
    for q in version.questions:
        if q.key == key:
            return q
    raise problems.NotFound()


def _fixed_choices(kind: str) -> list[tuple[str, str]]:
    if kind == QuestionKind.YES_NO_NOT_SURE:
        labels = [_("Yes"), _("No"), _("Not sure")]
    elif kind == QuestionKind.SCALE:
        labels = [_("Very unhappy"), _("Unhappy"), _("Okay"), _("Happy"), _("Very happy")]
    else:
        return []
    return list(zip(fixed_answers(kind), labels, strict=True))


def choices(q: Question, locale: str) -> tuple[Choice, ...]:
    """The question's answers in ``locale``; scale and yes/no labels may be overridden."""
    own = {option["key"]: option for option in q.options}
    fixed = _fixed_choices(q.kind)
    if fixed:
        result = []
        for key, label in fixed:
            option = own.get(key, {})
            text = localise(option.get("text"), locale) if option.get("text") else Text(label, "")
            result.append(Choice(key, text.value, bool(option.get("concern")), text.lang))
        return tuple(result)
    return tuple(
        Choice(
            o["key"], str(text := localise(o["text"], locale)), bool(o.get("concern")), text.lang
        )
        for o in q.options
    )


_SPECS: weakref.WeakKeyDictionary[Question, dict[str, QuestionSpec]] = weakref.WeakKeyDictionary()


def spec(q: Question, locale: str) -> QuestionSpec:
    """What the form needs to know about ``q``, in ``locale`` (kept while ``q`` is cached)."""
    by_locale = _SPECS.setdefault(q, {})
    if locale not in by_locale:
        by_locale[locale] = _build_spec(q, locale)
    return by_locale[locale]


def _build_spec(q: Question, locale: str) -> QuestionSpec:
    return QuestionSpec(
        key=q.key,
        kind=q.kind,
        choices=choices(q, locale),
        rather_not_say=q.rather_not_say,
        max_length=q.max_length,
        max_choices=q.max_choices,
    )


@dataclass(frozen=True)
class AnswerSummary:
    key: str
    question: Text
    answer: list[str]
    answer_lang: str


def describe_answer(q: Question, value: Any, locale: str) -> list[str]:
    """An answer as the respondent would read it."""
    if value is None:
        return [_("Not answered")]
    if value == RATHER_NOT_SAY or value == [RATHER_NOT_SAY]:
        return [_("I\u2019d rather not say")]
    if q.kind == QuestionKind.FREE_TEXT:
        return [str(value)]
    labels = {choice.key: choice.label for choice in choices(q, locale)}
    keys = value if isinstance(value, list) else [value]
    return [labels.get(str(key), str(key)) for key in keys]
