"""The agencies directory: adding and importing agencies, their people and invitations."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from engagement.accounts import agencies
from engagement.accounts import people as staff_accounts
from engagement.accounts.blueprint import bp
from engagement.models import AgencySector, Role
from engagement.staff.loading import own
from engagement.staff.policy import MAY_INVITE, can, check, limited_to_agency, requires
from forms.staff import AgencyForm, ConfirmForm, ImportForm, InviteForm


@bp.route("/agencies")
@requires("agencies.view")
def agency_list() -> ResponseReturnValue:
    """The agencies in the partnership (an agency lead sees their own)."""
    only = limited_to_agency(current_user, "agencies.view")
    return render_template(
        "accounts/agency_list.html",
        agencies=agencies.for_partnership(current_user.partnership_id, only),
        sectors=AgencySector.LABELS,
    )


@bp.route("/agencies/new", methods=["GET", "POST"])
@requires("agencies.manage")
def agency_new() -> ResponseReturnValue:
    """Add an agency."""
    form = AgencyForm()
    form.sector.choices = list(AgencySector.LABELS.items())
    if form.validate_on_submit():
        try:
            agency = agencies.add(
                current_user, form.name.data, form.sector.data, form.statutory_partner.data
            )
        except agencies.DuplicateAgency:
            form.name.errors.append("There is already an agency with this name")
        else:
            flash(f"{agency.name} added")
            return redirect(url_for(".agency_detail", agency_id=agency.id))
    return render_template("accounts/agency_new.html", form=form)


@bp.route("/agencies/import", methods=["GET", "POST"])
@requires("agencies.manage")
def agency_import() -> ResponseReturnValue:
    """Add agencies from a CSV file: all of them, or none if anything is wrong."""
    form = ImportForm()
    if form.validate_on_submit():
        added, problems = agencies.import_csv(current_user, form.file.data.read())
        if not problems:
            flash(f"{added} agencies added")
            return redirect(url_for(".agency_list"))
        form.file.errors = problems
    return render_template("accounts/agency_import.html", form=form)


@bp.route("/agencies/<agency_id>")
@requires("agencies.view")
def agency_detail(agency_id: str) -> ResponseReturnValue:
    """One agency and its people."""
    agency = own(agencies.get, agency_id)
    check("agencies.view", agency.id)
    return render_template(
        "accounts/agency_detail.html",
        agency=agency,
        people=agencies.users(agency.id) if can(current_user, "users.view", agency.id) else None,
        sectors=AgencySector.LABELS,
        roles=Role.LABELS,
        confirm=ConfirmForm(),
    )


@bp.route("/agencies/<agency_id>/invite", methods=["GET", "POST"])
@requires("users.invite")
def invite(agency_id: str) -> ResponseReturnValue:
    """Invite someone to this agency. The agency comes from the address, checked here."""
    agency = own(agencies.get, agency_id)
    check("users.invite", agency.id)
    form = InviteForm()
    form.role.choices = [
        (role, label)
        for role, label in Role.LABELS.items()
        if role in MAY_INVITE[current_user.role]
    ]
    if form.validate_on_submit():
        try:
            staff_accounts.invite(
                current_user, form.name.data, form.email.data, form.role.data, agency.id
            )
        except staff_accounts.AccountExists:
            form.email.errors.append("There is already an account with this email address")
        else:
            flash(f"Invitation sent to {form.email.data}")
            return redirect(url_for(".agency_detail", agency_id=agency.id))
    return render_template("accounts/invite.html", form=form, agency=agency)


@bp.route("/agencies/<agency_id>/people/<user_id>/disable", methods=["POST"])
@requires("users.disable")
def disable_user(agency_id: str, user_id: str) -> ResponseReturnValue:
    """Disable an account: its sessions end at once."""
    agency = own(agencies.get, agency_id)
    check("users.disable", agency.id)
    if ConfirmForm().validate_on_submit():
        if user_id == current_user.id or user_id not in {u.id for u in agencies.users(agency.id)}:
            abort(404)
        enable = request.form.get("enable") == "1"
        staff_accounts.set_disabled(current_user, user_id, disabled=not enable)
        flash("Account enabled" if enable else "Account disabled")
    return redirect(url_for(".agency_detail", agency_id=agency.id))


@bp.route("/agencies/<agency_id>/people/<user_id>/senior", methods=["POST"])
@requires("users.senior")
def senior_lead(agency_id: str, user_id: str) -> ResponseReturnValue:
    """Name (or stop naming) an agency lead as the senior lead who signs off returns."""
    agency = own(agencies.get, agency_id)
    if ConfirmForm().validate_on_submit():
        if user_id not in {u.id for u in agencies.users(agency.id)}:
            abort(404)
        senior = request.form.get("senior") == "1"
        staff_accounts.set_senior_lead(current_user, user_id, senior=senior)
        flash("Named as senior lead" if senior else "No longer senior lead")
    return redirect(url_for(".agency_detail", agency_id=agency.id))
