"""The staff blueprint: signing in required, downloads kept in the audit log."""

from flask import Blueprint, Response, redirect, request, url_for
from flask_login import current_user
from werkzeug.http import parse_options_header

from engagement.accounts import activity_log
from engagement.themes.results import shown_text

bp = Blueprint("staff", __name__, url_prefix="/staff")
# A written answer as staff read it ("I'd rather not say" in words, not its stored value).
bp.add_app_template_filter(shown_text, "answer_text")

# Pages reachable before signing in (each checks its own step of the sign-in).
PUBLIC_ENDPOINTS = frozenset(
    {
        "staff.accounts.sign_in",
        "staff.accounts.two_factor",
        "staff.accounts.set_up_two_factor",
        "staff.accounts.recovery_codes",
        "staff.accounts.signed_out",
        "staff.accounts.sign_out",
        "staff.accounts.reset_request",
        "staff.accounts.reset_password",
        "staff.accounts.accept_invitation",
    }
)


@bp.before_request
def _require_sign_in():  # type: ignore[no-untyped-def]
    if request.endpoint not in PUBLIC_ENDPOINTS and not current_user.is_authenticated:
        return redirect(url_for("staff.accounts.sign_in"))
    return None


# Pages made to be printed, kept in the audit log as downloads are.
POSTERS = {
    "staff.consultations.consultation_poster": "poster ({lang})",
    "staff.section11.audit_practitioner_poster": "practitioner survey poster",
    "staff.results.results_summary": "results summary (to print)",
}


@bp.after_request
def _record_download(response: Response) -> Response:
    """Every file staff take away (an attachment, or a poster to print) goes in the audit
    log, whichever page it came from: one place, so no new download can be missed."""
    if request.method != "GET" or response.status_code != 200:
        return response
    if not current_user.is_authenticated or request.endpoint is None:
        return response
    disposition, options = parse_options_header(response.headers.get("Content-Disposition"))
    args = request.view_args or {}
    if disposition == "attachment":
        file = options.get("filename") or request.path.rsplit("/", 1)[-1]
    elif request.endpoint in POSTERS:
        file = POSTERS[request.endpoint].format(**args)
    else:
        return response
    activity_log.record_download(current_user.id, current_user.partnership_id, args, file)
    return response


@bp.context_processor
def _policy():  # type: ignore[no-untyped-def]
    from engagement.staff.policy import can

    return {"can": can}
