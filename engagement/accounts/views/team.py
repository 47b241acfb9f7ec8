"""The partnership team: staff who belong to no agency."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from engagement.accounts import people as staff_accounts
from engagement.accounts.blueprint import bp
from engagement.models import Role
from engagement.staff.policy import check, requires
from forms.staff import ConfirmForm, InviteForm


@bp.route("/team")
@requires("users.view")
def team() -> ResponseReturnValue:
    """Partnership staff who belong to no agency: the business unit, trainers, the scrutineer."""
    check("users.view", None)
    return render_template(
        "accounts/team.html",
        people=staff_accounts.team(current_user.partnership_id),
        roles=Role.LABELS,
        confirm=ConfirmForm(),
    )


@bp.route("/team/invite", methods=["GET", "POST"])
@requires("users.invite")
def team_invite() -> ResponseReturnValue:
    """Invite someone to the partnership team."""
    check("users.invite", None)
    form = InviteForm()
    form.role.choices = [
        (role, label) for role, label in Role.LABELS.items() if role != Role.AGENCY_LEAD
    ]
    if form.validate_on_submit():
        try:
            staff_accounts.invite(
                current_user, form.name.data, form.email.data, form.role.data, None
            )
        except staff_accounts.AccountExists:
            form.email.errors.append("There is already an account with this email address")
        else:
            flash(f"Invitation sent to {form.email.data}")
            return redirect(url_for(".team"))
    return render_template("accounts/invite.html", form=form, agency=None)


@bp.route("/team/<user_id>/disable", methods=["POST"])
@requires("users.disable")
def team_disable(user_id: str) -> ResponseReturnValue:
    check("users.disable", None)
    if ConfirmForm().validate_on_submit():
        team_ids = {person.id for person in staff_accounts.team(current_user.partnership_id)}
        if user_id == current_user.id or user_id not in team_ids:
            abort(404)
        enable = request.form.get("enable") == "1"
        staff_accounts.set_disabled(current_user, user_id, disabled=not enable)
        flash("Account enabled" if enable else "Account disabled")
    return redirect(url_for(".team"))
