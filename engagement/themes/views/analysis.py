"""Staff pages for the analysis: runs, results per question, charts and discovery."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from analysis import charts
from analysis.counts import percentage, shown
from engagement.consultations import admin as consultation_admin
from engagement.downloads import as_attachment, attachment
from engagement.i18n import BY_CODE
from engagement.office import spreadsheets
from engagement.staff.loading import own
from engagement.staff.policy import requires
from engagement.themes import charts as analysis_charts
from engagement.themes import codebook, concerns, discoveries
from engagement.themes import export as analysis_export
from engagement.themes import results as analysis_results
from engagement.themes import runs as analysis_runs
from engagement.themes.blueprint import bp
from forms.analysis import ConfirmSuggestionsForm, FiltersForm
from forms.staff import ConfirmForm


@bp.route("/consultations/<consultation_id>/analysis")
@requires("analysis.view")
def analysis_overview(consultation_id: str) -> ResponseReturnValue:
    """The latest run, with progress, and the questions that have free-text answers."""
    consultation = own(consultation_admin.get, consultation_id)
    return render_template(
        "themes/overview.html",
        consultation=consultation,
        run=analysis_runs.latest(consultation.id),
        questions=analysis_results.overview(consultation),
        themes=codebook.themes(consultation.id),
        concern_counts=concerns.counts(consultation),
        form=ConfirmForm(),
        shown=shown,
    )


@bp.route("/consultations/<consultation_id>/analysis/run", methods=["POST"])
@requires("analysis.manage")
def analysis_run(consultation_id: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    if ConfirmForm().validate_on_submit():
        analysis_runs.request_run(current_user, consultation.id)
        flash("Analysis started. It runs in the background: this page shows how far it has got.")
    return redirect(url_for(".analysis_overview", consultation_id=consultation.id))


def _filters(consultation: object) -> tuple[FiltersForm, analysis_results.Filters | None]:
    """The filters from the query string; None if they are not from the lists."""
    form = FiltersForm(request.args)
    versions = consultation.versions  # type: ignore[attr-defined]
    form.age_band.choices = [("", "All age bands"), *[(v.id, v.age_band) for v in versions]]
    form.language.choices = [
        ("", "All languages"),
        *[(code, language.english_name) for code, language in BY_CODE.items()],
    ]
    months = [(m, m) for m in analysis_results.months(consultation)]  # type: ignore[arg-type]
    form.month_from.choices = [("", "Start"), *months]
    form.month_to.choices = [("", "End"), *months]
    if not form.validate():
        return form, None
    return form, analysis_results.Filters(
        form.age_band.data or "",
        form.language.data or "",
        form.month_from.data or "",
        form.month_to.data or "",
    )


def _question(consultation: object, key: str) -> str:
    questions = analysis_results.free_text_questions(consultation)  # type: ignore[arg-type]
    if key not in questions:
        abort(404)
    return questions[key]


@bp.route("/consultations/<consultation_id>/analysis/<key>")
@requires("analysis.view")
def analysis_question(consultation_id: str, key: str) -> ResponseReturnValue:
    """Themes with counts, the sentiment split, the trend and example quotes."""
    consultation = own(consultation_admin.get, consultation_id)
    question = _question(consultation, key)
    form, filters = _filters(consultation)
    results = None
    try:
        if filters is not None:
            results = analysis_results.question_results(consultation, key, filters)
    except analysis_results.FilterRefused as refused:
        form.age_band.errors = [str(refused)]
    confirm = ConfirmSuggestionsForm()
    if results:
        confirm.theme.choices = [(row.theme.id, row.theme.name) for row in results.themes]
    return render_template(
        "themes/question.html",
        consultation=consultation,
        key=key,
        question=question,
        results=results,
        form=form,
        confirm=confirm,
        query=request.query_string.decode(),
        theme_rows=[(row.theme.name, row.count) for row in results.themes] if results else [],
        shown=shown,
        percentage=percentage,
        alt_text=charts.alt_text,
    )


@bp.route("/consultations/<consultation_id>/analysis/<key>/<chart>.<kind>")
@requires("analysis.view")
def analysis_chart(consultation_id: str, key: str, chart: str, kind: str) -> ResponseReturnValue:
    """The themes, sentiment or trend chart as SVG or PNG, for the page or a report."""
    consultation = own(consultation_admin.get, consultation_id)
    _question(consultation, key)
    if kind not in ("svg", "png") or chart not in analysis_charts.CHARTS:
        abort(404)
    _form, filters = _filters(consultation)
    if filters is None:
        abort(404)
    try:
        body = analysis_charts.question_chart(consultation, key, filters, chart, kind)
    except analysis_results.FilterRefused:
        abort(404)
    mimetype = "image/svg+xml" if kind == "svg" else "image/png"
    response = Response(body, mimetype=mimetype)
    if kind == "png" or request.args.get("download"):
        as_attachment(response, f"{consultation.slug}-{key}-{chart}.{kind}")
    return response


@bp.route("/consultations/<consultation_id>/analysis/<key>/report.xlsx")
@requires("analysis.view")
def analysis_report(consultation_id: str, key: str) -> ResponseReturnValue:
    """The results as a spreadsheet for reports, with the published small-number rules."""
    consultation = own(consultation_admin.get, consultation_id)
    _question(consultation, key)
    _form, filters = _filters(consultation)
    if filters is None:
        abort(404)
    try:
        body = analysis_export.question_workbook(consultation, key, filters)
    except analysis_results.FilterRefused:
        abort(404)
    return attachment(body, spreadsheets.XLSX_TYPE, f"{consultation.slug}-{key}-analysis.xlsx")


@bp.route("/consultations/<consultation_id>/analysis/<key>/discover")
@requires("analysis.view")
def analysis_discover(consultation_id: str, key: str) -> ResponseReturnValue:
    """Candidate new themes among answers no theme covers yet, found by the background
    worker: asked for when there are none for the results as they are, shown as working
    (with a link to check again) until they are ready."""
    consultation = own(consultation_admin.get, consultation_id)
    question = _question(consultation, key)
    discovery = discoveries.current(consultation, key) or discoveries.request(consultation, key)
    return render_template(
        "themes/discover.html",
        consultation=consultation,
        key=key,
        question=question,
        working=discovery.status in discoveries.UNFINISHED,
        uncovered=discovery.uncovered,
        candidates=discovery.candidates,
        texts=discovery.texts,
        shown=shown,
    )
