"""Running a consultation again, and choosing which round it is compared with."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from engagement.consultations import admin as consultation_admin
from engagement.consultations import rounds
from engagement.consultations.blueprint import bp
from engagement.consultations.builder import BuilderProblem
from engagement.staff.loading import own
from engagement.staff.policy import requires
from forms.staff import NewRoundForm, PreviousRoundForm

NO_PREVIOUS = "none"


@bp.route("/consultations/<consultation_id>/new-round", methods=["GET", "POST"])
@requires("consultations.manage")
def consultation_new_round(consultation_id: str) -> ResponseReturnValue:
    """A copy of this consultation to run again, compared with this one on its results."""
    consultation = own(consultation_admin.get, consultation_id)
    form = NewRoundForm()
    if form.validate_on_submit():
        try:
            new_id = rounds.new_round(
                current_user, consultation.id, form.title.data, form.slug.data
            )
        except BuilderProblem as problem:
            form.slug.errors.append(str(problem))
        else:
            flash("New round created. It is not published yet")
            return redirect(url_for(".consultation_detail", consultation_id=new_id))
    return render_template("consultations/new_round.html", consultation=consultation, form=form)


@bp.route("/consultations/<consultation_id>/previous-round", methods=["GET", "POST"])
@requires("consultations.manage")
def consultation_previous_round(consultation_id: str) -> ResponseReturnValue:
    """Choose (or clear) the last round this consultation's results are compared with."""
    consultation = own(consultation_admin.get, consultation_id)
    form = PreviousRoundForm(previous_round=consultation.previous_round_id or NO_PREVIOUS)
    form.previous_round.choices = [
        *rounds.choices(consultation),
        (NO_PREVIOUS, "None: this is the first round"),
    ]
    if form.validate_on_submit():
        chosen = None if form.previous_round.data == NO_PREVIOUS else form.previous_round.data
        try:
            rounds.set_previous_round(current_user, consultation.id, chosen)
        except LookupError:
            abort(404)
        except BuilderProblem as problem:
            form.previous_round.errors.append(str(problem))
        else:
            flash("Last round saved")
            return redirect(url_for(".consultation_detail", consultation_id=consultation.id))
    return render_template(
        "consultations/previous_round.html", consultation=consultation, form=form
    )
