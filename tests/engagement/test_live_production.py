"""The paths that matter, end to end as production runs them: gunicorn with the production
config (CSRF on, the real limits), PostgreSQL, and a Redis of the test's own that stops
part-way through. Every response is checked: never a 500, and nothing typed is lost."""

from __future__ import annotations

import http.cookiejar
import io
import json
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from engagement import db
from engagement.models import (
    AuditAnswer,
    AuditDocument,
    AuditFramework,
    AuditReturn,
    PractitionerResponse,
    Submission,
)
from tests import databases
from tests.conftest import load_demo, make_app
from tests.live_server import start_live_server
from tests.production import OwnRedis
from tests.respondent import ANSWERS_12_18, BASE
from tests.section11.audit_data import make_cycle
from tests.section11.test_practitioner_voice import ANSWERS
from tests.staff_world import PASSWORD, totp_now
from tests.staff_world import world as make_world

pytestmark = pytest.mark.postgres


class Browser:
    """Cookies, the CSRF token from the last page, and every status seen."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            _NoRedirect(),
        )
        self.csrf = ""
        self.statuses: list[int] = []

    def request(self, path: str, data=None, body: bytes | None = None, headers=None):
        headers = dict(headers or {})
        if data is not None:
            body = urllib.parse.urlencode({**data, "csrf_token": self.csrf}, doseq=True).encode()
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            response = self.opener.open(request)
        except urllib.error.HTTPError as error:
            response = error
        text = response.read().decode()
        self.statuses.append(response.status)
        token = re.search(r'name="csrf_token" value="([^"]+)"', text)
        if token:
            self.csrf = token.group(1)
        return response.status, response.headers.get("Location", ""), text

    def multipart(self, path: str, fields: dict, fetch: bool = False):
        boundary, body = encode_multipart({"csrf_token": self.csrf, **fields})
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        if fetch:
            headers["X-Requested-With"] = "fetch"
        return self.request(path, body=body, headers=headers)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def deployment(tmp_path):
    database = databases.postgres_or_skip()
    redis_server = OwnRedis(tmp_path)
    redis_server.start()
    app = make_app(database.url)
    load_demo(app)
    world = make_world.__wrapped__(app)
    ids = make_cycle(app, world)
    server = start_live_server(
        tmp_path,
        database_url=database.url,
        environment={"REDIS_URL": redis_server.url, "EVIDENCE_DIR": str(tmp_path / "evidence")},
    )
    yield server, app, world, ids, redis_server
    server.stop()
    redis_server.stop()
    app.extensions["engine"].dispose()
    database.drop()


def _count(app, model) -> int:
    with app.app_context():
        return db.session().scalar(sa.select(sa.func.count()).select_from(model))


def _sign_in(browser: Browser, person) -> None:
    browser.request("/staff/sign-in")
    status, location, _ = browser.request(
        "/staff/sign-in", {"email": person.email, "password": PASSWORD}
    )
    assert (status, location) == (302, "/staff/two-factor")
    browser.request(location)
    status, location, _ = browser.request("/staff/two-factor", {"code": totp_now(person)})
    assert status == 302, location


def _practitioner_answer(browser: Browser, code: str, improvement: str) -> int:
    _, _, page = browser.request(f"/practitioner-survey/{code}")
    receipt = re.search(r'name="receipt" type="hidden" value="([^"]+)"', page).group(1)
    answers = ANSWERS | {"improvement": improvement, "receipt": receipt}
    return browser.request(f"/practitioner-survey/{code}", answers)[0]


def _young_persons_journey(browser: Browser) -> None:
    browser.request(f"{BASE}/age")
    _, path, _ = browser.request(f"{BASE}/age", {"age_band": "12-18"})
    while "/questions/" in path:
        key = path.rsplit("/", 1)[1]
        browser.request(path)
        _, path, _ = browser.request(path, ANSWERS_12_18.get(key, {}))
    assert path.endswith("/check-your-answers"), path
    _, _, html = browser.request(path)
    receipt = re.search(r'name="receipt" type="hidden" value="([^"]+)"', html).group(1)
    assert browser.request(path, {"receipt": receipt})[1].endswith("/thank-you")


def test_staff_and_young_people_under_gunicorn_postgresql_and_a_failing_redis(deployment):
    server, app, world, ids, redis_server = deployment
    return_id = ids[world.own_agency]
    with app.app_context():
        framework = db.session().get(AuditFramework, ids["framework"])
        standard = framework.standards[0]
        standard_id, questions = standard.id, [q.id for q in standard.questions]
        code = db.session().get(AuditReturn, return_id).practitioner_code

    lead = Browser(server.url)
    _sign_in(lead, world.people["agency_lead"])

    # A real policy document (300 KB) with CSRF on.
    documents = f"/staff/audits/returns/{return_id}/questions/{questions[0]}/documents"
    lead.request(documents)
    pdf = b"%PDF-1.4\n" + b"%" * (300 * 1024) + b"\n%%EOF\n"
    status, _, _ = lead.multipart(
        documents,
        {"question": questions[0], "file": FileStorage(io.BytesIO(pdf), "policy.pdf")},
    )
    assert status == 302
    assert _count(app, AuditDocument) == 1

    # A standard typed at length, with Word punctuation, saved as it is typed.
    lead.request(f"/staff/audits/returns/{return_id}/standards/{standard_id}")
    long_text = "The policy’s review — signed in May. " * 250  # about 9,000 characters
    fields = {}
    for q in questions:
        fields |= {f"rating_{q}": "fully", f"version_{q}": "0", f"evidence_{q}": long_text}
    status, _, reply = lead.multipart(
        f"/staff/audits/returns/{return_id}/standards/{standard_id}/autosave", fields, fetch=True
    )
    assert status == 200 and json.loads(reply)["saved"]
    assert _count(app, AuditAnswer) == len(questions)

    practitioner = Browser(server.url)
    assert _practitioner_answer(practitioner, code, "Before Redis stopped") == 302
    assert redis_server.keys()

    redis_server.stop()
    assert _practitioner_answer(practitioner, code, "While Redis was down") == 302
    assert _count(app, PractitionerResponse) == 2
    newcomer = Browser(server.url)
    _sign_in(newcomer, world.people["analyst"])
    young_person = Browser(server.url)
    _young_persons_journey(young_person)
    assert _count(app, Submission) == 1
    resume = Browser(server.url)
    resume.request("/take-part/resume")
    assert resume.request("/take-part/resume", {"code": "K7MP-3QXD-H4TN"})[0] == 200

    for browser in (lead, practitioner, newcomer, young_person, resume):
        assert all(status < 500 for status in browser.statuses), browser.statuses
    log = server.log_text()
    assert "Traceback" not in log and "rate-limit store unreachable" in log
