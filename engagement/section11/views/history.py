"""Staff pages: copy last cycle's answers into a standard, an answer's history, and a copy
of the whole return as a Word document."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from engagement.downloads import attachment
from engagement.office import word
from engagement.section11 import carry_forward as audit_carry_forward
from engagement.section11 import return_copy as audit_return_copy
from engagement.section11 import returns as audit_returns
from engagement.section11.blueprint import bp
from engagement.section11.returns import ReturnProblem
from engagement.section11.views.returns import load_return, standard_of
from engagement.staff.policy import requires
from forms.staff import ConfirmForm


@bp.route("/audits/returns/<return_id>/standards/<standard_id>/carry-forward", methods=["POST"])
@requires("audit_returns.edit")
def audit_carry_forward_standard(return_id: str, standard_id: str) -> ResponseReturnValue:
    """Start from last cycle's answers for the questions nobody has answered yet."""
    found = load_return(return_id, "audit_returns.edit")
    standard = standard_of(found, standard_id)
    if ConfirmForm().validate_on_submit():
        try:
            copied = audit_carry_forward.carry_forward(
                current_user, audit_returns.page(found), standard.id
            )
        except ReturnProblem as problem:
            flash(str(problem), "problem")
        else:
            flash(
                f"{copied} answers copied from last cycle: check and update them"
                if copied
                else "Nothing to copy: every question here already has an answer"
            )
    return redirect(url_for(".audit_return_standard", return_id=found.id, standard_id=standard.id))


@bp.route("/audits/returns/<return_id>/questions/<question_id>/history")
@requires("audit_returns.view")
def audit_answer_history(return_id: str, question_id: str) -> ResponseReturnValue:
    """Who changed an answer, when, and what it said each time."""
    found = load_return(return_id, "audit_returns.view")
    view = audit_returns.page(found)
    located = next(
        (
            (standard, position, question)
            for standard in view.framework.standards
            for position, question in enumerate(standard.questions, start=1)
            if question.id == question_id
        ),
        None,
    )
    if located is None:
        abort(404)
    standard, position, question = located
    return render_template(
        "section11/answer_history.html",
        view=view,
        standard=standard,
        number=f"{standard.code}.{position}",
        question=question,
        revisions=audit_carry_forward.history(found.id, question.id),
    )


@bp.route("/audits/returns/<return_id>/return.docx")
@requires("audit_returns.view")
def audit_return_copy_docx(return_id: str) -> ResponseReturnValue:
    """The return as it stands, as a Word document."""
    found = load_return(return_id, "audit_returns.view")
    body = audit_return_copy.return_document(audit_returns.page(found))
    return attachment(body, word.DOCX_TYPE, "section-11-return.docx")
