"""Sign-in limits in the production profile: wrong second-factor codes count per account,
only failures count per address, and behind a proxy the address is the forwarded one,
trusted only when configured, and only on staff pages."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from engagement import db
from engagement.accounts.credentials import FREE_TRIES
from engagement.models import StaffUser
from engagement.proxies import StaffProxyFix
from tests.conftest import load_demo
from tests.production import make_production_app, sign_in
from tests.staff_world import PASSWORD, totp_now
from tests.staff_world import world as make_world


@pytest.fixture
def sign_in_app(production_app):
    production_app.config["STAFF_SIGN_IN_LIMIT"] = "3 per minute"
    return production_app


def _password(client, person, address: str):
    client.environ_base["REMOTE_ADDR"] = address
    client.get("/staff/sign-in")
    return client.post("/staff/sign-in", data={"email": person.email, "password": PASSWORD})


def _code(client, code: str):
    client.get("/staff/two-factor")
    return client.post("/staff/two-factor", data={"code": code})


def test_wrong_codes_make_the_account_wait_whatever_the_address(sign_in_app):
    sign_in_app.config["STAFF_SIGN_IN_LIMIT"] = "100 per minute"
    person = make_world.__wrapped__(sign_in_app).people["agency_lead"]
    first, second = sign_in_app.test_client(), sign_in_app.test_client()
    assert _password(first, person, "198.51.100.1").status_code == 302
    assert _password(second, person, "198.51.100.2").status_code == 302
    for attempt in range(FREE_TRIES):
        client = (first, second)[attempt % 2]
        wrong = _code(client, "000000")
        assert (
            wrong.status_code == 200
            and "wait" in wrong.page.select_one(".govuk-error-summary").text
        )

    # A right password does not clear wrong codes, and now even the right code waits.
    third = sign_in_app.test_client()
    assert _password(third, person, "198.51.100.3").status_code == 200
    assert _code(first, totp_now(person)).status_code == 200
    with sign_in_app.app_context():
        user = db.session().scalar(sa.select(StaffUser).where(StaffUser.email == person.email))
        assert user.failed_codes == FREE_TRIES and user.locked_until is not None


def test_a_right_code_clears_the_count(sign_in_app):
    person = make_world.__wrapped__(sign_in_app).people["agency_lead"]
    client = sign_in_app.test_client()
    assert _password(client, person, "198.51.100.1").status_code == 302
    assert _code(client, "000000").status_code == 200
    assert _code(client, totp_now(person)).status_code == 302
    with sign_in_app.app_context():
        user = db.session().scalar(sa.select(StaffUser).where(StaffUser.email == person.email))
        assert user.failed_codes == 0


def test_only_failures_count_against_an_address(sign_in_app):
    people = make_world.__wrapped__(sign_in_app).people
    client = sign_in_app.test_client()
    for role in ("agency_lead", "analyst", "trainer", "scrutineer"):
        client.environ_base["REMOTE_ADDR"] = "198.51.100.5"
        assert sign_in(client, people[role]).status_code == 302  # 4 > the limit of 3
        client.post("/staff/sign-out", data={})


def _fail_from(app, forwarded_for: str, proxy: str = "10.0.0.1"):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = proxy
    client.environ_base["HTTP_X_FORWARDED_FOR"] = forwarded_for
    client.get("/staff/sign-in")
    wrong = {"email": "nobody@example.org", "password": "not the password"}
    return client.post("/staff/sign-in", data=wrong).status_code, client


def test_behind_an_untrusted_proxy_forwarded_addresses_are_ignored(sign_in_app):
    assert sign_in_app.config["TRUSTED_PROXIES"] == 0
    assert [_fail_from(sign_in_app, f"203.0.113.{n}")[0] for n in range(4)] == [
        200, 200, 200, 429,
    ]  # fmt: skip


def test_behind_a_trusted_proxy_one_attacker_cannot_lock_out_staff(database_url):
    app = make_production_app(
        database_url, "memory://", STAFF_SIGN_IN_LIMIT="3 per minute", TRUSTED_PROXIES=1
    )
    load_demo(app)
    person = make_world.__wrapped__(app).people["agency_lead"]
    assert [_fail_from(app, "203.0.113.9")[0] for _ in range(4)] == [200, 200, 200, 429]
    _status, colleague = _fail_from(app, "198.51.100.20")
    assert _status == 200  # another address behind the same proxy is not locked out
    colleague.get("/staff/sign-in")
    response = colleague.post("/staff/sign-in", data={"email": person.email, "password": PASSWORD})
    assert response.status_code == 302
    app.extensions["engine"].dispose()


def _environ_seen(path: str, proxies: int = 1) -> dict:
    seen: dict = {}

    def app(environ, start_response):
        seen.update(environ)
        start_response("200 OK", [])
        return [b""]

    environ = {
        "PATH_INFO": path,
        "REMOTE_ADDR": "10.0.0.1",
        "wsgi.url_scheme": "http",
        "HTTP_HOST": "example.org",
        "HTTP_X_FORWARDED_FOR": "203.0.113.77",
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_X_REAL_IP": "203.0.113.77",
        "HTTP_FORWARDED": "for=203.0.113.77",
    }
    StaffProxyFix(app, proxies)(environ, lambda *args: None)
    return seen


def test_forwarded_addresses_reach_staff_pages_only():
    staff = _environ_seen("/staff/sign-in")
    assert staff["REMOTE_ADDR"] == "203.0.113.77" and staff["wsgi.url_scheme"] == "https"
    for path in ("/take-part/feeling-safe", "/practitioner-survey/abc", "/", "/staffing"):
        seen = _environ_seen(path)
        assert seen["REMOTE_ADDR"] == "10.0.0.1"
        assert "203.0.113.77" not in repr(sorted(seen.items()))
