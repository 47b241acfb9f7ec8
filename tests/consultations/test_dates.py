"""Consultations open and close by date."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from engagement.models import Consultation
from tests.respondent import BASE, Respondent, submissions

TODAY = dt.date.today()


def _set_dates(app, opens_on, closes_on):
    with app.extensions["engine"].begin() as connection:
        connection.execute(
            sa.update(Consultation.__table__).values(opens_on=opens_on, closes_on=closes_on)
        )


@pytest.mark.parametrize(
    ("opens_on", "closes_on", "heading"),
    [
        (TODAY - dt.timedelta(days=30), TODAY - dt.timedelta(days=1), "This survey has closed"),
        (TODAY + dt.timedelta(days=3), TODAY + dt.timedelta(days=30), "not open yet"),
    ],
)
def test_outside_its_dates_a_consultation_takes_no_answers(
    app, client, opens_on, closes_on, heading
):
    _set_dates(app, opens_on, closes_on)
    for path in (BASE, f"{BASE}/age", f"{BASE}/check-your-answers"):
        response = client.get(path)
        assert response.status_code == 410
        assert heading in response.page.h1.get_text()
    assert client.get("/").page.find("a", href=BASE) is None


def test_closing_mid_journey_stores_nothing(app, client):
    respondent = Respondent(client)
    respondent.start("12-18")
    receipt = respondent.receipt()
    _set_dates(app, TODAY - dt.timedelta(days=30), TODAY - dt.timedelta(days=1))
    app.extensions["consultation_cache"].clear()
    assert respondent.send(receipt).status_code == 410
    assert submissions(app) == []


def test_open_on_its_first_and_last_day(app, client):
    _set_dates(app, TODAY, TODAY)
    assert client.get(BASE).status_code == 200
