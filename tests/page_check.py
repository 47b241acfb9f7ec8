"""The checks every page fetched in a test must pass (after GOV.UK Notify's client_request)."""

from __future__ import annotations

import re
from collections import Counter

import html5lib
from bs4 import BeautifulSoup

from engagement.i18n import BY_CODE


def normalise_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def check_page(html: str, content_language: str | None) -> BeautifulSoup:
    """Assert the page invariants; return the parsed page."""
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(html)  # raises on any parse error

    page = BeautifulSoup(html, "html.parser")
    h1s = page.select("h1")
    assert len(h1s) == 1, f"expected one h1, found {len(h1s)}"
    h1 = normalise_spaces(h1s[0].get_text())
    title = normalise_spaces(page.title.get_text())
    has_error_summary = bool(page.select(".govuk-error-summary"))
    if has_error_summary:
        assert ": " in title, f"error page title {title!r} lacks the Error prefix"
        title = title.split(": ", 1)[1]
    assert title.startswith(h1), f"title {title!r} does not start with h1 {h1!r}"

    ids = Counter(tag["id"] for tag in page.find_all(id=True))
    duplicates = [key for key, count in ids.items() if count > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"

    html_tag = page.find("html")
    lang = html_tag.get("lang")
    assert lang in BY_CODE, f"unknown lang {lang!r}"
    if content_language:
        assert lang == content_language, f"lang {lang!r} but page served as {content_language!r}"
    assert html_tag.get("dir") == BY_CODE[lang].direction, f"dir wrong for {lang}"

    for form in page.find_all("form"):
        assert form.has_attr("novalidate"), "form without novalidate"
        assert form.get("action"), "form without action"
        if form.get("method", "get").lower() == "post":
            assert form.find("input", attrs={"name": "csrf_token"}), "POST form without CSRF token"

    has_error_message = bool(page.select(".govuk-error-message"))
    if has_error_message:
        assert has_error_summary, "error message without an error summary"
    return page
