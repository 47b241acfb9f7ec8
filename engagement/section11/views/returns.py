"""Staff pages: an agency's return. Its leads answer each standard (saved as they type,
and by a button without JavaScript), add evidence documents, submit it, and a senior
lead signs it off. The partnership and the scrutineer read it."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from engagement import clock
from engagement.body_limits import WORST_BYTES_PER_CHARACTER, body_limit
from engagement.models import AuditReturn, AuditStandard, ReturnStatus
from engagement.section11 import answers as audit_answers
from engagement.section11 import documents as audit_documents
from engagement.section11 import practitioner_comments
from engagement.section11 import returns as audit_returns
from engagement.section11 import review as audit_review
from engagement.section11 import sign_off as audit_sign_off
from engagement.section11.answers import AnswerChange
from engagement.section11.blueprint import bp
from engagement.section11.frameworks import MAX_QUESTIONS_PER_STANDARD
from engagement.section11.returns import ReturnPage, ReturnProblem
from engagement.section11.scales import Scale
from engagement.staff.loading import own
from engagement.staff.policy import can, check, requires
from forms.audit_returns import ANSWER_LIMITS, SendBackForm, UploadForm, standard_form
from forms.staff import ConfirmForm
from forms.vocabulary import NOT_APPLICABLE

# A standard's form at its largest: every answer full, in the widest characters, plus
# the field names, ratings and versions. Known before the body is read (body_limits).
_QUESTION_BYTES = sum(ANSWER_LIMITS.values()) * WORST_BYTES_PER_CHARACTER + 1024
STANDARD_LIMIT = MAX_QUESTIONS_PER_STANDARD * _QUESTION_BYTES + 16 * 1024
UPLOAD_LIMIT = audit_documents.MAX_BYTES + 64 * 1024


def load_return(return_id: str, permission: str) -> AuditReturn:
    """The return, if it is this partnership's and the user may ``permission`` it."""
    found = own(audit_returns.get, return_id)
    check(permission, found.agency_id)
    return found


def standard_of(audit_return: AuditReturn, standard_id: str) -> AuditStandard:
    for standard in audit_return.cycle.framework.standards:
        if standard.id == standard_id:
            return standard
    abort(404)


@bp.route("/audits/returns/<return_id>")
@requires("audit_returns.view")
def audit_return(return_id: str) -> ResponseReturnValue:
    """The return at a glance: progress by standard, sign-off, challenges and actions."""
    found = load_return(return_id, "audit_returns.view")
    return render_template(
        "section11/return.html",
        view=audit_returns.page(found),
        moderations=audit_review.moderations(found.id),
        challenges=audit_review.challenges(found.id),
        actions=audit_review.actions(found),
        events=audit_review.events_for_agency(found.agency_id, found.cycle_id),
        practitioners=practitioner_comments.for_agency(found.cycle_id, found.agency_id),
        statuses=ReturnStatus.LABELS,
        senior=audit_sign_off.is_senior(current_user.id),
        today=clock.today(),
        form=ConfirmForm(),
    )


def _rating_choices(scale: Scale) -> list[tuple[str, str]]:
    return [(r.key, r.label) for r in scale.ratings] + [(NOT_APPLICABLE, "Not applicable")]


def _changes(form: Any, question_ids: list[str]) -> list[AnswerChange]:
    return [
        AnswerChange(
            question_id=q,
            base_version=form[f"version_{q}"].data or 0,
            rating=form[f"rating_{q}"].data or None,
            evidence=(form[f"evidence_{q}"].data or "").strip(),
            impact=(form[f"impact_{q}"].data or "").strip(),
            not_applicable_reason=(form[f"reason_{q}"].data or "").strip(),
        )
        for q in question_ids
    ]


def _fill(form: Any, view: ReturnPage, standard: AuditStandard) -> None:
    for q in standard.questions:
        answer = view.answers.get(q.id)
        if answer is None:
            continue
        form[f"rating_{q.id}"].data = answer.rating
        form[f"evidence_{q.id}"].data = answer.evidence
        form[f"impact_{q.id}"].data = answer.impact
        form[f"reason_{q.id}"].data = answer.not_applicable_reason
        form[f"version_{q.id}"].data = answer.version


def _next_standard(view: ReturnPage, standard: AuditStandard) -> AuditStandard | None:
    standards = view.framework.standards
    index = standards.index(standard)
    return standards[index + 1] if index + 1 < len(standards) else None


@bp.route("/audits/returns/<return_id>/standards/<standard_id>", methods=["GET", "POST"])
@body_limit(STANDARD_LIMIT)
@requires("audit_returns.view")
def audit_return_standard(return_id: str, standard_id: str) -> ResponseReturnValue:
    """One standard's questions: rating, evidence, impact, or not applicable with a reason."""
    found = load_return(return_id, "audit_returns.view")
    standard = standard_of(found, standard_id)
    view = audit_returns.page(found)
    form = standard_form([q.id for q in standard.questions], _rating_choices(view.scale))
    may_edit = view.editable and _may("audit_returns.edit", found)
    if request.method == "POST":
        check("audit_returns.edit", found.agency_id)
        if form.validate():
            try:
                saved = audit_answers.save(
                    current_user, found.id, _changes(form, [q.id for q in standard.questions])
                )
            except ReturnProblem as problem:
                flash(str(problem), "problem")
                return redirect(url_for(".audit_return", return_id=found.id))
            if any(answer.merged for answer in saved):
                flash(
                    "Someone else changed these answers while you were writing. Both versions "
                    "of the text are kept below: check them and tidy up."
                )
                return redirect(request.path)
            following = _next_standard(view, standard)
            if request.form.get("then") == "next" and following is not None:
                flash(f"{standard.code} saved")
                return redirect(
                    url_for(".audit_return_standard", return_id=found.id, standard_id=following.id)
                )
            flash(f"{standard.code} saved")
            return redirect(url_for(".audit_return", return_id=found.id))
    else:
        _fill(form, view, standard)
    return render_template(
        "section11/return_standard.html",
        view=view,
        standard=standard,
        form=form,
        may_edit=may_edit,
        following=_next_standard(view, standard),
    )


def _may(permission: str, found: AuditReturn) -> bool:
    return can(current_user, permission, found.agency_id)


@bp.route("/audits/returns/<return_id>/standards/<standard_id>/autosave", methods=["POST"])
@body_limit(STANDARD_LIMIT)
@requires("audit_returns.edit")
def audit_return_autosave(return_id: str, standard_id: str) -> ResponseReturnValue:
    """Save a standard's answers as they are typed (JSON, for the page's script)."""
    # It runs every time someone pauses typing: one query for what the form needs (the
    # same checks as load_return and standard_of), not the whole return page.
    target = audit_answers.standard_to_save(current_user.partnership_id, return_id, standard_id)
    if target is None:
        abort(404)
    check("audit_returns.edit", target.agency_id)
    if target.question_ids is None:
        abort(404)
    form = standard_form(target.question_ids, _rating_choices(target.scale))
    if not form.validate():
        errors = dict(form.errors)
        return jsonify({"saved": False, "errors": errors}), 400
    try:
        saved = audit_answers.save(
            current_user, return_id, _changes(form, target.question_ids), target
        )
    except ReturnProblem as problem:
        return jsonify({"saved": False, "message": str(problem)}), 409
    return jsonify(
        {
            "saved": True,
            "answers": [
                {
                    "question": a.question_id, "version": a.version, "merged": a.merged,
                    "rating": a.rating, "evidence": a.evidence, "impact": a.impact,
                    "reason": a.not_applicable_reason,
                }
                for a in saved
            ],
        }
    )  # fmt: skip


@bp.route("/audits/returns/<return_id>/questions/<question_id>/documents", methods=["GET", "POST"])
@body_limit(UPLOAD_LIMIT)
@requires("audit_returns.view")
def audit_documents_page(return_id: str, question_id: str) -> ResponseReturnValue:
    """A question's evidence documents: list, add, remove."""
    found = load_return(return_id, "audit_returns.view")
    view = audit_returns.page(found)
    standard, question = next(
        ((s, q) for s in view.framework.standards for q in s.questions if q.id == question_id),
        (None, None),
    )
    if standard is None or question is None:
        abort(404)
    form = UploadForm()
    form.question.data = question.id
    if request.method == "POST":
        check("audit_returns.edit", found.agency_id)
        if form.validate_on_submit():
            upload = form.file.data
            try:
                with upload.stream:
                    content = upload.read()
                audit_documents.upload(
                    current_user, found.id, question.id, upload.filename or "", content
                )
            except (audit_documents.UploadProblem, ReturnProblem) as problem:
                form.file.errors = [str(problem)]
            else:
                flash("Document added")
                return redirect(request.path)
    return render_template(
        "section11/documents.html",
        view=view,
        standard=standard,
        question=question,
        documents=view.documents.get(question.id, []),
        form=form,
        may_edit=view.editable and _may("audit_returns.edit", found),
        remove_form=ConfirmForm(),
        allowed=audit_documents.ALLOWED_TEXT,
    )


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(error: RequestEntityTooLarge) -> ResponseReturnValue:
    """A file over the limit: say so on the page it came from, not on an error page."""
    if request.endpoint == "staff.section11.audit_documents_page":
        flash("The selected file must be smaller than 10 MB", "problem")
        return redirect(request.path)
    if request.endpoint == "staff.section11.audit_return_autosave":
        # The page's script keeps the typing on the device and says so.
        return jsonify({"saved": False, "message": "These answers are too long to save"}), 413
    return render_template(
        "errors/error.html",
        title="What you sent is too big",
        body="Go back, shorten it or save it in parts, and try again.",
    ), 413


@bp.route("/audits/returns/<return_id>/documents/<document_id>")
@requires("audit_returns.view")
def audit_document(return_id: str, document_id: str) -> ResponseReturnValue:
    """Download an evidence document, always as an attachment."""
    found = load_return(return_id, "audit_returns.view")
    document = audit_documents.get(found.id, document_id)
    if document is None:
        abort(404)
    path = audit_documents.content_path(document)
    if not path.is_file():
        abort(404)
    response = send_file(
        path, mimetype=document.content_type, as_attachment=True, download_name=document.filename
    )
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.route("/audits/returns/<return_id>/documents/<document_id>/remove", methods=["POST"])
@requires("audit_returns.edit")
def audit_document_remove(return_id: str, document_id: str) -> ResponseReturnValue:
    found = load_return(return_id, "audit_returns.edit")
    document = audit_documents.get(found.id, document_id)
    if document is None:
        abort(404)
    if ConfirmForm().validate_on_submit():
        try:
            audit_documents.remove(current_user, found.id, document.id)
        except ReturnProblem as problem:
            flash(str(problem), "problem")
        else:
            flash("Document removed")
    return redirect(
        url_for(".audit_documents_page", return_id=found.id, question_id=document.question_id)
    )


def _step(return_id: str, permission: str, action: Any, done: str) -> ResponseReturnValue:
    found = load_return(return_id, permission)
    if ConfirmForm().validate_on_submit():
        try:
            action(current_user, found.id)
        except ReturnProblem as problem:
            flash(str(problem), "problem")
        else:
            flash(done)
    return redirect(url_for(".audit_return", return_id=found.id))


@bp.route("/audits/returns/<return_id>/submit", methods=["POST"])
@requires("audit_returns.edit")
def audit_return_submit(return_id: str) -> ResponseReturnValue:
    return _step(return_id, "audit_returns.edit", audit_sign_off.submit, "Return sent for sign-off")


def _waiting_for(found: AuditReturn) -> ResponseReturnValue | None:
    """Back to the return, saying why, unless this person can sign it off now."""
    if found.status != ReturnStatus.SUBMITTED:
        flash("Only a return waiting for sign-off can be signed off or sent back", "problem")
    elif not audit_sign_off.is_senior(current_user.id):
        flash("Only your agency's senior lead can sign off the return", "problem")
    else:
        return None
    return redirect(url_for(".audit_return", return_id=found.id))


@bp.route("/audits/returns/<return_id>/sign-off", methods=["GET", "POST"])
@requires("audit_returns.approve")
def audit_return_sign_off(return_id: str) -> ResponseReturnValue:
    """Are you sure? Signing off locks the return, so it is asked on a page of its own,
    and only this page's form signs off."""
    found = load_return(return_id, "audit_returns.approve")
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            audit_sign_off.approve(current_user, found.id)
        except ReturnProblem as problem:
            flash(str(problem), "problem")
        else:
            flash("Return signed off and locked")
        return redirect(url_for(".audit_return", return_id=found.id))
    not_now = _waiting_for(found)
    if not_now is not None:
        return not_now
    return render_template("section11/return_sign_off.html", audit_return=found, form=form)


@bp.route("/audits/returns/<return_id>/send-back", methods=["GET", "POST"])
@requires("audit_returns.approve")
def audit_return_send_back(return_id: str) -> ResponseReturnValue:
    """Send the return back for changes, saying what to change (the agency's leads are
    emailed it)."""
    found = load_return(return_id, "audit_returns.approve")
    not_now = _waiting_for(found)
    if not_now is not None:
        return not_now
    form = SendBackForm()
    if form.validate_on_submit():
        try:
            audit_sign_off.send_back(current_user, found.id, form.reason.data or "")
        except ReturnProblem as problem:
            flash(str(problem), "problem")
        else:
            flash("Return sent back for changes")
        return redirect(url_for(".audit_return", return_id=found.id))
    return render_template("section11/return_send_back.html", audit_return=found, form=form)
