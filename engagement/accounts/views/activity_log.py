"""The staff activity log: who did what, and when."""

from __future__ import annotations

from flask import render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user

from engagement.accounts import activity_log
from engagement.accounts.blueprint import bp
from engagement.staff.policy import requires


@bp.route("/audit")
@requires("audit.view")
def audit_log() -> ResponseReturnValue:
    """Who did what, and when."""
    return render_template(
        "accounts/activity_log.html", events=activity_log.recent(current_user.partnership_id)
    )
