"""Demo Section 11 audits: agencies, last year's signed-off cycle and this year's under way,
with practitioner answers, challenges, actions and a challenge event."""

from __future__ import annotations

import datetime as dt
import json
import random
import secrets

import sqlalchemy as sa
from sqlalchemy.orm import Session

from engagement.models import (
    ActionStatus,
    Agency,
    AuditAction,
    AuditAnswer,
    AuditChallenge,
    AuditCycle,
    AuditFramework,
    AuditModeration,
    AuditReturn,
    ChallengeEvent,
    PractitionerAnswer,
    PractitionerResponse,
    ReturnStatus,
)
from engagement.section11.cycles import new_practitioner_code
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
    for standard in framework.standards:
        for question in standard.questions:
            if rng.random() > share:
                continue
            rating = ratings[min(len(ratings) - 1, max(0, int(rng.gauss(bias, 0.8))))]
            s.add(
                AuditAnswer(
                    return_id=audit_return.id, question_id=question.id, rating=rating,
                    evidence=rng.choice(EVIDENCE), impact="Children are seen sooner.", version=1,
                    not_applicable_reason="",
                )
            )  # fmt: skip


def _practitioners(
    s: Session, rng: random.Random, cycle: AuditCycle, agency: Agency, count: int, today: dt.date
) -> None:
    statements = json.loads(QUESTIONS_FILE.read_text(encoding="utf-8"))["statements"]
    for _ in range(count):
        response = PractitionerResponse(
            cycle_id=cycle.id, agency_id=agency.id, submitted_on=today - dt.timedelta(days=3),
            receipt_hash=secrets.token_hex(32), improvement="",
        )  # fmt: skip
        s.add(response)
        s.flush()
        for statement in statements:
            value = rng.choices(["yes", "partly", "no", "dont_know"], [6, 3, 1, 1])[0]
            s.add(
                PractitionerAnswer(
                    response_id=response.id, cycle_id=cycle.id, agency_id=agency.id,
                    standard_code=statement["standard"], question_key=statement["key"],
                    value=value,
                )
            )  # fmt: skip


def seed_audits(s: Session, partnership_id: str, today: dt.date) -> list[Agency]:
    """The demo's agencies and two Section 11 cycles; returns the agencies."""
    rng = random.Random(11)
    agencies = [
        Agency(partnership_id=partnership_id, name=name, sector=sector, statutory_partner=statutory)
        for name, sector, statutory in AGENCIES
    ]
    s.add_all(agencies)
    framework = s.scalars(
        sa.select(AuditFramework).where(
            AuditFramework.partnership_id == partnership_id,
            AuditFramework.kind == "section_11",
        )
    ).one()
    s.flush()
    last = AuditCycle(
        partnership_id=partnership_id, framework_id=framework.id, name="2025-26",
        opens_on=today - dt.timedelta(days=400), due_on=today - dt.timedelta(days=310),
        created_at=dt.datetime.now(dt.UTC),
    )  # fmt: skip
    this = AuditCycle(
        partnership_id=partnership_id, framework_id=framework.id, name="2026-27",
        opens_on=today - dt.timedelta(days=30), due_on=today + dt.timedelta(days=45),
        created_at=dt.datetime.now(dt.UTC),
    )  # fmt: skip
    s.add_all([last, this])
    s.flush()
    ratings = [r.key for r in SCALES[framework.scale].ratings]
    for index, agency in enumerate(agencies):
        old = AuditReturn(
            cycle_id=last.id, agency_id=agency.id, status=ReturnStatus.APPROVED,
            practitioner_code=new_practitioner_code(),
        )  # fmt: skip
        new = AuditReturn(
            cycle_id=this.id, agency_id=agency.id, status=THIS_YEAR[index],
            practitioner_code=new_practitioner_code(),
        )  # fmt: skip
        s.add_all([old, new])
        s.flush()
        _answers(s, rng, framework, old, 1.0, bias=1 + index % 2)
        share = {ReturnStatus.NOT_STARTED: 0.0, ReturnStatus.IN_PROGRESS: 0.5}.get(new.status, 1.0)
        _answers(s, rng, framework, new, share, bias=index % 3)
        for standard in framework.standards:
            s.add(
                AuditModeration(
                    return_id=old.id, standard_id=standard.id, rating=rng.choice(ratings[1:]),
                    at=dt.datetime.now(dt.UTC),
                )
            )  # fmt: skip
        _practitioners(s, rng, this, agency, PRACTITIONERS[index], today)
        if new.status == ReturnStatus.APPROVED:
            standard = framework.standards[index % len(framework.standards)]
            s.add(
                AuditModeration(
                    return_id=new.id, standard_id=standard.id, rating=ratings[2],
                    note="The evidence shows the policy exists, not that it is used.",
                    at=dt.datetime.now(dt.UTC),
                )
            )  # fmt: skip
            s.add(
                AuditChallenge(
                    return_id=new.id, standard_id=standard.id,
                    body="How do you know front-line staff use this policy?",
                    raised_at=dt.datetime.now(dt.UTC),
                )
            )  # fmt: skip
        s.add(
            AuditAction(
                return_id=old.id, standard_id=framework.standards[3].id,
                description="Refresh safeguarding training for night staff",
                owner="Named safeguarding lead", due_on=today - dt.timedelta(days=20 + index),
                status=ActionStatus.IN_PROGRESS if index % 2 else ActionStatus.DONE,
                completion_evidence="" if index % 2 else "Training log, 94% complete",
                updated_at=dt.datetime.now(dt.UTC),
            )
        )  # fmt: skip
    event = ChallengeEvent(
        cycle_id=this.id, title="Section 11 challenge panel: health and police",
        held_on=today + dt.timedelta(days=60), starts_at="10:00", place="County Hall, room 3",
    )  # fmt: skip
    event.agencies = agencies[:4]
    s.add(event)
    return agencies
