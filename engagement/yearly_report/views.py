"""Staff pages: the yearly report's feedback section for a period (page and Word), and
its headings."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from engagement import clock
from engagement.downloads import attachment
from engagement.staff.policy import requires
from engagement.yearly_report import children, content, headings, pdf_output, word_output
from forms.yearly_report import PeriodForm, headings_form

bp = Blueprint("yearly_report", __name__)
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _period() -> tuple[PeriodForm, tuple[dt.date, dt.date] | None]:
    """The period asked for, or the last 12 months when none is."""
    today = clock.today()
    if "since" not in request.args:
        since = today.replace(year=today.year - 1) + dt.timedelta(days=1)
        return PeriodForm(data={"since": since, "until": today}), (since, today)
    form = PeriodForm(formdata=request.args)
    if not form.validate():
        return form, None
    if form.since.data > form.until.data:  # type: ignore[operator]
        form.until.errors = ["The end of the period must be after its start"]
        return form, None
    return form, (form.since.data, form.until.data)  # type: ignore[return-value]


def _file_name(what: str, period: tuple[dt.date, dt.date], extension: str) -> str:
    return f"{what}-{period[0]:%Y-%m-%d}-to-{period[1]:%Y-%m-%d}.{extension}"


def _refused(form: PeriodForm) -> ResponseReturnValue:
    """A file asked for with a period that is not a period: the page, with the message."""
    return render_template("yearly_report/report.html", form=form, report=None), 400


@bp.route("/yearly-report")
@requires("report.view")
def report() -> ResponseReturnValue:
    form, period = _period()
    found = content.build(current_user, *period) if period else None
    return render_template("yearly_report/report.html", form=form, report=found)


@bp.route("/yearly-report.docx")
@requires("report.view")
def report_word() -> ResponseReturnValue:
    form, period = _period()
    if period is None:
        return _refused(form)
    body = word_output.document(content.build(current_user, *period))
    name = _file_name("feedback-section", period, "docx")
    return attachment(body, DOCX_TYPE, name)


@bp.route("/yearly-report/headings", methods=["GET", "POST"])
@requires("report.manage")
def report_headings() -> ResponseReturnValue:
    shown = headings.for_form(current_user.partnership_id) if request.method == "GET" else None
    form = headings_form(headings.DEFAULT, data=shown)
    if form.validate_on_submit():
        headings.save(current_user, form.chosen())
        flash("Headings saved")
        return redirect(url_for(".report"))
    return render_template("yearly_report/headings.html", form=form, defaults=headings.DEFAULT)


@bp.route("/yearly-report.html")
@requires("report.view")
def report_html() -> ResponseReturnValue:
    """The section on its own, as accessible HTML."""
    return _file("html")


@bp.route("/yearly-report.pdf")
@requires("report.view")
def report_pdf() -> ResponseReturnValue:
    """The same HTML as a tagged PDF (PDF/UA-1)."""
    return _file("pdf")


def _file(kind: str) -> ResponseReturnValue:
    form, period = _period()
    if period is None:
        return _refused(form)
    html = render_template(
        "yearly_report/printable.html", report=content.build(current_user, *period)
    )
    name = _file_name("feedback-section", period, kind)
    if kind == "html":
        return attachment(html, "text/html", name)
    return attachment(pdf_output.pdf(html), "application/pdf", name)


@bp.route("/yearly-report/children.html")
@requires("report.view")
def report_children() -> ResponseReturnValue:
    """The children's version, as HTML to share or print."""
    form, period = _period()
    if period is None:
        return _refused(form)
    html = render_template(
        "yearly_report/children.html",
        found=children.build(current_user.partnership_id, *period),
    )
    name = _file_name("childrens-version", period, "html")
    return attachment(html, "text/html", name)
