"""Loading what a training page is about: a course or session the signed-in person may
see (a trainer, only their own), or the page is not found."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from engagement.models import Course, TrainingSession
from engagement.training import courses


def course_or_404(course_id: str) -> Course:
    found = courses.get(current_user, course_id)
    if found is None:
        abort(404)
    return found


def session_or_404(session_id: str) -> TrainingSession:
    found = courses.get_session(current_user, session_id)
    if found is None:
        abort(404)
    return found
