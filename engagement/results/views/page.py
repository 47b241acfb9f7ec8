"""Staff pages for every question's results: everyone, compared by group, and by round."""

from __future__ import annotations

from flask import Response, abort, render_template, request
from flask.typing import ResponseReturnValue

from analysis import charts
from engagement.consultations import admin as consultation_admin
from engagement.downloads import as_attachment, attachment
from engagement.models import Consultation
from engagement.office import word
from engagement.results import charts as result_charts
from engagement.results import comparisons, summary, tables
from engagement.results import distributions as d
from engagement.results.blueprint import bp
from engagement.staff.loading import own
from engagement.staff.policy import requires
from forms.results import CompareForm


@bp.route("/consultations/<consultation_id>/results")
@requires("analysis.view")
def results_page(consultation_id: str) -> ResponseReturnValue:
    """Every question in order, with its distribution, chart and table."""
    consultation = own(consultation_admin.get, consultation_id)
    form = CompareForm()
    form.by.choices = comparisons.choices(consultation)
    return render_template(
        "results/page.html",
        consultation=consultation,
        results=d.results(consultation),
        previous=consultation_admin.previous_round(consultation),
        form=form,
        tables=tables,
    )


def _comparison_form(consultation: Consultation) -> tuple[CompareForm, str | None]:
    """The chosen comparison; None (with the form's error) if it is not from the list.
    With nothing chosen yet, the form shows no error."""
    form = CompareForm(request.args)
    form.by.choices = comparisons.choices(consultation)
    if "by" not in request.args or not form.validate():
        return form, None
    return form, form.by.data


@bp.route("/consultations/<consultation_id>/results/compare")
@requires("analysis.view")
def results_compare(consultation_id: str) -> ResponseReturnValue:
    """Every question, group by group, with whether the groups differ."""
    consultation = own(consultation_admin.get, consultation_id)
    form, by = _comparison_form(consultation)
    comparison = comparisons.comparison(consultation, by) if by else None
    return render_template(
        "results/compare.html",
        consultation=consultation,
        form=form,
        comparison=comparison,
        tables=tables,
    )


def _rounds(consultation: Consultation) -> comparisons.Rounds:
    previous = consultation_admin.previous_round(consultation)
    if previous is None:
        abort(404)
    return comparisons.rounds(consultation, previous)


@bp.route("/consultations/<consultation_id>/results/rounds")
@requires("analysis.view")
def results_rounds(consultation_id: str) -> ResponseReturnValue:
    """This round and the last, question by question."""
    consultation = own(consultation_admin.get, consultation_id)
    return render_template(
        "results/rounds.html",
        consultation=consultation,
        rounds=_rounds(consultation),
        tables=tables,
    )


@bp.route("/consultations/<consultation_id>/results/charts/<key>.<kind>")
@requires("analysis.view")
def results_chart(consultation_id: str, key: str, kind: str) -> ResponseReturnValue:
    """A question's chart as SVG or PNG: for everyone, a comparison (``?by=``) or the
    rounds (``?by=rounds``)."""
    consultation = own(consultation_admin.get, consultation_id)
    if kind not in ("svg", "png"):
        abort(404)
    by = request.args.get("by", "")
    figure = None
    if by == "rounds":
        rounds = _rounds(consultation)
        found = next((q for q in rounds.questions if q.info.key == key), None)
        if found:
            figure = result_charts.rounds_chart(found, "This round", "Last round")
    elif by:
        _form, chosen = _comparison_form(consultation)
        if chosen is None:
            abort(404)
        compared = comparisons.comparison(consultation, chosen)
        found_q = next((q for q in compared.questions if q.info.key == key), None)
        if found_q:
            figure = result_charts.compared_chart(found_q)
    else:
        everyone = next((q for q in d.results(consultation).questions if q.info.key == key), None)
        if everyone:
            figure = result_charts.question_chart(everyone.info, everyone.result)
    if figure is None:
        abort(404)
    response = Response(
        charts.render(figure, kind), mimetype="image/svg+xml" if kind == "svg" else "image/png"
    )
    if kind == "png" or request.args.get("download"):
        as_attachment(response, f"{consultation.slug}-{key}.{kind}")
    return response


@bp.route("/consultations/<consultation_id>/results/summary")
@requires("analysis.view")
def results_summary(consultation_id: str) -> ResponseReturnValue:
    """The summary for a board paper, as a page to print (published rules)."""
    consultation = own(consultation_admin.get, consultation_id)
    return render_template(
        "results/summary.html",
        consultation=consultation,
        summary=summary.summary(consultation),
        rule=summary.RULE,
        quotes_pending=summary.QUOTES_PENDING,
    )


@bp.route("/consultations/<consultation_id>/results/summary.docx")
@requires("analysis.view")
def results_summary_word(consultation_id: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    body = summary.word_document(consultation)
    return attachment(body, word.DOCX_TYPE, f"{consultation.slug}-summary.docx")


@bp.route("/consultations/<consultation_id>/results/summary/charts/<key>.svg")
@requires("analysis.view")
def results_summary_chart(consultation_id: str, key: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    figure = summary.chart_for(consultation, key)
    if figure is None:
        abort(404)
    return Response(charts.render(figure, "svg"), mimetype="image/svg+xml")
