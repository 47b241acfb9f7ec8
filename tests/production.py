"""The production profile for tests: the production config (CSRF on, the real limits,
secure cookies), Redis for shared limits, and a client that behaves like a browser.

Tests of the paths that matter (uploads, autosave, sign-in, the survey, the practitioner
survey, limits) use this instead of ``TestConfig``, so a defect that only production
would show fails a test. Redis tests skip on a machine without it, but never in CI.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
import redis
from flask import Flask

from engagement import create_app
from engagement.config import Config
from tests.conftest import CheckedClient

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
IN_CI = os.environ.get("CI", "").lower() == "true"
_TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def redis_or_skip(url: str = REDIS_URL) -> str:
    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError as error:
        if IN_CI:
            pytest.fail(f"Redis is required in CI but not reachable: {error}")
        pytest.skip(f"no Redis server: {error}")
    return url


class BrowserLikeClient(CheckedClient):
    """Over HTTPS (so secure cookies are sent back), and every form post carries the CSRF
    token from the last page read, as a browser's would."""

    csrf_token: str | None = None

    def open(self, *args: Any, **kwargs: Any):  # type: ignore[no-untyped-def]
        kwargs.setdefault("base_url", "https://localhost")
        data = kwargs.get("data")
        if (
            kwargs.get("method") == "POST"
            and self.csrf_token
            and (data is None or isinstance(data, dict))
        ):
            kwargs["data"] = {"csrf_token": self.csrf_token, **(data or {})}
        response = super().open(*args, **kwargs)
        if response.mimetype == "text/html":
            found = _TOKEN.search(response.get_data(as_text=True))
            if found:
                self.csrf_token = found.group(1)
        return response


def make_production_app(database_url: str, storage_uri: str, **overrides: Any) -> Flask:
    """The app as production configures it, on this test's database and limit store."""
    settings: dict[str, Any] = {
        "SECRET_KEY": "production-profile-secret",
        "DATABASE_URL": database_url,
        "RATELIMIT_STORAGE_URI": storage_uri,
        "RATELIMIT_KEY_PREFIX": f"test-{secrets.token_hex(4)}",
        "EVIDENCE_DIR": tempfile.mkdtemp(prefix="evidence-"),
    }
    app = create_app(Config, **(settings | overrides))
    assert app.config["WTF_CSRF_ENABLED"] is not False and not app.testing
    app.test_client_class = BrowserLikeClient
    app.extensions["outbox"] = []
    return app


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class OwnRedis:
    """A Redis server of the test's own, on its own port, to stop and start at will."""

    def __init__(self, directory: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            if IN_CI:
                pytest.fail("redis-server is required in CI")
            pytest.skip("no redis-server on this machine")
        self.binary = binary
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis.from_url(self.url)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                client.ping()
                return
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("own Redis did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None

    def keys(self) -> list[str]:
        return [key.decode() for key in redis.Redis.from_url(self.url).keys("*")]


def sign_in(client: BrowserLikeClient, person: Any, code: str | None = None) -> Any:
    """Both steps of signing in, reading each page first as a browser does."""
    from tests.staff_world import PASSWORD, totp_now

    client.get("/staff/sign-in")
    response = client.post("/staff/sign-in", data={"email": person.email, "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    client.get(response.headers["Location"])
    return client.post("/staff/two-factor", data={"code": code or totp_now(person)})
