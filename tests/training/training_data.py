"""Training test data: courses, sessions and evaluations made directly, for the tests
that are not about making them."""

from __future__ import annotations

import datetime as dt
import secrets

from engagement import clock, db
from engagement.models import (
    Consultation,
    Course,
    StaffUser,
    TrainingEvaluation,
    TrainingForm,
    TrainingSession,
)
from engagement.training.evaluation_forms import raw_built_in
from engagement.training.evaluations import summary_columns

OBJECTIVES = ["recognise the signs of neglect", "make a good referral"]


def add_course(s, partnership_id: str, title: str, trainer_ids=()) -> Course:
    course = Course(
        partnership_id=partnership_id, title=title, objectives=list(OBJECTIVES), level="2",
        audience="Everyone", trainers=[s.get(StaffUser, t) for t in trainer_ids],
    )  # fmt: skip
    s.add(course)
    s.flush()
    return course


def add_session(s, course: Course, held_on: dt.date | None = None) -> TrainingSession:
    held_on = held_on or clock.today()
    session = TrainingSession(
        course_id=course.id, held_on=held_on, mode="face_to_face", venue="Town hall",
        attendance={"police": 6, "education": 4}, code=secrets.token_hex(5),
        salt=secrets.token_hex(16), follow_up_opens_on=held_on + dt.timedelta(weeks=8),
        follow_up_closes_on=held_on + dt.timedelta(weeks=16),
    )  # fmt: skip
    s.add(session)
    s.flush()
    return session


def add_evaluation(s, session: TrainingSession, stage: str = "a", link: str | None = None,
                   agency_type: str | None = None, **answers) -> TrainingEvaluation:  # fmt: skip
    evaluation = TrainingEvaluation(
        session_id=session.id,
        stage=stage,
        submitted_on=session.held_on,
        receipt_hash=secrets.token_hex(32),
        link_hash=link,
        agency_type=agency_type,
        answers=answers,
        **(summary_columns(answers) if stage == "a" else {}),
    )
    s.add(evaluation)
    s.flush()
    return evaluation


def matrix_ids(app, world) -> dict[str, str]:
    """A course the trainer runs (with 5 evaluations), one they don't, and one in another
    partnership; a session of each of the first two."""
    with app.app_context(), db.transaction() as s:
        partnership_id = s.get(Consultation, world.consultation).partnership_id
        foreign_partnership = s.get(Consultation, world.foreign_consultation).partnership_id
        mine = add_course(s, partnership_id, "Neglect: spotting it", [world.people["trainer"].id])
        theirs = add_course(s, partnership_id, "Working together", [world.people["analyst"].id])
        foreign = add_course(s, foreign_partnership, "Elsewhere's course")
        mine_session = add_session(s, mine)
        theirs_session = add_session(s, theirs)
        for n in range(5):
            evaluation = add_evaluation(
                s, mine_session, relevant=4 + n % 2, up_to_date=4, trainer_clear=5,
                format_worked=3, other_agencies=4, confidence_before_0=2, confidence_now_0=4,
                confidence_before_1=3, confidence_now_1=4, pledge=f"I will check chronology {n}",
            )  # fmt: skip
        copy = TrainingForm(
            partnership_id=partnership_id, stage="a", name="Our Form A", copied_from="built_in_a",
            items=raw_built_in("built_in_a"),
        )  # fmt: skip
        theirs_copy = TrainingForm(
            partnership_id=foreign_partnership, stage="a", name="Their Form A",
            copied_from="built_in_a", items=raw_built_in("built_in_a"),
        )  # fmt: skip
        s.add_all([copy, theirs_copy])
        s.flush()
        return {
            "training_form": copy.id,
            "foreign_training_form": theirs_copy.id,
            "course": mine.id,
            "other_course": theirs.id,
            "foreign_course": foreign.id,
            "training_session": mine_session.id,
            "training_evaluation": evaluation.id,
            "other_training_session": theirs_session.id,
        }
