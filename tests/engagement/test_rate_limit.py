"""Limits shared through Redis, in the production profile: never per address, counting
only what costs something, so a script cannot lock real people out."""

from __future__ import annotations

import pytest
import redis
import sqlalchemy as sa

from engagement import db
from engagement.models import AuditReturn, Draft, PractitionerResponse
from engagement.respond.drafts import digest, new_code
from tests.conftest import load_demo
from tests.production import make_production_app, redis_or_skip
from tests.respondent import BASE, Respondent
from tests.section11.audit_data import make_cycle
from tests.section11.test_practitioner_voice import ANSWERS
from tests.staff_world import world as make_world


@pytest.fixture
def redis_url():
    return redis_or_skip()


@pytest.fixture
def production_app(database_url, redis_url):
    app = make_production_app(database_url, redis_url)
    load_demo(app)
    yield app
    stored = redis.Redis.from_url(redis_url)
    for key in stored.keys(f"*{app.config['RATELIMIT_KEY_PREFIX']}*"):
        stored.delete(key)
    app.extensions["engine"].dispose()


def _saved_code(app) -> str:
    client = app.test_client()
    client.get(f"{BASE}/age")  # the start page links here; this page has a form
    respondent = Respondent(client)
    respondent.start("12-18")
    client.get(respondent.location)
    response = client.post(respondent.location, data={"answer": "2", "action": "save"})
    assert response.headers["Location"] == f"{BASE}/saved"
    return client.get(f"{BASE}/saved").page.select_one("#resume-code").get_text(strip=True)


def _try_code(client, code: str):
    client.get("/take-part/resume")
    return client.post("/take-part/resume", data={"code": code})


def test_wrong_codes_from_a_script_never_lock_out_a_real_code(production_app, redis_url):
    """The production allowance (120 wrong codes a minute, for the whole service) runs
    out, and a young person's real code still works, from any address."""
    code = _saved_code(production_app)
    assert len(code) == 14
    script = production_app.test_client()
    script.environ_base["REMOTE_ADDR"] = "198.51.100.1"
    statuses = [_try_code(script, new_code()).status_code for _ in range(121)]
    assert statuses.count(200) == 120, statuses
    refused = _try_code(script, "BBBB-BBBB-BBBB")
    assert refused.status_code == 429
    assert "tried in the last minute" in refused.page.select_one(".govuk-error-summary").text

    young_person = production_app.test_client()
    young_person.environ_base["REMOTE_ADDR"] = "198.51.100.1"  # the same school address
    resumed = _try_code(young_person, code)
    assert resumed.status_code == 302
    assert "/questions/" in resumed.headers["Location"]

    stored = redis.Redis.from_url(redis_url)
    keys = [k.decode() for k in stored.keys(f"*{production_app.config['RATELIMIT_KEY_PREFIX']}*")]
    assert any("resume-wrong-code" in key for key in keys), keys
    assert not any("198.51.100" in key for key in keys), keys


def test_wrong_codes_are_counted_across_processes(database_url, redis_url):
    overrides = {"RESUME_RATE_LIMIT": "3 per minute", "RATELIMIT_KEY_PREFIX": "shared-test"}
    first = make_production_app(database_url, redis_url, **overrides)
    second = make_production_app(database_url, redis_url, **overrides)
    load_demo(first)
    one, two = first.test_client(), second.test_client()
    statuses = [
        _try_code(one, "AAAA-AAAA-AAAA").status_code,
        _try_code(two, "BBBB-BBBB-BBBB").status_code,
        _try_code(one, "CCCC-CCCC-CCCC").status_code,
        _try_code(two, "DDDD-DDDD-DDDD").status_code,
    ]
    assert statuses == [200, 200, 200, 429]
    stored = redis.Redis.from_url(redis_url)
    for key in stored.keys("*shared-test*"):
        stored.delete(key)
    for app in (first, second):
        app.extensions["engine"].dispose()


def test_codes_given_before_still_work_and_stay_limited_on_every_try(production_app):
    production_app.config["RESUME_RATE_LIMIT"] = "2 per minute"
    code = _saved_code(production_app)
    with production_app.app_context(), db.transaction() as s:
        draft = s.scalars(sa.select(Draft)).one()
        draft.resume_code_hash = digest("K7MP3QXD")  # an 8-character code from before
    client = production_app.test_client()
    assert _try_code(client, "K7MP-3QXD").status_code == 302
    assert _try_code(client, "AAAA-AAAA").status_code == 200
    assert _try_code(client, "K7MP-3QXD").status_code == 429  # short codes: every try counts
    assert _try_code(client, code).status_code == 200  # the new code was replaced above


def _practitioner_world(app):
    world = make_world.__wrapped__(app)
    ids = make_cycle(app, world)
    with app.app_context():
        return {
            agency: db.session().get(AuditReturn, ids[agency]).practitioner_code
            for agency in (world.own_agency, world.other_agency)
        }, world


def _send(client, code: str, answers: dict):
    page = client.get(f"/practitioner-survey/{code}")
    receipt = page.page.find("input", attrs={"name": "receipt"})["value"]
    return client.post(f"/practitioner-survey/{code}", data=answers | {"receipt": receipt})


def _stored(app) -> int:
    with app.app_context():
        return db.session().scalar(sa.select(sa.func.count()).select_from(PractitionerResponse))


def test_empty_posts_never_use_up_an_agencys_practitioner_survey(production_app, redis_url):
    production_app.config["PRACTITIONER_SURVEY_LIMIT"] = "2 per minute"
    codes, world = _practitioner_world(production_app)
    police, youth_club = codes[world.own_agency], codes[world.other_agency]
    client = production_app.test_client()
    client.environ_base["REMOTE_ADDR"] = "198.51.100.7"
    for _ in range(30):
        empty = _send(client, police, {})
        assert empty.status_code == 200 and empty.page.select_one(".govuk-error-summary")
    assert _stored(production_app) == 0

    assert _send(client, police, ANSWERS).status_code == 302
    assert _send(client, police, ANSWERS).status_code == 302
    typed = ANSWERS | {"improvement": "Typed with care, not to be lost"}
    refused = _send(client, police, typed)
    assert refused.status_code == 429
    assert "have not been sent yet" in refused.page.select_one(".govuk-error-summary").text
    assert refused.page.select_one("textarea").get_text() == "Typed with care, not to be lost"
    assert _send(client, youth_club, ANSWERS).status_code == 302  # each link its own
    assert _stored(production_app) == 3

    stored = redis.Redis.from_url(redis_url)
    keys = [k.decode() for k in stored.keys(f"*practitioner-survey:{police}*")]
    assert keys and not any("198.51.100" in key for key in keys), keys


def test_reading_pages_is_never_limited(client):
    for _ in range(50):
        assert client.get("/take-part/feeling-safe").status_code == 200
