"""A respondent walking through the demo consultation with a test client."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from engagement import db
from engagement.models import Answer, Draft, Submission

SLUG = "feeling-safe"
BASE = f"/take-part/{SLUG}"


class Respondent:
    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.location = ""

    def start(self, age_band: str = "12-18") -> str:
        response = self.client.post(BASE)
        assert response.status_code == 302
        if response.headers["Location"].endswith("/age"):
            response = self.client.post(f"{BASE}/age", data={"age_band": age_band})
            assert response.status_code == 302, response.get_data(as_text=True)
        self.location = response.headers["Location"]
        return self.location

    def current_key(self) -> str:
        assert "/questions/" in self.location, self.location
        return self.location.rsplit("/", 1)[1].split("?")[0]

    def answer(self, data: dict[str, Any], expect_key: str | None = None) -> str:
        """Answer the current question; returns where it sent us."""
        if expect_key:
            assert self.current_key() == expect_key, self.location
        page = self.client.get(self.location)
        assert page.status_code == 200
        response = self.client.post(self.location, data=data)
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        self.location = response.headers["Location"]
        return self.location

    def receipt(self) -> str:
        page = self.client.get(f"{BASE}/check-your-answers")
        assert page.status_code == 200
        return page.page.find("input", attrs={"name": "receipt"})["value"]

    def send(self, receipt: str | None = None) -> Any:
        receipt = receipt or self.receipt()
        return self.client.post(f"{BASE}/check-your-answers", data={"receipt": receipt})


ANSWERS_12_18 = {
    "feel_safe_area": {"answer": "4"},
    "safe_places": {"answer": ["home", "school"]},
    "unsafe_place": {"answer": "nowhere"},
    "trusted_adult": {"answer": "yes"},
    "online_pressure": {"answer": "no"},
    "priorities": {"answer": ["bullying", "knives"]},
    "one_change": {"text": "More street lights near the park."},
}


def complete(respondent: Respondent, answers: dict[str, dict[str, Any]]) -> None:
    while "/questions/" in respondent.location and "/support" not in respondent.location:
        respondent.answer(answers.get(respondent.current_key(), {}))


def submissions(app: Flask) -> list[dict[str, Any]]:
    """Every stored submission as {field: value, "answers": {key: value}}."""
    with app.app_context(), Session(bind=db.engine()) as session:
        rows = []
        for submission in session.scalars(sa.select(Submission)):
            answers = session.scalars(
                sa.select(Answer).where(Answer.submission_id == submission.id)
            )
            rows.append(
                {
                    "submitted_on": submission.submitted_on,
                    "locale": submission.locale,
                    "needs_review": submission.needs_review,
                    "review_reasons": submission.review_reasons,
                    "answers": {answer.question_key: answer.value for answer in answers},
                }
            )
        return rows


def draft_count(app: Flask) -> int:
    with app.app_context(), Session(bind=db.engine()) as session:
        return session.scalar(sa.select(sa.func.count()).select_from(Draft)) or 0
