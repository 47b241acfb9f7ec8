"""Anonymity by design: nothing that could identify a respondent is stored or logged."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from engagement import db
from engagement.models import Answer, Submission
from tests.respondent import ANSWERS_12_18, BASE, Respondent, complete

CANARY_IP = "203.0.113.77"
CANARY_AGENT = "CanaryAgent/9.9 (unique-ua-4f1c)"
CANARY_REFERRER = "https://canary-referrer.example/page-qzxw"
CANARIES = (CANARY_IP, CANARY_AGENT, "unique-ua-4f1c", "canary-referrer", "page-qzxw")


def _journey_with_canaries(client) -> None:
    client.environ_base.update(
        {
            "REMOTE_ADDR": CANARY_IP,
            "HTTP_X_FORWARDED_FOR": CANARY_IP,
            "HTTP_X_REAL_IP": CANARY_IP,
            "HTTP_USER_AGENT": CANARY_AGENT,
            "HTTP_REFERER": CANARY_REFERRER,
        }
    )
    respondent = Respondent(client)
    respondent.start("12-18")
    complete(respondent, ANSWERS_12_18)
    respondent.send()


def _database_bytes(database_url: str) -> bytes:
    path = Path(database_url.removeprefix("sqlite:///"))
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_no_ip_agent_or_referrer_in_database_file_or_logs(app, client, database_url, caplog):
    caplog.set_level(logging.DEBUG)
    _journey_with_canaries(client)
    app.extensions["engine"].dispose()  # close connections so nothing is held in memory only

    stored = _database_bytes(database_url)
    assert b"More street lights" in stored  # the answers are in this file...
    for canary in CANARIES:
        assert canary.encode() not in stored  # ...and the canaries are not
    logs = caplog.text
    assert "respond.check_answers" in logs  # request lines are logged...
    for canary in CANARIES:
        assert canary not in logs  # ...without the canaries
    assert "More street lights" not in logs  # and answers never reach the logs


def test_ids_are_random_and_dates_only_to_the_day(app, client):
    for _ in range(3):
        respondent = Respondent(app.test_client())
        respondent.start("12-18")
        complete(respondent, ANSWERS_12_18)
        respondent.send()
    with app.app_context(), Session(bind=db.engine()) as session:
        ids = session.scalars(sa.select(Submission.id)).all()
        assert all(re.fullmatch(r"[0-9a-f]{32}", value) for value in ids)
        assert len({value[:8] for value in ids}) == 3
        columns = {c.name for c in Submission.__table__.columns}
        assert not columns & {"ip", "ip_address", "user_agent", "referrer", "created_at", "time"}
        assert isinstance(Submission.__table__.c.submitted_on.type, sa.Date)
        # WITHOUT ROWID: storage order does not follow arrival order.
        for table in (Submission.__table__, Answer.__table__):
            try:
                session.execute(sa.text(f"SELECT rowid FROM {table.name}"))
            except sa.exc.OperationalError:
                continue
            raise AssertionError(f"{table.name} has a rowid")


def test_respondent_pages_set_only_a_session_only_cookie(client):
    assert client.get(BASE).headers.getlist("Set-Cookie") == []  # reading sets nothing
    response = client.get(f"{BASE}/age")  # a form needs the journey's cookie
    cookies = response.headers.getlist("Set-Cookie")
    assert len(cookies) == 1
    cookie = cookies[0]
    assert cookie.startswith("session=")
    assert "Expires" not in cookie and "Max-Age" not in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_privacy_and_security_headers(client):
    response = client.get(BASE)
    headers = response.headers
    csp = headers["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ):
        assert directive in csp
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    assert f'nonce="{nonce}"' in response.get_data(as_text=True)
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "geolocation=()" in headers["Permissions-Policy"]
    assert headers["Cache-Control"] == "no-store"


def test_pages_request_nothing_from_other_sites(client):
    page = client.get(BASE).page
    for tag, attribute in (("link", "href"), ("script", "src"), ("img", "src")):
        for element in page.find_all(tag):
            if element.get(attribute):
                assert element[attribute].startswith("/"), element
