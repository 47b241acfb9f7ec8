"""The staff dashboard: what this person can do here."""

from __future__ import annotations

from flask import render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user

from engagement.staff.blueprint import bp
from engagement.staff.policy import can, requires
from engagement.themes import concerns


@bp.route("/")
@requires("dashboard.view")
def dashboard() -> ResponseReturnValue:
    """What this person can do here, and the possible concerns waiting for review."""
    waiting = (
        concerns.waiting_by_consultation(current_user.partnership_id)
        if can(current_user, "concerns.review")
        else []
    )
    return render_template("staff/dashboard.html", waiting=waiting)
