"""Staff pages for building a consultation: new from a template, questions, publishing, preview."""

from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from flask_login import current_user

from engagement.consultations import admin as consultation_admin
from engagement.consultations import builder
from engagement.consultations.blueprint import bp
from engagement.i18n import BY_CODE
from engagement.models import Consultation, ConsultationVersion, Question
from engagement.respond import journeys
from engagement.respond.components import place_url
from engagement.respond.drafts import DraftState
from engagement.staff.loading import own
from engagement.staff.policy import requires
from forms.questions import QuestionForm
from forms.staff import (
    AnswersForm,
    ConfirmForm,
    NewConsultationForm,
    NewQuestionForm,
    QuestionSettingsForm,
    VersionForm,
)
from forms.vocabulary import QUESTION_KIND_LABELS

LOCKED = (
    "People have answered, so questions can no longer be added, changed or removed. "
    "You can still fix the wording in Text and translations."
)


def _version(consultation: Consultation, band: str) -> ConsultationVersion:
    found = next((v for v in consultation.versions if v.age_band == band), None)
    if found is None:
        abort(404)
    return found


def _version_and_question(
    consultation: Consultation, band: str, key: str
) -> tuple[ConsultationVersion, Question]:
    version = _version(consultation, band)
    question = next((q for q in version.questions if q.key == key), None)
    if question is None:
        abort(404)
    return version, question


@bp.route("/consultations/new", methods=["GET", "POST"])
@requires("consultations.manage")
def consultation_new() -> ResponseReturnValue:
    """Start a consultation from a template. It stays unpublished until you publish it."""
    form = NewConsultationForm()
    form.template.choices = [(key, label) for key, (label, _file) in builder.TEMPLATES.items()]
    if form.validate_on_submit():
        if builder.slug_taken(form.slug.data):
            form.slug.errors.append("That web address is already used. Choose another")
        else:
            consultation_id = builder.create_from_template(
                current_user, form.template.data, form.title.data, form.slug.data
            )
            flash("Consultation created. It is not published yet")
            return redirect(url_for(".consultation_questions", consultation_id=consultation_id))
    return render_template("consultations/new.html", form=form)


@bp.route("/consultations/<consultation_id>/questions")
@requires("consultations.view")
def consultation_questions(consultation_id: str) -> ResponseReturnValue:
    """Every version's questions, with what can be changed."""
    consultation = own(consultation_admin.get, consultation_id)
    return render_template(
        "consultations/questions.html",
        consultation=consultation,
        locked=builder.is_locked(consultation),
        locked_message=LOCKED,
        confirm=ConfirmForm(),
        kinds=QUESTION_KIND_LABELS,
    )


@bp.errorhandler(builder.StructureLocked)
def _locked(error: builder.StructureLocked) -> ResponseReturnValue:
    """Any change to the structure once people have answered: say why, change nothing."""
    flash(LOCKED)
    return redirect(url_for(".consultation_questions", consultation_id=error.args[0]))


def _structure_change(consultation_id: str, change) -> ResponseReturnValue:  # type: ignore[no-untyped-def]
    try:
        change()
    except builder.BuilderProblem as problem:
        flash(str(problem))
    except LookupError:
        abort(404)  # no such version or question (removed already, in another tab)
    return redirect(url_for(".consultation_questions", consultation_id=consultation_id))


@bp.route("/consultations/<consultation_id>/publish", methods=["POST"])
@requires("consultations.manage")
def consultation_publish(consultation_id: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    if ConfirmForm().validate_on_submit():
        publish = request.form.get("publish") == "1"
        builder.set_published(current_user, consultation.id, publish)
        flash("Published" if publish else "Unpublished: it takes no more answers")
    return redirect(url_for(".consultation_detail", consultation_id=consultation.id))


@bp.route("/consultations/<consultation_id>/questions/<band>/new", methods=["GET", "POST"])
@requires("consultations.manage")
def question_new(consultation_id: str, band: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    if band not in {v.age_band for v in consultation.versions}:
        abort(404)
    form = NewQuestionForm()
    if form.validate_on_submit():
        try:
            builder.add_question(
                current_user, consultation.id, band, form.kind.data, form.text.data,
                form.hint.data or "", form.options.data or "", form.rather_not_say.data,
            )  # fmt: skip
        except builder.BuilderProblem as problem:
            form.options.errors.append(str(problem))
        else:
            return redirect(url_for(".consultation_questions", consultation_id=consultation.id))
    return render_template(
        "consultations/question_new.html", consultation=consultation, band=band, form=form
    )


@bp.route("/consultations/<consultation_id>/questions/<band>/<key>", methods=["GET", "POST"])
@requires("consultations.manage")
def question_edit(consultation_id: str, band: str, key: str) -> ResponseReturnValue:
    """Routing, concern answers, "rather not say" and limits for one question."""
    consultation = own(consultation_admin.get, consultation_id)
    version, question = _version_and_question(consultation, band, key)
    form = QuestionSettingsForm()
    form.concern.choices = [
        (o["key"], o.get("text", {}).get("en", o["key"])) for o in question.options
    ]
    form.routing.choices = [("", "Always"), *builder.routing_choices(version, key)]
    if request.method == "GET":
        form.rather_not_say.data = question.rather_not_say
        form.concern.data = [o["key"] for o in question.options if o.get("concern")]
        show_if = question.show_if
        form.routing.data = f"{show_if['question']}={show_if['answers'][0]}" if show_if else ""
        form.max_number.data = question.max_length or question.max_choices
    if form.validate_on_submit():
        try:
            builder.update_question(
                current_user, consultation.id, band, key, form.rather_not_say.data,
                form.concern.data or [], form.routing.data or None, form.max_number.data,
            )  # fmt: skip
        except builder.BuilderProblem as problem:
            form.routing.errors.append(str(problem))
        else:
            return redirect(url_for(".consultation_questions", consultation_id=consultation.id))
    return render_template(
        "consultations/question_edit.html",
        consultation=consultation,
        question=question,
        band=band,
        form=form,
    )


@bp.route("/consultations/<consultation_id>/questions/<band>/<key>/move", methods=["POST"])
@requires("consultations.manage")
def question_move(consultation_id: str, band: str, key: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    step = -1 if request.form.get("direction") == "up" else 1
    return _structure_change(
        consultation.id,
        lambda: builder.move_question(current_user, consultation.id, band, key, step),
    )


@bp.route("/consultations/<consultation_id>/questions/<band>/<key>/remove", methods=["POST"])
@requires("consultations.manage")
def question_remove(consultation_id: str, band: str, key: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return _structure_change(
        consultation.id, lambda: builder.remove_question(current_user, consultation.id, band, key)
    )


@bp.route("/consultations/<consultation_id>/preview/<band>/<key>")
@requires("consultations.view")
def question_preview(consultation_id: str, band: str, key: str) -> ResponseReturnValue:
    """A question exactly as a respondent sees it, in any language (?lang=)."""
    consultation = own(consultation_admin.get, consultation_id)
    version = _version(consultation, band)
    lang = request.args.get("lang", "en")
    if lang not in BY_CODE or key not in {q.key for q in version.questions}:
        abort(404)
    journey = journeys.Journey(consultation, version, DraftState("preview", version.id, {}, ""))
    with force_locale(lang):
        page = journey.page(key, preview=True)
        form = QuestionForm(page.spec, meta={"csrf": False})
        html = render_template(
            "respond/question.html", journey=journey, page=page, form=form, changing=False,
            preview=True, back_url=place_url(consultation.slug, page.back),
        )  # fmt: skip
    response = make_response(html)
    response.headers["Content-Language"] = lang
    return response


@bp.route("/consultations/<consultation_id>/versions/new", methods=["GET", "POST"])
@requires("consultations.manage")
def version_new(consultation_id: str) -> ResponseReturnValue:
    """Another age band, starting as a copy of an existing one (so core questions match)."""
    consultation = own(consultation_admin.get, consultation_id)
    form = VersionForm()
    form.copy_from.choices = [
        (v.age_band, v.label.get("en", v.age_band)) for v in consultation.versions
    ]
    if form.validate_on_submit():
        try:
            builder.add_version(
                current_user, consultation.id, form.age_band.data.strip(), form.label.data,
                form.copy_from.data,
            )  # fmt: skip
        except builder.BuilderProblem as problem:
            form.age_band.errors.append(str(problem))
        else:
            return redirect(url_for(".consultation_questions", consultation_id=consultation.id))
    return render_template("consultations/version_new.html", consultation=consultation, form=form)


@bp.route("/consultations/<consultation_id>/versions/<band>/remove", methods=["POST"])
@requires("consultations.manage")
def version_remove(consultation_id: str, band: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return _structure_change(
        consultation.id, lambda: builder.remove_version(current_user, consultation.id, band)
    )


@bp.route(
    "/consultations/<consultation_id>/questions/<band>/<key>/answers", methods=["GET", "POST"]
)
@requires("consultations.manage")
def question_answers(consultation_id: str, band: str, key: str) -> ResponseReturnValue:
    """Change the answers to choose from."""
    consultation = own(consultation_admin.get, consultation_id)
    version, question = _version_and_question(consultation, band, key)
    form = AnswersForm()
    if request.method == "GET":
        form.options.data = "\n".join(o.get("text", {}).get("en", "") for o in question.options)
    if form.validate_on_submit():
        try:
            builder.replace_options(current_user, consultation.id, band, key, form.options.data)
        except builder.BuilderProblem as problem:
            form.options.errors.append(str(problem))
        else:
            return redirect(url_for(".consultation_questions", consultation_id=consultation.id))
    return render_template(
        "consultations/question_answers.html",
        consultation=consultation,
        question=question,
        band=band,
        form=form,
    )
