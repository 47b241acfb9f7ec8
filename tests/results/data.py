"""Responses for the results tests, written straight to the database (with their counts)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from engagement import clock, db
from engagement.demo import builders
from engagement.models import Consultation

YOUNGER, OLDER = 0, 1  # the demo consultation's versions: 8-11 and 12-18


def add(
    app,
    consultation_id: str,
    answers: list[dict[str, Any]],
    version: int = OLDER,
    locale: str = "en",
    days_ago: int = 3,
) -> None:
    """One submission per dict of answers."""
    on = clock.today() - dt.timedelta(days=days_ago)
    with app.app_context(), Session(bind=db.engine()) as s, s.begin():
        version_id = s.get(Consultation, consultation_id).versions[version].id
        builders.add_responses(
            s, [builders.Response(version_id, on, locale, dict(a)) for a in answers]
        )


def repeat(answers: dict[str, Any], times: int) -> list[dict[str, Any]]:
    return [dict(answers) for _ in range(times)]


def previous_round(s: Session, consultation: Consultation, slug: str = "feeling-safe-2025"):
    """Last year's round of ``consultation``: the same versions and question keys."""
    from engagement.demo.seed import versions_from

    before = Consultation(
        partnership_id=consultation.partnership_id, kind=consultation.kind, slug=slug,
        opens_on=dt.date(2025, 9, 1), closes_on=dt.date(2025, 12, 1),
        title={"en": "Feeling safe 2025"}, purpose={}, who_sees={}, privacy_notice={},
        next_steps={},
    )  # fmt: skip
    before.versions.extend(
        versions_from(
            [{"age_band": v.age_band, "label": v.label,
              "questions": [{"key": q.key, "kind": q.kind, "text": q.text, "options": q.options,
                             "rather_not_say": q.rather_not_say, "max_choices": q.max_choices,
                             "show_if": q.show_if} for q in v.questions]}
             for v in consultation.versions]
        )
    )  # fmt: skip
    s.add(before)
    s.flush()
    consultation.previous_round_id = before.id
    return before
