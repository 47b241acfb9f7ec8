"""Staff pages for Section 11 and 175 audit frameworks."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from engagement.models import AuditFramework
from engagement.section11 import frameworks as audit_frameworks
from engagement.section11.blueprint import bp
from engagement.section11.scales import SCALES
from engagement.staff.loading import own
from engagement.staff.policy import requires
from forms.audits import AuditQuestionForm, FrameworkCopyForm
from forms.staff import ConfirmForm


def _framework(framework_id: str) -> AuditFramework:
    return own(audit_frameworks.get, framework_id)


@bp.route("/audits/frameworks")
@requires("audits.view")
def audit_framework_list() -> ResponseReturnValue:
    return render_template(
        "section11/framework_list.html",
        frameworks=audit_frameworks.listing(current_user.partnership_id),
        scales=SCALES,
        form=ConfirmForm(),
    )


@bp.route("/audits/frameworks/standard", methods=["POST"])
@requires("audits.manage")
def audit_framework_add_standard() -> ResponseReturnValue:
    """Add the built-in Section 11 and Section 175/157 frameworks."""
    if ConfirmForm().validate_on_submit():
        added = audit_frameworks.add_built_in_for(current_user)
        flash(f"{added} frameworks added" if added else "You already have both frameworks")
    return redirect(url_for(".audit_framework_list"))


@bp.route("/audits/frameworks/<framework_id>")
@requires("audits.view")
def audit_framework(framework_id: str) -> ResponseReturnValue:
    framework = _framework(framework_id)
    return render_template(
        "section11/framework.html",
        framework=framework,
        scale=SCALES[framework.scale],
        editable=audit_frameworks.editable(framework),
        form=ConfirmForm(),
    )


@bp.route("/audits/frameworks/<framework_id>/copy", methods=["GET", "POST"])
@requires("audits.manage")
def audit_framework_copy(framework_id: str) -> ResponseReturnValue:
    """Copy a framework to adapt its name, rating scale and questions."""
    framework = _framework(framework_id)
    form = FrameworkCopyForm()
    form.scale.choices = [(key, scale.name) for key, scale in SCALES.items()]
    if request.method == "GET":
        form.name.data = f"{framework.name} (our version)"
        form.scale.data = framework.scale
    if form.validate_on_submit():
        try:
            new_id = audit_frameworks.copy(
                current_user, framework.id, form.name.data or "", form.scale.data or ""
            )
        except audit_frameworks.FrameworkProblem as problem:
            form.name.errors = [str(problem)]
        else:
            flash("Copy made. You can now change its questions.")
            return redirect(url_for(".audit_framework", framework_id=new_id))
    return render_template("section11/framework_copy.html", framework=framework, form=form)


@bp.route("/audits/frameworks/<framework_id>/questions/<question_id>", methods=["GET", "POST"])
@requires("audits.manage")
def audit_question(framework_id: str, question_id: str) -> ResponseReturnValue:
    framework = _framework(framework_id)
    question = next(
        (q for s in framework.standards for q in s.questions if q.id == question_id), None
    )
    if question is None:
        abort(404)
    if not audit_frameworks.editable(framework):
        abort(404)
    form = AuditQuestionForm(data={"text": question.text} if request.method == "GET" else None)
    if form.validate_on_submit():
        audit_frameworks.change_question(
            current_user, framework.id, question.id, form.text.data or ""
        )
        flash("Question saved")
        return redirect(url_for(".audit_framework", framework_id=framework.id))
    return render_template(
        "section11/question.html", framework=framework, standard=question.standard, form=form
    )


@bp.route("/audits/frameworks/<framework_id>/questions/<question_id>/remove", methods=["POST"])
@requires("audits.manage")
def audit_question_remove(framework_id: str, question_id: str) -> ResponseReturnValue:
    framework = _framework(framework_id)
    if ConfirmForm().validate_on_submit():
        try:
            audit_frameworks.remove_question(current_user, framework.id, question_id)
        except audit_frameworks.FrameworkProblem as problem:
            flash(f"Not removed: {problem}", "problem")
        except LookupError:
            abort(404)
        else:
            flash("Question removed")
    return redirect(url_for(".audit_framework", framework_id=framework.id))


@bp.route(
    "/audits/frameworks/<framework_id>/standards/<standard_id>/questions/new",
    methods=["GET", "POST"],
)
@requires("audits.manage")
def audit_question_new(framework_id: str, standard_id: str) -> ResponseReturnValue:
    framework = _framework(framework_id)
    standard = next((s for s in framework.standards if s.id == standard_id), None)
    if standard is None or not audit_frameworks.editable(framework):
        abort(404)
    form = AuditQuestionForm()
    if form.validate_on_submit():
        try:
            audit_frameworks.add_question(
                current_user, framework.id, standard.id, form.text.data or ""
            )
        except audit_frameworks.FrameworkProblem as problem:
            form.text.errors = [str(problem)]
        else:
            flash("Question added")
            return redirect(url_for(".audit_framework", framework_id=framework.id))
    return render_template(
        "section11/question.html", framework=framework, standard=standard, form=form
    )
