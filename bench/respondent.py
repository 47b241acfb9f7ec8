"""A respondent completing the 6-question journey over HTTP, timing every request."""

from __future__ import annotations

import http.client
import re
import time
import urllib.parse
from collections import defaultdict

SLUG = "feeling-safe"
# The 8-11 version with "yes" to the routing question is six questions.
ANSWERS = {
    "feel_safe_area": {"answer": "4"},
    "safe_places": {"answer": ["home", "school"]},
    "unsafe_place": {"answer": "nowhere"},
    "trusted_adult": {"answer": "yes"},
    "priorities": {"answer": ["bullying", "listening"]},
    "one_change": {"text": "More lights in the park and a youth club on Fridays."},
}
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_RECEIPT = re.compile(r'name="receipt" type="hidden" value="([^"]+)"')


class Respondent:
    def __init__(self, base_url: str, timings: dict[str, list[float]]) -> None:
        parsed = urllib.parse.urlparse(base_url)
        self.host, self.port = parsed.hostname, parsed.port
        self.cookie = ""
        self.csrf = ""
        self.timings = timings

    def _request(self, page: str, method: str, path: str, form: dict | None = None):
        body = None
        headers = {"Accept-Encoding": "gzip"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if form is not None:
            body = urllib.parse.urlencode({**form, "csrf_token": self.csrf}, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        self.timings[page].append(time.perf_counter() - started)
        connection.close()
        if response.status >= 400:
            raise RuntimeError(f"{method} {path} -> {response.status}")
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        if response.getheader("Content-Encoding") == "gzip":
            import gzip

            data = gzip.decompress(data)
        text = data.decode()
        token = _CSRF.search(text)
        if token:
            self.csrf = token.group(1)
        return response.status, response.getheader("Location"), text

    def complete(self) -> None:
        base = f"/take-part/{SLUG}"
        self._request("start", "GET", base)
        location = f"{base}/age"  # the start button is a link to the age question
        self._request("age", "GET", location)
        _, location, _ = self._request("age", "POST", location, {"age_band": "8-11"})
        while "/questions/" in location:
            key = location.rsplit("/", 1)[1]
            self._request("question", "GET", location)
            _, location, _ = self._request("question", "POST", location, ANSWERS[key])
        _, _, page = self._request("check", "GET", location)
        receipt = _RECEIPT.search(page).group(1)
        _, location, _ = self._request("send", "POST", location, {"receipt": receipt})
        self._request("thank_you", "GET", location)


def new_timings() -> dict[str, list[float]]:
    return defaultdict(list)
