"""Staff pages: an A4 poster of an agency's practitioner-survey link, with its QR code,
for staff rooms and team meetings."""

from __future__ import annotations

from flask import abort, current_app, render_template, url_for
from flask.typing import ResponseReturnValue
from markupsafe import Markup

from engagement.consultations import sharing
from engagement.section11.blueprint import bp
from engagement.section11.views.returns import load_return
from engagement.staff.policy import requires


@bp.route("/audits/returns/<return_id>/practitioner-poster")
@requires("audit_returns.view")
def audit_practitioner_poster(return_id: str) -> ResponseReturnValue:
    """The agency's practitioner-survey link as a printable poster."""
    found = load_return(return_id, "audit_returns.view")
    if not found.cycle.framework.audit_kind.practitioner_survey:
        abort(404)
    link = current_app.config["PUBLIC_URL"].rstrip("/") + url_for(
        "practitioner.survey", code=found.practitioner_code
    )
    return render_template(
        "section11/practitioner_poster.html",
        audit_return=found,
        link=link,
        qr=Markup(sharing.qr_svg_inline(link, scale=10, title="QR code")),
    )
