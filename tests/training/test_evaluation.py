"""A practitioner's evaluation: Form A straight after, an optional follow-up linked only by
a code they hold, the reminder email, and Form B; anonymity and the codes' rules."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import sqlalchemy as sa

from engagement import clock, db
from engagement.models import (
    AuditEvent,
    Base,
    Consultation,
    TrainingEvaluation,
    TrainingReminder,
    TrainingSession,
)
from engagement.training import evaluations
from tests.conftest import both_databases
from tests.staff_world import sign_in
from tests.training.training_data import add_course, add_session

CANARY_EMAIL = "canary-7c1f@example.org"
CANARY_AGENT = "CanaryAgent/9.9 (pid 4242)"
CANARY_ADDRESS = "203.0.113.77"
PLEDGE = "check the chronology before every strategy meeting"


def _session(app, world, held_on: dt.date | None = None) -> tuple[str, str]:
    with app.app_context(), db.transaction() as s:
        partnership_id = s.get(Consultation, world.consultation).partnership_id
        course = add_course(s, partnership_id, "Neglect: spotting it")
        session = add_session(s, course, held_on)
        return session.code, session.id


def _form_a_answers(page, **extra) -> dict[str, str]:
    data = {
        "csrf_token": page.page.select_one("input[name=csrf_token]")["value"],
        "receipt": page.page.select_one("input[name=receipt]")["value"],
        "relevant": "5", "up_to_date": "4", "trainer_clear": "5", "format_worked": "4",
        "confidence_before_0": "2", "confidence_now_0": "4",
        "confidence_before_1": "3", "confidence_now_1": "5",
        "other_agencies": "4", "pledge": PLEDGE, "recommend": "9",
    }  # fmt: skip
    data.update(extra)
    return data


def _form_a(client, code: str, **extra):
    page = client.get(f"/training/{code}", headers={"User-Agent": CANARY_AGENT})
    assert page.status_code == 200
    return client.post(
        f"/training/{code}",
        data=_form_a_answers(page, **extra),
        headers={"User-Agent": CANARY_AGENT, "X-Forwarded-For": CANARY_ADDRESS},
    )


def _code_shown(response) -> str:
    text = response.page.select_one(".app-follow-up-code").get_text(strip=True)
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", text), text
    return text


def _dump(app) -> str:
    """Every row of every table, as text."""
    with app.app_context(), db.engine().connect() as connection:
        return "\n".join(
            repr(row)
            for table in Base.metadata.sorted_tables
            for row in connection.execute(sa.select(table))
        )


def _later(monkeypatch, days: int) -> None:
    day = dt.date.today() + dt.timedelta(days=days)
    monkeypatch.setattr(clock, "today", lambda: day)


@both_databases
def test_the_whole_cycle_links_the_two_answers_and_nothing_else(app, client, world, monkeypatch):
    code, session_id = _session(app, world)
    sent = _form_a(client, code, follow_up="yes", email=CANARY_EMAIL, agency_type="police")
    assert sent.status_code == 200
    follow_up_code = _code_shown(sent)

    dump = _dump(app)
    assert follow_up_code not in dump and follow_up_code.replace("-", "") not in dump
    assert CANARY_AGENT not in dump and CANARY_ADDRESS not in dump
    with app.app_context():
        (reminder,) = db.session().scalars(sa.select(TrainingReminder)).all()
        assert reminder.email == CANARY_EMAIL and reminder.session_id == session_id
    # The email sits only in the reminders table, which holds nothing else of the person.
    assert dump.count(CANARY_EMAIL) == 1

    runner = app.test_cli_runner()
    _later(monkeypatch, 7 * 8)
    result = runner.invoke(args=["training-reminders"])
    assert "Sent 1" in result.output, result.output
    (email,) = [m for m in app.extensions["outbox"] if m["to"] == CANARY_EMAIL]
    assert follow_up_code not in email["body"]  # the code is theirs alone
    assert runner.invoke(args=["training-reminders"]).output.startswith("Sent 0")  # once
    assert CANARY_EMAIL not in _dump(app)  # deleted once sent
    with app.app_context():
        logged = (
            db.session()
            .scalars(sa.select(AuditEvent).where(AuditEvent.action == "training_reminders_sent"))
            .all()
        )
        assert [e.detail["count"] for e in logged] == [1]
        assert CANARY_EMAIL not in repr([e.detail for e in logged])

    link = re.search(r"https?://\S+?(/training/\S+/follow-up)", email["body"]).group(1)
    entry = client.get(link)
    assert entry.status_code == 200
    token = entry.page.select_one("input[name=csrf_token]")["value"]
    form_b = client.post(
        f"/training/{code}/follow-up", data={"csrf_token": token, "code": follow_up_code.lower()}
    )
    assert PLEDGE in form_b.page.select_one(".govuk-inset-text").get_text()
    data = {
        "csrf_token": token,
        "receipt": form_b.page.select_one("input[name=receipt]")["value"],
        "code": form_b.page.select_one("input[name=code]")["value"],
        "used": "often", "confidence_follow_up_0": "4", "confidence_follow_up_1": "4",
        "pledge_done": "yes", "changed": ["joint_working", "child_voice"],
    }  # fmt: skip
    done = client.post(f"/training/{code}/follow-up/answers", data=data)
    assert done.status_code == 302
    assert client.get(done.headers["Location"]).status_code == 200
    with app.app_context():
        rows = db.session().scalars(sa.select(TrainingEvaluation)).all()
        assert sorted(r.stage for r in rows) == ["a", "b"]
        assert rows[0].link_hash == rows[1].link_hash is not None
        b = next(r for r in rows if r.stage == "b")
        assert b.agency_type is None and b.answers["changed"] == ["child_voice", "joint_working"]


def test_no_table_can_join_an_email_address_to_an_answer(app):
    reminders = Base.metadata.tables["training_reminders"]
    assert set(reminders.columns.keys()) == {"id", "session_id", "email", "due_on"}
    assert {fk.column.table.name for fk in reminders.foreign_keys} == {"training_sessions"}
    for table in Base.metadata.sorted_tables:
        if table.name == "training_reminders":
            continue
        referenced = {fk.column.table.name for fk in table.foreign_keys}
        assert "training_reminders" not in referenced, table.name
        assert not {"email", "email_address"} & set(table.columns.keys()) or table.name in (
            "staff_users"
        ), table.name
    evaluations_table = Base.metadata.tables["training_evaluations"]
    assert not {"email", "ip", "user_agent", "created_at", "submitted_at"} & set(
        evaluations_table.columns.keys()
    )


def test_without_a_follow_up_there_is_no_code_and_an_email_is_not_kept(app, client, world):
    code, _ = _session(app, world)
    sent = _form_a(client, code, follow_up="no", email=CANARY_EMAIL)
    assert sent.page.select_one(".app-follow-up-code") is None
    assert CANARY_EMAIL not in _dump(app)


def test_a_second_send_of_the_same_page_stores_nothing_more(app, client, world):
    code, _ = _session(app, world)
    page = client.get(f"/training/{code}")
    data = _form_a_answers(page, follow_up="yes")
    first = client.post(f"/training/{code}", data=data)
    again = client.post(f"/training/{code}", data=data)
    assert first.page.select_one(".app-follow-up-code") is not None
    assert "already sent" in again.page.get_text()
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count(TrainingEvaluation.id))) == 1


def test_missing_answers_get_a_message_and_nothing_is_stored(app, client, world):
    code, _ = _session(app, world)
    page = client.get(f"/training/{code}")
    data = _form_a_answers(page, email="not an email")
    del data["relevant"]
    response = client.post(f"/training/{code}", data=data)
    assert response.status_code == 200
    summary = response.page.select_one(".govuk-error-summary").get_text(" ")
    assert "Select an answer" in summary and "email address" in summary
    assert PLEDGE in response.page.select_one("textarea[name=pledge]").get_text()
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count(TrainingEvaluation.id))) == 0
    data["receipt"] = "bad receipt!"
    assert client.post(f"/training/{code}", data=data).status_code == 400


def test_outside_its_dates_the_page_says_so(app, client, world, monkeypatch):
    code, _ = _session(app, world, held_on=dt.date.today() + dt.timedelta(days=3))
    response = client.get(f"/training/{code}")
    assert response.status_code == 410 and "not open yet" in response.page.get_text()
    follow = client.get(f"/training/{code}/follow-up")
    assert follow.status_code == 410
    assert client.get("/training/no-such-code").status_code == 404
    _later(monkeypatch, 60)
    assert client.get(f"/training/{code}").status_code == 410  # Form A closed after 28 days


def _code_entry(client, code: str, follow_up_code: str):
    page = client.get(f"/training/{code}/follow-up")
    token = page.page.select_one("input[name=csrf_token]")["value"]
    return client.post(
        f"/training/{code}/follow-up", data={"csrf_token": token, "code": follow_up_code}
    )


def test_wrong_reused_and_other_sessions_codes_are_refused(app, client, world, monkeypatch):
    code, _ = _session(app, world)
    other_code, _ = _session(app, world)
    mine = _code_shown(_form_a(client, code, follow_up="yes"))
    theirs = _code_shown(_form_a(client, other_code, follow_up="yes"))
    _later(monkeypatch, 7 * 9)

    wrong = _code_entry(client, code, "ABCD-EFGH")
    assert "cannot find that code" in wrong.page.select_one(".govuk-error-summary").get_text()
    assert "cannot find that code" in _code_entry(client, code, theirs).page.get_text()
    right = _code_entry(client, code, mine)
    assert right.page.select_one("input[name=code]")["value"] == mine
    data = {
        "csrf_token": right.page.select_one("input[name=csrf_token]")["value"],
        "receipt": right.page.select_one("input[name=receipt]")["value"],
        "code": mine, "used": "sometimes", "confidence_follow_up_0": "3",
        "confidence_follow_up_1": "3",
    }  # fmt: skip
    assert client.post(f"/training/{code}/follow-up/answers", data=data).status_code == 302
    used = _code_entry(client, code, mine)
    assert "already been answered" in used.page.get_text()
    data["receipt"] = "another-receipt-0123456789"
    again = client.post(f"/training/{code}/follow-up/answers", data=data)
    assert "already been answered" in again.page.get_text()
    with app.app_context():
        assert (
            db.session().scalar(sa.select(sa.func.count()).where(TrainingEvaluation.stage == "b"))
            == 1
        )


def test_guessing_is_limited_for_the_whole_service_not_per_address(app, client, world, monkeypatch):
    code, _ = _session(app, world)
    mine = _code_shown(_form_a(client, code, follow_up="yes"))
    _later(monkeypatch, 7 * 9)
    monkeypatch.setattr(evaluations, "WRONG_CODE_LIMIT", "3 per 10 minutes")
    for n in range(3):
        headers = {"X-Forwarded-For": f"198.51.100.{n}"}  # a new address each time
        page = client.get(f"/training/{code}/follow-up", headers=headers)
        token = page.page.select_one("input[name=csrf_token]")["value"]
        client.post(
            f"/training/{code}/follow-up",
            data={"csrf_token": token, "code": f"WRNG-00{n}0"},
            headers=headers,
        )
    refused = _code_entry(client, code, "WRNG-9999")
    assert refused.status_code == 429
    assert "Too many wrong codes" in refused.page.get_text()
    # A right code still works: the limit only counts wrong ones.
    assert _code_entry(client, code, mine).page.select_one("input[name=receipt]") is not None


@pytest.mark.parametrize("path", ["/training/{code}", "/training/{code}/follow-up"])
def test_pages_work_without_javascript_and_say_it_is_anonymous(app, client, world, path):
    code, _ = _session(app, world)
    page = client.get(path.format(code=code))
    assert page.status_code in (200, 410)
    assert "999" in page.page.get_text()


def test_without_a_mail_server_the_reminder_log_has_no_address(
    app, client, world, monkeypatch, caplog
):
    code, _ = _session(app, world)
    _form_a(client, code, follow_up="yes", email=CANARY_EMAIL)
    monkeypatch.delitem(app.extensions, "outbox")
    _later(monkeypatch, 7 * 8)
    with caplog.at_level("INFO"):
        result = app.test_cli_runner().invoke(args=["training-reminders"])
    assert "Sent 1" in result.output
    assert "Email (not sent" in caplog.text and CANARY_EMAIL not in caplog.text


def test_a_copied_form_is_reworded_and_a_course_uses_it(app, client, world):
    sign_in(client, world.people["analyst"])
    forms_page = client.get("/staff/training/forms")
    token = forms_page.page.select_one("input[name=csrf_token]")["value"]
    assert (
        client.post(
            "/staff/training/forms/copy", data={"csrf_token": token, "copy": "built_in_a"}
        ).status_code
        == 302
    )
    link = client.get("/staff/training/forms").page.select_one("a[href*='/staff/training/forms/']")
    edit = client.get(link["href"])
    data = {
        field["name"]: field.get("value", "")
        for field in edit.page.select("input[type=text], input[type=hidden]")
    }
    data["text_relevant"] = "This course was relevant to my work with children."
    data["leave_out_contacts"] = "y"
    data["leave_out_relevant"] = "y"  # required: kept whatever the form says
    assert client.post(link["href"], data=data).status_code == 302
    form_id = link["href"].rsplit("/", 1)[-1]
    page = client.get("/staff/training/courses/new")
    assert page.page.select_one(f"input[name=form_a][value='{form_id}']") is not None
    created = client.post(
        "/staff/training/courses/new",
        data={"csrf_token": token, "title": "Adapted", "objectives": "spot neglect",
              "level": "1", "form_a": form_id, "form_b": "built_in_b"},
    )  # fmt: skip
    assert created.status_code == 302
    course_page = client.get(created.headers["Location"])
    session_link = course_page.page.select_one("a.govuk-button")["href"]
    today = dt.date.today()
    made = client.post(session_link, data={
        "csrf_token": token, "held_on": [str(today.day), str(today.month), str(today.year)],
        "mode": "online", "follow_up_weeks": "8", "follow_up_open_weeks": "8",
    })  # fmt: skip
    assert made.status_code == 302
    with app.app_context():
        code = db.session().scalar(
            sa.select(TrainingSession.code).where(
                TrainingSession.id == made.headers["Location"].rsplit("/", 1)[-1]
            )
        )
    form_a = client.get(f"/training/{code}").page.get_text(" ")
    assert "This course was relevant to my work with children." in form_a
    assert "I made contacts in other agencies" not in form_a


def test_a_practitioner_chooses_their_language_from_the_page(app, client, world):
    code, _ = _session(app, world)
    page = client.get(f"/training/{code}")
    choices = {a["hreflang"]: a["href"] for a in page.page.select(".app-language a[hreflang]")}
    assert len(choices) == 13
    welsh = client.get(f"/training/{code}{choices['cy']}")
    assert welsh.page.html["lang"] == "cy"
    assert welsh.page.select_one("h1").get_text(strip=True) != page.page.select_one("h1").get_text(
        strip=True
    )
    arabic = client.get(f"/training/{code}?lang=ar")
    assert (arabic.page.html["lang"], arabic.page.html["dir"]) == ("ar", "rtl")
