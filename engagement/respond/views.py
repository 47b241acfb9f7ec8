"""Views for the respondent's journey: start, questions, check, send, save and resume.

Each view validates with a form, calls one service, then redirects or renders.
No view here has a Flask-Limiter limit: wrong resume codes are counted by the service
(engagement.rate_limits), and being exempt spares every page the limiter's bookkeeping.
"""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale

from engagement.consultations import catalogue as consultations
from engagement.extensions import limiter
from engagement.respond import journeys
from engagement.respond import session as journey_session
from engagement.respond.blueprint import bp
from engagement.respond.components import place_url
from engagement.respond.submissions import Outcome
from engagement.you_said import pages as you_said
from forms import messages
from forms.journey import AgeBandForm, ResumeForm, SendAnswersForm, StartForm
from forms.questions import QuestionForm
from forms.vocabulary import normalise_code


def _start(slug: str, age_band: str | None = None) -> journeys.Journey:
    draft_id = journey_session.draft_id(slug)
    journey = journeys.start(slug, draft_id, age_band)
    if journey.draft.id != draft_id:
        journey_session.remember_draft(slug, journey.draft.id)
    return journey


def _current(slug: str) -> journeys.Journey:
    return journeys.current(slug, journey_session.draft_id(slug))


@bp.errorhandler(journeys.NeedsStart)
def _needs_start(error: journeys.NeedsStart) -> ResponseReturnValue:
    return redirect(url_for("respond.start", slug=error.slug))


@bp.route("/<slug>", methods=["GET", "POST"])
@limiter.exempt
def start(slug: str) -> ResponseReturnValue:
    """What the consultation is for, who sees the answers, and a start button."""
    consultation = consultations.get_open_consultation(slug)
    form = StartForm()
    if form.validate_on_submit():
        if len(consultation.versions) > 1 and not journey_session.draft_id(slug):
            return redirect(url_for(".age_band", slug=slug))
        return redirect(place_url(slug, _start(slug).first_place()))
    in_progress = journey_session.draft_id(slug) is not None
    return render_template(
        "respond/start.html",
        consultation=consultation,
        form=form,
        in_progress=in_progress,
        # Choosing an age band comes first, and needs no form here: a plain link.
        start_url=url_for(".age_band", slug=slug)
        if len(consultation.versions) > 1 and not in_progress
        else None,
    )


@bp.route("/<slug>/age", methods=["GET", "POST"])
@limiter.exempt
def age_band(slug: str) -> ResponseReturnValue:
    """Ask which age band's version of the questions to show."""
    consultation = consultations.get_open_consultation(slug)
    form = AgeBandForm()
    form.age_band.choices = consultations.age_band_choices(consultation)
    if form.validate_on_submit():
        return redirect(place_url(slug, _start(slug, form.age_band.data).first_place()))
    return render_template("respond/age_band.html", consultation=consultation, form=form)


@bp.route("/<slug>/questions/<key>", methods=["GET", "POST"])
@limiter.exempt
def question(slug: str, key: str) -> ResponseReturnValue:
    """One question on its own page."""
    journey = _current(slug)
    page = journey.page(key)
    form = QuestionForm(page.spec)
    if request.method == "GET":
        form.show_answer(page.saved)
    changing = request.args.get("change") == "1"
    if form.validate_on_submit():
        action = request.form.get("action", "continue")
        answered = journeys.answer(journey, key, form.cleaned_answer(), action, changing)
        if answered.code is not None:
            journey_session.remember_code(answered.code)
        return redirect(place_url(slug, answered.next))
    return render_template(
        "respond/question.html",
        journey=journey,
        page=page,
        form=form,
        changing=changing,
        back_url=place_url(slug, page.back),
    )


@bp.route("/<slug>/questions/<key>/support")
@limiter.exempt
def support(slug: str, key: str) -> ResponseReturnValue:
    """Where to get help, shown after an answer that suggests a young person is not safe."""
    journey = _current(slug)
    page = journey.page(key)
    then = request.args.get("then", "next")
    return render_template(
        "respond/support.html",
        journey=journey,
        page=page,
        services=journeys.support_services(journey, key),
        next_url=place_url(slug, journeys.after_support(journey, key, then)),
    )


@bp.route("/<slug>/check-your-answers", methods=["GET", "POST"])
@limiter.exempt
def check_answers(slug: str) -> ResponseReturnValue:
    """All answers, each with a change link, and the button that sends them."""
    form = SendAnswersForm()
    if form.validate_on_submit():
        outcome = journeys.send(slug, journey_session.draft_id(slug), form.receipt.data)
        if outcome is Outcome.EXPIRED:
            return redirect(url_for(".start", slug=slug))
        journey_session.mark_sent(slug)
        return redirect(url_for(".thank_you", slug=slug))
    journey = _current(slug)
    form.receipt.data = journey.draft.receipt
    return render_template(
        "respond/check_answers.html",
        journey=journey,
        form=form,
        back_url=place_url(slug, journey.last_question_place()),
    )


@bp.route("/<slug>/thank-you")
@limiter.exempt
def thank_you(slug: str) -> ResponseReturnValue:
    """Confirmation, and what happens next."""
    consultation = consultations.get_consultation(slug)
    return render_template(
        "respond/thank_you.html",
        consultation=consultation,
        sent=journey_session.was_sent(slug),
    )


@bp.route("/<slug>/saved")
@limiter.exempt
def saved(slug: str) -> ResponseReturnValue:
    """The code to come back with, shown once."""
    journey = _current(slug)
    carry_on = place_url(slug, journey.first_place())
    code = journey_session.pop_code()
    if code is None:
        return redirect(carry_on)
    return render_template("respond/saved.html", journey=journey, code=code, carry_on_url=carry_on)


@bp.route("/resume", methods=["GET", "POST"])
@limiter.exempt
def resume() -> ResponseReturnValue:
    """Come back to saved answers with a code."""
    form = ResumeForm()
    if form.validate_on_submit():
        try:
            journey = journeys.resume(normalise_code(form.code.data))
        except journeys.TooManyTries:
            form.code.errors.append(messages.TOO_MANY_CODE_TRIES)
            return render_template("respond/resume.html", form=form), 429
        if journey:
            journey_session.remember_draft(journey.slug, journey.draft.id)
            return redirect(place_url(journey.slug, journey.first_place()))
        form.code.errors.append(messages.CODE_NOT_FOUND)
    return render_template("respond/resume.html", form=form)


@bp.route("/<slug>/you-said-we-did")
@limiter.exempt
def you_said_we_did(slug: str) -> ResponseReturnValue:
    """What the partnership changed because of the answers, once staff publish it."""
    consultation = consultations.get_consultation(slug)
    return render_template(
        "respond/you_said_we_did.html",
        consultation=consultation,
        content=you_said.public(consultation, str(get_locale())),
    )


@bp.route("/you-said-we-did")
@limiter.exempt
def you_said_list() -> ResponseReturnValue:
    """Every published "you said, we did" page."""
    return render_template("respond/you_said_list.html", published=you_said.published_pages())


@bp.route("/<slug>/privacy")
@limiter.exempt
def privacy(slug: str) -> ResponseReturnValue:
    """This consultation's privacy notice."""
    consultation = consultations.get_consultation(slug)
    return render_template("respond/privacy.html", consultation=consultation)
