"""Invitations and password resets by emailed link; importing agencies; CSRF; the audit log."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from engagement import db
from engagement.models import Agency, AuditEvent, StaffUser
from tests.conftest import make_app
from tests.staff_world import PASSWORD, csrf, outbox_link, sign_in

NEW_PASSWORD = "a long and unusual passphrase"


def _invite(client, world, email="new.lead@example.org"):
    sign_in(client, world.people["partnership_admin"])
    page = client.get(f"/staff/agencies/{world.own_agency}/invite")
    return client.post(
        f"/staff/agencies/{world.own_agency}/invite",
        data={"csrf_token": csrf(page), "name": "New Lead", "email": email, "role": "agency_lead"},
    )


def test_an_invitation_link_sets_a_password_then_requires_a_second_factor(app, client, world):
    assert _invite(client, world).status_code == 302
    message = app.extensions["outbox"][-1]
    assert message["to"] == "new.lead@example.org"
    link = outbox_link(app, "/staff/invitation")
    path = link.split("127.0.0.1:5000", 1)[1]

    newcomer = app.test_client()
    page = newcomer.get(path)
    assert page.page.h1.get_text() == "Choose a password"
    weak = newcomer.post(path, data={"csrf_token": csrf(page), "password": "short"})
    assert "at least 12 characters" in weak.page.select_one(".govuk-error-summary").get_text()
    response = newcomer.post(path, data={"csrf_token": csrf(page), "password": NEW_PASSWORD})
    assert response.headers["Location"] == "/staff/two-factor"
    assert newcomer.get("/staff/two-factor").headers["Location"] == "/staff/set-up-two-factor"
    setup = newcomer.get("/staff/set-up-two-factor")
    assert setup.page.select_one(".app-qr svg") is not None
    secret = setup.page.select_one(".app-code bdi").get_text()

    import pyotp

    code = pyotp.TOTP(secret).now()
    done = newcomer.post("/staff/set-up-two-factor", data={"csrf_token": csrf(setup), "code": code})
    assert done.headers["Location"] == "/staff/recovery-codes"
    codes = [c.get_text() for c in newcomer.get("/staff/recovery-codes").page.select("code")]
    assert len(codes) == 10
    assert newcomer.get("/staff/").status_code == 200

    # The link works once.
    assert app.test_client().get(path).status_code == 410


def test_a_recovery_code_signs_in_once(app, client, world):
    _invite(client, world, "recovery@example.org")
    path = outbox_link(app, "/staff/invitation").split("127.0.0.1:5000", 1)[1]
    newcomer = app.test_client()
    page = newcomer.get(path)
    newcomer.post(path, data={"csrf_token": csrf(page), "password": NEW_PASSWORD})
    setup = newcomer.get("/staff/set-up-two-factor")
    import pyotp

    secret = setup.page.select_one(".app-code bdi").get_text()
    newcomer.post(
        "/staff/set-up-two-factor",
        data={"csrf_token": csrf(setup), "code": pyotp.TOTP(secret).now()},
    )
    code = newcomer.get("/staff/recovery-codes").page.select("code")[0].get_text()

    for attempt, expected in ((1, "/staff/"), (2, None)):
        browser = app.test_client()
        browser.post(
            "/staff/sign-in", data={"email": "recovery@example.org", "password": NEW_PASSWORD}
        )
        response = browser.post("/staff/two-factor", data={"code": code})
        if expected:
            assert response.headers["Location"] == expected, attempt
        else:
            assert response.status_code == 200, attempt


def test_password_reset_link_is_single_use_and_still_needs_the_second_factor(app, client, world):
    analyst = world.people["analyst"]
    page = client.get("/staff/reset-password")
    unknown = client.post(
        "/staff/reset-password", data={"csrf_token": csrf(page), "email": "nobody@example.org"}
    )
    known = client.post(
        "/staff/reset-password", data={"csrf_token": csrf(page), "email": analyst.email}
    )
    assert unknown.page.h1.get_text() == known.page.h1.get_text() == "Check your email"
    assert len(app.extensions["outbox"]) == 1
    path = outbox_link(app, "/staff/reset-password").split("127.0.0.1:5000", 1)[1]
    form = client.get(path)
    response = client.post(path, data={"csrf_token": csrf(form), "password": NEW_PASSWORD})
    assert response.headers["Location"] == "/staff/two-factor"
    assert client.get("/staff/").headers["Location"] == "/staff/sign-in"
    assert client.get(path).status_code == 410  # used
    tampered = path[:-3] + ("abc" if not path.endswith("abc") else "xyz")
    assert client.get(tampered).status_code == 410


def test_emailed_links_use_the_configured_address_not_the_request_host(app, client, world):
    analyst = world.people["analyst"]
    page = client.get("/staff/reset-password", headers={"Host": "evil.example"})
    client.post(
        "/staff/reset-password",
        data={"csrf_token": csrf(page), "email": analyst.email},
        headers={"Host": "evil.example", "X-Forwarded-Host": "evil.example"},
    )
    body = app.extensions["outbox"][-1]["body"]
    assert "evil.example" not in body
    assert "http://127.0.0.1:5000/staff/reset-password/" in body


GOOD_CSV = (
    b"name,sector,statutory_partner\nNorthshire NHS Trust,Health,yes\nHill School,education,no\n"
)
BAD_CSVS = [
    pytest.param(b"title,kind\nX,Y\n", "first line must name the columns", id="wrong-header"),
    pytest.param(b"name,sector\nA,spaceships\n", "sector must be one of", id="bad-sector"),
    pytest.param(b"name,sector\nA,health\na,health\n", "twice", id="duplicate-in-file"),
    pytest.param(
        b"name,sector\nNorthshire Police,police\n", "already in the directory", id="existing"
    ),
    pytest.param(b"name,sector\n,health\n", "enter the agency name", id="blank-name"),
    pytest.param(b"name,sector,statutory_partner\nA,health,perhaps\n", "yes or no", id="bad-flag"),
    pytest.param("name,sector\nCaf\u00e9,health\n".encode("utf-16"), "UTF-8", id="not-utf8"),
    pytest.param(b"PK\x03\x04\x00\x00binary", "CSV", id="spreadsheet"),
    pytest.param(b"name,sector\n", "no agencies", id="empty"),
]


def _upload(client, world, data):
    sign_in(client, world.people["partnership_admin"])
    page = client.get("/staff/agencies/import")
    import io

    return client.post(
        "/staff/agencies/import",
        data={"csrf_token": csrf(page), "file": (io.BytesIO(data), "agencies.csv")},
        content_type="multipart/form-data",
    )


def _agency_names(app):
    with app.app_context(), Session(bind=db.engine()) as s:
        return sorted(s.scalars(sa.select(Agency.name)))


def test_importing_agencies(app, client, world):
    response = _upload(client, world, GOOD_CSV)
    assert response.headers["Location"] == "/staff/agencies"
    assert "Northshire NHS Trust" in _agency_names(app)


@pytest.mark.parametrize(("data", "message"), BAD_CSVS)
def test_a_bad_import_explains_and_changes_nothing(app, client, world, data, message):
    before = _agency_names(app)
    response = _upload(client, world, data)
    assert response.status_code == 200
    summary = response.page.select_one(".govuk-error-summary").get_text()
    assert message in summary or message in response.page.get_text()
    assert _agency_names(app) == before


def test_every_post_route_needs_a_csrf_token(database_url):
    """Every POST in the app, staff or respondent, signed in or not: refused without a token."""
    from tests.conftest import load_demo

    app = make_app(database_url, WTF_CSRF_ENABLED=True)
    load_demo(app)
    client = app.test_client()
    values = {"agency_id": "x", "user_id": "x", "consultation_id": "x", "band": "x", "key": "x",
              "lang": "en", "token": "x", "slug": "feeling-safe", "kind": "svg"}  # fmt: skip
    posts = [rule for rule in app.url_map.iter_rules() if "POST" in rule.methods]
    assert len(posts) > 20
    for rule in posts:
        path = rule.rule
        for name, value in values.items():
            path = path.replace(f"<{name}>", value)
        response = client.post(path, data={"email": "a@example.org", "password": PASSWORD})
        assert response.status_code == 400, path
    app.extensions["engine"].dispose()


def test_staff_actions_are_audited_without_content(app, client, world):
    _invite(client, world, "audited@example.org")
    with app.app_context(), Session(bind=db.engine()) as s:
        actions = [e.action for e in s.scalars(sa.select(AuditEvent))]
        invited = s.scalar(sa.select(StaffUser).where(StaffUser.email == "audited@example.org"))
    assert "signed_in" in actions and "user_invited" in actions
    page = client.get("/staff/audit").page
    text = page.get_text(" ")
    assert "User invited" in text and "Signed in" in text
    assert invited.id not in text  # ids stay out of sight; names are enough
