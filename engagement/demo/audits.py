"""Demo Section 11 audits: agencies, last year's signed-off cycle and this year's under way,
with practitioner answers, challenges, actions and a challenge event."""

from __future__ import annotations

import datetime as dt
import json
import random

from sqlalchemy.orm import Session

from engagement.demo import builders
from engagement.demo.builders import Answer
from engagement.models import (
    ActionStatus,
    Agency,
    AuditChallenge,
    AuditCycle,
    AuditFramework,
    AuditReturn,
    ChallengeEvent,
    ReturnStatus,
)
from engagement.section11.practitioner_voice import QUESTIONS_FILE
from engagement.section11.scales import SCALES

AGENCIES = (
    ("Northshire Police", "police", True),
    ("Northshire County Council children's services", "local_authority", True),
    ("Northshire Hospitals NHS Trust", "health", True),
    ("Northshire Integrated Care Board", "health", True),
    ("Northshire Youth Justice Service", "probation_youth_justice", False),
    ("Probation Service, Northshire", "probation_youth_justice", False),
    ("Riverside Youth Club", "voluntary_community", False),
    ("Northshire Housing Association", "other", False),
)
# This year's state of each agency's return, in the order above. The police return, which
# the demo's police lead completes and signs off, is partly answered and not yet sent.
THIS_YEAR = (
    ReturnStatus.IN_PROGRESS, ReturnStatus.APPROVED, ReturnStatus.SUBMITTED,
    ReturnStatus.APPROVED, ReturnStatus.IN_PROGRESS, ReturnStatus.NOT_STARTED,
    ReturnStatus.APPROVED, ReturnStatus.NOT_STARTED,
)  # fmt: skip
PRACTITIONERS = (24, 40, 31, 6, 9, 0, 3, 0)  # how many answered the survey, per agency
EVIDENCE = (
    "Our safeguarding policy was signed by the chief executive in May and is on the intranet.",
    "Board minutes show a quarterly safeguarding report; the last was in September.",
    "Training records: 92% of front-line staff are in date. Managers check this in supervision.",
    "We asked young people at the youth forum and changed our leaflet as a result.",
)


def _answers(
    s: Session, rng: random.Random, framework: AuditFramework, audit_return: AuditReturn,
    share: float, bias: int,
) -> None:  # fmt: skip
    ratings = [r.key for r in SCALES[framework.scale].ratings]
    answers = []
    for standard in framework.standards:
        for question in standard.questions:
            if rng.random() > share:
                continue
            rating = ratings[min(len(ratings) - 1, max(0, int(rng.gauss(bias, 0.8))))]
            answers.append(
                Answer(question.id, rating, rng.choice(EVIDENCE), "Children are seen sooner.")
            )
    builders.add_answers(s, audit_return.id, answers)


def _practitioners(
    s: Session, rng: random.Random, cycle: AuditCycle, agency: Agency, count: int, today: dt.date
) -> None:
    statements = json.loads(QUESTIONS_FILE.read_text(encoding="utf-8"))["statements"]
    responses = [
        [
            (statement["standard"], statement["key"],
             rng.choices(["yes", "partly", "no", "dont_know"], [6, 3, 1, 1])[0])
            for statement in statements
        ]
        for _ in range(count)
    ]  # fmt: skip
    builders.add_practitioner_responses(
        s, cycle.id, agency.id, today - dt.timedelta(days=3), responses
    )


def seed_audits(s: Session, partnership_id: str, today: dt.date) -> list[Agency]:
    """The demo's agencies and two Section 11 cycles; returns the agencies."""
    rng = random.Random(11)
    agencies = builders.add_agencies(s, partnership_id, AGENCIES)
    framework = builders.built_in_framework(s, partnership_id)
    last = builders.add_cycle(
        s, framework, "2025-26", today - dt.timedelta(days=400), today - dt.timedelta(days=310)
    )
    this = builders.add_cycle(
        s, framework, "2026-27", today - dt.timedelta(days=30), today + dt.timedelta(days=45)
    )
    ratings = [r.key for r in SCALES[framework.scale].ratings]
    for index, agency in enumerate(agencies):
        old = builders.add_return(s, last.id, agency.id, ReturnStatus.APPROVED)
        new = builders.add_return(s, this.id, agency.id, THIS_YEAR[index])
        _answers(s, rng, framework, old, 1.0, bias=1 + index % 2)
        share = {ReturnStatus.NOT_STARTED: 0.0, ReturnStatus.IN_PROGRESS: 0.5}.get(new.status, 1.0)
        _answers(s, rng, framework, new, share, bias=index % 3)
        for standard in framework.standards:
            builders.add_moderation(s, old.id, standard.id, rng.choice(ratings[1:]))
        _practitioners(s, rng, this, agency, PRACTITIONERS[index], today)
        if new.status == ReturnStatus.APPROVED:
            standard = framework.standards[index % len(framework.standards)]
            builders.add_moderation(
                s, new.id, standard.id, ratings[2],
                note="The evidence shows the policy exists, not that it is used.",
            )  # fmt: skip
            s.add(
                AuditChallenge(
                    return_id=new.id, standard_id=standard.id,
                    body="How do you know front-line staff use this policy?",
                    raised_at=dt.datetime.now(dt.UTC),
                )
            )  # fmt: skip
        builders.add_action(
            s, old.id, "Refresh safeguarding training for night staff",
            owner="Named safeguarding lead", due_on=today - dt.timedelta(days=20 + index),
            status=ActionStatus.IN_PROGRESS if index % 2 else ActionStatus.DONE,
            standard_id=framework.standards[3].id,
            completion_evidence="" if index % 2 else "Training log, 94% complete",
        )  # fmt: skip
    event = ChallengeEvent(
        cycle_id=this.id, title="Section 11 challenge panel: health and police",
        held_on=today + dt.timedelta(days=60), starts_at="10:00", place="County Hall, room 3",
    )  # fmt: skip
    event.agencies = agencies[:4]
    s.add(event)
    return agencies
