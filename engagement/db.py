"""Database engine and sessions.

SQLite is the embedded default (one file under instance/), PostgreSQL is used
when DATABASE_URL names it. Reads use one session per request; writes go through
``transaction()``, which on SQLite takes the write lock up front (BEGIN
IMMEDIATE) so two processes never fail on a read-to-write lock upgrade.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config as AlembicConfig
from flask import Flask, current_app, g
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 5000


def database_url(app: Flask) -> str:
    url = app.config.get("DATABASE_URL") or ""
    if not url:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{Path(app.instance_path) / 'engagement.sqlite'}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def make_engine(url: str, busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS) -> Engine:
    if url.startswith("sqlite"):
        engine = sa.create_engine(
            url,
            connect_args={"isolation_level": None, "timeout": busy_timeout_ms / 1000},
            hide_parameters=True,
        )
        _configure_sqlite(engine, busy_timeout_ms)
        return engine
    # No pre-ping (a round trip on every checkout): a connection the server dropped
    # fails one request with the "try again" page, and the pool then replaces it.
    return sa.create_engine(
        url, pool_size=5, max_overflow=5, pool_recycle=1800, hide_parameters=True
    )


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @sa.event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(connection: sa.Connection) -> None:
        options = connection.get_execution_options()
        if options.get("isolation_level") == "AUTOCOMMIT":
            return
        connection.exec_driver_sql("BEGIN IMMEDIATE" if options.get("write") else "BEGIN")


def init_app(app: Flask) -> None:
    engine = make_engine(
        database_url(app), app.config.get("SQLITE_BUSY_TIMEOUT_MS", SQLITE_BUSY_TIMEOUT_MS)
    )
    app.extensions["engine"] = engine
    app.extensions["write_engine"] = engine.execution_options(write=True)
    app.extensions["read_engine"] = engine.execution_options(isolation_level="AUTOCOMMIT")
    app.teardown_appcontext(_close_session)


def engine() -> Engine:
    return current_app.extensions["engine"]


def session() -> Session:
    """The request's read session."""
    if "db_session" not in g:
        g.db_session = Session(bind=current_app.extensions["engine"], expire_on_commit=False)
    return g.db_session


@contextmanager
def read() -> Iterator[sa.Connection]:
    """A connection for a one-statement read: no ORM session and no transaction
    (on PostgreSQL that saves the BEGIN and ROLLBACK round trips)."""
    engine = current_app.extensions["read_engine"]
    with engine.connect() as connection:
        yield connection


@contextmanager
def single_write() -> Iterator[sa.Connection]:
    """A connection for one write statement, which is atomic on its own: no BEGIN and
    COMMIT round trips (the young person's answers are saved this way)."""
    with current_app.extensions["read_engine"].connect() as connection:
        yield connection


@contextmanager
def transaction() -> Iterator[Session]:
    """One all-or-nothing write: committed on success, rolled back on any error."""
    with Session(bind=current_app.extensions["write_engine"], expire_on_commit=False) as s:
        with s.begin():
            yield s


def refresh_statistics(tables: tuple[str, ...]) -> None:
    """After a bulk write on PostgreSQL: planner statistics, and the visibility map that
    lets the analysis page read its covering indexes without visiting the table."""
    engine = current_app.extensions["engine"]
    if engine.dialect.name != "postgresql":
        return  # SQLite reads its indexes directly; its ANALYZE picked worse plans here
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        for table in tables:
            connection.exec_driver_sql(f"VACUUM (ANALYZE) {table}")


def _close_session(_exc: BaseException | None) -> None:
    s = g.pop("db_session", None)
    if s is not None:
        s.close()


def alembic_config(url: str) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)
