"""The public "you said, we did" page in Debian's Chromium on a phone, with and without
JavaScript: zero axe violations and no sideways scrolling, in English, Welsh and Arabic."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from engagement import db
from engagement.demo.you_said import seed_you_said
from engagement.models import Consultation, YouSaidPage
from tests.browser.journey import axe_violations, no_horizontal_scroll


def _published(live_server) -> str:
    engine = db.make_engine(f"sqlite:///{live_server.database_path}")
    with Session(bind=engine) as s, s.begin():
        consultation = s.query(Consultation).first()
        if s.get(YouSaidPage, consultation.id) is None:
            seed_you_said(s, consultation, dt.date.today())
        slug = consultation.slug
    engine.dispose()
    return slug


def test_the_page_reads_on_a_phone_in_three_languages(browser, axe_source, live_server):
    slug = _published(live_server)
    context = browser.new_context(viewport={"width": 320, "height": 740})
    page = context.new_page()
    for lang in ("en", "cy", "ar"):
        page.goto(f"{live_server.url}/take-part/{slug}/you-said-we-did?lang={lang}")
        assert page.locator("html").get_attribute("lang") == lang
        assert axe_violations(page, axe_source) == [], lang
        assert no_horizontal_scroll(page), lang
        assert len(page.locator("main h2").all_inner_texts()) == 5, lang
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.goto(f"{live_server.url}/take-part/you-said-we-did")
    assert axe_violations(page, axe_source) == []
    context.close()


def test_the_page_is_reached_and_read_without_javascript(browser, live_server):
    slug = _published(live_server)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server.url}/take-part/you-said-we-did")
    page.click(f"a[href='/take-part/{slug}/you-said-we-did']")
    assert page.url.endswith(f"/take-part/{slug}/you-said-we-did")
    headings = page.locator("main h2").all_inner_texts()
    assert headings[:2] == ["What you told us", "What we did"]
    assert "We put new lights on the canal path" in page.locator("main").inner_text()
    context.close()
