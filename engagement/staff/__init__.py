"""Pages for partnership staff, agency leads and the scrutineer. Signed in, with a
second factor, and checked against the policy table (``policy.py``) on every route."""

from flask import Blueprint, redirect, request, url_for
from flask_login import current_user

bp = Blueprint("staff", __name__, url_prefix="/staff")

# Pages reachable before signing in (each checks its own step of the sign-in).
PUBLIC_ENDPOINTS = frozenset(
    {
        "staff.sign_in",
        "staff.two_factor",
        "staff.set_up_two_factor",
        "staff.recovery_codes",
        "staff.signed_out",
        "staff.sign_out",
        "staff.reset_request",
        "staff.reset_password",
        "staff.accept_invitation",
    }
)


@bp.before_request
def _require_sign_in():  # type: ignore[no-untyped-def]
    if request.endpoint not in PUBLIC_ENDPOINTS and not current_user.is_authenticated:
        return redirect(url_for("staff.sign_in"))
    return None


@bp.context_processor
def _policy():  # type: ignore[no-untyped-def]
    from engagement.staff.policy import can

    return {"can": can}


from engagement.staff import (  # noqa: E402,F401
    analysis,
    audit_cycles,
    audit_dashboard,
    audit_history,
    audit_returns,
    audit_review,
    audit_sharing,
    audits,
    auth,
    builder,
    coding,
    concerns,
    consultations,
    views,
)
