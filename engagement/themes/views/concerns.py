"""Staff pages for the concern review queue, the partnership's priorities and the
analysis settings."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from analysis.counts import shown
from engagement.consultations import admin as consultation_admin
from engagement.staff.loading import own
from engagement.staff.policy import check, requires
from engagement.themes import concerns
from engagement.themes import settings as analysis_settings
from engagement.themes.blueprint import bp
from forms.analysis import (
    AnalysisSettingsForm,
    ConcernFilterForm,
    ConcernReviewForm,
    PriorityForm,
)


@bp.route("/consultations/<consultation_id>/concerns")
@requires("concerns.review")
def concern_queue(consultation_id: str) -> ResponseReturnValue:
    """Responses flagged as possible disclosures, the worst first, with the help shown."""
    consultation = own(consultation_admin.get, consultation_id)
    reviewed = request.args.get("show") == "reviewed"
    filters = ConcernFilterForm(request.args)
    filters.reason.choices = [("", "Any reason")] + [
        (r, concerns.reason_label(r)) for r in concerns.reasons_found(consultation)
    ]
    filters.outcome.choices = [("", "Any outcome"), *concerns.OUTCOMES.items()]
    filters.reviewer.choices = [("", "Anyone"), *concerns.reviewers(consultation)]
    chosen = concerns.Filters(
        reviewed=reviewed,
        reason=filters.chosen(filters.reason),
        outcome=filters.chosen(filters.outcome) if reviewed else "",
        reviewer=filters.chosen(filters.reviewer) if reviewed else "",
    )
    page = request.args.get("page", "1")
    return render_template(
        "themes/concern_queue.html",
        consultation=consultation,
        queue=concerns.queue(consultation, chosen, int(page) if page.isdigit() else 1),
        filters=filters,
        chosen=chosen,
        reviewed=reviewed,
        counts=concerns.counts(consultation),
        outcomes=concerns.OUTCOMES,
        reason_label=concerns.reason_label,
    )


@bp.route("/consultations/<consultation_id>/concerns/<submission_id>", methods=["GET", "POST"])
@requires("concerns.review")
def concern_review(consultation_id: str, submission_id: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    flagged = concerns.flagged(consultation, submission_id)
    if flagged is None:
        abort(404)
    form = ConcernReviewForm()
    form.outcome.choices = list(concerns.OUTCOMES.items())
    if form.validate_on_submit():
        concerns.review(
            current_user, consultation.id, submission_id, form.outcome.data or "",
            form.note.data or "",
        )  # fmt: skip
        flash("Review recorded")
        return redirect(url_for(".concern_queue", consultation_id=consultation.id))
    return render_template(
        "themes/concern_review.html",
        consultation=consultation,
        flagged=flagged,
        form=form,
        reason_label=concerns.reason_label,
        outcomes=concerns.OUTCOMES,
    )


@bp.route("/priorities", methods=["GET", "POST"])
@requires("analysis.view")
def priorities() -> ResponseReturnValue:
    """The partnership's priorities, which themes are mapped to."""
    form = PriorityForm()
    if request.method == "POST":
        check("priorities.manage", None)
        if form.validate_on_submit():
            try:
                analysis_settings.add_priority(
                    current_user, form.name.data or "", form.description.data or ""
                )
            except analysis_settings.SettingsProblem as problem:
                form.name.errors = [str(problem)]
            else:
                flash(f"Priority “{form.name.data}” added")
                return redirect(url_for(".priorities"))
    return render_template(
        "themes/priorities.html",
        priorities=analysis_settings.priorities(current_user.partnership_id),
        themes=analysis_settings.themes_by_priority(current_user.partnership_id),
        shown=shown,
        form=form,
    )


@bp.route("/analysis-settings", methods=["GET", "POST"])
@requires("analysis_settings.manage")
def analysis_settings_page() -> ResponseReturnValue:
    """Names to redact, and how long original answers are kept."""
    partnership = analysis_settings.partnership(current_user.partnership_id)
    if request.method == "GET":
        form = AnalysisSettingsForm(
            data={
                "local_names": "\n".join(partnership.local_names or []),
                "retain_original_days": partnership.retain_original_days,
            }
        )
    else:
        form = AnalysisSettingsForm()
    if form.validate_on_submit():
        analysis_settings.update(
            current_user,
            (form.local_names.data or "").splitlines(),
            int(form.retain_original_days.data or 0),
        )
        flash("Settings saved. The next analysis run redacts every answer again.")
        return redirect(url_for(".analysis_settings_page"))
    return render_template("themes/settings.html", form=form)
