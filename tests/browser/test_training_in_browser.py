"""Training evaluation in Debian's Chromium, served by gunicorn with the production
config: a course and a session made on the staff pages, Form A answered on a phone with
JavaScript off, the reminder command, Form B with the code, the linked result; and zero
axe violations on every training page at 320 and 1280 px."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pyotp
import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page
from sqlalchemy.orm import Session

from engagement import clock, db
from engagement.accounts.credentials import hash_password
from engagement.demo.training import seed_training
from engagement.models import (
    Course,
    Partnership,
    StaffUser,
    TrainingEvaluation,
    TrainingForm,
    TrainingReminder,
    TrainingSession,
)
from engagement.training.evaluation_forms import raw_built_in
from tests.browser.journey import axe_violations, no_horizontal_scroll
from tests.conftest import make_app

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
ANALYST = "analyst@training.example.org"
EMAIL = "practitioner-canary@example.org"
PLEDGE = "Use the neglect screening tool at every home visit"
PHONE = {"width": 375, "height": 740}


@dataclass
class World:
    url: str
    database: str
    secret: str
    demo_course: str


@pytest.fixture(scope="module")
def world(live_server) -> World:
    url = f"sqlite:///{live_server.database_path}"
    engine = db.make_engine(url)
    secret = pyotp.random_base32()
    with Session(bind=engine) as s, s.begin():
        partnership = s.scalar(sa.select(Partnership))
        s.add(
            StaffUser(
                partnership_id=partnership.id, email=ANALYST, name="Tess Trainer-Lead",
                role="analyst", password_hash=hash_password(PASSWORD), totp_secret=secret,
                created_at=clock.now(),
            )
        )  # fmt: skip
        if not s.scalar(sa.select(sa.func.count(Course.id))):
            seed_training(s, partnership.id, dt.date.today())
        demo = s.scalar(sa.select(Course.id).where(Course.title == "Safeguarding foundation"))
    engine.dispose()
    return World(live_server.url, url, secret, demo)


def _sign_in(browser: Browser, world: World, width: int = 1280) -> Page:
    engine = db.make_engine(world.database)
    with Session(bind=engine) as s, s.begin():
        s.execute(
            sa.update(StaffUser).where(StaffUser.email == ANALYST).values(totp_last_step=None)
        )
    engine.dispose()
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(f"{world.url}/staff/sign-in")
    page.fill("#email", ANALYST)
    page.fill("#password", PASSWORD)
    page.click("main button.govuk-button")
    page.fill("#code", pyotp.TOTP(world.secret).now())
    page.click("main button.govuk-button")
    assert page.url.endswith("/staff/"), page.url
    return page


def _phone(browser: Browser) -> Page:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, is_mobile=True)
    return context.new_page()


def _choose(page: Page, name: str, value: str) -> None:
    page.check(f"input[name='{name}'][value='{value}']")


def test_the_whole_cycle_on_a_phone_without_javascript(browser, world):
    staff = _sign_in(browser, world)
    staff.click("text=Training")
    staff.click("main a.govuk-button:has-text('Add a course')")
    staff.fill("#title", "Neglect in older children")
    staff.fill("#objectives", "recognise neglect in teenagers\nuse the screening tool")
    _choose(staff, "level", "2")
    staff.click("main button.govuk-button")
    assert "Course added" in staff.inner_text("body")
    staff.click("main a.govuk-button:has-text('Add a session')")
    today = dt.date.today()
    staff.fill("#held_on-day", str(today.day))
    staff.fill("#held_on-month", str(today.month))
    staff.fill("#held_on-year", str(today.year))
    _choose(staff, "mode", "face_to_face")
    staff.fill("#attended_police", "7")
    staff.fill("#attended_education", "5")
    staff.click("main button.govuk-button")
    link = staff.locator("dd bdi").inner_text()
    assert re.search(r"/training/[a-z0-9]+$", link), link
    session_url = staff.url

    phone = _phone(browser)
    phone.goto(link)
    assert no_horizontal_scroll(phone)
    for item in ("relevant", "up_to_date", "trainer_clear", "format_worked", "other_agencies"):
        _choose(phone, item, "4")
    for n in range(2):
        _choose(phone, f"confidence_before_{n}", "2")
        _choose(phone, f"confidence_now_{n}", "4")
    phone.fill("#pledge", PLEDGE)
    _choose(phone, "agency_type", "health")
    _choose(phone, "follow_up", "yes")
    phone.fill("#email", EMAIL)
    phone.click("main button.govuk-button")
    code = phone.locator(".app-follow-up-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code), code

    # Nine weeks on: the session's dates move back, as time would have moved them.
    engine = db.make_engine(world.database)
    with Session(bind=engine) as s, s.begin():
        session = s.scalar(sa.select(TrainingSession).where(TrainingSession.code == link[-10:]))
        for column in ("held_on", "follow_up_opens_on", "follow_up_closes_on"):
            setattr(session, column, getattr(session, column) - dt.timedelta(weeks=9))
        s.execute(sa.update(TrainingReminder).values(due_on=today - dt.timedelta(weeks=1)))
    engine.dispose()
    command_app = make_app(world.database)
    result = command_app.test_cli_runner().invoke(args=["training-reminders"])
    assert "Sent 1" in result.output, result.output
    (email,) = command_app.extensions["outbox"]
    assert email["to"] == EMAIL and code not in email["body"]
    follow_up = re.search(r"http\S+/follow-up", email["body"]).group(0)
    command_app.extensions["engine"].dispose()
    with Session(bind=db.make_engine(world.database)) as s:
        assert not s.scalar(sa.select(sa.func.count(TrainingReminder.id)))  # deleted

    phone.goto(world.url + follow_up[follow_up.index("/training/") :])
    phone.fill("#code", code.lower())
    phone.click("main button.govuk-button")
    assert PLEDGE in phone.inner_text(".govuk-inset-text")
    assert no_horizontal_scroll(phone)
    _choose(phone, "used", "often")
    for n in range(2):
        _choose(phone, f"confidence_follow_up_{n}", "4")
    _choose(phone, "pledge_done", "yes")
    phone.check("input[name='changed'][value='joint_working']")
    phone.click("main button.govuk-button")
    assert "Your follow-up has been sent" in phone.inner_text("main")
    phone.goto(world.url + follow_up[follow_up.index("/training/") :])
    phone.fill("#code", code)
    phone.click("main button.govuk-button")
    assert "already been answered" in phone.inner_text("main")

    staff.goto(session_url)
    assert "1 evaluations, 1 follow-ups" in staff.inner_text("main")
    staff.click(".govuk-back-link")
    staff.click("main a.govuk-link:text-is('Results')")
    summary = staff.inner_text("main")
    assert "1 follow-ups, 1 of them linked" in summary
    assert "Fewer than 5 people have answered" in summary


def _training_pages(world: World) -> tuple[list[str], str]:
    """Every training page: staff pages of a demo course, and the practitioner's pages of
    a session held today whose follow-up is open too."""
    today = dt.date.today()
    engine = db.make_engine(world.database)
    with Session(bind=engine) as s, s.begin():
        session = TrainingSession(
            course_id=world.demo_course, held_on=today, mode="online", venue="Teams",
            attendance={"health": 3}, code="axecheck01", salt="salt",
            follow_up_opens_on=today - dt.timedelta(days=1),
            follow_up_closes_on=today + dt.timedelta(weeks=8),
        )  # fmt: skip
        s.add(session)
        s.flush()
        session_id, code = session.id, session.code
        partnership_id = s.scalar(
            sa.select(Course.partnership_id).where(Course.id == world.demo_course)
        )
        copy = TrainingForm(
            partnership_id=partnership_id, stage="b", name="Our Form B", copied_from="built_in_b",
            items=raw_built_in("built_in_b"),
        )  # fmt: skip
        s.add(copy)
        s.flush()
        form_id = copy.id
        pledged = s.scalars(
            sa.select(TrainingEvaluation)
            .join(TrainingSession, TrainingSession.id == TrainingEvaluation.session_id)
            .where(TrainingSession.course_id == world.demo_course, TrainingEvaluation.stage == "a")
        ).all()
        answer_id = next(e.id for e in pledged if e.answers.get("pledge"))
    engine.dispose()
    staff = [
        "/staff/training", "/staff/training/courses/new",
        f"/staff/training/courses/{world.demo_course}",
        f"/staff/training/courses/{world.demo_course}/sessions/new",
        f"/staff/training/courses/{world.demo_course}/results",
        f"/staff/training/sessions/{session_id}", f"/staff/training/sessions/{session_id}/poster",
        "/staff/training/results", "/staff/training/forms", f"/staff/training/forms/{form_id}",
        f"/staff/training/courses/{world.demo_course}/written/pledge",
        f"/staff/training/courses/{world.demo_course}/written/pledge/{answer_id}",
    ]  # fmt: skip
    return staff, code


def test_every_training_page_has_no_axe_violations_at_320_and_1280(browser, world, axe_source):
    staff_paths, code = _training_pages(world)
    for width in (320, 1280):
        staff = _sign_in(browser, world, width)
        for path in staff_paths:
            staff.goto(world.url + path)
            assert axe_violations(staff, axe_source) == [], (width, path)
            assert no_horizontal_scroll(staff), (width, path)
        phone = browser.new_context(viewport={"width": width, "height": 800}).new_page()
        for path in (f"/training/{code}", f"/training/{code}/follow-up"):
            phone.goto(world.url + path)
            assert axe_violations(phone, axe_source) == [], (width, path)
            assert no_horizontal_scroll(phone), (width, path)
        # The error states: a page sent empty, and a wrong follow-up code.
        phone.goto(f"{world.url}/training/{code}")
        phone.click("main button.govuk-button")
        assert phone.locator(".govuk-error-summary").is_visible()
        assert axe_violations(phone, axe_source) == [], (width, "form A errors")
        phone.goto(f"{world.url}/training/{code}/follow-up")
        phone.fill("#code", "WRNG-CODE")
        phone.click("main button.govuk-button")
        assert axe_violations(phone, axe_source) == [], (width, "wrong code")
        # Answered through: the code shown once, Form B with the pledge, the thanks.
        phone.goto(f"{world.url}/training/{code}")
        for item in ("relevant", "up_to_date", "trainer_clear", "format_worked", "other_agencies"):
            _choose(phone, item, "5")
        for n in range(2):
            _choose(phone, f"confidence_before_{n}", "3")
            _choose(phone, f"confidence_now_{n}", "4")
        phone.fill("#pledge", PLEDGE)
        _choose(phone, "follow_up", "yes")
        phone.click("main button.govuk-button")
        follow_up_code = phone.locator(".app-follow-up-code").inner_text().strip()
        assert axe_violations(phone, axe_source) == [], (width, "thank you")
        phone.goto(f"{world.url}/training/{code}/follow-up")
        phone.fill("#code", follow_up_code)
        phone.click("main button.govuk-button")
        assert axe_violations(phone, axe_source) == [], (width, "form B")
        assert no_horizontal_scroll(phone), (width, "form B")
        _choose(phone, "used", "often")
        for n in range(2):
            _choose(phone, f"confidence_follow_up_{n}", "4")
        phone.click("main button.govuk-button")
        assert "Your follow-up has been sent" in phone.inner_text("main")
        assert axe_violations(phone, axe_source) == [], (width, "follow-up thanks")
        phone.context.close()
        staff.context.close()
