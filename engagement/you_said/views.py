"""Staff pages for "you said, we did": a consultation's actions, the page's opening
words, a preview, and publishing. Scrutineers can read everything here but change
nothing."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from engagement.consultations import admin as consultation_admin
from engagement.consultations import posters
from engagement.consultations.admin import content_languages
from engagement.i18n import BY_CODE
from engagement.models import Consultation, WeDidAction
from engagement.public_urls import public_url
from engagement.staff.loading import own
from engagement.staff.policy import can, requires
from engagement.you_said import actions, pages, quotes
from forms.you_said import ActionForm, PublishForm, QuoteForm, action_form, intro_form

bp = Blueprint("you_said", __name__)


def _languages(consultation: Consultation) -> list[tuple[str, str]]:
    return [(code, BY_CODE[code].english_name) for code in content_languages(consultation)]


def _action_form(consultation: Consultation, **kwargs: object) -> ActionForm:
    return action_form(
        _languages(consultation),
        actions.STATUSES,
        [(t.id, t.name) for t in actions.themes(consultation)],
        [(p.id, p.name) for p in actions.priorities(consultation.partnership_id)],
        **kwargs,
    )


@bp.route("/consultations/<consultation_id>/you-said-we-did", methods=["GET", "POST"])
@requires("you_said.view")
def overview(consultation_id: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    found = pages.overview(consultation)
    form = intro_form(_languages(consultation), data={
        f"intro_{code}": text for code, text in (found.page.intro if found.page else {}).items()
    })  # fmt: skip
    if form.is_submitted():
        if not can(current_user, "you_said.manage"):
            abort(403)
        if form.validate():
            pages.save_intro(current_user, consultation, form.intro())
            flash("Opening words saved")
            return redirect(url_for(".overview", consultation_id=consultation.id))
    return render_template(
        "you_said/overview.html",
        consultation=consultation,
        found=found,
        form=form,
        statuses=actions.STATUSES,
        content_languages=content_languages(consultation),
    )


@bp.route("/consultations/<consultation_id>/you-said-we-did/actions/new", methods=["GET", "POST"])
@requires("you_said.manage")
def action_new(consultation_id: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    return _edit(consultation, None)


@bp.route(
    "/consultations/<consultation_id>/you-said-we-did/actions/<action_id>",
    methods=["GET", "POST"],
)
@requires("you_said.manage")
def action_edit(consultation_id: str, action_id: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    action = actions.get(consultation, action_id)
    if action is None:
        abort(404)
    return _edit(consultation, action)


def _edit(consultation: Consultation, action: WeDidAction | None) -> ResponseReturnValue:
    data = None
    if action is not None:
        data = {
            "what": action.what, "by_whom": action.by_whom, "decided_on": action.decided_on,
            "status": action.status, "reason": action.reason, "evidence": action.evidence,
            "theme": action.theme_id or "", "priority": action.priority_id or "",
            **{f"for_young_people_{k}": v for k, v in action.for_young_people.items()},
        }  # fmt: skip
    form = _action_form(consultation, data=data)
    if form.validate_on_submit():
        details = actions.ActionDetails(
            what=form.what.data or "",
            for_young_people=form.for_young_people(),
            by_whom=form.by_whom.data or "",
            decided_on=form.decided_on.data,  # type: ignore[arg-type]  # validated
            status=form.status.data or "",
            reason=form.reason.data or "",
            evidence=form.evidence.data or "",
            theme_id=form.theme.data or None,
            priority_id=form.priority.data or None,
        )
        try:
            actions.save(current_user, consultation, details, action.id if action else None)
        except actions.ActionProblem as problem:
            form[problem.field].errors = [str(problem)]
        else:
            flash("Action saved")
            return redirect(url_for(".overview", consultation_id=consultation.id))
    return render_template(
        "you_said/action.html", consultation=consultation, action=action, form=form
    )


@bp.route("/consultations/<consultation_id>/you-said-we-did/preview")
@requires("you_said.view")
def preview(consultation_id: str) -> ResponseReturnValue:
    """The page as young people will see it, in English."""
    consultation = own(consultation_admin.get, consultation_id)
    return render_template(
        "you_said/preview.html",
        consultation=consultation,
        content=pages.content(consultation, "en"),
    )


@bp.route("/consultations/<consultation_id>/you-said-we-did/publish", methods=["POST"])
@requires("you_said.manage")
def publish(consultation_id: str) -> ResponseReturnValue:
    return _publishing(consultation_id, True)


@bp.route("/consultations/<consultation_id>/you-said-we-did/withdraw", methods=["POST"])
@requires("you_said.manage")
def withdraw(consultation_id: str) -> ResponseReturnValue:
    return _publishing(consultation_id, False)


def _publishing(consultation_id: str, publish: bool) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    if not PublishForm().validate_on_submit():
        abort(400)
    pages.set_published(current_user, consultation, publish)
    flash("Page published" if publish else "Page withdrawn: it is no longer public")
    return redirect(url_for(".overview", consultation_id=consultation.id))


@bp.route("/consultations/<consultation_id>/you-said-we-did/quotes")
@requires("you_said.view")
def quote_list(consultation_id: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    return render_template(
        "you_said/quotes.html",
        consultation=consultation,
        approved=quotes.approved(consultation, with_withdrawn=True),
        candidates=quotes.candidates(consultation),
        min_group=quotes.MIN_GROUP,
    )


@bp.route("/consultations/<consultation_id>/you-said-we-did/quotes/approve", methods=["POST"])
@requires("you_said.manage")
def quote_approve(consultation_id: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    form = QuoteForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        quotes.approve(current_user, consultation, form.answer.data or "", form.theme.data or "")
    except quotes.QuoteProblem as problem:
        flash(str(problem), "problem")
    else:
        flash("Quote approved: it shows on the page once the page is published")
    return redirect(url_for(".quote_list", consultation_id=consultation.id))


@bp.route(
    "/consultations/<consultation_id>/you-said-we-did/quotes/<answer_id>/withdraw",
    methods=["POST"],
)
@requires("you_said.manage")
def quote_withdraw(consultation_id: str, answer_id: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    if not PublishForm().validate_on_submit():
        abort(400)
    try:
        quotes.withdraw(current_user, consultation, answer_id)
    except LookupError:
        abort(404)
    flash("Quote withdrawn: it no longer shows anywhere")
    return redirect(url_for(".quote_list", consultation_id=consultation.id))


@bp.route("/consultations/<consultation_id>/you-said-we-did/poster/<lang>")
@requires("you_said.view")
def poster(consultation_id: str, lang: str) -> ResponseReturnValue:
    """A printable A4 poster with a QR code of the public page, in one language."""
    consultation = own(consultation_admin.get, consultation_id)
    if lang not in content_languages(consultation):
        abort(404)
    link = public_url(
        "respond.you_said_we_did", slug=consultation.slug, lang=lang if lang != "en" else None
    )
    printed = posters.poster("you_said/poster.html", consultation, lang, link)
    return render_template(
        "you_said/poster_page.html",
        consultation=consultation,
        poster=printed,
        poster_title=consultation.title.get(lang) or consultation.title.get("en"),
    )
