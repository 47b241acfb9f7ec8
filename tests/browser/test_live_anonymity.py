"""Anonymity against the real server: gunicorn with its production logging."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.parse
import urllib.request

from tests.browser.journey import axe_violations

CANARY_IP = "203.0.113.77"
CANARY_AGENT = "CanaryAgent/9.9 (unique-ua-4f1c)"
CANARY_REFERRER = "https://canary-referrer.example/page-qzxw"
CANARY_ANSWER = "canary answer 5e9a lights"


class _Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.csrf = ""

    def request(self, path: str, data: dict | None = None) -> tuple[str, str]:
        body = None
        if data is not None:
            body = urllib.parse.urlencode({**data, "csrf_token": self.csrf}, doseq=True).encode()
        request = urllib.request.Request(
            self.base + path,
            data=body,
            headers={
                "X-Forwarded-For": CANARY_IP,
                "X-Real-IP": CANARY_IP,
                "User-Agent": CANARY_AGENT,
                "Referer": CANARY_REFERRER,
            },
        )
        with self.opener.open(request) as response:
            html = response.read().decode()
            token = re.search(r'name="csrf_token" value="([^"]+)"', html)
            if token:
                self.csrf = token.group(1)
            return urllib.parse.urlparse(response.url).path, html


def test_canaries_never_reach_the_database_or_the_logs(live_server):
    browser = _Browser(live_server.url)
    browser.request("/take-part/feeling-safe")
    path, _ = browser.request("/take-part/feeling-safe/age")
    path, _ = browser.request(path, {"age_band": "12-18"})
    while "/questions/" in path:
        if path.endswith("one_change"):
            path, _ = browser.request(path, {"text": CANARY_ANSWER})
        else:
            path, _ = browser.request(path, {})
    assert path.endswith("/check-your-answers")
    _, html = browser.request(path)
    receipt = re.search(r'name="receipt" type="hidden" value="([^"]+)"', html).group(1)
    path, html = browser.request(path, {"receipt": receipt})
    assert path.endswith("/thank-you")

    stored = live_server.database_bytes()
    assert CANARY_ANSWER.encode() in stored
    logs = live_server.log_text()
    assert "respond.check_answers" in logs
    for canary in (CANARY_IP, "unique-ua-4f1c", "canary-referrer", "page-qzxw"):
        assert canary.encode() not in stored
        assert canary not in logs
    assert CANARY_ANSWER not in logs


def test_axe_check_can_fail(browser, axe_source):
    page = browser.new_page()
    page.set_content('<html><body><img src="x.png"><input type="text"></body></html>')
    ids = {violation["id"] for violation in axe_violations(page, axe_source)}
    assert {"image-alt", "html-has-lang"} <= ids
    page.close()
