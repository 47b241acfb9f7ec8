"""Staff pages in Debian's Chromium at 1280 px: zero axe violations."""

from __future__ import annotations

import datetime as dt

import pyotp
from sqlalchemy.orm import Session

from engagement import clock, db
from engagement.accounts.credentials import hash_password
from engagement.demo.you_said import seed_you_said
from engagement.models import (
    Agency,
    AuditFramework,
    Consultation,
    Partnership,
    StaffUser,
    WeDidAction,
    YouSaidPage,
)
from engagement.section11.frameworks import add_built_in
from tests.browser.journey import axe_violations

PASSWORD = "correct horse battery staple"


def _admin(live_server) -> tuple[str, str]:
    engine = db.make_engine(f"sqlite:///{live_server.database_path}")
    secret = pyotp.random_base32()
    with Session(bind=engine) as s, s.begin():
        partnership = s.query(Partnership).first()
        agency = Agency(partnership_id=partnership.id, name="Northshire Police", sector="police")
        s.add(agency)
        s.flush()
        s.add(
            StaffUser(
                partnership_id=partnership.id, email="axe.admin@example.org", name="Axe Admin",
                role="partnership_admin", password_hash=hash_password(PASSWORD),
                totp_secret=secret, created_at=clock.now(),
            )
        )  # fmt: skip
        agency_id = agency.id
        consultation_id = s.query(Consultation).first().id
        add_built_in(s, partnership.id)
        s.flush()
        framework = s.query(AuditFramework).filter_by(kind="section_11").first()
        framework_id = framework.id
        consultation = s.get(Consultation, consultation_id)
        if s.get(YouSaidPage, consultation_id) is None:
            seed_you_said(s, consultation, dt.date.today())
        s.flush()
        action_id = s.query(WeDidAction).filter_by(consultation_id=consultation_id).first().id
    engine.dispose()
    return secret, agency_id, consultation_id, framework_id, action_id


def test_staff_pages_have_no_axe_violations(browser, axe_source, live_server):
    secret, agency_id, consultation_id, framework_id, action_id = _admin(live_server)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = {}

    def check() -> None:
        found = axe_violations(page, axe_source)
        if found:
            problems[page.url] = found

    base = live_server.url
    page.goto(f"{base}/staff/sign-in")
    check()
    page.fill("#email", "axe.admin@example.org")
    page.fill("#password", "wrong password here")
    page.click("button.govuk-button")
    check()  # the page with an error summary
    page.fill("#email", "axe.admin@example.org")
    page.fill("#password", PASSWORD)
    page.click("button.govuk-button")
    check()
    totp = pyotp.TOTP(secret)
    page.fill("#code", totp.at(dt.datetime.now()))
    page.click("button.govuk-button")
    assert page.url.endswith("/staff/")
    for path in (
        "/staff/", "/staff/agencies", "/staff/agencies/new", "/staff/agencies/import",
        f"/staff/agencies/{agency_id}", f"/staff/agencies/{agency_id}/invite", "/staff/audit",
        "/staff/team", "/staff/team/invite", "/staff/consultations",
        *(
            f"/staff/consultations/{consultation_id}{tail}"
            for tail in (
                "", "/settings", "/share", "/poster/ar", "/text", "/text/ar", "/text/cy/import",
                "/questions", "/questions/12-18/new", "/questions/12-18/who_to_talk",
                "/preview/12-18/feel_safe_area?lang=ur", "/text-history", "/versions/new",
                "/questions/12-18/unsafe_place/answers", "/you-said-we-did",
                "/you-said-we-did/actions/new", f"/you-said-we-did/actions/{action_id}",
                "/you-said-we-did/preview", "/you-said-we-did/quotes",
                "/you-said-we-did/poster/cy",
            )
        ),
        "/staff/reset-password", "/staff/consultations/new",
        "/staff/audits/frameworks", f"/staff/audits/frameworks/{framework_id}",
        f"/staff/audits/frameworks/{framework_id}/copy", "/staff/analysis-settings",
        "/staff/yearly-report", "/staff/yearly-report/headings",
    ):  # fmt: skip
        page.goto(base + path)
        check()
    page.goto(f"{base}/staff/agencies/new")
    page.click("form button.govuk-button")  # empty form: errors
    check()
    page.goto(f"{base}/staff/consultations/{consultation_id}/you-said-we-did/actions/new")
    page.click("main form button.govuk-button")
    check()
    context.close()
    assert problems == {}
