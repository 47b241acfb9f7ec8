"""Demo training: a year of multi-agency courses and their sessions, with evaluations
straight after and follow-ups weeks later, so the results pages show real patterns:
confidence rises after every course (most after the exploitation course), online sessions
rate their format lower, and some of the rise fades by the follow-up."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import secrets

import sqlalchemy as sa
from sqlalchemy.orm import Session

from engagement import clock
from engagement.models import Course, TrainingCoding, TrainingEvaluation, TrainingSession
from engagement.training.coding import starter_codebook
from engagement.training.evaluations import summary_columns
from forms.vocabulary import TRAINING_AGENCY_TYPES

# (title, level, objectives, uplift in confidence points, sessions in the year)
COURSES = (
    ("Recognising and responding to neglect", "2", [
        "recognise the signs of neglect, including in older children",
        "use the neglect screening tool with a family",
        "share a concern about neglect with the right agency",
    ], 1.2, 6),
    ("Working together: multi-agency safeguarding", "multi_agency", [
        "explain the roles of the other agencies in safeguarding",
        "take part well in a strategy discussion",
        "escalate when I disagree with another agency's decision",
    ], 1.0, 5),
    ("Child exploitation and county lines", "3", [
        "spot the early signs of criminal and sexual exploitation",
        "complete the exploitation screening tool",
        "record the child's own words and experience",
    ], 1.6, 4),
    ("Domestic abuse and its impact on children", "2", [
        "recognise how domestic abuse affects children",
        "ask safely about domestic abuse",
        "refer to MARAC when the risk is high",
    ], 1.1, 5),
    ("Safeguarding foundation", "1", [
        "know what to do if a child tells me something worrying",
        "find the partnership's procedures",
    ], 0.9, 8),
)  # fmt: skip
PLEDGES = (
    "Use the neglect screening tool at my next home visit",
    "Write the child's own words in every referral",
    "Call the other agency before closing a case",
    "Ask about domestic abuse when I see parents on their own",
    "Share the exploitation screening tool with my team",
    "Escalate sooner when I disagree with a decision",
    "Check the procedures before the next strategy meeting",
    "Talk to my designated lead about the worries I hold",
    "Put the front door phone number on our staff room wall",
    "Book time with the school nurse to share concerns",
)
# How a person coded each pledge: the demo codes some, so the suggestions learn.
PLEDGE_THEMES = {
    PLEDGES[0]: ["tools"],
    PLEDGES[1]: ["child_voice", "referrals"],
    PLEDGES[2]: ["joint_working"],
    PLEDGES[3]: [],
    PLEDGES[4]: ["tools", "information_sharing"],
    PLEDGES[5]: ["escalation"],
    PLEDGES[6]: ["joint_working"],
    PLEDGES[7]: ["manager_support"],
    PLEDGES[8]: ["referrals"],
    PLEDGES[9]: ["joint_working", "information_sharing"],
}
CODED = 24
BARRIERS = (
    "Caseloads are too high to find the time",
    "Our recording system does not have a place for this",
    "My manager was not at the training",
    "Nothing, it fits what I already do",
    "Not knowing who to call in the other agency",
)
EXAMPLES = (
    "I noticed a child was always hungry and used the tool; the family now has support",
    "I called the police officer I met on the course and we agreed a plan the same day",
    "A young person's own words in my referral changed the decision at the front door",
    "I escalated a case that had been closed and it was reopened",
)
AGENCY_MIX = ("education", "education", "health", "local_authority", "police",
              "voluntary_community", "probation_youth_justice", "other")  # fmt: skip
ROLE_MIX = ("frontline", "frontline", "frontline", "manager", "designated_lead", "other")


def _clip(value: float) -> int:
    return max(1, min(5, round(value)))


def seed_training(s: Session, partnership_id: str, today: dt.date) -> None:
    rng = random.Random(14)
    for title, level, objectives, uplift, sessions in COURSES:
        course = Course(
            partnership_id=partnership_id, title=title, objectives=objectives, level=level,
            audience="Practitioners from every agency working with children and families",
        )  # fmt: skip
        s.add(course)
        s.flush()
        for n in range(sessions):
            held_on = today - dt.timedelta(days=20 + n * (330 // sessions) + rng.randrange(10))
            mode = "online" if n % 3 == 1 else "face_to_face"
            _session(s, rng, course, held_on, mode, uplift, today)
    _code_some_pledges(s, course)


def _code_some_pledges(s: Session, course: Course) -> None:
    """A person's coding of a course's first pledges (every theme confirmed or not)."""
    _, themes = starter_codebook()
    found = s.scalars(
        sa.select(TrainingEvaluation)
        .join(TrainingSession, TrainingSession.id == TrainingEvaluation.session_id)
        .where(TrainingSession.course_id == course.id, TrainingEvaluation.stage == "a")
        .order_by(TrainingSession.held_on)
    )
    pledged = [e for e in found if e.answers.get("pledge") in PLEDGE_THEMES][:CODED]
    for evaluation in pledged:
        chosen = PLEDGE_THEMES[evaluation.answers["pledge"]]
        s.add_all(
            TrainingCoding(
                evaluation_id=evaluation.id,
                item_key="pledge",
                theme_id=theme_id,
                confirmed=theme_id in chosen,
                decided_at=clock.now(),
            )  # fmt: skip
            for theme_id in themes
        )


def _session(
    s: Session, rng: random.Random, course: Course, held_on: dt.date, mode: str,
    uplift: float, today: dt.date,
) -> None:  # fmt: skip
    attendance = {t: rng.randrange(0, 6) for t in TRAINING_AGENCY_TYPES}
    session = TrainingSession(
        course_id=course.id, held_on=held_on, mode=mode,
        venue="Microsoft Teams" if mode == "online" else "County Hall, Northshire",
        trainer_names="Northshire training team", attendance=attendance,
        code=secrets.token_hex(5), salt=secrets.token_hex(16),
        follow_up_opens_on=held_on + dt.timedelta(weeks=8),
        follow_up_closes_on=held_on + dt.timedelta(weeks=16),
    )  # fmt: skip
    s.add(session)
    s.flush()
    answered = max(3, int(sum(attendance.values()) * rng.uniform(0.55, 0.85)))
    follow_up_open = session.follow_up_opens_on <= today
    for _ in range(answered):
        link = secrets.token_hex(32) if rng.random() < 0.45 else None
        now = _form_a(s, rng, course, session, uplift, link)
        if link and follow_up_open and rng.random() < 0.55:
            _form_b(s, rng, course, session, now, link, today)


def _form_a(
    s: Session, rng: random.Random, course: Course, session: TrainingSession, uplift: float,
    link: str | None,
) -> list[int]:  # fmt: skip
    online = session.mode == "online"
    answers: dict[str, object] = {
        "relevant": _clip(rng.gauss(4.3, 0.7)),
        "up_to_date": _clip(rng.gauss(4.2, 0.7)),
        "trainer_clear": _clip(rng.gauss(4.4, 0.6)),
        "format_worked": _clip(rng.gauss(3.4 if online else 4.2, 0.8)),
        "other_agencies": _clip(rng.gauss(3.9 if course.level == "multi_agency" else 3.5, 0.8)),
        "contacts": _clip(rng.gauss(3.2 if online else 3.9, 0.9)),
        "recommend": max(0, min(10, round(rng.gauss(8.2 if not online else 7.4, 1.5)))),
    }
    now_values = []
    for n, _objective in enumerate(course.objectives):
        before = _clip(rng.gauss(2.6, 0.8))
        now = _clip(before + rng.gauss(uplift, 0.6))
        answers[f"confidence_before_{n}"] = before
        answers[f"confidence_now_{n}"] = now
        now_values.append(now)
    if rng.random() < 0.7:
        answers["pledge"] = rng.choice(PLEDGES)
    if rng.random() < 0.4:
        answers["barriers"] = rng.choice(BARRIERS)
    s.add(
        TrainingEvaluation(
            session_id=session.id,
            stage="a",
            submitted_on=session.held_on,
            receipt_hash=secrets.token_hex(32),
            link_hash=_hash(session, link),
            agency_type=rng.choice(AGENCY_MIX) if rng.random() < 0.85 else None,
            role_group=rng.choice(ROLE_MIX) if rng.random() < 0.8 else None,
            answers=answers,
            **summary_columns(answers),
        )  # fmt: skip
    )
    return now_values


def _form_b(
    s: Session, rng: random.Random, course: Course, session: TrainingSession,
    now_values: list[int], link: str, today: dt.date,
) -> None:  # fmt: skip
    answers: dict[str, object] = {
        "used": rng.choices(["often", "sometimes", "not_yet", "not_applicable"], [4, 4, 2, 1])[0],
        "pledge_done": rng.choices(["yes", "partly", "no"], [5, 3, 2])[0],
        "changed": sorted(
            rng.sample(
                [
                    "recognising_earlier",
                    "referral_quality",
                    "child_voice",
                    "information_sharing",
                    "joint_working",
                    "escalation",
                    "supporting_colleague",
                ],
                rng.randrange(0, 4),
            )  # fmt: skip
        ),
        "worked_with_agency": _clip(rng.gauss(3.6, 0.9)),
        "discussed": rng.choice(["yes", "no"]),
    }
    for n, now in enumerate(now_values):
        answers[f"confidence_follow_up_{n}"] = _clip(now + rng.gauss(-0.3, 0.6))
    if rng.random() < 0.5:
        answers["example"] = rng.choice(EXAMPLES)
    answered_on = min(today, session.follow_up_opens_on + dt.timedelta(days=rng.randrange(0, 20)))
    s.add(
        TrainingEvaluation(
            session_id=session.id,
            stage="b",
            submitted_on=answered_on,
            receipt_hash=secrets.token_hex(32),
            link_hash=_hash(session, link),
            answers=answers,
        )  # fmt: skip
    )


def _hash(session: TrainingSession, link: str | None) -> str | None:
    """Stands in for the hash of a practitioner's code (the demo has no codes to give)."""
    if link is None:
        return None
    return hashlib.sha256(f"{session.salt}:{link}".encode()).hexdigest()
