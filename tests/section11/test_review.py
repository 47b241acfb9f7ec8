"""The partnership's review: cycles, moderated ratings, challenges and replies, the
action plan, challenge events; and the whole cycle from opening to feedback letter."""

from __future__ import annotations

import datetime as dt
import io

import docx
import sqlalchemy as sa

from engagement import db
from engagement.models import (
    AuditAction,
    AuditChallenge,
    AuditCycle,
    AuditFramework,
    AuditModeration,
    AuditReturn,
    ChallengeEvent,
    ReturnStatus,
    StaffUser,
)
from tests.conftest import both_databases
from tests.section11.audit_data import make_cycle
from tests.staff_world import csrf, sign_in, totp_now


def _date_fields(name: str, day: dt.date) -> dict[str, str]:
    return {name: [str(day.day), str(day.month), str(day.year)]}


def _count(app, model) -> int:
    with app.app_context():
        return db.session().scalar(sa.select(sa.func.count()).select_from(model))


@both_databases
def test_the_whole_cycle_from_opening_to_the_feedback_letter(app, client, world):
    admin, lead = world.people["partnership_admin"], world.people["agency_lead"]
    sign_in(client, admin)
    page = client.get("/staff/audits/frameworks")
    client.post("/staff/audits/frameworks/standard", data={"csrf_token": csrf(page)})
    with app.app_context():
        framework = db.session().scalar(
            sa.select(AuditFramework).where(AuditFramework.kind == "section_11")
        )
        standards = [(s.id, [q.id for q in s.questions]) for s in framework.standards]
    form = client.get("/staff/audits/cycles/new")
    today = dt.date.today()
    response = client.post(
        "/staff/audits/cycles/new",
        data={
            "csrf_token": csrf(form),
            "name": "2026-27",
            "framework": framework.id,
            **_date_fields("opens_on", today),
            **_date_fields("due_on", today + dt.timedelta(days=60)),
            "agencies": [world.own_agency, world.other_agency],
        },
    )
    assert response.status_code == 302, response.text[:400]
    cycle_page = client.get(response.headers["Location"])
    assert "Northshire Police" in cycle_page.text and "/practitioner-survey/" in cycle_page.text
    # Each agency's lead is told by email, with a link to the return.
    emails = {m["to"]: m for m in app.extensions["outbox"]}
    assert "/staff/audits/returns/" in emails[lead.email]["body"]
    assert "2026-27" in emails[lead.email]["subject"]
    assert emails[world.people["other_lead"].email]["subject"].startswith("Riverside Youth Club")
    with app.app_context():
        own_return = db.session().scalar(
            sa.select(AuditReturn).where(AuditReturn.agency_id == world.own_agency)
        )
        return_id, cycle_id = own_return.id, own_return.cycle_id
    # The admin names the agency's senior lead.
    agency_page = client.get(f"/staff/agencies/{world.own_agency}")
    client.post(
        f"/staff/agencies/{world.own_agency}/people/{lead.id}/senior",
        data={"csrf_token": csrf(agency_page), "senior": "1"},
    )
    client.post("/staff/sign-out", data={"csrf_token": csrf(agency_page)})

    # The agency lead answers every standard and sends the return for sign-off.
    sign_in(client, lead)
    for standard_id, questions in standards:
        url = f"/staff/audits/returns/{return_id}/standards/{standard_id}"
        page = client.get(url)
        data = {"csrf_token": csrf(page), "then": "next"}
        for question in questions:
            data |= {
                f"rating_{question}": "mostly",
                f"evidence_{question}": "Policy on page 4",
                f"impact_{question}": "Children are seen sooner",
                f"version_{question}": "0",
            }
        assert client.post(url, data=data).status_code == 302
    overview = client.get(f"/staff/audits/returns/{return_id}")
    client.post(f"/staff/audits/returns/{return_id}/submit", data={"csrf_token": csrf(overview)})
    confirm = client.get(f"/staff/audits/returns/{return_id}/sign-off")
    client.post(f"/staff/audits/returns/{return_id}/sign-off", data={"csrf_token": csrf(confirm)})
    with app.app_context():
        assert db.session().get(AuditReturn, return_id).status == ReturnStatus.APPROVED
    client.post("/staff/sign-out", data={"csrf_token": csrf(overview)})

    # The analyst moderates and challenges one standard, and adds an action.
    sign_in(client, world.people["analyst"])
    first_standard = standards[0][0]
    review_url = f"/staff/audits/returns/{return_id}/review/{first_standard}"
    review = client.get(review_url)
    assert "Policy on page 4" in review.text and "Mostly met" in review.text
    client.post(
        review_url,
        data={
            "csrf_token": csrf(review),
            "form": "moderate",
            "moderate-rating": "partially",
            "moderate-note": "Thin",
        },
    )
    client.post(
        review_url,
        data={
            "csrf_token": csrf(review),
            "form": "challenge",
            "challenge-body": "How do you know the policy is used?",
        },
    )
    action_page = client.get(f"/staff/audits/returns/{return_id}/actions/new")
    client.post(
        f"/staff/audits/returns/{return_id}/actions/new",
        data={
            "csrf_token": csrf(action_page),
            "description": "Audit policy use",
            "owner": "Head of safeguarding",
            "standard": first_standard,
            "status": "not_started",
            **_date_fields("due_on", today - dt.timedelta(days=1)),
        },
    )
    overview = client.get(f"/staff/audits/returns/{return_id}")
    assert "Partially met" in overview.text and "Overdue" in overview.text
    client.post("/staff/sign-out", data={"csrf_token": csrf(overview)})

    # The agency replies and completes the action with evidence (a fresh code: the
    # first one was used up).
    sign_in(client, lead, totp_now(lead, step_offset=1))
    with app.app_context():
        challenge_id = db.session().scalar(sa.select(AuditChallenge.id))
        action_id = db.session().scalar(sa.select(AuditAction.id))
    reply_url = f"/staff/audits/returns/{return_id}/challenges/{challenge_id}"
    reply = client.get(reply_url)
    client.post(reply_url, data={"csrf_token": csrf(reply), "reply": "Our audit in March."})
    action_url = f"/staff/audits/returns/{return_id}/actions/{action_id}"
    action_page = client.get(action_url)
    done = {
        "csrf_token": csrf(action_page),
        "description": "Audit policy use",
        "owner": "Head of safeguarding",
        "standard": first_standard,
        "status": "done",
        **_date_fields("due_on", today - dt.timedelta(days=1)),
    }
    refused = client.post(action_url, data=done)
    assert "Say what shows the action is done" in refused.text
    client.post(action_url, data=done | {"completion_evidence": "Audit report, 3 May"})
    overview = client.get(f"/staff/audits/returns/{return_id}")
    assert "Our audit in March." in overview.text and "Overdue" not in overview.text

    # The letter names the agency, the scores, the challenge and its reply.
    letter = client.get(f"/staff/audits/returns/{return_id}/feedback-letter.docx")
    assert letter.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(letter.data)).paragraphs)
    tables = " ".join(
        cell.text
        for table in docx.Document(io.BytesIO(letter.data)).tables
        for row in table.rows
        for cell in row.cells
    )
    everything = text + tables
    assert "Northshire Police" in everything and "2026-27" in everything
    assert "How do you know the policy is used?" in everything
    assert "Our audit in March." in everything
    with app.app_context():
        assert db.session().get(AuditCycle, cycle_id).name == "2026-27"


def test_opening_a_cycle_needs_sensible_answers(app, client, world):
    sign_in(client, world.people["analyst"])
    page = client.get("/staff/audits/frameworks")
    client.post("/staff/audits/frameworks/standard", data={"csrf_token": csrf(page)})
    form = client.get("/staff/audits/cycles/new")
    today = dt.date.today()
    response = client.post(
        "/staff/audits/cycles/new",
        data={
            "csrf_token": csrf(form),
            "name": "",
            "opens_on": ["31", "2", "2027"],
            **_date_fields("due_on", today),
        },
    )
    summary = response.page.select_one(".govuk-error-summary").text
    assert "Enter a name for the cycle" in summary
    assert "Choose a framework" in summary
    assert "must be a real date" in summary
    assert "Choose at least one agency" in summary
    assert _count(app, AuditCycle) == 0


def test_a_moderated_rating_must_come_from_the_scale(app, client, world):
    ids = make_cycle(app, world, rating="fully")
    with app.app_context():
        standard_id = db.session().get(AuditFramework, ids["framework"]).standards[0].id
    sign_in(client, world.people["analyst"])
    url = f"/staff/audits/returns/{ids[world.own_agency]}/review/{standard_id}"
    page = client.get(url)
    response = client.post(
        url, data={"csrf_token": csrf(page), "form": "moderate", "moderate-rating": "gold"}
    )
    assert response.status_code == 200 and response.page.select_one(".govuk-error-summary")
    empty = client.post(url, data={"csrf_token": csrf(page), "form": "challenge"})
    assert "Enter the challenge" in empty.text
    assert _count(app, AuditModeration) == 0 and _count(app, AuditChallenge) == 0


def test_challenge_events_list_the_agencies_presenting(app, client, world):
    ids = make_cycle(app, world)
    sign_in(client, world.people["partnership_admin"])
    url = f"/staff/audits/cycles/{ids['cycle']}/events/new"
    page = client.get(url)
    bad = client.post(
        url,
        data={
            "csrf_token": csrf(page),
            "title": "Panel",
            "starts_at": "25:00",
            "place": "Room 1",
            **_date_fields("held_on", dt.date.today()),
        },
    )
    assert "Enter a start time, like 14:00" in bad.text
    assert "Choose at least one agency to present" in bad.text
    client.post(
        url,
        data={
            "csrf_token": csrf(page),
            "title": "Health panel",
            "starts_at": "14:00",
            "place": "Room 1",
            "agencies": [world.own_agency],
            **_date_fields("held_on", dt.date.today() + dt.timedelta(days=20)),
        },
    )
    with app.app_context():
        event = db.session().scalar(sa.select(ChallengeEvent))
        assert [a.id for a in event.agencies] == [world.own_agency]
    assert "Health panel" in client.get(f"/staff/audits/cycles/{ids['cycle']}").text
    client.post("/staff/sign-out", data={"csrf_token": csrf(page)})
    sign_in(client, world.people["agency_lead"])
    assert "Health panel" in client.get(f"/staff/audits/returns/{ids[world.own_agency]}").text


def test_only_the_partnership_admin_names_a_senior_lead(app, client, world):
    lead = world.people["agency_lead"]
    sign_in(client, lead)
    page = client.get(f"/staff/agencies/{world.own_agency}")
    response = client.post(
        f"/staff/agencies/{world.own_agency}/people/{lead.id}/senior",
        data={"csrf_token": csrf(page), "senior": "1"},
    )
    assert response.status_code == 403
    with app.app_context():
        assert db.session().get(StaffUser, lead.id).senior_lead is False


def test_actions_left_open_last_cycle_follow_the_agency(app, client, world):
    from engagement import clock

    old = make_cycle(app, world, name="2025-26", opens_on=dt.date(2025, 11, 1),
                     due_on=dt.date(2026, 1, 31), rating="fully")  # fmt: skip
    new = make_cycle(app, world, name="2026-27")
    with app.app_context(), db.transaction() as s:
        for description, status in (("Train night staff", "in_progress"), ("Done one", "done")):
            s.add(
                AuditAction(
                    return_id=old[world.own_agency], description=description, owner="Lead",
                    due_on=dt.date(2026, 3, 1), status=status, updated_at=clock.now(),
                    completion_evidence="Log" if status == "done" else "",
                )
            )  # fmt: skip
    sign_in(client, world.people["analyst"])
    page = client.get(f"/staff/audits/returns/{new[world.own_agency]}")
    assert "Train night staff" in page.text and "(from an earlier cycle)" in page.text
    assert "Done one" not in page.text
    dashboard = client.get(f"/staff/audits/cycles/{new['cycle']}/dashboard")
    assert "Train night staff (from 2025-26)" in dashboard.text
    assert (
        "Train night staff"
        not in client.get(f"/staff/audits/returns/{new[world.other_agency]}").text
    )
