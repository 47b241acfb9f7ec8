"""One respondent's journey: the consultation, their age band's version and answers so far.

The views keep the browser's session (which answers are this browser's) and turn the
``Place`` each step returns into a web address; this module knows neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask_babel import get_locale

from engagement import problems
from engagement.consultations import catalogue as consultations
from engagement.consultations import routing
from engagement.consultations.catalogue import AnswerSummary
from engagement.i18n import Text, localise
from engagement.models import Consultation, ConsultationVersion, Question
from engagement.rate_limits import limits
from engagement.respond import drafts, submissions, support
from forms.vocabulary import LEGACY_CODE_LENGTH, QuestionKind, QuestionSpec


class NeedsStart(Exception):
    """No answers in progress for this consultation in this browser."""

    def __init__(self, slug: str) -> None:
        super().__init__(slug)
        self.slug = slug


@dataclass(frozen=True)
class Place:
    """A page of the journey, named as its view, with the question it is about."""

    page: str  # "start", "age_band", "question", "support", "check_answers" or "saved"
    key: str | None = None
    then: str | None = None  # after the support page: "check" or "saved"


CHECK_ANSWERS = Place("check_answers")


def question_place(key: str) -> Place:
    return Place("question", key)


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
    back: Place


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

    def first_place(self) -> Place:
        """Where to carry on: the first question not answered, or check answers."""
        keys = routing.visible_keys(self.steps, self.answers)
        key = routing.first_unanswered(self.steps, self.answers)
        if key is None and self.answers:
            return CHECK_ANSWERS
        return question_place(key or keys[0])

    def start_place(self) -> Place:
        return Place("age_band" if len(self.consultation.versions) > 1 else "start")

    def page(self, key: str, preview: bool = False) -> QuestionPage:
        """A question page; ``preview`` shows any question, whatever the routing."""
        keys = routing.visible_keys(self.steps, self.answers)
        if preview and key not in keys:
            keys = [step.key for step in self.steps]
        if key not in keys:
            raise problems.NotFound()
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
            back=question_place(previous) if previous else self.start_place(),
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

    def last_question_place(self) -> Place:
        keys = routing.visible_keys(self.steps, self.answers)
        return question_place(keys[-1])


def start(slug: str, draft_id: str | None, age_band: str | None = None) -> Journey:
    """Continue the answers ``draft_id`` (this browser's), or start new ones for the
    chosen age band; the caller remembers ``journey.draft.id`` for this browser."""
    consultation = consultations.get_open_consultation(slug)
    existing = drafts.get(draft_id)
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
            raise problems.NotFound()
        version = chosen
    return Journey(consultation, version, drafts.start(version))


def current(slug: str, draft_id: str | None) -> Journey:
    """The journey in progress with answers ``draft_id``; NeedsStart if there is none."""
    consultation = consultations.get_open_consultation(slug)
    draft = drafts.get(draft_id)
    if draft is None:
        raise NeedsStart(slug)
    return Journey(consultation, consultations.version_by_id(consultation, draft.version_id), draft)


@dataclass(frozen=True)
class Answered:
    next: Place
    code: str | None = None  # to come back with, when the respondent saved for later


def answer(journey: Journey, key: str, value: Any, action: str, changing: bool) -> Answered:
    """Save one answer: where the respondent goes next, and any code to come back with."""
    drafts.save_answer(journey.draft.id, key, value)
    answers = {k: v for k, v in journey.answers.items() if k != key}
    if value is not None:
        answers[key] = value
    q = consultations.question(journey.version, key)
    code = None
    if action == "save":
        code = drafts.save_for_later(journey.draft.id)
        then = "saved"
    else:
        then = "check" if changing else "next"
    if submissions.concerns(q, value):
        # Help comes first, whatever the young person pressed.
        return Answered(Place("support", key, None if then == "next" else then), code)
    return Answered(after_support(journey, key, then, answers), code)


def support_services(journey: Journey, key: str) -> list[support.Service]:
    """Help that fits what the answer to ``key`` suggests (beyond the general help)."""
    q = consultations.question(journey.version, key)
    return support.services_for(submissions.concerns(q, journey.answers.get(key)))


def after_support(
    journey: Journey, key: str, then: str, answers: dict[str, Any] | None = None
) -> Place:
    """Where to go after ``key``: the saved-code page, check answers or the next question."""
    if then == "saved":
        return Place("saved")
    following = routing.next_key(
        journey.steps, journey.answers if answers is None else answers, key
    )
    if then == "check" or following is None:
        return CHECK_ANSWERS
    return question_place(following)


def send(slug: str, draft_id: str | None, receipt: str) -> submissions.Outcome:
    consultation = consultations.get_open_consultation(slug)
    return submissions.send(draft_id, receipt, consultation.versions, str(get_locale()))


class TooManyTries(Exception):
    """Wrong codes have used up the service's allowance for now."""


def resume(code: str) -> Journey | None:
    """Take up answers saved with ``code``: the journey, to carry on at its first place.

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
    return Journey(consultation, consultations.version_by_id(consultation, draft.version_id), draft)
