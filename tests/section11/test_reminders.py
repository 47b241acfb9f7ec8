"""Reminders to agency leads whose return is not in, each sent once."""

from __future__ import annotations

import datetime as dt

from engagement.models import ReturnStatus
from engagement.section11.reminders import send_reminders
from tests.conftest import both_databases
from tests.section11.audit_data import make_cycle


def _send(app, today):
    with app.test_request_context():
        return send_reminders(today)


@both_databases
def test_leads_are_reminded_before_and_after_the_deadline_once_each(app, world):
    today = dt.date.today()
    make_cycle(app, world, due_on=today + dt.timedelta(days=3))
    assert _send(app, today) == 2
    subjects = {m["to"]: m["subject"] for m in app.extensions["outbox"]}
    assert subjects["agency_lead@example.org"] == (
        "Northshire Police: your 2026-27 Section 11 self-assessment is due in 3 days"
    )
    assert "/staff/audits/returns/" in app.extensions["outbox"][0]["body"]
    assert _send(app, today) == 0  # run twice in a day: nothing more
    # The day after the deadline, once more.
    assert _send(app, today + dt.timedelta(days=4)) == 2
    assert "was due yesterday" in app.extensions["outbox"][-1]["subject"]
    assert _send(app, today + dt.timedelta(days=1)) == 0  # not a reminder day


def test_returns_already_sent_get_no_reminder(app, world):
    today = dt.date.today()
    make_cycle(app, world, due_on=today + dt.timedelta(days=14), status=ReturnStatus.SUBMITTED)
    assert _send(app, today) == 0
    assert app.extensions["outbox"] == []
