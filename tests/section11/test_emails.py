"""Emails as a return moves on: sent for sign-off, signed off, sent back, challenged."""

from __future__ import annotations

import pytest

from engagement import clock, db
from engagement.models import AuditReturn, ReturnStatus, Role, StaffUser
from tests.section11.audit_data import make_cycle
from tests.staff_world import HASHED, Person, csrf, sign_in

LINK = "http://127.0.0.1:5000/staff/audits/returns/"
EVIDENCE = "Policy signed in May."  # every answer's evidence (audit_data): never emailed


def _add_lead(app, world, key: str, senior: bool = False, disabled: bool = False) -> Person:
    """Another lead of the world's own agency (Northshire Police)."""
    import pyotp

    secret = pyotp.random_base32()
    with app.app_context(), db.transaction() as s:
        partnership_id = s.get(StaffUser, world.people["agency_lead"].id).partnership_id
        user = StaffUser(
            partnership_id=partnership_id, agency_id=world.own_agency,
            email=f"{key}@example.org", name=key.replace("_", " ").title(),
            role=Role.AGENCY_LEAD, password_hash=HASHED, totp_secret=secret,
            senior_lead=senior, disabled=disabled, created_at=clock.now(),
        )  # fmt: skip
        s.add(user)
        s.flush()
        return Person(user.id, user.email, Role.AGENCY_LEAD, world.own_agency, secret)


def _sent(app) -> dict[str, dict[str, str]]:
    return {message["to"]: message for message in app.extensions["outbox"]}


def _send_for_sign_off(app, client, world) -> str:
    """The agency lead sends a complete return for sign-off; returns its id."""
    own = make_cycle(app, world, rating="mostly")[world.own_agency]
    sign_in(client, world.people["agency_lead"])
    page = client.get(f"/staff/audits/returns/{own}")
    app.extensions["outbox"].clear()
    client.post(f"/staff/audits/returns/{own}/submit", data={"csrf_token": csrf(page)})
    return own


@pytest.fixture
def senior(app, world) -> Person:
    _add_lead(app, world, "retired_senior", senior=True, disabled=True)
    return _add_lead(app, world, "senior_lead", senior=True)


def test_sending_for_sign_off_emails_the_senior_lead(app, client, world, senior):
    own = _send_for_sign_off(app, client, world)
    sent = _sent(app)
    assert set(sent) == {senior.email}  # not the lead who sent it, nor a disabled account
    email = sent[senior.email]
    assert email["subject"] == "Northshire Police: the 2026-27 return is ready for you to sign off"
    assert "Agency Lead has sent Northshire Police’s 2026-27 Section 11" in email["body"]
    assert f"{LINK}{own}\n" in email["body"] + "\n"
    assert EVIDENCE not in email["body"]


def test_signing_off_emails_the_agencys_leads_and_the_partnerships_admins(
    app, client, world, senior
):
    ids = make_cycle(app, world, rating="mostly", status=ReturnStatus.SUBMITTED)
    own = ids[world.own_agency]
    sign_in(client, senior)
    confirm = client.get(f"/staff/audits/returns/{own}/sign-off")
    assert app.extensions["outbox"] == []  # asking sends nothing
    client.post(f"/staff/audits/returns/{own}/sign-off", data={"csrf_token": csrf(confirm)})
    sent = _sent(app)
    assert set(sent) == {world.people["agency_lead"].email, world.people["partnership_admin"].email}
    for email in sent.values():
        assert email["subject"] == "Northshire Police: the 2026-27 return is signed off"
        assert "Senior Lead has signed off" in email["body"] and "locked" in email["body"]
        assert f"{LINK}{own}" in email["body"] and EVIDENCE not in email["body"]


def test_sending_back_asks_what_to_change_and_emails_it_to_the_leads(app, client, world, senior):
    ids = make_cycle(app, world, rating="mostly", status=ReturnStatus.SUBMITTED)
    own = ids[world.own_agency]
    sign_in(client, senior)
    overview = client.get(f"/staff/audits/returns/{own}")
    link = overview.page.find("a", string=lambda s: s and "Send back for changes" in s)
    page = client.get(link["href"])
    empty = client.post(link["href"], data={"csrf_token": csrf(page), "reason": "  "})
    assert empty.status_code == 200
    assert "Say what needs to change" in empty.page.select_one(".govuk-error-summary").get_text()
    with app.app_context():
        assert db.session().get(AuditReturn, own).status == ReturnStatus.SUBMITTED
    assert app.extensions["outbox"] == []
    reason = "Standard 3 needs the training figures for this year."
    done = client.post(link["href"], data={"csrf_token": csrf(page), "reason": reason})
    assert done.headers["Location"] == f"/staff/audits/returns/{own}"
    with app.app_context():
        assert db.session().get(AuditReturn, own).status == ReturnStatus.IN_PROGRESS
    sent = _sent(app)
    assert set(sent) == {world.people["agency_lead"].email}
    email = sent[world.people["agency_lead"].email]
    assert email["subject"] == "Northshire Police: the 2026-27 return was sent back for changes"
    assert f"What needs to change:\n{reason}\n" in email["body"]
    assert f"{LINK}{own}" in email["body"] and EVIDENCE not in email["body"]

    # The leads also find the reason on the return itself, until it is sent again.
    lead = app.test_client()
    sign_in(lead, world.people["agency_lead"])
    page = lead.get(f"/staff/audits/returns/{own}")
    inset = page.page.select_one(".govuk-inset-text")
    assert "Sent back for changes" in inset.get_text() and reason in inset.get_text()
    lead.post(f"/staff/audits/returns/{own}/submit", data={"csrf_token": csrf(page)})
    with app.app_context():
        assert db.session().get(AuditReturn, own).sent_back_reason is None


def test_a_challenge_emails_the_agencys_leads_a_link_to_reply(app, client, world, senior):
    ids = make_cycle(app, world, rating="mostly", status=ReturnStatus.APPROVED)
    own = ids[world.own_agency]
    with app.app_context():
        standard = db.session().get(AuditReturn, own).cycle.framework.standards[1]
        standard_id, code = standard.id, standard.code
    sign_in(client, world.people["analyst"])
    review_url = f"/staff/audits/returns/{own}/review/{standard_id}"
    review = client.get(review_url)
    body = "How do you know staff use the policy?"
    client.post(
        review_url,
        data={"csrf_token": csrf(review), "form": "challenge", "challenge-body": body},
    )
    sent = _sent(app)
    assert set(sent) == {world.people["agency_lead"].email, senior.email}
    for email in sent.values():
        assert email["subject"] == (
            "Northshire Police: the partnership has a challenge on the 2026-27 return"
        )
        assert f"on standard {code} " in email["body"]
        assert EVIDENCE not in email["body"]
    reply = sent[senior.email]["body"].split(LINK, 1)[1].strip()
    assert "/challenges/" in reply
    client.post("/staff/sign-out", data={"csrf_token": csrf(review)})
    sign_in(client, senior)
    page = client.get(f"/staff/audits/returns/{reply}")
    assert page.status_code == 200 and body in page.text
    # Other agencies' leads hear nothing about it.
    assert world.people["other_lead"].email not in sent


def test_with_no_senior_lead_named_the_admins_are_asked_to_name_one(app, client, world):
    _send_for_sign_off(app, client, world)
    sent = _sent(app)
    assert set(sent) == {world.people["partnership_admin"].email}
    email = sent[world.people["partnership_admin"].email]
    assert email["subject"] == (
        "Northshire Police has no senior lead to sign off its 2026-27 return"
    )
    assert f"/staff/agencies/{world.own_agency}" in email["body"]
    assert EVIDENCE not in email["body"]
