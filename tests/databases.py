"""Test databases: a migrated SQLite file per test, and a PostgreSQL database per run.

PostgreSQL tests skip on a machine without a server, but never in CI (CI=true),
where a missing server is a failure.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from engagement import db
from engagement.models import Base

POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() == "true"


def migrated_sqlite_template(directory: Path) -> Path:
    path = directory / "template.sqlite"
    db.upgrade(f"sqlite:///{path}")
    return path


def sqlite_copy(template: Path, directory: Path) -> str:
    target = directory / f"{secrets.token_hex(4)}.sqlite"
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"


class PostgresDatabase:
    """A fresh database on the local server, migrated once and emptied between tests."""

    def __init__(self) -> None:
        self.name = f"engagement_test_{secrets.token_hex(4)}"
        admin_url = sa.engine.make_url(POSTGRES_ADMIN_URL)
        self.admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.url = admin_url.set(database=self.name).render_as_string(hide_password=False)

    def create(self) -> None:
        with self.admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{self.name}"')
        db.upgrade(self.url)

    def empty(self) -> None:
        engine = sa.create_engine(self.url)
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        with engine.begin() as connection:
            connection.exec_driver_sql(f"TRUNCATE {tables} CASCADE")
        engine.dispose()

    def drop(self) -> None:
        with self.admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        self.admin.dispose()


def postgres_or_skip() -> PostgresDatabase:
    database = PostgresDatabase()
    try:
        database.create()
    except sa.exc.OperationalError as error:
        if IN_CI:
            pytest.fail(f"PostgreSQL is required in CI but not reachable: {error}")
        pytest.skip(f"no PostgreSQL server: {error}")
    return database
