"""Signing in with a password and a second factor; sessions; lock-out."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from engagement.models import StaffSession, StaffUser
from tests.staff_world import PASSWORD, sign_in, totp_now


def test_sign_in_needs_password_then_a_code(client, world):
    admin = world.people["partnership_admin"]
    response = sign_in(client, admin)
    assert response.headers["Location"] == "/staff/"
    page = client.get("/staff/").page
    assert page.h1.get_text() == "Dashboard"


def test_no_staff_page_without_the_second_factor(client, world):
    admin = world.people["partnership_admin"]
    client.post("/staff/sign-in", data={"email": admin.email, "password": PASSWORD})
    for path in ("/staff/", "/staff/agencies", "/staff/audit"):
        assert client.get(path).headers["Location"] == "/staff/sign-in"


def test_a_code_works_only_once(app, world):
    admin = world.people["partnership_admin"]
    code = totp_now(admin)
    first, second = app.test_client(), app.test_client()
    assert sign_in(first, admin, code).headers["Location"] == "/staff/"
    replay = sign_in(second, admin, code)
    assert replay.status_code == 200
    assert "Enter the 6-digit code" in replay.page.select_one(".govuk-error-summary").get_text()
    assert second.get("/staff/").headers["Location"] == "/staff/sign-in"


def test_wrong_and_unknown_give_the_same_answer_then_the_account_waits(client, world):
    analyst = world.people["analyst"]
    unknown = client.post(
        "/staff/sign-in", data={"email": "nobody@example.org", "password": "x" * 12}
    )
    wrong = client.post("/staff/sign-in", data={"email": analyst.email, "password": "x" * 12})
    message = unknown.page.select_one(".govuk-error-summary").get_text()
    assert message == wrong.page.select_one(".govuk-error-summary").get_text()
    for _ in range(5):
        client.post("/staff/sign-in", data={"email": analyst.email, "password": "x" * 12})
    # Locked for now: even the right password is refused, with the same message.
    right = client.post("/staff/sign-in", data={"email": analyst.email, "password": PASSWORD})
    assert right.status_code == 200
    assert right.page.select_one(".govuk-error-summary").get_text() == message
    # Other accounts are not affected.
    other = client.post(
        "/staff/sign-in", data={"email": world.people["trainer"].email, "password": PASSWORD}
    )
    assert other.status_code == 302


def test_cookie_changes_at_sign_in_and_the_old_one_fails_after_sign_out(app, client, world):
    admin = world.people["partnership_admin"]
    client.get("/staff/sign-in")
    before = client.get_cookie("session").value
    sign_in(client, admin)
    signed_in = client.get_cookie("session").value
    assert signed_in != before
    page = client.get("/staff/")
    token = page.page.select_one("form.app-sign-out input[name=csrf_token]")["value"]
    assert client.post("/staff/sign-out", data={"csrf_token": token}).status_code == 302

    thief = app.test_client()
    thief.set_cookie("session", signed_in)
    assert thief.get("/staff/").headers["Location"] == "/staff/sign-in"


def _age_session(app, **changes):
    with app.extensions["engine"].begin() as connection:
        connection.execute(sa.update(StaffSession.__table__).values(**changes))


def test_idle_and_absolute_timeouts(app, client, world):
    admin = world.people["partnership_admin"]
    sign_in(client, admin)
    now = dt.datetime.now(dt.UTC)
    _age_session(app, last_seen_at=now - dt.timedelta(minutes=29))
    assert client.get("/staff/").status_code == 200
    _age_session(app, last_seen_at=now - dt.timedelta(minutes=31))
    assert client.get("/staff/").headers["Location"] == "/staff/sign-in"

    other = app.test_client()
    sign_in(other, world.people["analyst"])
    _age_session(app, started_at=now - dt.timedelta(hours=12, minutes=1), last_seen_at=now)
    assert other.get("/staff/").headers["Location"] == "/staff/sign-in"


def test_disabling_an_account_ends_its_sessions_at_once(app, client, world):
    lead = world.people["agency_lead"]
    sign_in(client, lead)
    assert client.get("/staff/").status_code == 200
    with app.extensions["engine"].begin() as connection:
        connection.execute(
            sa.update(StaffUser.__table__)
            .values(disabled=True)
            .where(StaffUser.__table__.c.id == lead.id)
        )
    assert client.get("/staff/").headers["Location"] == "/staff/sign-in"


def test_sign_in_attempts_are_limited_per_address_not_for_everyone(database_url):
    from tests.conftest import load_demo, make_app

    app = make_app(database_url, STAFF_SIGN_IN_LIMIT="3 per minute")
    load_demo(app)
    attacker, colleague = app.test_client(), app.test_client()
    attacker.environ_base["REMOTE_ADDR"] = "192.0.2.66"
    colleague.environ_base["REMOTE_ADDR"] = "192.0.2.10"
    data = {"email": "someone@example.org", "password": "x" * 12}
    statuses = [attacker.post("/staff/sign-in", data=data).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert colleague.post("/staff/sign-in", data=data).status_code == 200
    app.extensions["engine"].dispose()
