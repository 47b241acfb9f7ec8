"""Consultations for staff: monitoring with small counts withheld, dates and caps, sharing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from analysis.counts import percentage, shown
from engagement import db
from engagement.demo.seed import add_responses
from engagement.models import Consultation
from tests.respondent import ANSWERS_12_18, BASE, Respondent, complete
from tests.staff_world import csrf, sign_in


def _add(app, world, count, seed=1):
    with app.app_context(), Session(bind=db.engine()) as s, s.begin():
        consultation = s.get(Consultation, world.consultation)
        add_responses(s, consultation, count, dt.date.today(), seed=seed)


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0"), (1, "fewer than 5"), (4, "fewer than 5"), (5, "5"), (37, "37")],
)
def test_small_counts_are_withheld(count, expected):
    assert shown(count) == expected


def test_percentages_are_withheld_when_either_side_is_small():
    assert percentage(3, 40) == "not shown (fewer than 5)"
    assert percentage(30, 40) == "75%"
    assert percentage(0, 0) == "none yet"


def test_monitoring_shows_counts_but_never_small_ones(app, client, world):
    _add(app, world, 3)
    sign_in(client, world.people["analyst"])
    page = client.get(f"/staff/consultations/{world.consultation}").page
    rows = {
        row.select_one("dt").get_text(strip=True): row.select_one("dd").get_text(strip=True)
        for row in page.select(".govuk-summary-list__row")
    }
    assert rows["Responses"] == "fewer than 5"
    assert rows["Completion rate"] == "not shown (fewer than 5)"
    cells = [cell.get_text(strip=True) for cell in page.select("td")]
    assert "3" not in cells
    chart = client.get(f"/staff/consultations/{world.consultation}/responses-per-day.svg")
    assert chart.mimetype == "image/svg+xml"
    assert chart.data.startswith(b"<?xml")


def test_monitoring_counts_languages_bands_and_where_people_stopped(app, client, world):
    _add(app, world, 60)
    unfinished = Respondent(app.test_client())
    unfinished.start("12-18")
    for key in ("feel_safe_area", "safe_places"):
        unfinished.answer(ANSWERS_12_18[key], key)
    sign_in(client, world.people["scrutineer"])
    page = client.get(f"/staff/consultations/{world.consultation}").page
    tables = {
        t.caption.get_text(strip=True): t.get_text(" ") for t in page.select("table") if t.caption
    }
    assert "English" in tables["Languages"]
    assert "12-18" in tables["Age bands"] and "8-11" in tables["Age bands"]
    assert "fewer than 5" in tables["Where unfinished answers stopped"]
    assert "Question 3" in tables["Where unfinished answers stopped"]


def test_settings_change_dates_and_the_cap_stops_new_starts(app, client, world):
    sign_in(client, world.people["partnership_admin"])
    page = client.get(f"/staff/consultations/{world.consultation}/settings")
    today = dt.date.today()
    end = today + dt.timedelta(days=10)
    form = {
        "csrf_token": csrf(page),
        "opens_on": [str(today.day), str(today.month), str(today.year)],
        "closes_on": [str(end.day), str(end.month), str(end.year)],
        "response_cap": "1",
    }
    assert (
        client.post(f"/staff/consultations/{world.consultation}/settings", data=form).status_code
        == 302
    )
    with app.app_context(), Session(bind=db.engine()) as s:
        consultation = s.get(Consultation, world.consultation)
        assert (consultation.closes_on, consultation.response_cap) == (end, 1)

    first = Respondent(app.test_client())
    first.start("12-18")
    second = Respondent(app.test_client())
    second.start("12-18")  # started before the cap was reached: may still send
    complete(first, ANSWERS_12_18)
    first.send()
    complete(second, ANSWERS_12_18)
    assert second.send().headers["Location"].endswith("/thank-you")
    late = app.test_client()
    late.get(f"{BASE}/age")
    assert late.post(f"{BASE}/age", data={"age_band": "12-18"}).status_code == 410


@pytest.mark.parametrize(
    ("opens", "closes", "cap", "message"),
    [
        (["", "", ""], ["1", "1", "2030"], "", "Enter the opening date"),
        (["31", "2", "2027"], ["1", "1", "2030"], "", "must be a real date"),
        (["1", "3", "2027"], ["1", "2", "2027"], "", "on or after the opening date"),
        (["1", "3", "2027"], ["1", "4", "2027"], "0", "whole number from 1"),
        (["1", "", "2027"], ["1", "4", "2027"], "", "must include a day, month and year"),
    ],
)
def test_bad_settings_are_refused_clearly(app, client, world, opens, closes, cap, message):
    sign_in(client, world.people["analyst"])
    page = client.get(f"/staff/consultations/{world.consultation}/settings")
    response = client.post(
        f"/staff/consultations/{world.consultation}/settings",
        data={
            "csrf_token": csrf(page),
            "opens_on": opens,
            "closes_on": closes,
            "response_cap": cap,
        },
    )
    assert response.status_code == 200
    assert message in response.page.select_one(".govuk-error-summary").get_text()


def test_share_page_qr_codes_and_posters(app, client, world):
    sign_in(client, world.people["trainer"])
    share = client.get(f"/staff/consultations/{world.consultation}/share").page
    assert "http://127.0.0.1:5000/take-part/feeling-safe" in share.get_text()
    posters = [a["href"] for a in share.select("a") if "/poster/" in a["href"]]
    assert {href.rsplit("/", 1)[1] for href in posters} == {"en", "cy", "pl", "ar", "ur"}
    png = client.get(f"/staff/consultations/{world.consultation}/qr.png")
    assert png.data.startswith(b"\x89PNG") and "attachment" in png.headers["Content-Disposition"]
    svg = client.get(f"/staff/consultations/{world.consultation}/qr.svg")
    assert svg.mimetype == "image/svg+xml"
    assert client.get(f"/staff/consultations/{world.consultation}/qr.exe").status_code == 404
    poster = client.get(f"/staff/consultations/{world.consultation}/poster/ar").page
    body = poster.select_one(".app-poster")
    assert body["lang"] == "ar" and body["dir"] == "rtl"
    assert "?lang=ar" in body.get_text()
    assert body.select_one("svg") is not None
    assert client.get(f"/staff/consultations/{world.consultation}/poster/xx").status_code == 404


def test_only_this_partnerships_consultations_are_listed(client, world):
    sign_in(client, world.people["partnership_admin"])
    page = client.get("/staff/consultations").page
    links = [a["href"] for a in page.select("main a")]
    assert f"/staff/consultations/{world.consultation}" in links
    assert f"/staff/consultations/{world.foreign_consultation}" not in links
