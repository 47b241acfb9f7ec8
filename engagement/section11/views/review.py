"""Staff pages: the partnership reviews a return (moderated rating, challenges), the
agency replies, and both keep the action plan."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from engagement.models import ActionStatus
from engagement.section11 import returns as audit_returns
from engagement.section11 import review as audit_review
from engagement.section11.blueprint import bp
from engagement.section11.returns import ReturnProblem
from engagement.section11.views.returns import load_return, standard_of
from engagement.staff.policy import requires
from forms.audit_returns import ActionForm, ChallengeForm, ModerationForm, ReplyForm


@bp.route("/audits/returns/<return_id>/review/<standard_id>", methods=["GET", "POST"])
@requires("audits.manage")
def audit_review_standard(return_id: str, standard_id: str) -> ResponseReturnValue:
    """Moderate one standard: the agency's answers, then the partnership's rating."""
    found = load_return(return_id, "audits.manage")
    standard = standard_of(found, standard_id)
    view = audit_returns.page(found)
    current = audit_review.moderations(found.id).get(standard.id)
    form = ModerationForm(prefix="moderate")
    form.rating.choices = [(r.key, r.label) for r in view.scale.ratings]
    if request.method == "GET" and current is not None:
        form.rating.data, form.note.data = current.rating, current.note
    challenge_form = ChallengeForm(prefix="challenge")
    if request.method == "POST" and request.form.get("form") not in ("moderate", "challenge"):
        abort(400)  # each of the page's two forms says which it is
    if request.form.get("form") == "moderate" and form.validate_on_submit():
        audit_review.moderate(
            current_user, found.id, standard.id, form.rating.data or "", form.note.data or ""
        )
        flash(f"Moderated rating saved for {standard.code}")
        return redirect(url_for(".audit_return", return_id=found.id))
    if request.form.get("form") == "challenge" and challenge_form.validate_on_submit():
        audit_review.challenge(current_user, found.id, standard.id, challenge_form.body.data or "")
        flash(f"Challenge sent to {found.agency.name}")
        return redirect(request.path)
    return render_template(
        "section11/review_standard.html",
        view=view,
        standard=standard,
        form=form,
        challenge_form=challenge_form,
        has_errors=bool(challenge_form.errors),
        challenges=[c for c in audit_review.challenges(found.id) if c.standard_id == standard.id],
    )


@bp.route("/audits/returns/<return_id>/challenges/<challenge_id>", methods=["GET", "POST"])
@requires("audit_returns.reply")
def audit_challenge_reply(return_id: str, challenge_id: str) -> ResponseReturnValue:
    """The agency answers a challenge."""
    found = load_return(return_id, "audit_returns.reply")
    challenge = next((c for c in audit_review.challenges(found.id) if c.id == challenge_id), None)
    if challenge is None:
        abort(404)
    form = ReplyForm()
    if request.method == "GET":
        form.reply.data = challenge.reply
    if form.validate_on_submit():
        audit_review.reply(current_user, found.id, challenge.id, form.reply.data or "")
        flash("Reply sent")
        return redirect(url_for(".audit_return", return_id=found.id))
    return render_template(
        "section11/challenge_reply.html", audit_return=found, challenge=challenge, form=form
    )


def _action_form(found) -> ActionForm:  # type: ignore[no-untyped-def]
    form = ActionForm()
    form.standard.choices = [("", "The whole return")] + [
        (s.id, f"{s.code} {s.title}") for s in found.cycle.framework.standards
    ]
    form.status.choices = list(ActionStatus.LABELS.items())
    return form


@bp.route("/audits/returns/<return_id>/actions/new", methods=["GET", "POST"])
@requires("audit_actions.manage")
def audit_action_new(return_id: str) -> ResponseReturnValue:
    """Add an action to the agency's plan."""
    found = load_return(return_id, "audit_actions.manage")
    form = _action_form(found)
    if request.method == "GET":
        form.status.data = ActionStatus.NOT_STARTED
        form.standard.data = request.args.get("standard", "")
    return _save_action(found, None, form)


@bp.route("/audits/returns/<return_id>/actions/<action_id>", methods=["GET", "POST"])
@requires("audit_actions.manage")
def audit_action(return_id: str, action_id: str) -> ResponseReturnValue:
    """Change an action: its status, and the evidence that it is done."""
    found = load_return(return_id, "audit_actions.manage")
    action = audit_review.get_action(found.id, action_id)
    if action is None:
        abort(404)
    form = _action_form(found)
    if request.method == "GET":
        form.description.data, form.owner.data = action.description, action.owner
        form.due_on.data, form.status.data = action.due_on, action.status
        form.completion_evidence.data = action.completion_evidence
        form.standard.data = action.standard_id or ""
    return _save_action(found, action.id, form)


def _save_action(found, action_id: str | None, form: ActionForm) -> ResponseReturnValue:  # type: ignore[no-untyped-def]
    if form.validate_on_submit():
        try:
            audit_review.save_action(
                current_user, found.id, action_id, description=form.description.data or "",
                owner=form.owner.data or "", due_on=form.due_on.data,  # type: ignore[arg-type]
                status=form.status.data or "", standard_id=form.standard.data or None,
                completion_evidence=(form.completion_evidence.data or "").strip(),
            )  # fmt: skip
        except ReturnProblem as problem:
            form.description.errors = [str(problem)]
        else:
            flash("Action saved")
            return redirect(url_for(".audit_return", return_id=found.id))
    return render_template(
        "section11/action.html", audit_return=found, form=form, new=action_id is None
    )
