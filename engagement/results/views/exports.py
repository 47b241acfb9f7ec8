"""Row-level files for analysts (every response, the codings, a data dictionary), and the
page that lists them. Downloads are kept in the audit log by the staff blueprint."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from engagement.consultations import admin as consultation_admin
from engagement.downloads import attachment, from_file, safe_name, streamed
from engagement.models import Consultation
from engagement.office.spreadsheets import CSV_TYPE, XLSX_TYPE
from engagement.results import exports
from engagement.results.blueprint import bp
from engagement.staff.loading import own
from engagement.staff.policy import requires


def _name(consultation: Consultation, what: str, extension: str) -> str:
    return f"{safe_name(consultation.slug, what)}.{extension}"


def _refused(consultation: Consultation) -> ResponseReturnValue:
    """Back to the exports page, which says why there is no such file."""
    return redirect(url_for(".results_exports", consultation_id=consultation.id))


@bp.route("/consultations/<consultation_id>/results/exports")
@requires("analysis.view")
def results_exports(consultation_id: str) -> ResponseReturnValue:
    """Each file for analysts, with what is in it."""
    consultation = own(consultation_admin.get, consultation_id)
    return render_template(
        "results/exports.html",
        consultation=consultation,
        available=exports.available(consultation),
        minimum=exports.MINIMUM,
        max_cells=exports.EXCEL_MAX_CELLS,
    )


@bp.route("/consultations/<consultation_id>/results/responses.csv")
@requires("analysis.view")
def results_responses_csv(consultation_id: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    try:
        chunks = exports.responses_csv(consultation)
    except exports.TooFewResponses:
        return _refused(consultation)
    return streamed(chunks, CSV_TYPE, _name(consultation, "responses", "csv"))


@bp.route("/consultations/<consultation_id>/results/responses.xlsx")
@requires("analysis.view")
def results_responses_xlsx(consultation_id: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    try:
        file = exports.responses_workbook(consultation)
    except (exports.TooFewResponses, exports.TooBigForExcel):
        return _refused(consultation)
    return from_file(file, XLSX_TYPE, _name(consultation, "responses", "xlsx"))


@bp.route("/consultations/<consultation_id>/results/data-dictionary.csv")
@requires("analysis.view")
def results_data_dictionary(consultation_id: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    body = exports.dictionary_csv(consultation)
    return attachment(body, CSV_TYPE, _name(consultation, "data-dictionary", "csv"))


@bp.route("/consultations/<consultation_id>/results/codings.csv")
@requires("analysis.view")
def results_codings_csv(consultation_id: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    try:
        chunks = exports.codings_csv(consultation)
    except exports.TooFewResponses:
        return _refused(consultation)
    return streamed(chunks, CSV_TYPE, _name(consultation, "codings", "csv"))


@bp.route("/consultations/<consultation_id>/results/codings.xlsx")
@requires("analysis.view")
def results_codings_xlsx(consultation_id: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    try:
        file = exports.codings_workbook(consultation)
    except (exports.TooFewResponses, exports.TooBigForExcel):
        return _refused(consultation)
    return from_file(file, XLSX_TYPE, _name(consultation, "codings", "xlsx"))
