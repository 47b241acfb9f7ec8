"""Storage: SQLite settings, migrations that match the models, on both databases."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.orm import Session

from engagement import db
from engagement.demo.seed import seed_demo
from engagement.models import Base, Submission
from tests.conftest import both_databases, make_app


def test_sqlite_is_durable_and_safe_for_several_processes(app):
    with app.app_context(), db.engine().connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == db.SQLITE_BUSY_TIMEOUT_MS


@both_databases
def test_migrations_match_the_models_and_upgrade_the_demo_database(database_url):
    app = make_app(database_url)
    with app.app_context():
        with Session(bind=db.engine()) as session, session.begin():
            assert seed_demo(session, responses=50)
        db.upgrade(database_url)  # upgrading a database with data in it
        with db.engine().connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
            assert diff == []
            count = connection.scalar(sa.select(sa.func.count()).select_from(Submission))
            assert count == 50 + 37  # and last year's round, three quarters as many
    app.extensions["engine"].dispose()


def test_seeding_twice_leaves_the_data_alone(app):
    with app.app_context(), Session(bind=db.engine()) as session, session.begin():
        assert seed_demo(session, responses=5) is False  # the app fixture already loaded it
