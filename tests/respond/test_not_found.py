"""A service's "not found" shows the same 404 page as an address nobody routes."""

from __future__ import annotations


def test_an_unknown_consultation_shows_the_usual_404_page(client):
    unknown = client.get("/take-part/no-such-consultation")
    nowhere = client.get("/no-such-page-at-all")
    assert unknown.status_code == nowhere.status_code == 404
    assert "Page not found" in unknown.page.select_one("main").get_text()
    assert unknown.page.select_one("main") == nowhere.page.select_one("main")
    assert unknown.page.title == nowhere.page.title
