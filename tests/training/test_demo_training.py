"""The demo's year of training shows real patterns on the results pages."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from engagement import db
from engagement.accounts.sessions import SignedInUser
from engagement.demo.training import seed_training
from engagement.models import (
    Consultation,
    Course,
    StaffUser,
    TrainingEvaluation,
    TrainingSession,
)
from engagement.training import results
from tests.conftest import both_databases
from tests.staff_world import sign_in


def _seed(app, world) -> None:
    with app.app_context(), db.transaction() as s:
        partnership_id = s.get(Consultation, world.consultation).partnership_id
        seed_training(s, partnership_id, dt.date.today())


@both_databases
def test_the_demo_year_shows_uplift_fading_and_online_differences(app, world):
    _seed(app, world)
    with app.test_request_context(), db.transaction() as s:
        user = SignedInUser(s.get(StaffUser, world.people["analyst"].id), "test")
        courses = {c.title: c for c in db.session().scalars(sa.select(Course))}
        found = {
            title: results.course_results(user, course, results.Filters())
            for title, course in courses.items()
        }
        evaluations = db.session().scalars(sa.select(TrainingEvaluation)).all()
        online_ids = set(
            db.session().scalars(
                sa.select(TrainingSession.id).where(TrainingSession.mode == "online")
            )
        )
    assert len(found) == 5
    for title, result in found.items():
        assert result.answered_a >= 40 and result.linked >= 5, title
        for _objective, change in result.uplift:
            assert change.mean_change > 0.5 and change.low > 0, title  # a real rise
        assert any(kept and kept.mean_change < 0 for _o, kept in result.retention), title
    exploitation = found["Child exploitation and county lines"].uplift[0][1].mean_change
    foundation = found["Safeguarding foundation"].uplift[0][1].mean_change
    assert exploitation > foundation
    form_a = [e for e in evaluations if e.stage == "a"]
    online = [e.answers["format_worked"] for e in form_a if e.session_id in online_ids]
    in_person = [e.answers["format_worked"] for e in form_a if e.session_id not in online_ids]
    assert sum(online) / len(online) < sum(in_person) / len(in_person) - 0.4
    months = {e.submitted_on.strftime("%Y-%m") for e in evaluations}
    assert len(months) >= 10  # through the year
    # Some pledges are coded by a person, so what nobody coded gets learned suggestions.
    pledges = [w for r in found.values() for w in r.written if w.key == "pledge"]
    assert sum(w.coded for w in pledges) == 24
    learned = {m.source for w in pledges for a in w.answers for m in a.marks}
    assert learned == {"staff", "codebook", "model"}


def test_every_demo_course_page_renders(app, client, world):
    _seed(app, world)
    with app.app_context():
        ids = [c.id for c in db.session().scalars(sa.select(Course))]
    sign_in(client, world.people["analyst"])
    for course_id in ids:
        page = client.get(f"/staff/training/courses/{course_id}/results")
        assert page.status_code == 200
        assert "no results are shown" not in page.page.get_text(" ")
    overview = client.get("/staff/training/results")
    assert overview.status_code == 200 and "Fewer than 5" not in overview.page.get_text(" ")
