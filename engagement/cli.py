"""Command-line tasks: ``flask --app engagement <command>``."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy.orm import Session

from engagement import db


def register(app: Flask) -> None:
    @app.cli.command("db-upgrade")
    def db_upgrade() -> None:
        """Apply database migrations."""
        db.upgrade(db.database_url(current_app))
        from engagement.results.tallies import rebuild_missing

        with Session(bind=db.engine()) as session, session.begin():
            counted = rebuild_missing(session)
        if counted:
            click.echo(f"Counted the answers of {counted} consultations.")
        click.echo("Database is up to date.")

    @app.cli.command("seed-demo")
    @click.option("--responses", default=2000, show_default=True)
    def seed_demo(responses: int) -> None:
        """Add the demo partnership and consultation, if the database is empty."""
        from engagement.demo.seed import seed_demo as seed

        with Session(bind=db.engine()) as session, session.begin():
            seeded = seed(session, responses=responses)
        if not seeded:
            click.echo("Database already has data; left alone.")
            return
        click.echo("Demo data added.")
        from engagement.accounts.people import create_account, create_first_admin
        from engagement.models import Agency, Partnership

        with current_app.test_request_context():
            partnership = db.session().scalars(sa.select(Partnership)).one()
            link = create_first_admin(partnership.id, "Demo Admin", "demo.admin@example.org")
            police = (
                db.session()
                .scalars(sa.select(Agency).where(Agency.name == "Northshire Police"))
                .one()
            )
            lead_link = create_account(
                partnership.id, "Demo Police Lead", "demo.police@example.org", "agency_lead",
                agency_id=police.id, senior_lead=True,
            )  # fmt: skip
        click.echo(f"Staff pages: open this link to set up the demo admin account:\n{link}")
        click.echo(
            "And this one for a police safeguarding lead (Section 11 returns):\n" + lead_link
        )
        click.echo(
            "Each link works once. For new ones, for any account not yet set up:\n"
            "  .venv/bin/flask --app engagement invite-link"
        )

    @app.cli.command("create-admin")
    @click.option("--email", required=True)
    @click.option("--name", required=True)
    @click.option(
        "--partnership", "partnership_slug", default=None, help="slug; default: the only one"
    )
    def create_admin(email: str, name: str, partnership_slug: str | None) -> None:
        """Create a partnership admin and print their invitation link."""
        from engagement.accounts.people import create_first_admin
        from engagement.models import Partnership

        with current_app.test_request_context():
            query = sa.select(Partnership)
            if partnership_slug:
                query = query.where(Partnership.slug == partnership_slug)
            partnerships = list(db.session().scalars(query))
            if len(partnerships) != 1:
                raise click.UsageError("Name the partnership with --partnership SLUG")
            link = create_first_admin(partnerships[0].id, name, email)
        click.echo(f"Invitation for {email} (works once, for 7 days):\n{link}")

    @app.cli.command("invite-link")
    @click.option("--email", default=None, help="default: every account not yet set up")
    def invite_link(email: str | None) -> None:
        """Print a new invitation link for a staff account that has not finished setting
        up (a password and an authenticator app), such as the demo's."""
        from engagement.accounts.people import AccountSetUpFinished, fresh_invitations

        with current_app.test_request_context():
            try:
                links = fresh_invitations(email)
            except LookupError:
                raise click.UsageError(f"No staff account has the email address {email}") from None
            except AccountSetUpFinished as finished:
                raise click.UsageError(str(finished)) from None
        if not links:
            click.echo("Every staff account has finished setting up.")
        for address, link in links:
            click.echo(f"Invitation for {address} (works once, for 7 days):\n{link}")

    @app.cli.command("remove-expired")
    def remove_expired() -> None:
        """Delete unfinished answer sets whose time has run out."""
        from engagement.respond.drafts import remove_expired as remove

        click.echo(f"Removed {remove()} expired unfinished answer sets.")
        from engagement import clock
        from engagement.themes.settings import remove_old_originals

        replaced = remove_old_originals(clock.today())
        click.echo(
            f"Replaced {replaced} original answers past their keeping time with redacted text."
        )

    @app.cli.command("audit-reminders")
    def audit_reminders() -> None:
        """Remind agency leads whose return is not in (run daily)."""
        from engagement import clock
        from engagement.section11.reminders import send_reminders

        with current_app.test_request_context():
            sent = send_reminders(clock.today())
        click.echo(f"Sent {sent} reminders about audit returns.")

    @app.cli.command("training-reminders")
    def training_reminders() -> None:
        """Send the training follow-up reminders that are due (run daily)."""
        from engagement import clock
        from engagement.training.reminders import send_due

        with current_app.test_request_context():
            sent, expired = send_due(clock.today())
        click.echo(f"Sent {sent} training follow-up reminders; deleted {expired} unsent.")

    @app.cli.command("analysis-worker")
    @click.option("--once", is_flag=True, help="Do the queued runs, then stop.")
    @click.option("--interval", default=2.0, show_default=True, help="Seconds between checks.")
    def analysis_worker(once: bool, interval: float) -> None:
        """Do analysis runs in the background, away from the web workers."""
        from engagement.themes.worker import run_worker

        run_worker(once=once, interval=interval)
