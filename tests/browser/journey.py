"""Walk the demo consultation in a real browser, checking every page on the way."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlparse

from playwright.sync_api import Page

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def axe_violations(page: Page, axe_source: str) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
    ]


def no_horizontal_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def walk(page: Page, start_url: str, check: Callable[[Page], None]) -> list[str]:
    """Answer every question with its first choice (or a sentence) and send. Returns URLs seen."""
    seen = []

    def visit() -> None:
        page.wait_for_load_state("load")
        seen.append(page.url)
        check(page)

    page.goto(start_url)
    visit()
    page.locator(".govuk-button--start").first.click()
    visit()
    if page.url.endswith("/age"):
        page.locator("input[type=radio]").nth(1).check()
        page.locator("button.govuk-button").first.click()
        visit()
    for _ in range(20):
        path = urlparse(page.url).path
        if path.endswith("/support"):
            page.locator("main a.govuk-button").click()
        elif "/questions/" in path:
            if page.locator("textarea").count():
                page.locator("textarea").fill("More lights in the park, please.")
            else:
                page.locator("input[name=answer]").first.check()
            page.locator("button[value=continue]").click()
        else:
            break
        visit()
    assert page.url.endswith("/check-your-answers"), page.url
    page.locator("form button.govuk-button").click()
    visit()
    assert page.url.endswith("/thank-you"), page.url
    return seen
