"""Views for the practitioner survey: the survey on one page, and the thank-you page.

Each view validates with a form, calls one service, then redirects or renders.
Nothing about the person is read from the request: only the link's code and the form.
Answers are limited per link by the service (only stored answers count), not here.
"""

from __future__ import annotations

from flask import abort, redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from engagement.extensions import limiter
from engagement.section11 import practitioner_voice
from engagement.section11.survey_blueprint import bp
from forms.practitioner import survey_form


@bp.errorhandler(practitioner_voice.SurveyClosed)
def _closed(error: practitioner_voice.SurveyClosed) -> ResponseReturnValue:
    return render_template(
        "section11/practitioner_closed.html", survey=error.survey, not_yet_open=error.not_yet_open
    ), 410


@bp.route("/<code>", methods=["GET", "POST"])
@limiter.exempt
def survey(code: str) -> ResponseReturnValue:
    """The statements, the free-text question and the optional questions about the role."""
    open_survey = practitioner_voice.survey_for(code)
    form = survey_form(practitioner_voice.questions())
    if form.validate_on_submit():
        try:
            practitioner_voice.record(code, form.receipt.data, form.answers())
        except practitioner_voice.TooManyAnswers:
            # Everything typed stays on the page, to send again later.
            return render_template(
                "section11/practitioner_survey.html",
                survey=open_survey,
                form=form,
                too_many=True,
                has_errors=True,
            ), 429
        return redirect(url_for(".thank_you", code=code))
    if form.receipt.errors:
        abort(400)  # the hidden receipt is missing or was changed: not a person's mistake
    if not form.receipt.data:
        form.receipt.data = practitioner_voice.new_receipt()
    return render_template("section11/practitioner_survey.html", survey=open_survey, form=form)


@bp.route("/<code>/thank-you")
@limiter.exempt
def thank_you(code: str) -> ResponseReturnValue:
    """Confirmation, and what happens to the answers."""
    return render_template(
        "section11/practitioner_thank_you.html", survey=practitioner_voice.find(code)
    )
