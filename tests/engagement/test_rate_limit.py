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
