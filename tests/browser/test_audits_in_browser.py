"""Section 11 returns in Debian's Chromium: a whole cycle from answering to the
partnership's review, saving as people type, typing kept through a sign-out, and zero
axe violations on the audit pages (also at 320 px)."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

import pyotp
import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect
from sqlalchemy.orm import Session

from engagement import clock, db
from engagement.accounts.credentials import hash_password
from engagement.models import (
    Agency,
    AuditAnswer,
    AuditChallenge,
    AuditCycle,
    AuditFramework,
    AuditModeration,
    AuditReturn,
    Partnership,
    ReturnStatus,
    StaffSession,
    StaffUser,
)
from engagement.section11.cycles import new_practitioner_code
from engagement.section11.frameworks import add_built_in
from tests.browser.journey import axe_violations, no_horizontal_scroll

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
CYCLE = "Browser test 2026-27"
SAVED = re.compile(r"Saved at \d\d:\d\d")
SIGNED_OUT = "You have been signed out. Your typing is kept on this device"
SAVE_WAIT = 10_000  # ms: a 2-second pause, then the request
# email: (agency key, role, senior lead, name)
USERS = {
    "lead@health.example.org": ("health", "agency_lead", False, "Hana Lead"),
    "senior@health.example.org": ("health", "agency_lead", True, "Sam Senior"),
    "lead@youth.example.org": ("youth", "agency_lead", False, "Yusuf Lead"),
    "colleague@youth.example.org": ("youth", "agency_lead", False, "Cara Colleague"),
    "analyst@audits.example.org": (None, "analyst", False, "Ada Analyst"),
}


@dataclass
class World:
    url: str
    database: str
    cycle: str
    standards: list[tuple[str, str, list[str]]]  # id, code, question ids, in order
    returns: dict[str, str]  # agency key: return id
    secrets: dict[str, str]  # email: TOTP secret

    def query(self, statement):  # type: ignore[no-untyped-def]
        engine = db.make_engine(self.database)
        try:
            with Session(bind=engine) as s:
                return s.execute(statement).all()
        finally:
            engine.dispose()

    def answer(self, agency: str, question: str) -> AuditAnswer | None:
        rows = self.query(
            sa.select(AuditAnswer).where(
                AuditAnswer.return_id == self.returns[agency], AuditAnswer.question_id == question
            )
        )
        return rows[0][0] if rows else None

    def end_sessions(self, email: str) -> None:
        """What signing out elsewhere, or the idle time-out, does: the server ends them."""
        engine = db.make_engine(self.database)
        try:
            with Session(bind=engine) as s, s.begin():
                user = sa.select(StaffUser.id).where(StaffUser.email == email).scalar_subquery()
                s.execute(
                    sa.update(StaffSession)
                    .where(StaffSession.user_id == user, StaffSession.ended_at.is_(None))
                    .values(ended_at=clock.now())
                )
        finally:
            engine.dispose()

    def standard_url(self, agency: str, index: int) -> str:
        return_id, standard_id = self.returns[agency], self.standards[index][0]
        return f"{self.url}/staff/audits/returns/{return_id}/standards/{standard_id}"


@pytest.fixture(scope="module")
def world(live_server) -> World:
    """Two agencies in a Section 11 cycle, their leads, a senior lead and an analyst,
    written straight into the live server's database."""
    url = f"sqlite:///{live_server.database_path}"
    engine = db.make_engine(url)
    secrets = {}
    with Session(bind=engine) as s, s.begin():
        partnership = s.scalar(sa.select(Partnership))
        agencies = {
            "health": Agency(
                partnership_id=partnership.id, name="Northshire Community Health", sector="health"
            ),
            "youth": Agency(
                partnership_id=partnership.id,
                name="Northshire Youth Service",
                sector="local_authority",
            ),
        }
        s.add_all(agencies.values())
        s.flush()
        for email, (agency, role, senior, name) in USERS.items():
            secrets[email] = pyotp.random_base32()
            s.add(
                StaffUser(
                    partnership_id=partnership.id, email=email, name=name, role=role,
                    agency_id=agencies[agency].id if agency else None, senior_lead=senior,
                    password_hash=hash_password(PASSWORD), totp_secret=secrets[email],
                    created_at=clock.now(),
                )
            )  # fmt: skip
        add_built_in(s, partnership.id)
        s.flush()
        framework = s.scalar(
            sa.select(AuditFramework).where(
                AuditFramework.partnership_id == partnership.id,
                AuditFramework.kind == "section_11",
                AuditFramework.copied_from_id.is_(None),
            )
        )
        today = dt.date.today()
        cycle = AuditCycle(
            partnership_id=partnership.id, framework_id=framework.id, name=CYCLE,
            opens_on=today - dt.timedelta(days=10), due_on=today + dt.timedelta(days=30),
            created_at=clock.now(),
        )  # fmt: skip
        s.add(cycle)
        s.flush()
        returns = {}
        for key, agency in agencies.items():
            audit_return = AuditReturn(
                cycle_id=cycle.id, agency_id=agency.id, status=ReturnStatus.NOT_STARTED,
                practitioner_code=new_practitioner_code(),
            )  # fmt: skip
            s.add(audit_return)
            s.flush()
            returns[key] = audit_return.id
        standards = [
            (standard.id, standard.code, [q.id for q in standard.questions])
            for standard in framework.standards
        ]
        cycle_id = cycle.id
    engine.dispose()
    return World(live_server.url, url, cycle_id, standards, returns, secrets)


def sign_in(world: World, page: Page, email: str) -> Page:
    """Sign in with a password and an authenticator code (each code works once, so the
    user's last code is forgotten first: the tests sign some people in twice)."""
    engine = db.make_engine(world.database)
    with Session(bind=engine) as s, s.begin():
        s.execute(sa.update(StaffUser).where(StaffUser.email == email).values(totp_last_step=None))
    engine.dispose()
    page.goto(f"{world.url}/staff/sign-in")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("main button.govuk-button")
    page.fill("#code", pyotp.TOTP(world.secrets[email]).now())
    page.click("main button.govuk-button")
    assert page.url.endswith("/staff/"), page.url
    return page


SCRIPT_ERRORS: list[str] = []


@pytest.fixture(autouse=True)
def no_script_errors():
    SCRIPT_ERRORS.clear()
    yield
    assert SCRIPT_ERRORS == []


def new_page(browser: Browser, world: World, email: str, width: int = 1280) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.on("weberror", lambda error: SCRIPT_ERRORS.append(str(error.error)))
    return sign_in(world, context.new_page(), email)


def flash(page: Page) -> str:
    return page.locator(".govuk-notification-banner").inner_text()


def test_a_whole_cycle_in_the_browser(browser, axe_source, world):
    # The agency lead answers every standard and sends the return for sign-off.
    page = new_page(browser, world, "lead@health.example.org")
    page.get_by_role("link", name="Audit returns", exact=True).click()
    page.get_by_role("link", name=re.compile(CYCLE)).click()
    return_id = world.returns["health"]
    assert page.url.endswith(f"/staff/audits/returns/{return_id}")
    _, first_code, _ = world.standards[0]
    page.locator("main table a.govuk-link").first.click()
    for index, (standard_id, code, questions) in enumerate(world.standards):
        page.wait_for_url(f"**/standards/{standard_id}")
        for number, question in enumerate(questions, start=1):
            page.check(f"input[name=rating_{question}][value=fully]")
            page.fill(f"textarea[name=evidence_{question}]", f"{code}.{number}: policy in place.")
        last = index == len(world.standards) - 1
        page.click(f"form[data-autosave] button[value={'overview' if last else 'next'}]")
    page.wait_for_url(f"**/staff/audits/returns/{return_id}")
    assert all(
        re.fullmatch(r"(\d+) of \1", cell)
        for cell in page.locator("main table tbody td:nth-child(2)").all_inner_texts()
    )
    page.get_by_role("button", name="Send for sign-off").click()
    assert "Return sent for sign-off" in flash(page)
    page.context.close()

    # The senior lead signs it off, which locks it, once they have said they are sure.
    page = new_page(browser, world, "senior@health.example.org")
    page.get_by_role("link", name="Audit returns", exact=True).click()
    page.get_by_role("link", name=re.compile(CYCLE)).click()
    page.get_by_role("button", name="Sign off and lock the return").click()
    expect(page.locator("h1")).to_have_text(
        f"Are you sure you want to sign off Northshire Community Health’s {CYCLE} return?"
    )
    expect(page.locator(".govuk-warning-text")).to_contain_text(
        "Once signed off the return is locked"
    )
    assert axe_violations(page, axe_source) == []
    page.get_by_role("link", name="send it back for changes").click()
    expect(page.locator("h1")).to_have_text("Send the return back for changes")
    assert axe_violations(page, axe_source) == []
    page.go_back()
    status = world.query(sa.select(AuditReturn.status).where(AuditReturn.id == return_id))
    assert status[0][0] == ReturnStatus.SUBMITTED  # not yet
    page.get_by_role("button", name="Yes, sign off and lock the return").click()
    assert "Return signed off and locked" in flash(page)
    page.goto(world.standard_url("health", 0))
    assert page.locator("form[data-autosave]").count() == 0
    page.context.close()
    status = world.query(sa.select(AuditReturn.status).where(AuditReturn.id == return_id))
    assert status[0][0] == ReturnStatus.APPROVED

    # The partnership's analyst moderates one standard and challenges the agency on it.
    page = new_page(browser, world, "analyst@audits.example.org")
    page.get_by_role("link", name="Audits", exact=True).click()
    page.get_by_role("link", name=re.compile(CYCLE)).click()
    cycle_page = page.url
    page.get_by_role("link", name="Northshire Community Health").click()
    page.get_by_role("link", name=f"Review {first_code}", exact=True).click()
    page.check("input[name=moderate-rating][value=mostly]")
    page.fill("textarea[name=moderate-note]", "Training figures are a year old.")
    page.get_by_role("button", name="Save the moderated rating").click()
    assert f"Moderated rating saved for {first_code}" in flash(page)
    page.get_by_role("link", name=f"Review {first_code}", exact=True).click()
    page.fill("textarea[name=challenge-body]", "Show us this year's training figures.")
    page.get_by_role("button", name="Send the challenge").click()
    assert "Challenge sent to Northshire Community Health" in flash(page)
    moderation = world.query(
        sa.select(AuditModeration.rating).where(AuditModeration.return_id == return_id)
    )
    challenge = world.query(
        sa.select(AuditChallenge.body).where(AuditChallenge.return_id == return_id)
    )
    assert moderation == [("mostly",)]
    assert challenge == [("Show us this year's training figures.",)]

    # The cycle's dashboard.
    page.goto(cycle_page)
    page.get_by_role("button", name="Dashboard").click()
    page.wait_for_url(f"**/staff/audits/cycles/{world.cycle}/dashboard")
    assert page.locator("h1").count() == 1
    assert "Northshire Community Health" in page.locator("main").inner_text()
    page.context.close()


def test_typing_is_saved_without_pressing_a_button(browser, world):
    page = new_page(browser, world, "lead@youth.example.org")
    url = world.standard_url("youth", 0)
    _, code, questions = world.standards[0]
    page.goto(url)
    status = page.locator("[data-autosave-status]")
    box = page.locator(f"textarea[name=evidence_{questions[0]}]")
    box.click()
    box.press_sequentially("Safer recruitment is in the HR policy.", delay=5)
    expect(status).to_have_text(SAVED, timeout=SAVE_WAIT)
    answer = world.answer("youth", questions[0])
    assert answer.evidence == "Safer recruitment is in the HR policy."
    assert page.evaluate("localStorage.length") == 0
    page.reload()
    expect(box).to_have_value("Safer recruitment is in the HR policy.")

    # A colleague writes in the same box at the same time: both texts are kept.
    colleague = new_page(browser, world, "colleague@youth.example.org")
    colleague.goto(url)
    colleague.fill(f"textarea[name=evidence_{questions[1]}]", "Their text.")
    expect(colleague.locator("[data-autosave-status]")).to_have_text(SAVED, timeout=SAVE_WAIT)
    colleague.context.close()
    mine = page.locator(f"textarea[name=evidence_{questions[1]}]")
    mine.fill("My text.")
    mine.blur()  # leaving the box saves straight away
    expect(status).to_contain_text("both versions are kept", timeout=SAVE_WAIT)
    expect(status).to_contain_text(f"Evidence for {code}.2")
    expect(status).to_contain_text(SAVED)
    merged = mine.input_value()
    assert merged.startswith("Their text.") and merged.endswith("\nMy text."), merged
    assert "[Also written by Yusuf Lead" in merged
    assert world.answer("youth", questions[1]).evidence.replace("\r\n", "\n") == merged

    # Nothing saved for 25 minutes: a warning, and a way to stay signed in.
    page.clock.install()
    page.reload()
    page.clock.fast_forward("25:05")
    warning = page.locator("[data-session-warning]")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("You will be signed out in 5 minutes")
    assert page.evaluate("document.activeElement.hasAttribute('data-session-warning')")
    page.get_by_role("button", name="Stay signed in").click()
    expect(warning).to_be_hidden()
    expect(status).to_have_text(SAVED, timeout=SAVE_WAIT)
    page.context.close()


def test_typing_survives_being_signed_out(browser, world):
    page = new_page(browser, world, "lead@youth.example.org")
    url = world.standard_url("youth", 1)
    standard_id, _, questions = world.standards[1]
    page.goto(url)
    status = page.locator("[data-autosave-status]")
    box = page.locator(f"textarea[name=evidence_{questions[0]}]")
    box.fill("Written before.")
    expect(status).to_have_text(SAVED, timeout=SAVE_WAIT)

    # Signed out (elsewhere, or timed out): the server ends the session; typing goes on.
    world.end_sessions("lead@youth.example.org")
    box.press_sequentially(" Written after.", delay=5)
    expect(status).to_contain_text(SIGNED_OUT, timeout=SAVE_WAIT)
    draft = json.loads(
        page.evaluate(
            "prefix => localStorage.getItem("
            "Object.keys(localStorage).find(key => key.startsWith(prefix)))",
            f"audit-{world.returns['youth']}-{standard_id}-",
        )
    )
    assert draft["fields"][f"evidence_{questions[0]}"] == "Written before. Written after."
    assert world.answer("youth", questions[0]).evidence == "Written before."

    # Signed in again, back on the page: the typing is put back and saved.
    sign_in(world, page, "lead@youth.example.org")
    page.goto(url)
    expect(status).to_contain_text("We put back typing that had not been saved")
    expect(status).to_contain_text(SAVED, timeout=SAVE_WAIT)
    expect(box).to_have_value("Written before. Written after.")
    assert world.answer("youth", questions[0]).evidence == "Written before. Written after."
    assert page.evaluate("localStorage.length") == 0
    page.context.close()


def test_the_heatmap_fits_1280_px_and_scrolls_on_its_own_at_320_px(browser, world):
    """S1 to S8 in view on a 1280 px screen without scrolling sideways; on a phone the
    table scrolls inside its own region, never the page."""
    page = new_page(browser, world, "analyst@audits.example.org")
    page.goto(f"{world.url}/staff/audits/cycles/{world.cycle}/dashboard")
    region = page.locator(".app-table-scroll", has=page.locator("table.app-heatmap"))
    widths = "e => [e.scrollWidth, e.clientWidth]"
    scroll_width, client_width = region.evaluate(widths)
    assert scroll_width <= client_width, (scroll_width, client_width)
    s8 = region.locator("thead th", has_text=re.compile(r"^S8$"))
    inside = region.bounding_box()
    box = s8.bounding_box()
    assert inside and box and box["x"] + box["width"] <= inside["x"] + inside["width"]
    assert box["x"] + box["width"] <= 1280
    expect(s8).to_be_in_viewport()

    page.set_viewport_size({"width": 320, "height": 800})
    scroll_width, client_width = region.evaluate(widths)
    assert scroll_width > client_width  # the table scrolls in its region...
    assert no_horizontal_scroll(page)  # ...and the page does not
    page.context.close()


def test_audit_pages_have_no_axe_violations(browser, axe_source, world):
    problems = {}
    scrolls = []

    def check(page: Page, label: str, narrow: bool = False) -> None:
        assert page.locator("h1").count() == 1, label
        found = axe_violations(page, axe_source)
        if found:
            problems[label] = found
        if narrow and not no_horizontal_scroll(page):
            scrolls.append(label)

    return_id = world.returns["youth"]
    _, _, questions = world.standards[2]
    base = f"{world.url}/staff/audits"
    lead_pages = {
        "my returns": f"{base}/my-returns",
        "return": f"{base}/returns/{return_id}",
        "standard": world.standard_url("youth", 2),
        "practitioner poster": f"{base}/returns/{return_id}/practitioner-poster",
        "answer history": (
            f"{base}/returns/{return_id}/questions/{world.standards[0][2][0]}/history"
        ),
    }
    partnership_pages = {
        "cycle list": base,
        "cycle": f"{base}/cycles/{world.cycle}",
        "review": f"{base}/returns/{return_id}/review/{world.standards[0][0]}",
        "return (partnership)": f"{base}/returns/{return_id}",
        "dashboard": f"{base}/cycles/{world.cycle}/dashboard",
    }

    page = new_page(browser, world, "lead@youth.example.org")
    documents = f"{base}/returns/{return_id}/questions/{questions[0]}/documents"
    for label, url in {**lead_pages, "documents": documents}.items():
        page.goto(url)
        check(page, label)
    # The boxes the autosave marks when the server refuses an answer.
    page.goto(lead_pages["standard"])
    page.fill(f"textarea[name=evidence_{questions[0]}]", "x" * 10_001)
    expect(page.locator("[data-autosave-status]")).to_have_text(
        "Some answers could not be saved: check the boxes marked", timeout=SAVE_WAIT
    )
    assert page.locator(".govuk-form-group--error [data-autosave-error]").count() == 1
    check(page, "standard, autosave refused")
    page.evaluate("localStorage.clear()")
    page.set_viewport_size({"width": 320, "height": 800})
    for label, url in {**lead_pages, "documents": documents}.items():
        page.goto(url)
        check(page, f"{label} at 320 px", narrow=True)
    page.context.close()

    page = new_page(browser, world, "analyst@audits.example.org")
    for label, url in {
        **partnership_pages,
        "action": f"{base}/returns/{return_id}/actions/new",
        "new cycle": f"{base}/cycles/new",
    }.items():
        page.goto(url)
        check(page, label)
    page.click("main form button.govuk-button")
    assert page.locator(".govuk-error-summary").count() == 1
    check(page, "new cycle with errors")
    page.set_viewport_size({"width": 320, "height": 800})
    for label, url in partnership_pages.items():
        page.goto(url)
        check(page, f"{label} at 320 px", narrow=True)
    page.context.close()
    assert problems == {}
    assert scrolls == [], "these pages scroll sideways at 320 px"
