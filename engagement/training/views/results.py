"""Staff pages: training results per course (by session, agency type and period), the
overview of every course (by trainer and period), charts, and the outputs."""

from __future__ import annotations

import datetime as dt

from flask import Response, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user

from analysis import charts
from engagement.downloads import attachment
from engagement.office import word
from engagement.staff.policy import requires
from engagement.training import outputs, results
from engagement.training.blueprint import bp
from engagement.training.loading import course_or_404
from forms.vocabulary import AGREE_LABELS, TRAINING_AGENCY_TYPES

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _date(name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None


def _filters() -> results.Filters:
    agency_type = request.args.get("agency_type", "")
    return results.Filters(
        session_id=request.args.get("session", "")[:32],
        agency_type=agency_type if agency_type in TRAINING_AGENCY_TYPES else "",
        since=_date("since"),
        until=_date("until"),
    )


@bp.route("/training/courses/<course_id>/results")
@requires("training.view")
def course_results(course_id: str) -> ResponseReturnValue:
    course = course_or_404(course_id)
    filters = _filters()
    return render_template(
        "training/results.html",
        course=course,
        found=results.course_results(current_user, course, filters),
        filters=filters,
        agency_types=TRAINING_AGENCY_TYPES,
        agree_labels=AGREE_LABELS,
    )


@bp.route("/training/courses/<course_id>/results/ratings.svg")
@requires("training.view")
def course_ratings_chart(course_id: str) -> ResponseReturnValue:
    """The London framework dimensions as diverging bars (the table on the page has the
    numbers)."""
    course = course_or_404(course_id)
    found = results.course_results(current_user, course, _filters(), written=False)
    rows = [(label, r.counts) for _code, label, r in found.dimensions if r]
    if not rows:
        abort(404)
    figure = charts.diverging_bars(
        rows, [AGREE_LABELS[n] for n in range(1, 6)], "Ratings by London framework dimension",
        axis_label="Share of ratings (%): disagree to the left, agree to the right",
    )  # fmt: skip
    return Response(charts.render(figure, "svg"), mimetype="image/svg+xml")


@bp.route("/training/courses/<course_id>/results/months.svg")
@requires("training.view")
def course_months_chart(course_id: str) -> ResponseReturnValue:
    """Evaluations by month through the year (a month under 5 drawn as "fewer than 5")."""
    course = course_or_404(course_id)
    found = results.course_results(current_user, course, _filters(), written=False)
    rows = [(month, n or 1) for month, n, _mean in found.by_month]  # 1: drawn as under 5
    if not rows:
        abort(404)
    figure = charts.bar_chart(rows, "Evaluations by month", unit="Evaluations")
    return Response(charts.render(figure, "svg"), mimetype="image/svg+xml")


@bp.route("/training/courses/<course_id>/feedback.docx")
@requires("training.view")
def course_feedback(course_id: str) -> ResponseReturnValue:
    course = course_or_404(course_id)
    body = outputs.feedback_sheet(current_user, course)
    return attachment(body, word.DOCX_TYPE, f"training-feedback-{course.id[:8]}.docx")


@bp.route("/training/results")
@requires("training.view")
def overview() -> ResponseReturnValue:
    """Every course for a period, for one trainer if chosen."""
    trainer = request.args.get("trainer", "")[:32]
    since, until = _date("since"), _date("until")
    return render_template(
        "training/overview.html",
        lines=results.overview(current_user, trainer, since, until),
        trainers=results.trainers_seen(current_user),
        trainer=trainer,
        since=since,
        until=until,
    )


@bp.route("/training/summary.<kind>")
@requires("training.view")
def impact_summary(kind: str) -> ResponseReturnValue:
    """The training-impact summary for a period, for the yearly report."""
    since, until = _date("since"), _date("until")
    if kind == "docx":
        body = outputs.impact_summary_word(current_user, since, until)
        return attachment(body, word.DOCX_TYPE, "training-impact-summary.docx")
    if kind == "xlsx":
        body = outputs.impact_summary_excel(current_user, since, until)
        return attachment(body, XLSX_TYPE, "training-impact-summary.xlsx")
    abort(404)
