"""Staff pages: the audit dashboard and the office files made from a cycle."""

from __future__ import annotations

import re

from flask import Response, abort, render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user

from engagement.section11 import outputs as audit_outputs
from engagement.section11 import returns as audit_returns
from engagement.section11.blueprint import bp
from engagement.section11.dashboard import Dashboard, for_cycle
from engagement.staff.policy import check, requires

SUMMARY_KINDS = {"docx": audit_outputs.DOCX_TYPE, "xlsx": audit_outputs.XLSX_TYPE}


def _dashboard(cycle_id: str) -> Dashboard:
    found = for_cycle(current_user.partnership_id, cycle_id)
    if found is None:
        abort(404)
    return found


def _file_name(*parts: str) -> str:
    """Letters, digits and hyphens only, so it is safe in a header on every system."""
    return re.sub(r"[^a-z0-9]+", "-", " ".join(parts).lower()).strip("-")


def _download(body: bytes, mimetype: str, name: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


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
    name = _file_name(dashboard.cycle.name, "audit summary") + f".{kind}"
    return _download(make(dashboard), SUMMARY_KINDS[kind], name)


@bp.route("/audits/returns/<return_id>/feedback-letter.docx")
@requires("audit_returns.view")
def audit_feedback_letter(return_id: str) -> ResponseReturnValue:
    """The partnership's feedback letter to the agency on its return."""
    audit_return = audit_returns.get(current_user.partnership_id, return_id)
    if audit_return is None:
        abort(404)
    check("audit_returns.view", audit_return.agency_id)
    body = audit_outputs.feedback_letter(audit_return)
    name = _file_name(audit_return.cycle.name, audit_return.agency.name, "feedback") + ".docx"
    return _download(body, audit_outputs.DOCX_TYPE, name)
