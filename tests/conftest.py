"""Fixtures: an app on a fresh database (SQLite, or PostgreSQL where asked), and a
test client that runs the page check on every HTML page it fetches."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from engagement import create_app, db
from engagement.config import TestConfig
from engagement.demo.seed import load_consultation
from tests import databases
from tests.page_check import check_page

# The staff world (a partnership, two agencies, a user of every role) for every area's tests.
pytest_plugins = ["tests.staff_world"]


class CheckedClient(FlaskClient):
    """A test client that checks every HTML page it receives."""

    def open(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        response = super().open(*args, **kwargs)
        if response.mimetype == "text/html" and response.status_code != 302:
            response.page = check_page(
                response.get_data(as_text=True), response.headers.get("Content-Language")
            )
        return response


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return databases.migrated_sqlite_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def postgres() -> Iterator[databases.PostgresDatabase]:
    database = databases.postgres_or_skip()
    yield database
    database.drop()


@pytest.fixture
def database_url(request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path) -> str:
    """SQLite by default; tests parametrised with ``backend`` also run on PostgreSQL."""
    backend = getattr(request, "param", "sqlite")
    if backend == "postgres":
        database = request.getfixturevalue("postgres")
        database.empty()
        return database.url
    return databases.sqlite_copy(sqlite_template, tmp_path)


def make_app(database_url: str, **overrides: object) -> Flask:
    overrides.setdefault("EVIDENCE_DIR", tempfile.mkdtemp(prefix="evidence-"))
    app = create_app(TestConfig, DATABASE_URL=database_url, **overrides)
    app.test_client_class = CheckedClient
    app.extensions["outbox"] = []  # emails sent, for tests to read
    return app


def load_demo(app: Flask) -> None:
    """The demo consultation, without responses."""
    with app.app_context():
        with Session(bind=db.engine()) as session, session.begin():
            load_consultation(session, dt.date.today())


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    app = make_app(database_url)
    load_demo(app)
    yield app
    app.extensions["engine"].dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


both_databases = pytest.mark.parametrize("database_url", ["sqlite", "postgres"], indirect=True)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory):
    from tests.live_server import start_live_server

    server = start_live_server(tmp_path_factory.mktemp("live"))
    yield server
    server.stop()


@pytest.fixture
def production_app(database_url: str) -> Iterator[Flask]:
    """The app as production configures it (tests/production.py), limits kept in memory."""
    from tests.production import make_production_app

    app = make_production_app(database_url, "memory://")
    load_demo(app)
    yield app
    app.extensions["engine"].dispose()
