"""The anonymous practitioner survey: one link per agency, answers mapped to the standards,
sent once, and nothing stored about the person."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from engagement import db
from engagement.models import AuditReturn, PractitionerAnswer, PractitionerResponse
from tests.conftest import both_databases
from tests.section11.audit_data import make_cycle
from tests.staff_world import world  # noqa: F401 (the fixture)

CANARY_IP = "203.0.113.77"
CANARY_AGENT = "CanaryAgent/9.9 (unique-ua-7d2e)"
RECEIPT = "receipt-0123456789abcdef"
STANDARDS = {
    "responsibilities": "S2",
    "dsl": "S8",
    "worried": "S2",
    "escalation": "S6",
    "whistleblowing": "S6",
    "training": "S4",
    "supervision": "S4",
    "safe_working": "S5",
    "information_sharing": "S7",
    "voice": "S3",
    "leadership": "S1",
}
ANSWERS = dict.fromkeys(STANDARDS, "yes") | {
    "escalation": "partly",
    "supervision": "no",
    "voice": "dont_know",
    "improvement": "More time for supervision.",
    "role_band": "front_line",
    "years_in_role": "2_to_5",
}


def _code(app, return_id: str) -> str:
    with app.app_context(), Session(bind=db.engine()) as s:
        return s.get(AuditReturn, return_id).practitioner_code


@pytest.fixture
def police_code(app, world):  # noqa: F811
    ids = make_cycle(app, world)
    return _code(app, ids[world.own_agency])


def _send(client, code: str, **changes: str):
    data = ANSWERS | {"receipt": RECEIPT} | changes
    return client.post(f"/practitioner-survey/{code}", data=data)


def _rows(app) -> tuple[list[PractitionerResponse], list[PractitionerAnswer]]:
    with app.app_context(), Session(bind=db.engine()) as s:
        return (
            list(s.scalars(sa.select(PractitionerResponse))),
            list(s.scalars(sa.select(PractitionerAnswer))),
        )


def test_survey_names_the_agency_and_promises_anonymity(client, police_code):
    page = client.get(f"/practitioner-survey/{police_code}").page
    assert "Northshire Police" in page.h1.get_text()
    text = page.get_text(" ")
    assert "anonymous" in text
    assert "5 or more" in text
    assert len(page.select(".govuk-radios")) == len(STANDARDS) + 2
    assert "in the last 3 years" in text
    assert page.select_one("textarea#improvement")
    assert page.select_one("input[name=receipt]")["value"]


@both_databases
def test_sending_stores_one_response_with_answers_mapped_to_standards(app, client, police_code):
    response = _send(client, police_code)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/practitioner-survey/{police_code}/thank-you"
    thanks = client.get(response.headers["Location"])
    assert thanks.status_code == 200
    assert "Northshire Police" in thanks.page.get_text()

    responses, answers = _rows(app)
    assert len(responses) == 1
    stored = responses[0]
    assert stored.submitted_on == dt.date.today()
    assert stored.improvement == "More time for supervision."
    assert (stored.role_band, stored.years_in_role) == ("front_line", "2_to_5")
    assert len(answers) == len(STANDARDS)
    assert {a.question_key: a.standard_code for a in answers} == STANDARDS
    assert {a.question_key: a.value for a in answers}["escalation"] == "partly"
    assert {(a.response_id, a.cycle_id, a.agency_id) for a in answers} == {
        (stored.id, stored.cycle_id, stored.agency_id)
    }


@both_databases
def test_the_same_receipt_twice_stores_one_response(app, client, police_code):
    assert _send(client, police_code).status_code == 302
    again = _send(client, police_code, improvement="Sent twice")
    assert again.status_code == 302
    assert again.headers["Location"].endswith("/thank-you")
    responses, answers = _rows(app)
    assert len(responses) == 1
    assert len(answers) == len(STANDARDS)


@both_databases
def test_concurrent_sends_with_one_receipt_store_one_response(app, police_code):
    results = []

    def send() -> None:
        results.append(_send(app.test_client(), police_code).status_code)

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [302] * 4
    responses, answers = _rows(app)
    assert (len(responses), len(answers)) == (1, len(STANDARDS))


def test_the_page_as_shown_can_be_sent_with_csrf_on(app, client, police_code):
    app.config["WTF_CSRF_ENABLED"] = True
    page = client.get(f"/practitioner-survey/{police_code}").page
    hidden = {field["name"]: field["value"] for field in page.select("form input[type=hidden]")}
    assert set(hidden) == {"csrf_token", "receipt"}
    data = ANSWERS | hidden
    assert client.post(f"/practitioner-survey/{police_code}", data=data).status_code == 302
    assert client.post(f"/practitioner-survey/{police_code}", data=data).status_code == 302
    assert len(_rows(app)[0]) == 1
    # A fresh page has a fresh receipt, so a second practitioner on this computer counts.
    again = client.get(f"/practitioner-survey/{police_code}").page
    assert again.select_one("input[name=receipt]")["value"] != hidden["receipt"]


@both_databases
def test_missing_answers_show_errors_and_store_nothing(app, client, police_code):
    response = _send(client, police_code, dsl="", voice="")
    assert response.status_code == 200
    summary = response.page.select_one(".govuk-error-summary")
    links = [a["href"] for a in summary.select("a")]
    assert links == ["#dsl", "#voice"]
    assert response.page.title.get_text().startswith("Error: ")
    # What was chosen stays chosen, and the same receipt is kept for the next try.
    assert response.page.select_one("input[name=responsibilities][value=yes]").has_attr("checked")
    assert response.page.select_one("input[name=receipt]")["value"] == RECEIPT
    assert _rows(app) == ([], [])


def test_the_demographic_questions_are_optional(app, client, police_code):
    assert _send(client, police_code, role_band="", years_in_role="", improvement="").status_code
    responses, _answers = _rows(app)
    assert (responses[0].role_band, responses[0].years_in_role) == (None, None)
    assert responses[0].improvement == ""


@pytest.mark.parametrize(
    "changes",
    [
        {"dsl": "maybe"},
        {"role_band": "chief_constable"},
        {"improvement": "x" * 2001},
    ],
)
def test_bad_answers_are_refused(app, client, police_code, changes):
    response = _send(client, police_code, **changes)
    assert response.status_code == 200
    assert response.page.select_one(".govuk-error-summary")
    assert _rows(app) == ([], [])


def test_a_changed_receipt_is_refused_without_a_fault(app, client, police_code):
    assert _send(client, police_code, receipt="").status_code == 400
    assert _send(client, police_code, receipt="<script>").status_code == 400
    assert _rows(app) == ([], [])


@pytest.mark.parametrize("code", ["not-a-real-code", "x" * 200, "a%00b", "%F0%9F%98%80"])
def test_unknown_code_is_a_friendly_404(client, world, code):  # noqa: F811
    response = client.get(f"/practitioner-survey/{code}")
    assert response.status_code == 404
    assert response.page.h1.get_text(strip=True) == "Page not found"
    assert client.post(f"/practitioner-survey/{code}", data=ANSWERS).status_code == 404
    assert client.get(f"/practitioner-survey/{code}/thank-you").status_code == 404


@pytest.mark.parametrize(
    ("opens", "due", "heading"),
    [
        (-40, -1, "This survey has closed"),
        (2, 30, "This survey is not open yet"),
    ],
)
def test_closed_survey_says_so_and_stores_nothing(app, client, world, opens, due, heading):  # noqa: F811
    today = dt.date.today()
    ids = make_cycle(
        app, world, opens_on=today + dt.timedelta(days=opens), due_on=today + dt.timedelta(days=due)
    )
    code = _code(app, ids[world.own_agency])
    page = client.get(f"/practitioner-survey/{code}")
    assert page.status_code == 410
    assert page.page.h1.get_text(strip=True) == heading
    assert "Northshire Police" in page.page.get_text()
    assert _send(client, code).status_code == 410
    assert _rows(app) == ([], [])


def test_open_on_the_first_and_the_due_day(app, client, world):  # noqa: F811
    today = dt.date.today()
    week = dt.timedelta(days=7)
    for opens, due in ((today, today + week), (today - week, today)):
        ids = make_cycle(app, world, name=f"from {opens}", opens_on=opens, due_on=due)
        code = _code(app, ids[world.own_agency])
        assert client.get(f"/practitioner-survey/{code}").status_code == 200


def test_each_agency_has_its_own_link(app, client, world):  # noqa: F811
    ids = make_cycle(app, world)
    _send(client, _code(app, ids[world.other_agency]))
    page = client.get(f"/practitioner-survey/{_code(app, ids[world.other_agency])}").page
    assert "Riverside Youth Club" in page.h1.get_text()
    responses, answers = _rows(app)
    assert (
        {r.agency_id for r in responses} == {a.agency_id for a in answers} == {world.other_agency}
    )


def test_stored_columns_hold_nothing_identifying():
    columns = {c.name for c in PractitionerResponse.__table__.columns}
    assert columns == {
        "id", "cycle_id", "agency_id", "submitted_on", "receipt_hash",
        "improvement", "role_band", "years_in_role",
    }  # fmt: skip
    for column in PractitionerResponse.__table__.columns:
        assert not isinstance(column.type, sa.DateTime), column.name
    assert isinstance(PractitionerResponse.__table__.c.submitted_on.type, sa.Date)
    answer_columns = {c.name for c in PractitionerAnswer.__table__.columns}
    assert not answer_columns & {"ip", "ip_address", "user_agent", "referrer", "created_at"}


def test_tables_have_no_rowid(app, client, police_code):
    _send(client, police_code)
    with app.app_context(), Session(bind=db.engine()) as s:
        for table in ("practitioner_responses", "practitioner_answers"):
            with pytest.raises(sa.exc.OperationalError):
                s.execute(sa.text(f"SELECT rowid FROM {table}"))
            s.rollback()


@both_databases
def test_headers_leave_no_trace_in_the_database(app, client, police_code):
    client.environ_base.update(
        {
            "REMOTE_ADDR": CANARY_IP,
            "HTTP_X_FORWARDED_FOR": CANARY_IP,
            "HTTP_X_REAL_IP": CANARY_IP,
            "HTTP_USER_AGENT": CANARY_AGENT,
            "HTTP_REFERER": "https://canary-referrer.example/",
        }
    )
    client.get(f"/practitioner-survey/{police_code}")
    assert _send(client, police_code).status_code == 302
    with app.app_context(), Session(bind=db.engine()) as s:
        dump = "\n".join(
            repr(tuple(row))
            for table in ("practitioner_responses", "practitioner_answers")
            for row in s.execute(sa.text(f"SELECT * FROM {table}"))
        )
    assert "More time for supervision." in dump
    assert RECEIPT not in dump  # only its hash
    for canary in (CANARY_IP, CANARY_AGENT, "unique-ua-7d2e", "canary-referrer"):
        assert canary not in dump
    assert not any(f"{hour:02d}:" in dump for hour in range(24))  # no time of day


def test_every_section_11_standard_has_a_statement(app):
    """Each standard of the built-in framework can be set beside what practitioners said."""
    import json

    from engagement.section11 import practitioner_voice

    framework = practitioner_voice.QUESTIONS_FILE.with_name("section_11.json")
    codes = {st["code"] for st in json.loads(framework.read_text(encoding="utf-8"))["standards"]}
    assert practitioner_voice.standards_asked("section_11") == codes
    assert practitioner_voice.standards_asked("section_175") == frozenset()
