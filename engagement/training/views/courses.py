"""Staff pages: courses, their sessions, the session's link and QR poster, and the
evaluation forms."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from markupsafe import Markup
from wtforms.fields.choices import SelectChoice

from engagement.consultations import sharing
from engagement.models import TrainingSession
from engagement.staff.policy import requires
from engagement.training import courses, evaluation_forms
from engagement.training.blueprint import bp
from engagement.training.loading import course_or_404, session_or_404
from forms.training import CopyForm, CourseForm, session_form_class, wording_form
from forms.vocabulary import LEVELS, MODES, TRAINING_AGENCY_TYPES


def evaluation_link(session: TrainingSession) -> str:
    return current_app.config["PUBLIC_URL"].rstrip("/") + url_for(
        "training_evaluation.form_a", code=session.code
    )


@bp.route("/training")
@requires("training.view")
def course_list() -> ResponseReturnValue:
    """The courses this person may see."""
    return render_template(
        "training/course_list.html", courses=courses.listing(current_user), levels=LEVELS
    )


@bp.route("/training/courses/new", methods=["GET", "POST"])
@requires("training.manage")
def course_new() -> ResponseReturnValue:
    form = CourseForm()
    form.trainers.choices = [
        SelectChoice(p.id, p.name) for p in courses.trainers(current_user.partnership_id)
    ]
    forms = evaluation_forms.listing(current_user.partnership_id)
    form.form_a.choices = [SelectChoice(k, f.name) for k, f in forms if f.stage == "a"]
    form.form_b.choices = [SelectChoice(k, f.name) for k, f in forms if f.stage == "b"]
    if request.method == "GET":
        form.form_a.data, form.form_b.data = "built_in_a", "built_in_b"
    if form.validate_on_submit():
        course_id = courses.create(
            current_user,
            courses.CourseDetails(
                title=form.title.data or "",
                objectives=form.objective_list(),
                level=form.level.data or "",
                audience=form.audience.data or "",
                trainer_ids=list(form.trainers.data or []),
                form_a=form.form_a.data or "built_in_a",
                form_b=form.form_b.data or "built_in_b",
            ),
        )
        flash("Course added. Add a session to get its evaluation link.")
        return redirect(url_for(".course", course_id=course_id))
    return render_template("training/course_new.html", form=form)


@bp.route("/training/courses/<course_id>")
@requires("training.view")
def course(course_id: str) -> ResponseReturnValue:
    found = course_or_404(course_id)
    return render_template(
        "training/course.html",
        course=found,
        levels=LEVELS,
        modes=MODES,
        counts=courses.answer_counts([s.id for s in found.sessions]),
    )


@bp.route("/training/courses/<course_id>/sessions/new", methods=["GET", "POST"])
@requires("training.manage")
def session_new(course_id: str) -> ResponseReturnValue:
    found = course_or_404(course_id)
    form = session_form_class(tuple(TRAINING_AGENCY_TYPES.items()))()
    if form.validate_on_submit():
        session_id = courses.add_session(
            current_user,
            found.id,
            courses.SessionDetails(
                held_on=form.held_on.data,  # type: ignore[arg-type]
                mode=form.mode.data or "",
                venue=form.venue.data or "",
                trainer_names=form.trainer_names.data or "",
                attendance={
                    key: int(form[f"attended_{key}"].data or 0) for key in TRAINING_AGENCY_TYPES
                },
                follow_up_weeks=form.follow_up_weeks.data or 8,
                follow_up_open_weeks=form.follow_up_open_weeks.data or 8,
            ),
        )
        flash("Session added. Share its link or poster at the end of the session.")
        return redirect(url_for(".session", session_id=session_id))
    return render_template(
        "training/session_new.html", course=found, form=form, agency_types=TRAINING_AGENCY_TYPES
    )


@bp.route("/training/sessions/<session_id>")
@requires("training.view")
def session(session_id: str) -> ResponseReturnValue:
    found = session_or_404(session_id)
    return render_template(
        "training/session.html",
        session=found,
        link=evaluation_link(found),
        modes=MODES,
        agency_types=TRAINING_AGENCY_TYPES,
        counts=courses.answer_counts([found.id]),
    )


@bp.route("/training/sessions/<session_id>/poster")
@requires("training.view")
def session_poster(session_id: str) -> ResponseReturnValue:
    """The evaluation link as a printable poster with a QR code, for the last slide or
    the room."""
    found = session_or_404(session_id)
    link = evaluation_link(found)
    return render_template(
        "training/session_poster.html",
        session=found,
        link=link,
        qr=Markup(sharing.qr_svg_inline(link, scale=10, title="QR code")),
    )


@bp.route("/training/forms")
@requires("training.view")
def form_list() -> ResponseReturnValue:
    """The built-in evaluation forms and the partnership's own copies."""
    return render_template(
        "training/form_list.html",
        forms=evaluation_forms.listing(current_user.partnership_id),
        built_in=evaluation_forms.BUILT_IN,
    )


@bp.route("/training/forms/copy", methods=["POST"])
@requires("training_forms.manage")
def form_copy() -> ResponseReturnValue:
    """A copy of a built-in form for the partnership to adapt."""
    form = CopyForm()
    if not form.validate_on_submit():
        abort(400)
    key = form.copy.data or ""
    evaluation_forms.copy(current_user, key, f"{evaluation_forms.built_in(key).name} (our copy)")
    flash("Form copied. Courses can now use it.")
    return redirect(url_for(".form_list"))


@bp.route("/training/forms/<form_id>", methods=["GET", "POST"])
@requires("training_forms.manage")
def form_wording(form_id: str) -> ResponseReturnValue:
    """Change the wording of the partnership's copy, and leave out optional questions."""
    found = evaluation_forms.own_copy(current_user.partnership_id, form_id)
    if found is None:
        abort(404)
    stored, every = found
    form = wording_form(every.items)
    kept = {item["key"] for item in stored.items}
    if request.method == "GET":
        for item in every.items:
            if f"leave_out_{item.key}" in form:
                form[f"leave_out_{item.key}"].data = item.key not in kept
    if form.validate_on_submit():
        evaluation_forms.reword(current_user, stored.id, form.texts(), form.left_out())
        flash("Form saved. Courses that use it show the new wording.")
        return redirect(url_for(".form_list"))
    return render_template("training/form_wording.html", stored=stored, form=form)
