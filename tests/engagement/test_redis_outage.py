"""Redis stopped in the middle of a run (a Redis of the test's own, on its own port):
no 500, no lost answer, limits kept by each process meanwhile, and shared again once
Redis is back, without a restart."""

from __future__ import annotations

import logging
import time

import pytest
import sqlalchemy as sa

from engagement import db, rate_limits
from engagement.models import AuditReturn, PractitionerResponse, Submission
from engagement.respond.drafts import new_code
from tests.conftest import both_databases, load_demo
from tests.production import OwnRedis, make_production_app, sign_in
from tests.respondent import ANSWERS_12_18, BASE, Respondent
from tests.section11.audit_data import make_cycle
from tests.section11.test_practitioner_voice import ANSWERS
from tests.staff_world import world as make_world


@pytest.fixture
def own_redis(tmp_path):
    server = OwnRedis(tmp_path)
    server.start()
    yield server
    server.stop()


def _count(app, model) -> int:
    with app.app_context():
        return db.session().scalar(sa.select(sa.func.count()).select_from(model))


def _practitioner_answer(client, code: str, improvement: str):
    page = client.get(f"/practitioner-survey/{code}")
    assert page.status_code == 200
    receipt = page.page.find("input", attrs={"name": "receipt"})["value"]
    data = ANSWERS | {"improvement": improvement, "receipt": receipt}
    return client.post(f"/practitioner-survey/{code}", data=data)


def _wrong_code(client):
    client.get("/take-part/resume")
    return client.post("/take-part/resume", data={"code": new_code()})


@both_databases
def test_nothing_fails_or_is_lost_while_redis_is_down(database_url, own_redis, caplog):
    app = make_production_app(database_url, own_redis.url, RESUME_RATE_LIMIT="5 per minute")
    load_demo(app)
    world = make_world.__wrapped__(app)
    ids = make_cycle(app, world)
    with app.app_context():
        practitioner_code = db.session().get(AuditReturn, ids[world.own_agency]).practitioner_code
    young_person, practitioner, staff = (app.test_client() for _ in range(3))

    # A young person part-way through, with a code to come back with.
    young_person.get(f"{BASE}/age")
    respondent = Respondent(young_person)
    respondent.start("12-18")
    young_person.get(respondent.location)
    young_person.post(respondent.location, data={"answer": "4", "action": "save"})
    code = young_person.get(f"{BASE}/saved").page.select_one("#resume-code").get_text()

    assert _wrong_code(practitioner).status_code == 200
    assert _practitioner_answer(practitioner, practitioner_code, "Before").status_code == 302
    assert own_redis.keys(), "the limits live in this Redis"

    own_redis.stop()
    caplog.set_level(logging.WARNING, logger="engagement.rate_limits")
    with caplog.at_level(logging.WARNING):
        typed = "Typed while Redis was down"
        sent = _practitioner_answer(practitioner, practitioner_code, typed)
        assert sent.status_code == 302, sent.get_data(as_text=True)[:300]
        assert _count(app, PractitionerResponse) == 2

        other_browser = app.test_client()
        other_browser.get("/take-part/resume")
        resumed = other_browser.post("/take-part/resume", data={"code": code})
        assert resumed.status_code == 302 and "/questions/" in resumed.headers["Location"]
        later = Respondent(other_browser)
        later.location = resumed.headers["Location"]
        while "/questions/" in later.location:
            key = later.current_key()
            later.answer(ANSWERS_12_18.get(key, {}))
        assert later.send().headers["Location"].endswith("/thank-you")
        assert _count(app, Submission) == 1

        signed_in = sign_in(staff, world.people["agency_lead"])
        assert signed_in.status_code == 302
        assert staff.get("/staff/").status_code == 200

        # Limits are still kept meanwhile, by this process on its own.
        statuses = [_wrong_code(practitioner).status_code for _ in range(6)]
        assert statuses[-1] == 429 and 500 not in statuses and 503 not in statuses

    assert any("rate-limit store unreachable" in r.getMessage() for r in caplog.records)

    # Redis comes back on the same port: limits are shared again, without a restart.
    own_redis.start()
    assert own_redis.keys() == []
    rate_limits.RETRY_SECONDS, saved_retry = 0.0, rate_limits.RETRY_SECONDS
    try:
        assert _practitioner_answer(practitioner, practitioner_code, "After").status_code == 302
    finally:
        rate_limits.RETRY_SECONDS = saved_retry
    assert any(practitioner_code in key for key in own_redis.keys())
    newcomer = app.test_client()
    deadline = time.monotonic() + 5
    while not any("sign_in" in key for key in own_redis.keys()):
        assert time.monotonic() < deadline, own_redis.keys()
        time.sleep(0.5)
        newcomer.get("/staff/sign-in")  # the sign-in limit tries Redis again on its own
        wrong = {"email": "nobody@example.org", "password": "x" * 12}
        assert newcomer.post("/staff/sign-in", data=wrong).status_code == 200
    app.extensions["engine"].dispose()
