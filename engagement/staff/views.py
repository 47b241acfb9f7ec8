"""The staff dashboard: what this person can do here."""

from __future__ import annotations

from flask import render_template
from flask.typing import ResponseReturnValue

from engagement.staff.blueprint import bp
from engagement.staff.policy import requires


@bp.route("/")
@requires("dashboard.view")
def dashboard() -> ResponseReturnValue:
    """What this person can do here."""
    return render_template("staff/dashboard.html")
