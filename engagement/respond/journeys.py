"""One respondent's journey: the consultation, their age band's version and answers so far."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app, url_for
from flask_babel import get_locale
from werkzeug.exceptions import NotFound

from engagement.consultations import catalogue as consultations
from engagement.consultations import routing
from engagement.consultations.catalogue import AnswerSummary
from engagement.i18n import Text, localise
from engagement.models import Consultation, ConsultationVersion, Question
from engagement.rate_limits import limits
from engagement.respond import drafts, submissions
from engagement.respond import session as journey_session
from forms.vocabulary import LEGACY_CODE_LENGTH, QuestionKind, QuestionSpec


class NeedsStart(Exception):
    """No answers in progress for this consultation in this browser."""

    def __init__(self, slug: str) -> None:
        super().__init__(slug)
        self.slug = slug


@dataclass(frozen=True)
class QuestionPage:
    key: str
    kind: str
    heading: Text
    hint: Text
    spec: QuestionSpec
    saved: Any
    number: int
    total: int
    back_url: str


@dataclass
class Journey:
    consultation: Consultation
    version: ConsultationVersion
    draft: drafts.DraftState

    @property
    def slug(self) -> str:
        return self.consultation.slug

    @property
    def locale(self) -> str:
        return str(get_locale())

    @property
    def steps(self) -> list[routing.Step]:
        return consultations.steps(self.version)

    @property
    def answers(self) -> dict[str, Any]:
        return self.draft.answers

    def question_url(self, key: str) -> str:
        return url_for("respond.question", slug=self.slug, key=key)

    def check_url(self) -> str:
        return url_for("respond.check_answers", slug=self.slug)

    def first_url(self) -> str:
        keys = routing.visible_keys(self.steps, self.answers)
        key = routing.first_unanswered(self.steps, self.answers)
        if key is None and self.answers:
            return self.check_url()
        return self.question_url(key or keys[0])

    def start_url(self) -> str:
        if len(self.consultation.versions) > 1:
            return url_for("respond.age_band", slug=self.slug)
        return url_for("respond.start", slug=self.slug)

    def page(self, key: str, preview: bool = False) -> QuestionPage:
        """A question page; ``preview`` shows any question, whatever the routing."""
        keys = routing.visible_keys(self.steps, self.answers)
        if preview and key not in keys:
            keys = [step.key for step in self.steps]
        if key not in keys:
            raise NotFound()
        q = consultations.question(self.version, key)
        previous = routing.previous_key(self.steps, self.answers, key)
        return QuestionPage(
            key=key,
            kind=q.kind,
            heading=localise(q.text, self.locale),
            hint=localise(q.hint, self.locale),
            spec=consultations.spec(q, self.locale),
            saved=self.answers.get(key),
            number=keys.index(key) + 1,
            total=len(keys),
            back_url=self.question_url(previous) if previous else self.start_url(),
        )

    def summary(self) -> list[AnswerSummary]:
        by_key = {q.key: q for q in self.version.questions}
        result = []
        for key in routing.visible_keys(self.steps, self.answers):
            q: Question = by_key[key]
            text = consultations.describe_answer(q, self.answers.get(key), self.locale)
            answered = key in self.answers and q.kind == QuestionKind.FREE_TEXT
            result.append(
                AnswerSummary(
                    key, localise(q.text, self.locale), text, "" if answered else self.locale
                )
            )
        return result

    def last_question_url(self) -> str:
        keys = routing.visible_keys(self.steps, self.answers)
        return self.question_url(keys[-1])


def start(slug: str, age_band: str | None = None) -> Journey:
    """Continue this browser's answers, or start new ones for the chosen age band."""
    consultation = consultations.get_open_consultation(slug)
    existing = drafts.get(journey_session.draft_id(slug))
    if existing is not None:
        return Journey(
            consultation, consultations.version_by_id(consultation, existing.version_id), existing
        )
    if consultations.is_full(consultation):
        # The cap stops new starts; anyone already answering may still send.
        raise consultations.ConsultationClosed(consultation)
    if age_band is None:
        if len(consultation.versions) != 1:
            raise NeedsStart(slug)
        version = consultation.versions[0]
    else:
        chosen = consultations.version_by_band(consultation, age_band)
        if chosen is None:
            raise NotFound()
        version = chosen
    draft = drafts.start(version)
    journey_session.remember_draft(slug, draft.id)
    return Journey(consultation, version, draft)


def current(slug: str) -> Journey:
    """This browser's journey in progress; NeedsStart if there is none."""
    consultation = consultations.get_open_consultation(slug)
    draft = drafts.get(journey_session.draft_id(slug))
    if draft is None:
        raise NeedsStart(slug)
    return Journey(consultation, consultations.version_by_id(consultation, draft.version_id), draft)


def answer(journey: Journey, key: str, value: Any, action: str, changing: bool) -> str:
    """Save one answer and return where the respondent goes next."""
    drafts.save_answer(journey.draft.id, key, value)
    answers = {k: v for k, v in journey.answers.items() if k != key}
    if value is not None:
        answers[key] = value
    q = consultations.question(journey.version, key)
    if action == "save":
        journey_session.remember_code(drafts.save_for_later(journey.draft.id))
        then = "saved"
    else:
        then = "check" if changing else "next"
    if submissions.concerns(q, value):
        # Help comes first, whatever the young person pressed.
        return url_for(
            "respond.support", slug=journey.slug, key=key, then=None if then == "next" else then
        )
    return after_support_url(journey, key, then, answers)


def after_support_url(
    journey: Journey, key: str, then: str, answers: dict[str, Any] | None = None
) -> str:
    """Where to go after ``key``: the saved-code page, check answers or the next question."""
    if then == "saved":
        return url_for("respond.saved", slug=journey.slug)
    following = routing.next_key(
        journey.steps, journey.answers if answers is None else answers, key
    )
    if then == "check" or following is None:
        return journey.check_url()
    return journey.question_url(following)


def send(slug: str, receipt: str) -> submissions.Outcome:
    consultation = consultations.get_open_consultation(slug)
    outcome = submissions.send(
        journey_session.draft_id(slug), receipt, consultation.versions, str(get_locale())
    )
    if outcome is not submissions.Outcome.EXPIRED:
        journey_session.mark_sent(slug)
    return outcome


class TooManyTries(Exception):
    """Wrong codes have used up the service's allowance for now."""


def resume(code: str) -> str | None:
    """Take up answers saved with ``code``; returns the URL to continue at.

    A right code always works. Only wrong ones count against one allowance for the whole
    service (never per address: a school shares one), which guards the database, not the
    codes: at 59 bits, a code cannot be guessed however fast someone tries. The short
    codes given before are still limited on every try, as they were, until they expire.
    """
    allowance = current_app.config["RESUME_RATE_LIMIT"]
    if len(code) == LEGACY_CODE_LENGTH and not limits().count(allowance, "resume-legacy"):
        raise TooManyTries
    draft = drafts.resume(code)
    if draft is None:
        if not limits().count(allowance, "resume-wrong-code"):
            raise TooManyTries
        return None
    consultation = consultations.get_consultation(consultations.slug_of_version(draft.version_id))
    journey_session.remember_draft(consultation.slug, draft.id)
    journey = Journey(
        consultation, consultations.version_by_id(consultation, draft.version_id), draft
    )
    return journey.first_url()
