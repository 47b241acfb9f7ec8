"""The practitioner's pages: Form A straight after a session, and the follow-up (the
code, then Form B). Each validates with a form, calls one service, then renders or
redirects. Nothing about the person is read from the request."""

from __future__ import annotations

from typing import Any

from flask import abort, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from markupsafe import Markup

from engagement.extensions import limiter
from engagement.training import evaluations
from engagement.training.evaluation_blueprint import bp
from forms.training import FollowUpCodeForm, evaluation_form


@bp.errorhandler(evaluations.Closed)
def _closed(error: evaluations.Closed) -> ResponseReturnValue:
    return render_template(
        "training/evaluation_closed.html",
        session=error.session,
        stage=error.stage,
        not_yet=error.not_yet,
    ), 410


@bp.route("/<code>", methods=["GET", "POST"])
@limiter.exempt
def form_a(code: str) -> ResponseReturnValue:
    """Form A, on one page, with the follow-up choice at the end."""
    session = evaluations.open_for(code, "a")
    form = evaluation_form(session.form_a, session.objectives)
    if form.validate_on_submit():
        result = evaluations.record_form_a(
            session,
            form.receipt.data or "",
            form.answers(),
            {"agency_type": form.agency_type.data, "role_group": form.role_group.data},
            follow_up=form.follow_up.data == "yes",
            email=form.email.data,
        )
        # Rendered, not redirected: the follow-up code is shown this once and kept nowhere.
        return render_template(
            "training/thank_you.html",
            session=session,
            follow_up_code=result.follow_up_code,
            already_sent=result.outcome == evaluations.Outcome.ALREADY_SENT,
            emailed=bool(form.email.data and result.follow_up_code),
        )
    if form.receipt.errors:
        abort(400)
    if not form.receipt.data:
        form.receipt.data = evaluations.new_receipt()
    return render_template(
        "training/form_a.html",
        session=session,
        form=form,
        questions_html=None if form.errors else _fresh_questions(form),
    )


_QUESTIONS: dict[tuple[Any, ...], Markup] = {}


def _fresh_questions(form: Any) -> Markup:
    """Form A's questions with no answers in them, drawn once per form, objectives and
    language: the radios are most of the page's work."""
    key = (str(get_locale()), form.evaluation, form.objectives)
    html = _QUESTIONS.get(key)
    if html is None:
        html = Markup(render_template("training/form_a_questions.html", form=form))
        if len(_QUESTIONS) >= 256:
            _QUESTIONS.clear()
        _QUESTIONS[key] = html
    return html


@bp.route("/<code>/follow-up", methods=["GET", "POST"])
@limiter.exempt
def follow_up(code: str) -> ResponseReturnValue:
    """The follow-up: the code first, then Form B with their pledge quoted back."""
    session = evaluations.open_for(code, "b")
    entry = FollowUpCodeForm()
    problem = None
    if entry.validate_on_submit():
        try:
            found = evaluations.follow_up_for(session, entry.code.data or "")
        except evaluations.FollowUpRefused as refused:
            problem = refused.problem.value
        else:
            form = evaluation_form(session.form_b, session.objectives)
            form.code.data = entry.code.data
            form.receipt.data = evaluations.new_receipt()
            return render_template(
                "training/form_b.html", session=session, form=form, pledge=found.pledge
            )
    status = 429 if problem == "too_many" else 200
    return render_template(
        "training/follow_up_code.html",
        session=session,
        form=entry,
        problem=problem,
        has_errors=bool(problem),
    ), status


@bp.route("/<code>/follow-up/answers", methods=["POST"])
@limiter.exempt
def form_b(code: str) -> ResponseReturnValue:
    session = evaluations.open_for(code, "b")
    form = evaluation_form(session.form_b, session.objectives)
    if not form.code.data or form.code.errors:
        return redirect(url_for(".follow_up", code=code))
    try:
        if form.validate_on_submit():
            evaluations.record_form_b(
                session, form.receipt.data or "", form.code.data, form.answers()
            )
            return redirect(url_for(".follow_up_thank_you", code=code))
        if form.receipt.errors:
            abort(400)
        pledge = evaluations.follow_up_for(session, form.code.data).pledge
    except evaluations.FollowUpRefused as refused:
        status = 429 if refused.problem == evaluations.CodeProblem.TOO_MANY else 200
        return render_template(
            "training/follow_up_code.html",
            session=session,
            form=FollowUpCodeForm(),
            problem=refused.problem.value,
            has_errors=True,
        ), status
    return render_template("training/form_b.html", session=session, form=form, pledge=pledge)


@bp.route("/<code>/follow-up/thank-you")
@limiter.exempt
def follow_up_thank_you(code: str) -> ResponseReturnValue:
    return render_template("training/follow_up_thank_you.html", session=evaluations.find(code))
