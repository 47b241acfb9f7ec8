"""Bytes on the wire for pages loaded as a phone would, in Debian's Chromium."""

from __future__ import annotations

from playwright.sync_api import Browser, Page

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _measure(page: Page, action) -> dict:
    responses = []

    def collect(response) -> None:
        responses.append(response)

    page.on("response", collect)
    action()
    page.wait_for_load_state("networkidle")
    page.remove_listener("response", collect)
    total = 0
    for response in responses:
        sizes = response.request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        total += sizes["requestBodySize"] + sizes["requestHeadersSize"]
    return {"url": page.url, "requests": len(responses), "bytes": total}


def measure(browser: Browser, base_url: str) -> dict:
    """Start page and first question with a cold cache; each later page with a warm one."""
    start = f"{base_url}/take-part/feeling-safe"
    cold = browser.new_context(**PHONE)
    page = cold.new_page()
    result = {"start_page_cold": _measure(page, lambda: page.goto(start))}
    page.locator(".govuk-button--start").first.click()
    page.locator("input[type=radio]").first.check()
    page.locator("button.govuk-button").first.click()
    page.wait_for_load_state("networkidle")
    question_url = page.url

    fresh = browser.new_context(**PHONE)  # same journey, empty cache
    fresh.add_cookies(cold.cookies())
    fresh_page = fresh.new_page()
    result["first_question_cold"] = _measure(fresh_page, lambda: fresh_page.goto(question_url))
    fresh.close()

    later = []
    for _ in range(10):
        if "/questions/" not in page.url:
            break
        if page.locator("textarea").count():
            page.locator("textarea").fill("More lights in the park.")
        else:
            page.locator("input[name=answer]").first.check()
        later.append(_measure(page, lambda: page.locator("button[value=continue]").click()))
    later.append(_measure(page, lambda: page.locator("form button.govuk-button").click()))
    result["later_pages_warm"] = later
    cold.close()
    return result
