"""Command-line tasks: ``flask --app engagement <command>``."""

from __future__ import annotations

import click
from flask import Flask, current_app
from sqlalchemy.orm import Session

from engagement import db


def register(app: Flask) -> None:
    @app.cli.command("db-upgrade")
    def db_upgrade() -> None:
        """Apply database migrations."""
        db.upgrade(db.database_url(current_app))
        click.echo("Database is up to date.")

    @app.cli.command("seed-demo")
    @click.option("--responses", default=2000, show_default=True)
    def seed_demo(responses: int) -> None:
        """Add the demo partnership and consultation, if the database is empty."""
        from engagement.demo.seed import seed_demo as seed

        with Session(bind=db.engine()) as session, session.begin():
            seeded = seed(session, responses=responses)
        click.echo("Demo data added." if seeded else "Database already has data; left alone.")

    @app.cli.command("remove-expired")
    def remove_expired() -> None:
        """Delete unfinished answer sets whose time has run out."""
        from engagement.services.drafts import remove_expired as remove

        click.echo(f"Removed {remove()} expired unfinished answer sets.")
