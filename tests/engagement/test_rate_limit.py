"""Resume-code guessing is limited for everyone together, in Redis, never per address."""

from __future__ import annotations

import os
import secrets

import pytest
import redis

from tests.conftest import load_demo, make_app

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture
def redis_url():
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.exceptions.ConnectionError as error:
        if IN_CI:
            pytest.fail(f"Redis is required in CI but not reachable: {error}")
        pytest.skip(f"no Redis server: {error}")
    return REDIS_URL


def test_resume_guesses_are_limited_across_processes_without_using_addresses(
    database_url, redis_url
):
    prefix = f"test-{secrets.token_hex(4)}"
    overrides = {
        "RATELIMIT_STORAGE_URI": redis_url,
        "RATELIMIT_KEY_PREFIX": prefix,
        "RESUME_RATE_LIMIT": "3 per minute",
    }
    # Two app instances stand for two worker processes sharing the limit through Redis.
    first, second = make_app(database_url, **overrides), make_app(database_url, **overrides)
    load_demo(first)
    one, two = first.test_client(), second.test_client()
    one.environ_base["REMOTE_ADDR"] = "198.51.100.1"
    two.environ_base["REMOTE_ADDR"] = "198.51.100.2"
    statuses = [
        one.post("/take-part/resume", data={"code": "AAAA-AAAA"}).status_code,
        two.post("/take-part/resume", data={"code": "BBBB-BBBB"}).status_code,
        one.post("/take-part/resume", data={"code": "CCCC-CCCC"}).status_code,
    ]
    assert statuses == [200, 200, 200]
    refused = two.post("/take-part/resume", data={"code": "DDDD-DDDD"})
    assert refused.status_code == 429
    assert "Too many tries" in refused.page.h1.get_text()

    stored = redis.Redis.from_url(redis_url)
    keys = [key.decode() for key in stored.keys(f"*{prefix}*")]
    assert keys, "the limit lives in Redis"
    assert not any("198.51.100" in key for key in keys), keys
    for key in keys:
        stored.delete(key)
    for app in (first, second):
        app.extensions["engine"].dispose()


def test_reading_pages_is_never_limited(client):
    for _ in range(50):
        assert client.get("/take-part/feeling-safe").status_code == 200


def test_practitioner_answers_are_limited_per_agency_link_not_per_address(database_url, redis_url):
    from engagement import db
    from engagement.models import AuditReturn, PractitionerResponse
    from tests.engagement.test_practitioner_voice import ANSWERS
    from tests.staff.audit_data import make_cycle
    from tests.staff.conftest import world as make_world

    prefix = f"test-{secrets.token_hex(4)}"
    app = make_app(
        database_url,
        RATELIMIT_STORAGE_URI=redis_url,
        RATELIMIT_KEY_PREFIX=prefix,
        PRACTITIONER_SURVEY_LIMIT="2 per minute",
    )
    load_demo(app)
    world = make_world.__wrapped__(app)
    ids = make_cycle(app, world)
    with app.app_context():
        codes = {
            agency: db.session().get(AuditReturn, ids[agency]).practitioner_code
            for agency in (world.own_agency, world.other_agency)
        }
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = "198.51.100.7"
    police, youth_club = codes[world.own_agency], codes[world.other_agency]

    def send(code, receipt):
        receipt = f"receipt-{receipt}-0123456789"
        return client.post(f"/practitioner-survey/{code}", data=ANSWERS | {"receipt": receipt})

    assert [send(police, "r-1").status_code, send(police, "r-2").status_code] == [302, 302]
    refused = send(police, "r-3")
    assert refused.status_code == 429 and "Too many tries" in refused.page.h1.get_text()
    assert send(youth_club, "r-4").status_code == 302  # another agency's link is separate
    with app.app_context():
        assert db.session().query(PractitionerResponse).count() == 3
    # The limiter's storage is shared by the process, so look for the link, not the prefix.
    stored = redis.Redis.from_url(redis_url)
    keys = [key.decode() for key in stored.keys(f"*practitioner-survey:{police}*")]
    assert keys and not any("198.51.100" in key for key in keys), keys
    for key in keys + [k.decode() for k in stored.keys(f"*{youth_club}*")]:
        stored.delete(key)
    app.extensions["engine"].dispose()
