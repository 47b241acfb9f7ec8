"""Staff pages: the audit dashboard and the office files made from a cycle."""

from __future__ import annotations

from flask import abort, render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user

from engagement.downloads import attachment, safe_name
from engagement.section11 import outputs as audit_outputs
from engagement.section11 import returns as audit_returns
from engagement.section11.blueprint import bp
from engagement.section11.dashboard import Dashboard, for_cycle
from engagement.staff.loading import own
from engagement.staff.policy import check, requires

SUMMARY_KINDS = {"docx": audit_outputs.DOCX_TYPE, "xlsx": audit_outputs.XLSX_TYPE}


def _dashboard(cycle_id: str) -> Dashboard:
    found = for_cycle(current_user.partnership_id, cycle_id)
    if found is None:
        abort(404)
    return found


@bp.route("/audits/cycles/<cycle_id>/dashboard")
@requires("audits.view")
def audit_dashboard(cycle_id: str) -> ResponseReturnValue:
    """Scores by agency and standard, returns not in, overdue actions, the change
    since the last cycle, and self-ratings beside what practitioners said."""
    return render_template("section11/dashboard.html", dashboard=_dashboard(cycle_id))


@bp.route("/audits/cycles/<cycle_id>/summary.<kind>")
@requires("audits.view")
def audit_summary(cycle_id: str, kind: str) -> ResponseReturnValue:
    """The partnership summary as a Word document or a spreadsheet."""
    if kind not in SUMMARY_KINDS:
        abort(404)
    dashboard = _dashboard(cycle_id)
    make = audit_outputs.summary_docx if kind == "docx" else audit_outputs.summary_xlsx
    name = safe_name(dashboard.cycle.name, "audit summary") + f".{kind}"
    return attachment(make(dashboard), SUMMARY_KINDS[kind], name)


@bp.route("/audits/returns/<return_id>/feedback-letter.docx")
@requires("audit_returns.view")
def audit_feedback_letter(return_id: str) -> ResponseReturnValue:
    """The partnership's feedback letter to the agency on its return."""
    audit_return = own(audit_returns.get, return_id)
    check("audit_returns.view", audit_return.agency_id)
    body = audit_outputs.feedback_letter(audit_return)
    name = safe_name(audit_return.cycle.name, audit_return.agency.name, "feedback") + ".docx"
    return attachment(body, audit_outputs.DOCX_TYPE, name)
