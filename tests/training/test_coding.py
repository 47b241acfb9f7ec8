"""Themes in practitioners' written answers: suggested by the starter codebook, coded by a
person, and learned from that coding for the answers nobody has coded yet."""

from __future__ import annotations

import sqlalchemy as sa

from engagement import db
from engagement.accounts.sessions import SignedInUser
from engagement.models import Consultation, Course, StaffUser, TrainingCoding
from engagement.training import coding
from tests.conftest import both_databases
from tests.staff_world import csrf, sign_in
from tests.training.training_data import add_course, add_evaluation, add_session


def _course(app, world, pledges: list[str]) -> tuple[str, list[str]]:
    with app.app_context(), db.transaction() as s:
        partnership_id = s.get(Consultation, world.consultation).partnership_id
        course = add_course(s, partnership_id, "Neglect: spotting it", [world.people["trainer"].id])
        session = add_session(s, course)
        ids = [add_evaluation(s, session, "a", relevant=4, pledge=p).id for p in pledges]
        return course.id, ids


def _rows(page) -> dict[str, str]:
    """Answer text -> its themes cell, from the written answers page."""
    found = {}
    for row in page.page.select("tbody tr"):
        cells = row.select("td")
        found[cells[0].get_text(" ", strip=True)] = cells[1].get_text(" ", strip=True)
    return found


@both_databases
def test_a_person_s_coding_replaces_the_suggestions(app, client, world):
    pledges = [f"Check the chronology for family {n}" for n in range(5)]
    pledges.append("Make a referral to the front door sooner, and escalate if I disagree")
    course_id, ids = _course(app, world, pledges)
    sign_in(client, world.people["analyst"])
    url = f"/staff/training/courses/{course_id}/written/pledge"
    rows = _rows(client.get(url))
    assert len(rows) == 6
    suggested = rows[pledges[-1]]
    assert "Referrals and the front door (suggested)" in suggested
    assert "Escalation and challenge (suggested)" in suggested

    code_url = f"{url}/{ids[-1]}"
    form = client.get(code_url)
    ticked = {i["value"] for i in form.page.select("input[name=themes][checked]")}
    assert ticked == {"referrals", "escalation"}
    response = client.post(code_url, data={"csrf_token": csrf(form), "themes": ["escalation"]})
    assert response.status_code == 302 and response.headers["Location"].endswith(url)

    assert _rows(client.get(url))[pledges[-1]] == "Escalation and challenge (confirmed)"
    with app.app_context():
        decided = dict(
            db.session()
            .execute(
                sa.select(TrainingCoding.theme_id, TrainingCoding.confirmed).where(
                    TrainingCoding.evaluation_id == ids[-1]
                )
            )
            .all()
        )
    assert decided["escalation"] is True and decided["referrals"] is False
    assert len(decided) == len(coding.starter_codebook()[1])  # every theme decided
    results = client.get(f"/staff/training/courses/{course_id}/results")
    assert "6 answers, 1 coded by a person" in results.page.get_text(" ", strip=True)


def test_the_suggestions_learn_from_what_people_coded(app, client, world):
    """ "Clinical lead" and "designated nurse" are in no theme's words: once people have
    coded answers that use them, an answer nobody has coded gets those themes."""
    coded = [f"Talk it through with my clinical lead, case {n}" for n in range(6)]
    coded += [f"Ring the designated nurse about case {n}" for n in range(6)]
    fresh = ["Ask my clinical lead before I close it", "Phone the designated nurse first"]
    course_id, ids = _course(app, world, coded + fresh)
    with app.test_request_context():
        person = SignedInUser(db.session().get(StaffUser, world.people["analyst"].id), "test")
        course = db.session().get(Course, course_id)
        before = coding.page_of(course, "pledge", 1)
        for evaluation_id, text in zip(ids, coded, strict=False):
            theme = "manager_support" if "clinical lead" in text else "joint_working"
            coding.record(person, course, evaluation_id, "pledge", [theme])
    assert not [a for a in before[2] if a.marks]  # nothing suggested before any coding
    sign_in(client, world.people["trainer"])
    rows = _rows(client.get(f"/staff/training/courses/{course_id}/written/pledge"))
    assert rows[fresh[0]].startswith("Support from managers (suggested, ")
    assert "% sure" in rows[fresh[0]] and "Working with other agencies" not in rows[fresh[0]]
    assert rows[fresh[1]].startswith("Working with other agencies (suggested, ")
    assert rows[coded[0]] == "Support from managers (confirmed)"


def test_fewer_than_five_answers_are_never_shown(app, client, world):
    course_id, ids = _course(app, world, [f"Use the toolkit {n}" for n in range(4)])
    sign_in(client, world.people["analyst"])
    page = client.get(f"/staff/training/courses/{course_id}/written/pledge")
    assert page.status_code == 200
    assert "Use the toolkit" not in page.get_data(as_text=True)
    assert "once 5 or more people" in page.page.get_text(" ", strip=True)
    code = client.get(f"/staff/training/courses/{course_id}/written/pledge/{ids[0]}")
    assert code.status_code == 404


def test_bad_coding_gets_a_message_and_changes_nothing(app, client, world):
    course_id, ids = _course(app, world, [f"Use the toolkit {n}" for n in range(5)])
    sign_in(client, world.people["analyst"])
    url = f"/staff/training/courses/{course_id}/written/pledge/{ids[0]}"
    form = client.get(url)
    response = client.post(url, data={"csrf_token": csrf(form), "themes": ["not-a-theme"]})
    assert response.status_code == 200
    assert response.page.select_one(".govuk-error-summary")
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count()).select_from(TrainingCoding)) == 0
    other = client.get(f"/staff/training/courses/{course_id}/written/pledge/not-an-answer")
    assert other.status_code == 404
