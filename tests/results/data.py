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
