"""Staff pages: a course's written answers to one question with their themes, and a
person's coding of one answer (which teaches the suggestions)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from engagement.paging import requested_page
from engagement.staff.policy import requires
from engagement.training import coding
from engagement.training.blueprint import bp
from engagement.training.loading import course_or_404
from forms.training import CodeAnswerForm


@bp.route("/training/courses/<course_id>/written/<item_key>")
@requires("training.view")
def written_answers(course_id: str, item_key: str) -> ResponseReturnValue:
    course = course_or_404(course_id)
    page = requested_page()
    found = coding.page_of(course, item_key, page)
    if found is None:
        abort(404)
    question, total, answers = found
    _, themes = coding.starter_codebook()
    return render_template(
        "training/written_answers.html",
        course=course,
        item_key=item_key,
        question=question,
        total=total,
        answers=answers,
        themes=themes,
        page=page,
        pages=max(1, -(-total // coding.PAGE_SIZE)),
        min_group=coding.MIN_GROUP,
    )


@bp.route(
    "/training/courses/<course_id>/written/<item_key>/<evaluation_id>", methods=["GET", "POST"]
)
@requires("training.manage")
def code_answer(course_id: str, item_key: str, evaluation_id: str) -> ResponseReturnValue:
    course = course_or_404(course_id)
    found = coding.one(course, item_key, evaluation_id)
    if found is None:
        abort(404)
    question, answer = found
    _, themes = coding.starter_codebook()
    form = CodeAnswerForm(themes)
    if request.method == "GET":
        form.themes.data = [m.theme_id for m in answer.marks]
    if form.validate_on_submit():
        coding.record(current_user, course, evaluation_id, item_key, form.themes.data or [])
        flash("Coding saved")
        return redirect(url_for(".written_answers", course_id=course.id, item_key=item_key))
    return render_template(
        "training/code_answer.html",
        course=course,
        item_key=item_key,
        question=question,
        answer=answer,
        form=form,
    )
