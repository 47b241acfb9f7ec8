"""Closing the loop: staff record what was done about what young people said, write and
preview the page, and publish it; young people read it in their language, with counts
under the publishing rules."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from engagement import clock, db
from engagement.accounts.sessions import SignedInUser
from engagement.demo.you_said import seed_you_said
from engagement.models import (
    AnalysisRun,
    AnswerAnalysis,
    ApprovedQuote,
    Consultation,
    StaffUser,
    WeDidAction,
    YouSaidPage,
)
from engagement.you_said import quotes
from tests.conftest import both_databases
from tests.staff_world import csrf, sign_in
from tests.themes.analysis_data import BUSES, LIGHTS, add_answers, run_analysis, theme_id


def _analysed(app, world) -> str:
    add_answers(app, world.consultation, BUSES + LIGHTS + ["Make the street lights brighter"] * 2)
    with app.app_context(), db.transaction() as s:
        s.add(AnalysisRun(consultation_id=world.consultation, requested_at=clock.now()))
    run_analysis(app)
    with app.app_context():
        return db.session().get(Consultation, world.consultation).slug


def _base(world) -> str:
    return f"/staff/consultations/{world.consultation}/you-said-we-did"


def _add_action(client, world, **fields) -> object:
    form = client.get(f"{_base(world)}/actions/new")
    data = {
        "csrf_token": csrf(form), "what": "Asked the bus company to add a late bus",
        "for_young_people_en": "We asked the bus company for a later bus, and it starts in May.",
        "by_whom": "Northshire Council transport team", "decided_on": ["3", "2", "2026"],
        "status": "done", "reason": "", "evidence": "Transport board minutes, 3 February 2026",
        **fields,
    }  # fmt: skip
    return client.post(f"{_base(world)}/actions/new", data=data)


@both_databases
def test_an_action_is_recorded_published_and_read_by_young_people(app, client, world):
    slug = _analysed(app, world)
    buses = theme_id(app, world.consultation, "Buses and getting home")
    sign_in(client, world.people["analyst"])
    assert _add_action(client, world, theme=buses).status_code == 302
    response = _add_action(
        client, world, what="A skate park", status="not_taken_forward",
        for_young_people_en="You asked for a skate park.",
        reason="There is no land for it this year; we will look again in 2027.",
    )  # fmt: skip
    assert response.status_code == 302
    public = f"/take-part/{slug}/you-said-we-did"
    before = client.get(public).page.get_text(" ", strip=True)
    assert "later bus" not in before and "still reading" in before  # not published yet

    preview = client.get(f"{_base(world)}/preview").page.get_text(" ", strip=True)
    assert "We asked the bus company for a later bus" in preview
    page = client.get(_base(world))
    published = client.post(f"{_base(world)}/publish", data={"csrf_token": csrf(page)})
    assert published.status_code == 302

    young = app.test_client()
    text = young.get(public).page.get_text(" ", strip=True)
    assert "What we did We asked the bus company for a later bus" in text
    assert "What we will not do, and why You asked for a skate park." in text
    assert "no land for it this year" in text
    # 14 answers about buses (rounded to 15) and 11 about lights (rounded to 10).
    assert "Buses and getting home : about 15 answers" in text
    assert "Street lighting : about 10 answers" in text
    assert "When: 3 February 2026" in text
    assert "About 25 young people answered." in text
    listing = young.get("/take-part/you-said-we-did").page
    assert listing.select_one(f"a[href='{public}']") is not None

    page = client.get(_base(world))
    withdrawn = client.post(f"{_base(world)}/withdraw", data={"csrf_token": csrf(page)})
    assert withdrawn.status_code == 302
    assert "later bus" not in young.get(public).get_data(as_text=True)
    assert young.get("/take-part/you-said-we-did").page.select_one(f"a[href='{public}']") is None


def test_a_small_theme_is_left_out_and_english_stands_in_marked_as_english(app, client, world):
    slug = _analysed(app, world)
    with app.app_context(), db.transaction() as s:
        lights = theme_id(app, world.consultation, "Street lighting")
        s.add(YouSaidPage(consultation_id=world.consultation, intro={"en": "Thank you!"},
                          published_at=clock.now()))  # fmt: skip
    # Only 3 answers about lights now: hidden (1 to 7 are never published).
    with app.app_context(), db.transaction() as s:
        s.execute(
            sa.text("DELETE FROM answer_themes WHERE theme_id = :t AND answer_id IN "
                    "(SELECT answer_id FROM answer_themes WHERE theme_id = :t LIMIT 8)"),
            {"t": lights},
        )  # fmt: skip
    page = app.test_client().get(f"/take-part/{slug}/you-said-we-did?lang=cy").page
    text = page.get_text(" ", strip=True)
    assert "Street lighting" not in text
    assert page.html["lang"] == "cy"
    intro = page.find(string="Thank you!").parent
    assert intro["lang"] == "en"
    theme = page.find(string="Buses and getting home")
    assert theme.parent["lang"] == "en"


def test_a_reason_is_needed_when_an_action_is_not_taken_forward(app, client, world):
    _analysed(app, world)
    sign_in(client, world.people["analyst"])
    response = _add_action(client, world, status="not_taken_forward", reason="")
    assert response.status_code == 200
    assert (
        "Say why it was not taken forward"
        in response.page.select_one(".govuk-error-summary").get_text()
    )
    missing = _add_action(client, world, for_young_people_en="", decided_on=["31", "2", "2026"])
    errors = missing.page.select_one(".govuk-error-summary").get_text()
    assert "Enter what young people will read" in errors and "date" in errors
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count()).select_from(WeDidAction)) == 0


def test_a_scrutineer_reads_but_cannot_change_or_publish(app, client, world):
    _analysed(app, world)
    sign_in(client, world.people["analyst"])
    assert _add_action(client, world).status_code == 302
    scrutineer = app.test_client()
    sign_in(scrutineer, world.people["scrutineer"])
    page = scrutineer.get(_base(world))
    assert page.status_code == 200
    assert "Asked the bus company" in page.page.get_text()
    assert not page.page.select("main form[method=post]")
    assert scrutineer.post(_base(world), data={"intro_en": "Hello"}).status_code == 403
    assert scrutineer.post(f"{_base(world)}/publish").status_code == 403
    assert scrutineer.get(f"{_base(world)}/actions/new").status_code == 403
    with app.app_context():
        assert db.session().get(YouSaidPage, world.consultation) is None


def test_the_demo_page_reads_in_welsh_with_every_kind_of_action(app, world):
    with app.app_context(), db.transaction() as s:
        consultation = s.get(Consultation, world.consultation)
        seed_you_said(s, consultation, dt.date.today())
        slug = consultation.slug
    page = app.test_client().get(f"/take-part/{slug}/you-said-we-did?lang=cy").page
    text = page.get_text(" ", strip=True)
    assert "Rydyn ni wedi rhoi goleuadau newydd ar lwybr y gamlas" in text
    assert page.find(string="Diolch i bawb a atebodd y llynedd. Dyma beth wnaethon ni am beth "
                            "ddywedoch chi wrthon ni.").parent.get("lang") != "en"  # fmt: skip
    headings = [h.get_text(strip=True) for h in page.select("main h2")]
    assert len(headings) == 5  # what you said, and one for each kind of action
    reason = page.find(string=lambda t: t and "no land for it this year" in t)
    assert reason.parent["lang"] == "en"  # staff wrote it in English only


@both_databases
def test_a_quote_is_read_approved_shown_and_withdrawn_from_everywhere(app, client, world):
    slug = _analysed(app, world)
    [flagged] = add_answers(
        app, world.consultation,
        ["The buses are scary and a man follows me home from the stop"], needs_review=True,
    )  # fmt: skip
    with app.app_context(), db.transaction() as s:
        s.add(AnalysisRun(consultation_id=world.consultation, requested_at=clock.now()))
    run_analysis(app)
    buses = theme_id(app, world.consultation, "Buses and getting home")
    sign_in(client, world.people["analyst"])
    page = client.get(f"{_base(world)}/quotes")
    forms = page.page.select("form[action$='/quotes/approve']")
    offered = {f.select_one("input[name=theme]")["value"]: [] for f in forms}
    for f in forms:
        offered[f.select_one("input[name=theme]")["value"]].append(
            f.select_one("input[name=answer]")["value"]
        )
    assert offered[buses] and flagged not in offered[buses]
    chosen = offered[buses][0]
    approved = client.post(
        f"{_base(world)}/quotes/approve",
        data={"csrf_token": csrf(page), "answer": chosen, "theme": buses},
    )
    assert approved.status_code == 302
    refused = client.post(
        f"{_base(world)}/quotes/approve",
        data={"csrf_token": csrf(page), "answer": flagged, "theme": buses},
        follow_redirects=True,
    )
    assert "cannot be quoted" in refused.page.get_text()
    with app.app_context():
        assert db.session().get(ApprovedQuote, flagged) is None
        text = db.session().get(AnswerAnalysis, chosen).text
    overview = client.get(_base(world))
    client.post(f"{_base(world)}/publish", data={"csrf_token": csrf(overview)})
    young = app.test_client()
    public = f"/take-part/{slug}/you-said-we-did"
    assert f"“{text}”" in young.get(public).page.get_text()
    assert f"“{text}”" in client.get(f"{_base(world)}/preview").page.get_text()

    page = client.get(f"{_base(world)}/quotes")
    withdrawn = client.post(
        f"{_base(world)}/quotes/{chosen}/withdraw", data={"csrf_token": csrf(page)}
    )
    assert withdrawn.status_code == 302
    assert text not in young.get(public).get_data(as_text=True)
    assert text not in client.get(f"{_base(world)}/preview").get_data(as_text=True)
    assert "Withdrawn" in client.get(f"{_base(world)}/quotes").page.get_text()  # kept on record


def test_only_a_theme_of_ten_or_more_answers_can_be_quoted(app, client, world):
    _analysed(app, world)
    buses = theme_id(app, world.consultation, "Buses and getting home")
    bullying = theme_id(app, world.consultation, "Bullying")  # no answers
    with app.test_request_context():
        consultation = db.session().get(Consultation, world.consultation)
        person = SignedInUser(db.session().get(StaffUser, world.people["analyst"].id), "test")
        [group] = [g for g in quotes.candidates(consultation) if g.theme_id == buses]
        answer = group.quotes[0].answer_id
        with pytest.raises(quotes.QuoteProblem, match="10 or more"):
            quotes.approve(person, consultation, answer, bullying)
        assert all(g.answers >= 10 for g in quotes.candidates(consultation))


def test_a_poster_in_welsh_points_at_the_welsh_page(app, client, world):
    with app.app_context():
        slug = db.session().get(Consultation, world.consultation).slug
    sign_in(client, world.people["scrutineer"])
    page = client.get(f"{_base(world)}/poster/cy").page
    poster = page.select_one(".app-poster")
    assert poster["lang"] == "cy"
    assert (
        poster.select_one(".app-poster__link")
        .get_text()
        .endswith(f"/take-part/{slug}/you-said-we-did?lang=cy")
    )
    assert poster.select_one("svg") is not None  # the QR code
    assert client.get(f"{_base(world)}/poster/de").status_code == 404
