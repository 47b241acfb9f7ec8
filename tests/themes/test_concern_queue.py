"""The concern review queue on a Monday morning: the worst first, then the longest
waiting; every flagged response reachable page by page; filters by reason, outcome and
reviewer."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from engagement import clock, db
from engagement.demo import builders
from engagement.models import Consultation
from tests.conftest import both_databases
from tests.staff_world import csrf, sign_in


def _flag(app, consultation_id: str, reasons: tuple[str, ...], days_ago: int, text: str) -> None:
    with app.app_context(), Session(bind=db.engine()) as s, s.begin():
        version = s.get(Consultation, consultation_id).versions[1]
        builders.add_responses(
            s,
            [
                builders.Response(
                    version.id,
                    clock.today() - dt.timedelta(days=days_ago),
                    "en",
                    {"one_change": text},
                    reasons,
                )  # fmt: skip
            ],
        )


def _cards(page) -> list[str]:
    return [q.get_text(strip=True).strip("“”") for q in page.select(".app-quote")]


def test_the_worst_come_first_then_the_longest_waiting_and_every_page_is_reachable(
    app, client, world
):
    for n in range(50):
        _flag(app, world.consultation, ("concern_option",), n % 10, f"option {n}")
    _flag(app, world.consultation, ("free_text:feeling_unsafe",), 1, "unsafe recent")
    _flag(app, world.consultation, ("free_text:self_harm",), 2, "self harm newer")
    _flag(app, world.consultation, ("free_text:self_harm",), 9, "self harm older")
    _flag(app, world.consultation, ("free_text:possible_concern",), 30, "model only")
    sign_in(client, world.people["analyst"])
    base = f"/staff/consultations/{world.consultation}/concerns"
    first = client.get(base).page
    assert _cards(first)[:4] == [
        "self harm older",
        "self harm newer",
        "unsafe recent",
        "model only",
    ]
    assert "54 responses" in first.get_text(" ")
    seen = set(_cards(first))
    page = first
    while (link := page.select_one(".govuk-pagination__next a")) is not None:
        page = client.get(link["href"]).page
        seen.update(_cards(page))
    assert len(seen) == 54  # no cap: every flagged response is listed
    assert client.get(f"{base}?page=99").page.select(".app-quote")  # the last page
    assert client.get(f"{base}?page=x").status_code == 200

    only = client.get(f"{base}?reason=free_text:self_harm").page
    assert _cards(only) == ["self harm older", "self harm newer"]
    unknown = client.get(f"{base}?reason=nonsense").page
    assert "54 responses" in unknown.get_text(" ")


@both_databases
def test_reviewed_responses_filter_by_outcome_and_reviewer(app, client, world):
    _flag(app, world.consultation, ("free_text:self_harm",), 2, "first worry")
    _flag(app, world.consultation, ("free_text:neglect",), 3, "second worry")
    base = f"/staff/consultations/{world.consultation}/concerns"
    for person, outcome in (("analyst", "referred"), ("partnership_admin", "no_action")):
        sign_in(client, world.people[person])
        link = client.get(base).page.select_one(".govuk-summary-card__action a")["href"]
        form = client.get(link)
        client.post(link, data={"csrf_token": csrf(form), "outcome": outcome})
    reviewed = client.get(f"{base}?show=reviewed").page
    assert _cards(reviewed) == ["first worry", "second worry"]
    referred = client.get(f"{base}?show=reviewed&outcome=referred").page
    assert _cards(referred) == ["first worry"]
    analyst = world.people["analyst"].id
    by_analyst = client.get(f"{base}?show=reviewed&reviewer={analyst}").page
    assert _cards(by_analyst) == ["first worry"]
    assert client.get(base).page.select(".app-quote") == []


@both_databases
def test_the_dashboard_counts_what_is_waiting_for_those_who_review(app, client, world):
    _flag(app, world.consultation, ("free_text:self_harm",), 2, "first worry")
    _flag(app, world.consultation, ("concern_option",), 3, "second worry")
    sign_in(client, world.people["analyst"])
    banner = client.get("/staff/").page.select_one(".govuk-notification-banner")
    assert banner.select_one("a").get_text(" ", strip=True) == (
        "Feeling safe where you live: 2 waiting"
    )
    client.get("/staff/sign-out")
    scrutineer = client.application.test_client()
    sign_in(scrutineer, world.people["scrutineer"])
    assert scrutineer.get("/staff/").page.select_one(".govuk-notification-banner") is None


def test_the_reviewer_sees_the_phrase_or_the_models_score_and_can_record_the_step(
    app, client, world
):
    _flag(app, world.consultation, ("free_text:self_harm",), 2, "sometimes i want to kill myself")
    _flag(
        app, world.consultation, ("free_text:possible_concern",), 3,
        "the olders make me take bags to other towns and say i owe them",
    )  # fmt: skip
    sign_in(client, world.people["analyst"])
    base = f"/staff/consultations/{world.consultation}/concerns"
    text = " ".join(client.get(base).page.get_text(" ").split())
    assert "Found: “kill myself” (self harm)" in text
    assert "Found: the learned model:" in text and "likely a concern" in text
    link = client.get(base).page.select_one(".govuk-summary-card__action a")["href"]
    form = client.get(link)
    assert form.page.find("input", attrs={"value": "lado"})
    client.post(link, data={"csrf_token": csrf(form), "outcome": "police"})
    reviewed = client.get(f"{base}?show=reviewed&outcome=police").page
    assert _cards(reviewed) == ["sometimes i want to kill myself"]
