"""Staff pages for the codebook and coding: themes, answers, recoding, bulk confirming."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from analysis.counts import shown
from engagement.consultations import admin as consultation_admin
from engagement.consultations.admin import content_languages
from engagement.i18n import BY_CODE
from engagement.models import Consultation, Theme
from engagement.paging import requested_page
from engagement.staff.loading import own
from engagement.staff.policy import requires
from engagement.themes import codebook
from engagement.themes import results as analysis_results
from engagement.themes import settings as analysis_settings
from engagement.themes.blueprint import bp
from forms.analysis import (
    ConfirmSuggestionsForm,
    MergeForm,
    RecodeForm,
    SplitForm,
    ThemeForm,
    theme_form,
)


def _languages(consultation: Consultation) -> list[tuple[str, str]]:
    return [(code, BY_CODE[code].english_name) for code in content_languages(consultation)]


def _theme(consultation: Consultation, theme_id: str) -> Theme:
    theme = codebook.get_theme(consultation.id, theme_id)
    if theme is None:
        abort(404)
    return theme


def _phrases(form: ThemeForm, languages: list[tuple[str, str]]) -> dict[str, list[str]]:
    return {
        code: (getattr(form, f"phrases_{code}").data or "").splitlines() for code, _ in languages
    }


@bp.route("/consultations/<consultation_id>/codebook")
@requires("analysis.view")
def codebook_list(consultation_id: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    return render_template(
        "themes/codebook_list.html",
        consultation=consultation,
        themes=codebook.themes(consultation.id),
        languages=dict(_languages(consultation)),
    )


@bp.route("/consultations/<consultation_id>/codebook/new", methods=["GET", "POST"])
@requires("analysis.manage")
def codebook_new(consultation_id: str) -> ResponseReturnValue:
    """Add a theme; discovery can fill in a name and phrases to start from."""
    consultation = own(consultation_admin.get, consultation_id)
    languages = _languages(consultation)
    form = theme_form(languages)
    del form.priorities  # set on the theme's own page
    if request.method == "GET" and request.args.get("terms"):
        form.phrases_en.data = "\n".join(request.args["terms"].split(","))  # type: ignore[attr-defined]
    if form.validate_on_submit():
        try:
            codebook.add_theme(
                current_user, consultation.id, form.name.data or "", form.description.data or "",
                _phrases(form, languages),
            )  # fmt: skip
        except codebook.CodebookProblem as problem:
            form.name.errors = [str(problem)]
        else:
            flash(f"Theme “{form.name.data}” added. Run the analysis to find its answers.")
            return redirect(url_for(".codebook_list", consultation_id=consultation.id))
    return render_template(
        "themes/codebook_theme.html", consultation=consultation, form=form, theme=None,
        languages=languages,
    )  # fmt: skip


@bp.route("/consultations/<consultation_id>/codebook/<theme_id>", methods=["GET", "POST"])
@requires("analysis.manage")
def codebook_theme(consultation_id: str, theme_id: str) -> ResponseReturnValue:
    """Rename a theme, describe it, change its phrases and its priorities."""
    consultation = own(consultation_admin.get, consultation_id)
    theme = _theme(consultation, theme_id)
    languages = _languages(consultation)
    initial: dict[str, Any] = {}
    if request.method == "GET":
        initial = {
            "name": theme.name,
            "description": theme.description,
            "priorities": [p.id for p in theme.priorities],
            **{f"phrases_{c}": "\n".join(theme.keywords.get(c, [])) for c, _ in languages},
        }
    form = theme_form(languages, data=initial) if initial else theme_form(languages)
    form.priorities.choices = [
        (p.id, p.name) for p in analysis_settings.priorities(current_user.partnership_id)
    ]
    if form.validate_on_submit():
        try:
            codebook.update_theme(
                current_user, consultation.id, theme.id, form.name.data or "",
                form.description.data or "", _phrases(form, languages), form.priorities.data or [],
            )  # fmt: skip
        except codebook.CodebookProblem as problem:
            form.name.errors = [str(problem)]
        else:
            flash(f"Theme “{form.name.data}” saved")
            return redirect(url_for(".codebook_list", consultation_id=consultation.id))
    return render_template(
        "themes/codebook_theme.html", consultation=consultation, form=form, theme=theme,
        languages=languages,
    )  # fmt: skip


@bp.route("/consultations/<consultation_id>/codebook/<theme_id>/merge", methods=["GET", "POST"])
@requires("analysis.manage")
def codebook_merge(consultation_id: str, theme_id: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    theme = _theme(consultation, theme_id)
    form = MergeForm()
    form.target.choices = [
        (t.id, t.name) for t in codebook.themes(consultation.id) if t.id != theme.id
    ]
    if form.validate_on_submit():
        try:
            codebook.merge(current_user, consultation.id, theme.id, form.target.data or "")
        except codebook.CodebookProblem as problem:  # merged already, in another tab
            form.target.errors = [str(problem)]
        else:
            flash(f"“{theme.name}” merged")
            return redirect(url_for(".codebook_list", consultation_id=consultation.id))
    return render_template(
        "themes/codebook_merge.html", consultation=consultation, theme=theme, form=form
    )


@bp.route("/consultations/<consultation_id>/codebook/<theme_id>/split", methods=["GET", "POST"])
@requires("analysis.manage")
def codebook_split(consultation_id: str, theme_id: str) -> ResponseReturnValue:
    consultation = own(consultation_admin.get, consultation_id)
    theme = _theme(consultation, theme_id)
    form = SplitForm()
    form.phrases.choices = [
        (
            f"{lang}:{phrase}",
            f"{phrase} ({BY_CODE[lang].english_name})" if lang in BY_CODE else phrase,
        )
        for lang, phrases in theme.keywords.items()
        for phrase in phrases
    ]
    if form.validate_on_submit():
        try:
            codebook.split(
                current_user, consultation.id, theme.id, form.name.data or "",
                form.phrases.data or [],
            )  # fmt: skip
        except codebook.CodebookProblem as problem:
            form.name.errors = [str(problem)]
        else:
            flash(f"New theme “{form.name.data}” made. Run the analysis to find its answers.")
            return redirect(url_for(".codebook_list", consultation_id=consultation.id))
    return render_template(
        "themes/codebook_split.html", consultation=consultation, theme=theme, form=form
    )


@bp.route("/consultations/<consultation_id>/analysis/<key>/answers")
@requires("analysis.view")
def analysis_answers(consultation_id: str, key: str) -> ResponseReturnValue:
    """Answers to one question, redacted, with their themes: a theme's or all."""
    consultation = own(consultation_admin.get, consultation_id)
    question = analysis_results.free_text_questions(consultation).get(key)
    if question is None:
        abort(404)
    themes = {t.id: t for t in codebook.themes(consultation.id)}
    theme_id = request.args.get("theme", "")
    if theme_id and theme_id not in themes:
        abort(404)
    page = requested_page()
    rows, total = codebook.answers_page(consultation.id, key, theme_id, page)
    return render_template(
        "themes/answers.html",
        consultation=consultation,
        key=key,
        question=question,
        theme=themes.get(theme_id),
        themes=themes,
        rows=rows,
        codings=codebook.codings([r.answer_id for r in rows]),
        page=page,
        pages=max(1, -(-total // 25)),
        total=total,
        shown=shown,
    )


@bp.route("/consultations/<consultation_id>/answers/<answer_id>", methods=["GET", "POST"])
@requires("analysis.manage")
def analysis_recode(consultation_id: str, answer_id: str) -> ResponseReturnValue:
    """A person's coding of one answer: themes and sentiment."""
    consultation = own(consultation_admin.get, consultation_id)
    found = codebook.answer(consultation.id, answer_id)
    if found is None:
        abort(404)
    current = codebook.codings([answer_id])[answer_id]
    form = RecodeForm()
    form.themes.choices = [(t.id, t.name) for t in codebook.themes(consultation.id)]
    if request.method == "GET":
        form.themes.data = [c.theme_id for c in current if c.state != "rejected"]
        form.sentiment.data = found.sentiment
    if form.validate_on_submit():
        try:
            codebook.recode(
                current_user, consultation.id, answer_id, form.themes.data or [],
                form.sentiment.data or "",
            )  # fmt: skip
        except codebook.CodebookProblem as problem:
            form.themes.errors = [str(problem)]
        else:
            flash("Coding saved")
            return redirect(
                url_for(
                    ".analysis_answers", consultation_id=consultation.id, key=found.question_key
                )
            )
    return render_template(
        "themes/recode.html",
        consultation=consultation,
        found=found,
        current=current,
        form=form,
        question=analysis_results.free_text_questions(consultation).get(found.question_key, ""),
    )


@bp.route("/consultations/<consultation_id>/analysis/<key>/confirm", methods=["POST"])
@requires("analysis.manage")
def analysis_confirm(consultation_id: str, key: str) -> ResponseReturnValue:
    """Confirm a theme's suggestions in bulk, down to a chosen confidence."""
    consultation = own(consultation_admin.get, consultation_id)
    if key not in analysis_results.free_text_questions(consultation):
        abort(404)
    form = ConfirmSuggestionsForm()
    form.theme.choices = [(t.id, t.name) for t in codebook.themes(consultation.id)]
    if form.validate_on_submit():
        count = codebook.confirm_suggestions(
            current_user, consultation.id, key, form.theme.data or "", float(form.at_least.data)
        )
        flash(f"{count} suggestions confirmed")
    else:
        flash("Nothing confirmed: choose a theme and how sure the suggestions must be")
    return redirect(url_for(".analysis_question", consultation_id=consultation.id, key=key))
