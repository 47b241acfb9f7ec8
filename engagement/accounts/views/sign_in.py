"""Signing in (password, then a code from an authenticator app), setting up the second
factor, signing out, password resets and invitations."""

from __future__ import annotations

import segno
from flask import current_app, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask.wrappers import Response
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_user, logout_user
from markupsafe import Markup

from engagement.accounts import activity_log
from engagement.accounts import credentials as accounts
from engagement.accounts import people as staff_accounts
from engagement.accounts import sessions as staff_sessions
from engagement.accounts import sign_in_flow as flow
from engagement.accounts.blueprint import bp
from engagement.extensions import limiter
from forms.staff import CodeForm, ConfirmForm, PasswordForm, ResetRequestForm, SignInForm

WRONG_DETAILS = (
    "Enter a correct email address and password. "
    "After several wrong tries you will have to wait before trying again."
)


def _sign_in_limit() -> str:
    # Per address (staff only, never a respondent; behind a proxy, the forwarded one: see
    # engagement.proxies), so one attacker cannot lock out everyone. Only failures count.
    # Each account also waits after repeated wrong passwords or codes (services.accounts).
    return current_app.config["STAFF_SIGN_IN_LIMIT"]


def _failed(response: Response) -> bool:
    return response.status_code != 302  # a step passed redirects to the next


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(_sign_in_limit, methods=["POST"], key_func=get_remote_address, deduct_when=_failed)
def sign_in() -> ResponseReturnValue:
    """Step one: email and password."""
    form = SignInForm()
    if form.validate_on_submit():
        result = accounts.check_password(form.email.data, form.password.data)
        if result.user_id:
            flow.passed_password(result.user_id)
            return redirect(url_for(".two_factor"))
        form.password.errors.append(WRONG_DETAILS)
    return render_template("accounts/sign_in.html", form=form)


@bp.route("/two-factor", methods=["GET", "POST"])
@limiter.limit(_sign_in_limit, methods=["POST"], key_func=get_remote_address, deduct_when=_failed)
def two_factor() -> ResponseReturnValue:
    """Step two: a code from the authenticator app, or a recovery code."""
    user_id = flow.pending_user()
    if user_id is None:
        return redirect(url_for(".sign_in"))
    if not staff_accounts.has_second_factor(user_id):
        return redirect(url_for(".set_up_two_factor"))
    form = CodeForm()
    if form.validate_on_submit():
        if staff_accounts.complete_sign_in(user_id, form.code.data):
            login_user(staff_sessions.begin(user_id))
            return redirect(url_for("staff.dashboard"))
        form.code.errors.append(
            "Enter the 6-digit code from your authenticator app, or a recovery code. "
            "After several wrong codes you will have to wait before trying again."
        )
    return render_template("accounts/two_factor.html", form=form)


@bp.route("/set-up-two-factor", methods=["GET", "POST"])
def set_up_two_factor() -> ResponseReturnValue:
    """Every staff account needs a second factor: scan a QR code, then enter a code."""
    user_id = flow.pending_user()
    if user_id is None or staff_accounts.has_second_factor(user_id):
        return redirect(url_for(".sign_in"))
    secret = flow.held_secret() or accounts.new_totp_secret()
    flow.hold_secret(secret)
    form = CodeForm()
    if form.validate_on_submit():
        codes = staff_accounts.confirm_second_factor(user_id, secret, form.code.data)
        if codes is not None:
            flow.hold_recovery_codes(codes)
            login_user(staff_sessions.begin(user_id))
            return redirect(url_for(".recovery_codes"))
        form.code.errors.append("Enter the 6-digit code your authenticator app shows now")
    uri = staff_accounts.totp_uri_for(user_id, secret)
    qr = Markup(
        segno.make(uri, error="m").svg_inline(scale=4, title="QR code for your authenticator app")
    )
    return render_template("accounts/set_up_two_factor.html", form=form, qr=qr, secret=secret)


@bp.route("/recovery-codes")
def recovery_codes() -> ResponseReturnValue:
    """The recovery codes, shown once."""
    codes = flow.pop_recovery_codes()
    if codes is None or not current_user.is_authenticated:
        return redirect(url_for("staff.dashboard"))
    return render_template("accounts/recovery_codes.html", codes=codes)


@bp.route("/sign-out", methods=["POST"])
def sign_out() -> ResponseReturnValue:
    """End the session on the server, not just in this browser."""
    if ConfirmForm().validate_on_submit() and current_user.is_authenticated:
        staff_sessions.end(current_user.session_id)
        activity_log.record_now("signed_out", current_user.id, current_user.partnership_id)
        logout_user()
    flow.finish()
    return redirect(url_for(".signed_out"))


@bp.route("/signed-out")
def signed_out() -> ResponseReturnValue:
    return render_template("accounts/signed_out.html")


@bp.route("/reset-password", methods=["GET", "POST"])
@limiter.limit(_sign_in_limit, methods=["POST"], key_func=get_remote_address)
def reset_request() -> ResponseReturnValue:
    """Ask for a reset link. The answer is the same whether or not the email is known."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        staff_accounts.send_reset_link(form.email.data)
        return render_template("accounts/reset_sent.html", email=form.email.data)
    return render_template("accounts/reset_request.html", form=form)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> ResponseReturnValue:
    return _choose_password(token, "reset")


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str) -> ResponseReturnValue:
    return _choose_password(token, "invite")


def _choose_password(token: str, purpose: str) -> ResponseReturnValue:
    user = accounts.user_for_token(token, purpose)
    if user is None:
        return render_template("accounts/link_expired.html", purpose=purpose), 410
    form = PasswordForm(email=user.email)
    if form.validate_on_submit():
        user_id = staff_accounts.choose_password(token, purpose, form.password.data)
        if user_id is None:
            return render_template("accounts/link_expired.html", purpose=purpose), 410
        flow.passed_password(user_id)  # the emailed link stands in for the password step
        return redirect(url_for(".two_factor"))
    return render_template("accounts/choose_password.html", form=form, purpose=purpose, user=user)
