"""CSRF as production runs it: over HTTPS, from pages that send no Referer."""

from __future__ import annotations

from tests.respondent import BASE


def test_forms_work_over_https_without_a_referer(production_app):
    """Every page says "Referrer-Policy: no-referrer", so browsers send no Referer with a
    form; Flask-WTF's strict HTTPS referrer check would refuse every post."""
    client = production_app.test_client()
    page = client.get(f"{BASE}/age")
    assert page.headers["Referrer-Policy"] == "no-referrer"
    response = client.post(f"{BASE}/age", data={"age_band": "12-18"})
    assert response.request.scheme == "https" and "Referer" not in response.request.headers
    assert response.status_code == 302


def test_a_missing_or_forged_token_is_still_refused(production_app):
    client = production_app.test_client()
    client.get(f"{BASE}/age")
    client.csrf_token = None
    assert client.post(f"{BASE}/age", data={"age_band": "12-18"}).status_code == 400
    forged = {"age_band": "12-18", "csrf_token": "IjEyMyI.aaaa.bbbb"}
    assert client.post(f"{BASE}/age", data=forged).status_code == 400
