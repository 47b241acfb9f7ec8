"""The analysis pages in Debian's Chromium, after the real background worker has run:
zero axe violations, and coding an answer works without JavaScript."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pyotp
import sqlalchemy as sa
from sqlalchemy.orm import Session

from engagement import clock, db
from engagement.accounts.credentials import hash_password
from engagement.demo.seed import add_responses
from engagement.models import (
    AnalysisRun,
    AnswerAnalysis,
    Consultation,
    StaffUser,
    Submission,
    Theme,
)
from tests.browser.journey import axe_violations

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery staple"


def _prepare(live_server) -> tuple[str, str, str, str]:
    """Responses, a queued run and an analyst; then the worker process does the run."""
    url = f"sqlite:///{live_server.database_path}"
    engine = db.make_engine(url)
    secret = pyotp.random_base32()
    with Session(bind=engine) as s, s.begin():
        consultation = s.query(Consultation).first()
        add_responses(s, consultation, 300, dt.date.today(), seed=11)
        s.add(AnalysisRun(consultation_id=consultation.id, requested_at=clock.now()))
        s.add(
            StaffUser(
                partnership_id=consultation.partnership_id, email="axe.analyst@example.org",
                name="Axe Analyst", role="analyst", password_hash=hash_password(PASSWORD),
                totp_secret=secret, created_at=clock.now(),
            )
        )  # fmt: skip
        consultation_id = consultation.id
    worker = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "engagement", "analysis-worker", "--once"],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": url,
            "ENGAGEMENT_ENV": "production",
            "SECRET_KEY": "live-test-secret",
        },  # fmt: skip
        capture_output=True,
        timeout=300,
    )
    assert worker.returncode == 0, worker.stderr.decode()[-2000:]
    with Session(bind=engine) as s:
        run = s.scalar(sa.select(AnalysisRun))
        assert run.status == "done", run.error
        theme_id = s.scalar(sa.select(Theme.id).where(Theme.name == "Street lighting"))
        answer_id = s.scalar(
            sa.select(AnswerAnalysis.answer_id).where(AnswerAnalysis.language == "en").limit(1)
        )
        submission_id = s.scalar(
            sa.select(Submission.id).where(Submission.needs_review.is_(True)).limit(1)
        )
    engine.dispose()
    return secret, consultation_id, theme_id, answer_id, submission_id


def test_analysis_pages_have_no_axe_violations(browser, axe_source, live_server):
    secret, consultation_id, theme_id, answer_id, submission_id = _prepare(live_server)
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    base = live_server.url
    page.goto(f"{base}/staff/sign-in")
    page.fill("#email", "axe.analyst@example.org")
    page.fill("#password", PASSWORD)
    page.click("button.govuk-button")
    page.fill("#code", pyotp.TOTP(secret).at(dt.datetime.now()))
    page.click("button.govuk-button")
    assert page.url.endswith("/staff/")

    # Code one answer, without JavaScript.
    page.goto(f"{base}/staff/consultations/{consultation_id}/answers/{answer_id}")
    page.check(f"input[name=themes][value='{theme_id}']")
    page.check("input[name=sentiment][value=negative]")
    page.click("main button:has-text('Save coding')")
    assert "Coding saved" in page.content()
    context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/staff/sign-in")
    page.fill("#email", "axe.analyst@example.org")
    page.fill("#password", PASSWORD)
    page.click("button.govuk-button")
    page.fill("#code", pyotp.TOTP(secret).at(dt.datetime.now() + dt.timedelta(seconds=30)))
    page.click("button.govuk-button")
    problems = {}
    analysis = f"/staff/consultations/{consultation_id}/analysis"
    for path in (
        analysis, f"{analysis}/one_change", f"{analysis}/one_change?language=cy",
        f"{analysis}/one_change/answers", f"{analysis}/one_change/discover",
        f"/staff/consultations/{consultation_id}/answers/{answer_id}",
        f"/staff/consultations/{consultation_id}/codebook",
        f"/staff/consultations/{consultation_id}/codebook/new",
        f"/staff/consultations/{consultation_id}/codebook/{theme_id}",
        f"/staff/consultations/{consultation_id}/codebook/{theme_id}/merge",
        f"/staff/consultations/{consultation_id}/codebook/{theme_id}/split",
        f"/staff/consultations/{consultation_id}/concerns",
        f"/staff/consultations/{consultation_id}/concerns?reason=concern_option",
        f"/staff/consultations/{consultation_id}/concerns?page=2",
        f"/staff/consultations/{consultation_id}/concerns?show=reviewed&outcome=referred",
        f"/staff/consultations/{consultation_id}/concerns/{submission_id}",
        "/staff/priorities", "/staff/",
    ):  # fmt: skip
        page.goto(base + path)
        assert page.locator("h1").count() == 1, path
        found = axe_violations(page, axe_source)
        if found:
            problems[path] = found
    context.close()
    assert problems == {}
