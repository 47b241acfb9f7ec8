"""Building a consultation: from a template, then questions added, changed, moved or
removed. Once anyone has answered, the structure is fixed (text fixes still go
through the translation editor, with history); anonymity is fixed for every
consultation by design, so there is no setting that could weaken it."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from engagement import clock, db
from engagement.accounts import activity_log
from engagement.accounts.sessions import SignedInUser
from engagement.consultations.catalogue import forget
from engagement.demo.seed import versions_from
from engagement.models import (
    Consultation,
    ConsultationVersion,
    Draft,
    Question,
    Submission,
)
from engagement.themes.codebook import add_starter_codebook
from forms.vocabulary import (
    NEW_QUESTION_MAX_LENGTH,
    PRIORITIES_MAX_CHOICES,
    QuestionKind,
    fixed_answers,
)

TEMPLATES_DIR = Path(__file__).resolve().parent / "starters"
TEMPLATES = {
    "youth_voice": ("Youth voice survey", "youth_voice.json"),
    "practitioner": ("Practitioner survey", "practitioner.json"),
}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class StructureLocked(Exception):
    """People have answered: questions can no longer be added, removed or changed."""


class BuilderProblem(Exception):
    """A change that cannot be made, with a message for the page."""


def _owned(s: Session, actor: SignedInUser, consultation_id: str) -> Consultation:
    consultation = s.get(Consultation, consultation_id)
    if consultation is None or consultation.partnership_id != actor.partnership_id:
        raise LookupError(consultation_id)
    return consultation


def has_responses(s: Session, consultation: Consultation) -> bool:
    version_ids = [v.id for v in consultation.versions]
    return bool(
        s.scalar(sa.select(Submission.id).where(Submission.version_id.in_(version_ids)).limit(1))
    )


def is_locked(consultation: Consultation) -> bool:
    return has_responses(db.session(), consultation)


def _unlocked(s: Session, actor: SignedInUser, consultation_id: str) -> Consultation:
    consultation = _owned(s, actor, consultation_id)
    if has_responses(s, consultation):
        raise StructureLocked(consultation_id)
    forget(consultation.slug)
    return consultation


def slug_taken(slug: str) -> bool:
    return bool(db.session().scalar(sa.select(Consultation.id).where(Consultation.slug == slug)))


def create_from_template(actor: SignedInUser, template: str, title: str, slug: str) -> str:
    """A new, unpublished consultation copied from a template; returns its id."""
    content = json.loads((TEMPLATES_DIR / TEMPLATES[template][1]).read_text(encoding="utf-8"))
    c = content["consultation"]
    with db.transaction() as s:
        consultation = Consultation(
            partnership_id=actor.partnership_id,
            kind=c["kind"],
            slug=slug,
            opens_on=clock.today(),
            closes_on=clock.today() + dt.timedelta(days=90),
            title={"en": title.strip()},
            purpose=c["purpose"],
            who_sees=c["who_sees"],
            privacy_notice=c["privacy_notice"],
            next_steps=c["next_steps"],
            published=False,
        )
        consultation.versions.extend(versions_from(content["versions"]))
        s.add(consultation)
        s.flush()
        add_starter_codebook(s, consultation.id, actor.partnership_id, content)
        activity_log.record(
            s, "consultation_created", actor.id, actor.partnership_id, "consultation",
            consultation.id, template=template,
        )  # fmt: skip
        return consultation.id


def set_published(actor: SignedInUser, consultation_id: str, published: bool) -> None:
    with db.transaction() as s:
        consultation = _owned(s, actor, consultation_id)
        consultation.published = published
        forget(consultation.slug)
        activity_log.record(
            s, "consultation_published" if published else "consultation_unpublished",
            actor.id, actor.partnership_id, "consultation", consultation_id,
        )  # fmt: skip


def _version(consultation: Consultation, band: str) -> ConsultationVersion:
    for version in consultation.versions:
        if version.age_band == band:
            return version
    raise LookupError(band)


def _question(version: ConsultationVersion, key: str) -> Question:
    for question in version.questions:
        if question.key == key:
            return question
    raise LookupError(key)


def _key_for(text: str, taken: set[str]) -> str:
    base = "_".join(re.findall(r"[a-z0-9]+", text.lower()))[:40] or "question"
    key, number = base, 2
    while key in taken:
        key, number = f"{base}_{number}", number + 1
    return key


def options_from_lines(lines: str) -> list[dict[str, Any]]:
    """Answer options from one-per-line English text."""
    options: list[dict[str, Any]] = []
    taken: set[str] = set()
    for line in lines.splitlines():
        text = line.strip()
        if text:
            key = _key_for(text, taken)
            taken.add(key)
            options.append({"key": key, "text": {"en": text}})
    return options


def add_question(
    actor: SignedInUser, consultation_id: str, band: str, kind: str, text: str, hint: str,
    option_lines: str, rather_not_say: bool,
) -> str:  # fmt: skip
    """Add a question at the end of a version; returns its key."""
    options = options_from_lines(option_lines) if kind in QuestionKind.OWN_OPTIONS else []
    if kind in QuestionKind.OWN_OPTIONS and len(options) < 2:
        raise BuilderProblem("Enter at least 2 answers, one on each line")
    with db.transaction() as s:
        consultation = _unlocked(s, actor, consultation_id)
        version = _version(consultation, band)
        key = _key_for(text, {q.key for q in version.questions})
        version.questions.append(
            Question(
                key=key, position=len(version.questions), kind=kind, text={"en": text.strip()},
                hint={"en": hint.strip()} if hint.strip() else {}, options=options,
                rather_not_say=rather_not_say,
                max_length=NEW_QUESTION_MAX_LENGTH if kind == QuestionKind.FREE_TEXT else None,
                max_choices=PRIORITIES_MAX_CHOICES if kind == QuestionKind.PRIORITIES else None,
            )
        )  # fmt: skip
        activity_log.record(
            s, "question_added", actor.id, actor.partnership_id, "consultation",
            consultation_id, age_band=band, question=key,
        )  # fmt: skip
    return key


def update_question(
    actor: SignedInUser, consultation_id: str, band: str, key: str, rather_not_say: bool,
    concern_keys: list[str], routing: str | None, max_number: int | None,
) -> None:  # fmt: skip
    """Change how a question behaves: "rather not say", concern answers, routing, limits.

    ``routing`` is "" for always shown, or "question_key=answer_key"."""
    with db.transaction() as s:
        consultation = _unlocked(s, actor, consultation_id)
        version = _version(consultation, band)
        question = _question(version, key)
        earlier = version.questions[: version.questions.index(question)]
        question.rather_not_say = rather_not_say
        question.options = [
            {**option, "concern": option["key"] in concern_keys} for option in question.options
        ]
        if routing:
            on, _, answer = routing.partition("=")
            source = next((q for q in earlier if q.key == on), None)
            if source is None or answer not in _answer_keys(source):
                raise BuilderProblem("Choose an answer to an earlier question")
            question.show_if = {"question": on, "answers": [answer]}
        else:
            question.show_if = None
        if question.kind == QuestionKind.FREE_TEXT:
            question.max_length = max_number or NEW_QUESTION_MAX_LENGTH
        elif question.kind in QuestionKind.SEVERAL_ANSWERS:
            question.max_choices = max_number
        activity_log.record(
            s, "question_changed", actor.id, actor.partnership_id, "consultation",
            consultation_id, age_band=band, question=key,
        )  # fmt: skip


def _answer_keys(question: Question) -> list[str]:
    fixed = fixed_answers(question.kind)
    return list(fixed) if fixed else [option["key"] for option in question.options]


def routing_choices(version: ConsultationVersion, key: str) -> list[tuple[str, str]]:
    """("question=answer", label) for every answer of every earlier choice question."""
    choices = []
    for number, q in enumerate(version.questions, start=1):
        if q.key == key:
            break
        for answer in _answer_keys(q):
            option = next((o for o in q.options if o["key"] == answer), None)
            label = (option or {}).get("text", {}).get("en", answer.replace("_", " "))
            choices.append(
                (f"{q.key}={answer}", f"Question {number} is answered \u201c{label}\u201d")
            )
    return choices


def move_question(
    actor: SignedInUser, consultation_id: str, band: str, key: str, step: int
) -> None:
    with db.transaction() as s:
        consultation = _unlocked(s, actor, consultation_id)
        version = _version(consultation, band)
        ordered = list(version.questions)
        index = ordered.index(_question(version, key))
        target = index + step
        if not 0 <= target < len(ordered):
            return
        ordered[index], ordered[target] = ordered[target], ordered[index]
        for position, question in enumerate(ordered):
            if question.show_if and _position_of(ordered, question.show_if["question"]) >= position:
                raise BuilderProblem(
                    "A question can only depend on an earlier one. Change its routing first"
                )
        for position, question in enumerate(ordered):
            question.position = position
        activity_log.record(
            s, "question_moved", actor.id, actor.partnership_id, "consultation",
            consultation_id, age_band=band, question=key,
        )  # fmt: skip


def _position_of(ordered: list[Question], key: str) -> int:
    return next((i for i, q in enumerate(ordered) if q.key == key), -1)


def remove_question(actor: SignedInUser, consultation_id: str, band: str, key: str) -> None:
    with db.transaction() as s:
        consultation = _unlocked(s, actor, consultation_id)
        version = _version(consultation, band)
        question = _question(version, key)
        dependants = [q for q in version.questions if q.show_if and q.show_if["question"] == key]
        if dependants:
            raise BuilderProblem("Another question depends on this one. Change its routing first")
        if len(version.questions) == 1:
            raise BuilderProblem("A consultation needs at least one question")
        version.questions.remove(question)
        s.delete(question)
        for position, remaining in enumerate(version.questions):
            remaining.position = position
        activity_log.record(
            s, "question_removed", actor.id, actor.partnership_id, "consultation",
            consultation_id, age_band=band, question=key,
        )  # fmt: skip


def add_version(
    actor: SignedInUser, consultation_id: str, age_band: str, label: str, copy_from: str
) -> None:
    """A new age-band version, starting as a copy of another so core questions match."""
    if not re.fullmatch(r"[0-9a-z+-]{1,20}", age_band):
        raise BuilderProblem("Write the age band like 8-11 or 16-18")
    with db.transaction() as s:
        consultation = _unlocked(s, actor, consultation_id)
        if any(v.age_band == age_band for v in consultation.versions):
            raise BuilderProblem("There is already a version for that age band")
        source = _version(consultation, copy_from)
        version = ConsultationVersion(
            age_band=age_band, label={"en": label.strip()}, position=len(consultation.versions)
        )
        version.questions.extend(copy_question(q) for q in source.questions)
        consultation.versions.append(version)
        activity_log.record(
            s, "version_added", actor.id, actor.partnership_id, "consultation",
            consultation_id, age_band=age_band,
        )  # fmt: skip


def copy_question(q: Question) -> Question:
    """The same question, key and all, for another version or round."""
    return Question(
        key=q.key, position=q.position, kind=q.kind, text=dict(q.text), hint=dict(q.hint),
        options=[dict(o) for o in q.options], rather_not_say=q.rather_not_say,
        max_length=q.max_length, max_choices=q.max_choices,
        show_if=dict(q.show_if) if q.show_if else None,
    )  # fmt: skip


def remove_version(actor: SignedInUser, consultation_id: str, age_band: str) -> None:
    with db.transaction() as s:
        consultation = _unlocked(s, actor, consultation_id)
        if len(consultation.versions) == 1:
            raise BuilderProblem("A consultation needs at least one version")
        version = _version(consultation, age_band)
        for question in list(version.questions):
            s.delete(question)
        consultation.versions.remove(version)
        s.delete(version)
        s.execute(sa.delete(Draft).where(Draft.version_id == version.id))
        activity_log.record(
            s, "version_removed", actor.id, actor.partnership_id, "consultation",
            consultation_id, age_band=age_band,
        )  # fmt: skip


def replace_options(
    actor: SignedInUser, consultation_id: str, band: str, key: str, lines: str
) -> None:
    """Set a question's answers from one-per-line English text. Answers whose English is
    unchanged keep their key, translations and concern flag."""
    with db.transaction() as s:
        consultation = _unlocked(s, actor, consultation_id)
        version = _version(consultation, band)
        question = _question(version, key)
        if question.kind not in QuestionKind.OWN_OPTIONS:
            raise BuilderProblem("This kind of question has no answers to edit")
        by_text = {o.get("text", {}).get("en"): o for o in question.options}
        fresh = options_from_lines(lines)
        taken = {o["key"] for o in question.options}
        options = []
        for option in fresh:
            kept = by_text.get(option["text"]["en"])
            if kept is None:
                option["key"] = _key_for(option["text"]["en"], taken)
                taken.add(option["key"])
            options.append(dict(kept) if kept else option)
        if len(options) < 2:
            raise BuilderProblem("Enter at least 2 answers, one on each line")
        kept_keys = {o["key"] for o in options}
        for other in version.questions:
            wanted = set(other.show_if["answers"]) if other.show_if else set()
            if other.show_if and other.show_if["question"] == key and not wanted <= kept_keys:
                raise BuilderProblem("Another question depends on an answer you removed")
        question.options = options
        activity_log.record(
            s, "question_answers_changed", actor.id, actor.partnership_id, "consultation",
            consultation_id, age_band=band, question=key,
        )  # fmt: skip
