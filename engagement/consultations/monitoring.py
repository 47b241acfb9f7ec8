"""How a consultation is going: responses per day, completion, drop-off, languages and bands.

Only counts: never answers. Small counts are shown as "fewer than 5" by the page.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

import sqlalchemy as sa

from engagement import db
from engagement.consultations.catalogue import steps
from engagement.consultations.routing import visible_keys
from engagement.i18n import BY_CODE
from engagement.models import Consultation, Draft, Submission


@dataclass(frozen=True)
class Monitoring:
    responses: int
    unfinished: int
    per_day: list[tuple[dt.date, int]]
    languages: list[tuple[str, int]]
    age_bands: list[tuple[str, int]]
    stopped_at: list[tuple[str, int]]  # unfinished answer sets, by the question they stopped before

    @property
    def started(self) -> int:
        return self.responses + self.unfinished


def for_consultation(consultation: Consultation) -> Monitoring:
    versions = {version.id: version for version in consultation.versions}
    session = db.session()
    per_day = dict(
        session.execute(
            sa.select(Submission.submitted_on, sa.func.count())
            .where(Submission.version_id.in_(versions))
            .group_by(Submission.submitted_on)
        ).all()
    )
    languages = session.execute(
        sa.select(Submission.locale, sa.func.count())
        .where(Submission.version_id.in_(versions))
        .group_by(Submission.locale)
    ).all()
    bands = session.execute(
        sa.select(Submission.version_id, sa.func.count())
        .where(Submission.version_id.in_(versions))
        .group_by(Submission.version_id)
    ).all()
    stopped: Counter[str] = Counter()
    unfinished = 0
    for version_id, answers in session.execute(
        sa.select(Draft.version_id, Draft.answers).where(Draft.version_id.in_(versions))
    ):
        unfinished += 1
        version = versions[version_id]
        keys = visible_keys(steps(version), answers)
        next_key = next((key for key in keys if key not in answers), None)
        stopped[_question_label(version, next_key) if next_key else "Check answers page"] += 1
    days = _every_day(per_day)
    return Monitoring(
        responses=sum(per_day.values()),
        unfinished=unfinished,
        per_day=days,
        languages=[
            (BY_CODE[code].english_name if code in BY_CODE else code, n) for code, n in languages
        ],
        age_bands=[(versions[version_id].age_band, n) for version_id, n in bands],
        stopped_at=list(stopped.items()),
    )


def _question_label(version: object, key: str) -> str:
    for number, question in enumerate(version.questions, start=1):  # type: ignore[attr-defined]
        if question.key == key:
            return f"Question {number}: {question.text.get('en', key)}"
    return key


def _every_day(per_day: dict[dt.date, int]) -> list[tuple[dt.date, int]]:
    if not per_day:
        return []
    first, last = min(per_day), max(per_day)
    return [
        (first + dt.timedelta(days=offset), per_day.get(first + dt.timedelta(days=offset), 0))
        for offset in range((last - first).days + 1)
    ]
