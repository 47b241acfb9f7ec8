"""Load the demo consultation from youth_voice.json and add answers to it."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from analysis.disclosure import review_categories
from engagement.demo.audits import seed_audits
from engagement.demo.builders import Response
from engagement.demo.builders import add_responses as add_built_responses
from engagement.demo.closed_answers import Respondent
from engagement.demo.free_text import ANSWERS
from engagement.demo.training import seed_training
from engagement.demo.you_said import seed_you_said
from engagement.models import (
    AnalysisRun,
    Consultation,
    ConsultationVersion,
    Partnership,
    Question,
)
from engagement.section11.frameworks import add_built_in
from engagement.themes.codebook import add_starter_codebook
from forms.vocabulary import RATHER_NOT_SAY, QuestionKind

CONTENT = Path(__file__).resolve().parent.parent / "consultations" / "starters" / "youth_voice.json"
LOCALE_WEIGHTS = {"en": 80, "cy": 5, "pl": 5, "ar": 3, "ur": 3, "ro": 2, "es": 2}


def load_consultation(
    session: Session, today: dt.date, content_path: Path = CONTENT, slug_prefix: str = ""
) -> Consultation:
    """Create the partnership and consultation described in ``content_path``.

    ``slug_prefix`` makes a second, separate copy (tests use it for another partnership)."""
    content = json.loads(content_path.read_text(encoding="utf-8"))
    p = content["partnership"]
    prefix = f"{slug_prefix}-" if slug_prefix else ""
    partnership = Partnership(
        slug=prefix + p["slug"],
        name=p["name"],
        help_name=p["help_name"],
        help_phone=p["help_phone"],
    )
    c = content["consultation"]
    consultation = Consultation(
        partnership=partnership,
        kind=c["kind"],
        slug=prefix + c["slug"],
        opens_on=today - dt.timedelta(days=60),
        closes_on=today + dt.timedelta(days=365),
        title=c["title"],
        purpose=c["purpose"],
        who_sees=c["who_sees"],
        privacy_notice=c["privacy_notice"],
        next_steps=c["next_steps"],
    )
    consultation.versions.extend(versions_from(content["versions"]))
    session.add(consultation)
    session.flush()
    add_starter_codebook(session, consultation.id, partnership.id, content)
    return consultation


def versions_from(versions: list[dict[str, Any]]) -> list[ConsultationVersion]:
    """Age-band versions and their questions, from a template's JSON."""
    built = []
    for position, v in enumerate(versions):
        version = ConsultationVersion(age_band=v["age_band"], label=v["label"], position=position)
        for number, q in enumerate(v["questions"]):
            version.questions.append(
                Question(
                    key=q["key"],
                    position=number,
                    kind=q["kind"],
                    text=q["text"],
                    hint=q.get("hint", {}),
                    options=q.get("options", []),
                    rather_not_say=q.get("rather_not_say", False),
                    max_length=q.get("max_length"),
                    max_choices=q.get("max_choices"),
                    show_if=q.get("show_if"),
                )
            )
        built.append(version)
    return built


def _answer(q: Question, who: Respondent, rng: random.Random, locale: str) -> Any:
    if rng.random() < 0.04:
        return None  # skipped
    if q.rather_not_say and rng.random() < 0.03:
        return RATHER_NOT_SAY
    if q.kind != QuestionKind.FREE_TEXT:
        return who.answer(q.key, q.kind, [o["key"] for o in q.options], q.max_choices)
    if rng.random() < 0.35:
        return None
    pool = ANSWERS.get(locale) or ANSWERS["en"]
    if locale != "en" and rng.random() < 0.3:
        pool = ANSWERS["en"]
    return rng.choice(pool)


def add_responses(
    session: Session,
    consultation: Consultation,
    count: int,
    today: dt.date,
    seed: int = 2026,
    last_year: bool = False,
) -> None:
    """Add ``count`` plausible anonymous submissions, spread over the 60 days to
    ``today``; ``last_year`` answers as last year's round did (a little less positive)."""
    rng = random.Random(seed)
    locales = list(LOCALE_WEIGHTS)
    weights = list(LOCALE_WEIGHTS.values())
    responses: list[Response] = []
    for _ in range(count):
        version = rng.choices(consultation.versions, weights=[35, 65])[0]
        locale = rng.choices(locales, weights=weights)[0]
        who = Respondent.draw(version.age_band, last_year, rng)
        answers: dict[str, Any] = {}
        reasons: set[str] = set()
        for q in version.questions:
            if q.show_if and answers.get(q.show_if["question"]) not in q.show_if["answers"]:
                continue
            value = _answer(q, who, rng, locale)
            if value is None:
                continue
            answers[q.key] = value
            concern_keys = {o["key"] for o in q.options if o.get("concern")}
            chosen = set(value) if isinstance(value, list) else {value}
            if chosen & concern_keys:
                reasons.add("concern_option")
            if q.kind == QuestionKind.FREE_TEXT and isinstance(value, str):
                reasons.update(f"free_text:{c}" for c in review_categories(value))
        responses.append(
            Response(
                version_id=version.id,
                submitted_on=today - dt.timedelta(days=rng.randint(0, 59)),
                locale=locale,
                answers=answers,
                review_reasons=tuple(sorted(reasons)),
            )
        )
    add_built_responses(session, responses)


def add_last_round(
    session: Session, consultation: Consultation, responses: int, today: dt.date
) -> Consultation:
    """Last year's round of the demo consultation, closed, with its own answers; the
    demo consultation is compared with it on its results page."""
    content = json.loads(CONTENT.read_text(encoding="utf-8"))
    year = today.year - 1
    closed = today - dt.timedelta(days=365)
    last = Consultation(
        partnership_id=consultation.partnership_id, kind=consultation.kind,
        slug=f"{consultation.slug}-{year}", opens_on=closed - dt.timedelta(days=60),
        closes_on=closed,
        title={lang: f"{text} ({year})" for lang, text in consultation.title.items()},
        purpose=dict(consultation.purpose), who_sees=dict(consultation.who_sees),
        privacy_notice=dict(consultation.privacy_notice),
        next_steps=dict(consultation.next_steps),
    )  # fmt: skip
    last.versions.extend(versions_from(content["versions"]))
    session.add(last)
    session.flush()
    add_starter_codebook(session, last.id, consultation.partnership_id, content)
    add_responses(session, last, responses, closed, seed=year, last_year=True)
    consultation.previous_round_id = last.id
    return last


def seed_demo(session: Session, responses: int = 2000, today: dt.date | None = None) -> bool:
    """Seed the demo if the database has no consultations yet. Returns True if seeded."""
    if session.scalar(sa.select(sa.func.count()).select_from(Consultation)):
        return False
    today = today or dt.date.today()
    consultation = load_consultation(session, today)
    session.flush()
    add_responses(session, consultation, responses, today)
    last = add_last_round(session, consultation, responses * 3 // 4, today)
    add_built_in(session, consultation.partnership_id)
    session.flush()
    seed_audits(session, consultation.partnership_id, today)
    seed_training(session, consultation.partnership_id, today)
    seed_you_said(session, last, today)
    # The analysis worker picks this up when the app starts.
    for analysed in (consultation, last):
        session.add(AnalysisRun(consultation_id=analysed.id, requested_at=dt.datetime.now(dt.UTC)))
    return True
