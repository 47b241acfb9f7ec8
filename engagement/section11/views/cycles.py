"""Staff pages: audit cycles (open one, follow its returns) and challenge events."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from engagement import clock
from engagement.accounts import agencies
from engagement.models import AuditCycle, ReturnStatus
from engagement.section11 import cycles as audit_cycles
from engagement.section11 import frameworks as audit_frameworks
from engagement.section11 import review as audit_review
from engagement.section11.blueprint import bp
from engagement.section11.returns import ReturnProblem
from engagement.staff.loading import own
from engagement.staff.policy import requires
from forms.audit_returns import AddAgenciesForm, CycleForm, EventForm


def _cycle(cycle_id: str) -> AuditCycle:
    return own(audit_cycles.get, cycle_id)


@bp.route("/audits")
@requires("audits.view")
def audit_cycle_list() -> ResponseReturnValue:
    """The partnership's audit cycles, newest first."""
    return render_template(
        "section11/cycle_list.html", cycles=audit_cycles.listing(current_user.partnership_id)
    )


@bp.route("/audits/cycles/new", methods=["GET", "POST"])
@requires("audits.manage")
def audit_cycle_new() -> ResponseReturnValue:
    """Open a cycle: a framework, dates and the agencies taking part."""
    form = CycleForm()
    frameworks = audit_frameworks.listing(current_user.partnership_id)
    form.framework.choices = [(f.id, f.name) for f in frameworks]
    form.agencies.choices = [
        (a.id, a.name) for a in agencies.for_partnership(current_user.partnership_id)
    ]
    if form.validate_on_submit():
        try:
            cycle_id = audit_cycles.create(
                current_user, form.framework.data or "", form.name.data or "",
                form.opens_on.data, form.due_on.data,  # type: ignore[arg-type]
                list(form.agencies.data or []),
            )  # fmt: skip
        except audit_cycles.CycleProblem as problem:
            form.name.errors = [str(problem)]
        else:
            flash("Cycle opened. Agency leads can now see their returns.")
            return redirect(url_for(".audit_cycle", cycle_id=cycle_id))
    return render_template("section11/cycle_new.html", form=form, has_frameworks=bool(frameworks))


@bp.route("/audits/cycles/<cycle_id>")
@requires("audits.view")
def audit_cycle(cycle_id: str) -> ResponseReturnValue:
    """Every agency's return in the cycle, its status, and the challenge events."""
    cycle = _cycle(cycle_id)
    return render_template(
        "section11/cycle.html",
        cycle=cycle,
        returns=sorted(cycle.returns, key=lambda r: r.agency.name.lower()),
        statuses=ReturnStatus.LABELS,
        today=clock.today(),
        without_lead=audit_cycles.agencies_without_lead(cycle),
    )


@bp.route("/audits/cycles/<cycle_id>/agencies", methods=["GET", "POST"])
@requires("audits.manage")
def audit_cycle_agencies(cycle_id: str) -> ResponseReturnValue:
    """Add agencies to a cycle under way."""
    cycle = _cycle(cycle_id)
    taking_part = {r.agency_id for r in cycle.returns}
    form = AddAgenciesForm()
    form.agencies.choices = [
        (a.id, a.name)
        for a in agencies.for_partnership(current_user.partnership_id)
        if a.id not in taking_part
    ]
    if form.validate_on_submit():
        added = audit_cycles.add_agencies(current_user, cycle.id, list(form.agencies.data or []))
        flash(f"{added} agencies added")
        return redirect(url_for(".audit_cycle", cycle_id=cycle.id))
    return render_template("section11/cycle_agencies.html", cycle=cycle, form=form)


@bp.route("/audits/cycles/<cycle_id>/events/new", methods=["GET", "POST"])
@requires("audits.manage")
def audit_event_new(cycle_id: str) -> ResponseReturnValue:
    """Schedule a challenge event and the agencies that will present."""
    cycle = _cycle(cycle_id)
    form = EventForm()
    form.agencies.choices = sorted(
        ((r.agency_id, r.agency.name) for r in cycle.returns), key=lambda c: c[1].lower()
    )
    if request.method == "GET":
        form.starts_at.data = "10:00"
    if form.validate_on_submit():
        try:
            audit_review.schedule_event(
                current_user, cycle.id, form.title.data or "",
                form.held_on.data,  # type: ignore[arg-type]
                form.starts_at.data or "", form.place.data or "", list(form.agencies.data or []),
            )  # fmt: skip
        except ReturnProblem as problem:
            form.agencies.errors = [str(problem)]
        else:
            flash("Challenge event scheduled")
            return redirect(url_for(".audit_cycle", cycle_id=cycle.id))
    return render_template("section11/event_new.html", cycle=cycle, form=form)


@bp.route("/audits/my-returns")
@requires("audit_returns.edit")
def audit_my_returns() -> ResponseReturnValue:
    """An agency lead's returns, newest cycle first."""
    return render_template(
        "section11/my_returns.html",
        returns=audit_cycles.returns_for_agency(current_user.agency_id),
        statuses=ReturnStatus.LABELS,
        today=clock.today(),
    )
