"""The young person's journey in Debian's Chromium: accessible, phone-sized, right-to-left,
without JavaScript, and never talking to another site."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.browser.journey import axe_violations, no_horizontal_scroll, walk

START = "/take-part/feeling-safe"


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("lang", ["en", "cy", "ar", "ur"])
def test_journey_has_no_axe_violations(browser, axe_source, live_server, lang, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    problems = {}

    def check(p):
        html = p.locator("html")
        assert html.get_attribute("lang") == lang
        assert html.get_attribute("dir") == ("rtl" if lang in ("ar", "ur") else "ltr")
        violations = axe_violations(p, axe_source)
        if violations:
            problems[p.url] = violations
        if width == 320:
            assert no_horizontal_scroll(p), f"horizontal scroll at 320px on {p.url}"

    seen = walk(page, f"{live_server.url}{START}?lang={lang}", check)
    context.close()
    assert len(seen) >= 10
    assert problems == {}
    origin = urlparse(live_server.url).netloc
    assert {urlparse(url).netloc for url in requests} == {origin}


def test_journey_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    walk(page, f"{live_server.url}{START}", lambda p: None)
    assert "Your answers have been sent" in page.locator("h1").inner_text()
    context.close()


def test_right_to_left_layout_really_mirrors(browser, live_server):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}{START}?lang=ar")
    page.locator(".govuk-button--start").first.click()
    page.locator("input[type=radio]").nth(1).check()
    page.locator("button.govuk-button").first.click()
    assert "/questions/" in page.url

    first_item = page.locator(".govuk-radios__item").first
    box = first_item.locator("input").bounding_box()
    label = first_item.locator("label").bounding_box()
    assert box["x"] > label["x"], "radio should sit to the right of its label"

    back = page.locator(".govuk-back-link").bounding_box()
    assert back["x"] + back["width"] > 320 / 2, "back link should sit on the right"

    # The scale is in reading order: "very unhappy" first, at the top.
    faces = page.locator(".app-scale .govuk-radios__item input")
    assert faces.first.get_attribute("value") == "1"
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(live_server.log_path.parent / "rtl-question.png"), full_page=True)
    context.close()


def test_focus_is_visible_on_answers(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}{START}")
    page.keyboard.press("Tab")  # skip link
    focused = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [document.activeElement.className, s.outlineStyle, s.backgroundColor]; }"
    )
    assert "govuk-skip-link" in focused[0]
    assert focused[1] != "none" or focused[2] != "rgba(0, 0, 0, 0)"
    context.close()


def test_every_page_runs_its_scripts_without_an_error(browser, live_server):
    """The inline script that turns GOV.UK Frontend on, and ours, run on every page (a
    script broken by a wrapped line would leave the components off, silently)."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    classes: dict[str, str] = {}

    def check(p):  # type: ignore[no-untyped-def]
        classes[p.url] = p.evaluate("document.body.className")

    walk(page, f"{live_server.url}{START}", check)
    context.close()
    assert errors == []
    assert len(classes) >= 8
    assert all("js-enabled govuk-frontend-supported" in c for c in classes.values()), classes


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_support_page_with_help_for_the_category_is_accessible(
    browser, axe_source, live_server, lang
):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}{START}?lang={lang}")
    page.locator(".govuk-button--start").first.click()
    page.locator("input[type=radio]").nth(1).check()  # 12-18
    page.locator("button.govuk-button").first.click()
    page.goto(f"{live_server.url}{START}/questions/one_change")
    page.fill("textarea", "a man keeps asking for nudes on snapchat")
    page.locator("button[value=continue]").click()
    assert page.url.endswith("/questions/one_change/support"), page.url
    services = page.locator(".app-help__services li")
    assert services.count() == 3  # CEOP, Report Remove and Fearless
    assert services.first.locator("a[lang=en]").get_attribute("href").startswith("https://")
    assert axe_violations(page, axe_source) == []
    assert no_horizontal_scroll(page)
    context.close()
