"""The results pages in Debian's Chromium, without JavaScript: zero axe violations at
320 and 1280 px, no page wider than the screen, and comparing groups works."""

from __future__ import annotations

import datetime as dt

import pyotp
from sqlalchemy.orm import Session

from engagement import clock, db
from engagement.accounts.credentials import hash_password
from engagement.demo.seed import add_responses
from engagement.models import Consultation, StaffUser
from tests.browser.journey import axe_violations
from tests.results.data import previous_round

PASSWORD = "correct horse battery staple"


def _prepare(live_server) -> tuple[str, str]:
    engine = db.make_engine(f"sqlite:///{live_server.database_path}")
    secret = pyotp.random_base32()
    with Session(bind=engine) as s, s.begin():
        consultation = s.query(Consultation).filter_by(slug="feeling-safe").one()
        add_responses(s, consultation, 200, dt.date.today(), seed=5)
        before = previous_round(s, consultation, slug="feeling-safe-results-browser")
        add_responses(s, before, 150, dt.date(2025, 10, 1), seed=6)
        s.add(
            StaffUser(
                partnership_id=consultation.partnership_id, email="axe.results@example.org",
                name="Axe Results", role="analyst", password_hash=hash_password(PASSWORD),
                totp_secret=secret, created_at=clock.now(),
            )
        )  # fmt: skip
        consultation_id = consultation.id
    engine.dispose()
    return secret, consultation_id


def _sign_in(page, base: str, secret: str, later: int = 0) -> None:
    page.goto(f"{base}/staff/sign-in")
    page.fill("#email", "axe.results@example.org")
    page.fill("#password", PASSWORD)
    page.click("button.govuk-button")
    page.fill("#code", pyotp.TOTP(secret).at(dt.datetime.now() + dt.timedelta(seconds=later)))
    page.click("button.govuk-button")
    assert page.url.endswith("/staff/"), page.url


def test_results_pages_work_without_javascript_and_have_no_axe_violations(
    browser, axe_source, live_server
):
    secret, consultation_id = _prepare(live_server)
    base = live_server.url
    results = f"/staff/consultations/{consultation_id}/results"

    # Comparing groups is a plain GET form: it works without JavaScript.
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    _sign_in(page, base, secret)
    page.goto(base + results)
    page.select_option("select#by", "age_band")
    page.click("main button:has-text('Compare groups')")
    assert "/results/compare?by=age_band" in page.url
    assert page.locator("h1").inner_text() == "Compared by Age band"
    context.close()

    # axe needs scripts to run, so the checks run where JavaScript is on.
    problems: dict[str, object] = {}
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _sign_in(page, base, secret, later=30)
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for path in (
            results, f"{results}/compare?by=age_band", f"{results}/compare?by=trusted_adult",
            f"{results}/compare?by=language", f"{results}/compare?by=month",
            f"{results}/compare?by=nonsense", f"{results}/rounds", f"{results}/summary",
        ):  # fmt: skip
            page.goto(base + path)
            page.wait_for_load_state("load")
            assert page.locator("h1").count() == 1, path
            found = axe_violations(page, axe_source)
            if found:
                problems[f"{width}px {path}"] = found
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > width:
                problems[f"{width}px {path} scrolls sideways"] = wide
            if width == 1280:  # charts load lazily, so fetch each one
                for src in page.eval_on_selector_all("img", "all => all.map(i => i.src)"):
                    chart = page.request.get(src)
                    if not (chart.ok and chart.headers["content-type"].startswith("image/svg+xml")):
                        problems[f"{path} chart {src}"] = chart.status
    context.close()
    assert problems == {}
