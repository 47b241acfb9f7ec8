"""Training results checked against figures worked out by hand, and withheld for any cut
of fewer than 5 answers."""

from __future__ import annotations

import io
import zipfile

import openpyxl

from engagement import db
from engagement.accounts.sessions import SignedInUser
from engagement.models import Consultation, Course, StaffUser
from engagement.training import results
from tests.conftest import both_databases
from tests.staff_world import sign_in
from tests.training.training_data import add_course, add_evaluation, add_session

RELEVANT = [5, 4, 4, 3, 5]
BEFORE = [2, 3, 1, 2, 3]
NOW = [4, 4, 3, 5, 3]
FOLLOW_UP = [4, 3, 3, 4, 2]
RECOMMEND = [9, 10, 8, 6, 9]
AGENCY = ["police", "police", "police", "police", "health"]


def _course(app, world) -> tuple[str, str]:
    """Five linked people in one session, and a second session with four answers."""
    with app.app_context(), db.transaction() as s:
        partnership_id = s.get(Consultation, world.consultation).partnership_id
        course = add_course(s, partnership_id, "Neglect: spotting it", [world.people["trainer"].id])
        first = add_session(s, course)
        for n in range(5):
            add_evaluation(
                s, first, "a", link=f"link{n}", agency_type=AGENCY[n], relevant=RELEVANT[n],
                up_to_date=4, confidence_before_0=BEFORE[n], confidence_now_0=NOW[n],
                recommend=RECOMMEND[n], pledge=f"Use the neglect toolkit with family {n}",
            )  # fmt: skip
            add_evaluation(
                s, first, "b", link=f"link{n}", confidence_follow_up_0=FOLLOW_UP[n],
                used="often" if n < 3 else "sometimes", pledge_done="yes",
                changed=["joint_working"] if n % 2 else ["joint_working", "child_voice"],
            )  # fmt: skip
        second = add_session(s, course)
        for _n in range(4):
            add_evaluation(s, second, "a", relevant=1, confidence_before_0=1, confidence_now_0=1)
        return course.id, second.id


def _results(app, world, course_id: str, **filters) -> results.CourseResults:
    with app.test_request_context(), db.transaction() as s:
        person = s.get(StaffUser, world.people["analyst"].id)
        user = SignedInUser(person, "test")
        course = db.session().get(Course, course_id)
        return results.course_results(user, course, results.Filters(**filters))


@both_databases
def test_figures_match_the_hand_worked_ones(app, world):
    course_id, _ = _course(app, world)
    first_session = None
    with app.app_context():
        course = db.session().get(Course, course_id)
        first_session = course.sessions[0].id
    found = _results(app, world, course_id, session_id=first_session)
    assert (found.answered_a, found.answered_b, found.linked) == (5, 5, 5)
    relevant = next(r for text, _l, r in found.items if text.startswith("The course content"))
    # 5+4+4+3+5 = 21 / 5 = 4.2; four of five chose 4 or 5.
    assert (relevant.mean, relevant.counts, relevant.share_positive) == (4.2, (0, 0, 1, 2, 2), 0.8)
    dimension_a = next(r for code, _l, r in found.dimensions if code == "a")
    # Pooled with "up to date" (all 4): 21 + 20 = 41 / 10 = 4.1; 9 of 10 agree.
    assert (dimension_a.n, dimension_a.mean, dimension_a.share_positive) == (10, 4.1, 0.9)
    uplift = found.uplift[0][1]
    # Differences 2, 1, 2, 3, 0: mean 1.6, sd sqrt(1.3), se 0.5099, t(4) 2.776 -> ±1.4156.
    assert (uplift.n, uplift.mean_from, uplift.mean_to, uplift.mean_change) == (5, 2.2, 3.8, 1.6)
    assert (uplift.low, uplift.high) == (0.18, 3.02)
    kept = found.retention[0][1]
    # Now 4 4 3 5 3 -> follow-up 4 3 3 4 2: differences 0 -1 0 -1 -1, mean -0.6,
    # sd sqrt(0.3) = 0.5477, se 0.2449, margin 0.680.
    assert (kept.n, kept.mean_change, kept.low, kept.high) == (5, -0.6, -1.28, 0.08)
    assert found.uplift[1][1] is None  # nobody rated the second objective
    # 9 10 8 6 9: 3 promoters (60%) minus 1 detractor (20%).
    assert found.recommend == (5, 40)
    assert found.used == {"often": 3, "sometimes": 2, "not_yet": 0, "not_applicable": 0}
    assert found.changed["joint_working"] == 5 and found.changed["child_voice"] == 3
    assert [w.question for w in found.written] == [
        "What will you do differently in your practice as a result?"
    ]
    # Each pledge mentions the neglect toolkit: the "Using screening tools" theme, 5 times.
    assert ("What will you do differently in your practice as a result?",
            "Using screening tools", 5) in found.themes  # fmt: skip


def test_any_cut_of_fewer_than_five_is_withheld(app, world):
    course_id, small_session = _course(app, world)
    small = _results(app, world, course_id, session_id=small_session)
    assert small.answered_a == 4 and small.withheld
    assert small.uplift[0][1] is None and small.recommend is None
    police = _results(app, world, course_id, agency_type="police")
    # 4 police officers answered, and their 4 linked follow-ups: below 5, so withheld.
    assert police.answered_a == 4 and police.withheld
    assert all(r is None for _t, _l, r in police.items)
    assert police.retention[0][1] is None
    everyone = _results(app, world, course_id)
    assert everyone.answered_a == 9 and not everyone.withheld
    months = everyone.by_month
    assert months and months[0][1] == 9


def test_the_pages_and_files_show_the_same_figures(app, client, world):
    course_id, small_session = _course(app, world)
    sign_in(client, world.people["trainer"])
    with app.app_context():
        first = db.session().get(Course, course_id).sessions[0].id
    page = client.get(f"/staff/training/courses/{course_id}/results?session={first}").page
    text = page.get_text(" ")
    assert "+1.6" in text and "+0.2 to +3.0" in text and "-0.6" in text
    assert page.select_one("img.app-chart")["alt"].startswith("Diverging bar chart")
    withheld = client.get(f"/staff/training/courses/{course_id}/results?session={small_session}")
    assert "no results are shown" in withheld.page.get_text(" ")
    chart = client.get(f"/staff/training/courses/{course_id}/results/ratings.svg?session={first}")
    assert chart.mimetype == "image/svg+xml" and b"London" in chart.data
    months = client.get(f"/staff/training/courses/{course_id}/results/months.svg")
    assert months.mimetype == "image/svg+xml" and b"Evaluations by month" in months.data
    alt = [img["alt"] for img in page.select("img.app-chart")]
    assert any(a.startswith("Bar chart of evaluations by month") for a in alt)
    sheet = client.get("/staff/training/summary.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(sheet.data))
    rows = list(book.worksheets[0].values)
    assert rows[1][0] == "Neglect: spotting it" and rows[1][3] == 9
    word = client.get(f"/staff/training/courses/{course_id}/feedback.docx")
    with zipfile.ZipFile(io.BytesIO(word.data)) as docx:
        body = docx.read("word/document.xml").decode()
    assert "Relevance, currency and accuracy of content" in body
    assert "Use the neglect toolkit" in body


def test_written_answers_are_redacted_and_a_rare_theme_is_withheld(app, world):
    with app.app_context(), db.transaction() as s:
        partnership_id = s.get(Consultation, world.consultation).partnership_id
        course = add_course(s, partnership_id, "Escalation")
        session = add_session(s, course)
        for n in range(5):
            pledge = "email jo.bloggs@example.org about the referral"
            if n == 0:
                pledge += " and escalate to my manager"
            add_evaluation(s, session, "a", relevant=4, pledge=pledge)
        course_id = course.id
    found = _results(app, world, course_id)
    (written,) = found.written
    assert written.key == "pledge" and len(written.answers) == 5
    assert not any("jo.bloggs@example.org" in a.text for a in written.answers)
    themes = {theme: n for _q, theme, n in found.themes}
    assert themes["Referrals and the front door"] == 5
    assert themes["Escalation and challenge"] is None  # 1 answer: withheld
