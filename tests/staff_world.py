"""Staff fixtures: a partnership with two agencies and a user of every role."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pyotp
import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from engagement import clock, db
from engagement.accounts.credentials import hash_password
from engagement.demo.seed import load_consultation
from engagement.models import Agency, Consultation, Partnership, Role, StaffUser

PASSWORD = "correct horse battery staple"
HASHED = hash_password(PASSWORD)  # argon2id is slow on purpose: hash once for every test


@dataclass
class Person:
    id: str
    email: str
    role: str
    agency_id: str | None
    secret: str


@dataclass
class World:
    own_agency: str
    other_agency: str
    people: dict[str, Person]  # by role; agency leads: "agency_lead" (own), "other_lead"
    consultation: str  # the partnership's demo consultation
    foreign_consultation: str  # another partnership's


@pytest.fixture
def world(app) -> World:
    return make_world(app)


def make_world(app) -> World:
    """Two agencies in the demo partnership, a person of every role, and a consultation in
    another partnership."""
    with app.app_context(), Session(bind=db.engine()) as s, s.begin():
        partnership = s.scalar(sa.select(Partnership).where(Partnership.slug == "northshire"))
        own = Agency(
            partnership_id=partnership.id,
            name="Northshire Police",
            sector="police",
            statutory_partner=True,
        )
        other = Agency(
            partnership_id=partnership.id, name="Riverside Youth Club", sector="voluntary_community"
        )
        s.add_all([own, other])
        s.flush()
        people = {}
        for key, role, agency in (
            ("partnership_admin", Role.PARTNERSHIP_ADMIN, None),
            ("analyst", Role.ANALYST, None),
            ("trainer", Role.TRAINER, None),
            ("scrutineer", Role.SCRUTINEER, None),
            ("agency_lead", Role.AGENCY_LEAD, own),
            ("other_lead", Role.AGENCY_LEAD, other),
        ):
            secret = pyotp.random_base32()
            user = StaffUser(
                partnership_id=partnership.id,
                agency_id=agency.id if agency else None,
                email=f"{key}@example.org",
                name=key.replace("_", " ").title(),
                role=role,
                password_hash=HASHED,
                totp_secret=secret,
                created_at=clock.now(),
            )
            s.add(user)
            s.flush()
            people[key] = Person(user.id, user.email, role, user.agency_id, secret)
        foreign = load_consultation(s, dt.date.today(), slug_prefix="elsewhere")
        s.flush()
        ours = s.scalar(
            sa.select(Consultation).where(Consultation.partnership_id == partnership.id)
        )
        return World(own.id, other.id, people, ours.id, foreign.id)  # fmt: skip


def csrf(page) -> str:
    return page.page.find("input", attrs={"name": "csrf_token"})["value"]


def totp_now(person: Person, step_offset: int = 0) -> str:
    totp = pyotp.TOTP(person.secret)
    return totp.generate_otp(totp.timecode(__import__("datetime").datetime.now()) + step_offset)


def sign_in(client, person: Person, code: str | None = None):
    """Both steps of signing in; returns the response to the code."""
    client.get("/staff/sign-in")
    response = client.post("/staff/sign-in", data={"email": person.email, "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    assert response.headers["Location"] == "/staff/two-factor"
    return client.post("/staff/two-factor", data={"code": code or totp_now(person)})


def outbox_link(app, purpose_path: str) -> str:
    message = app.extensions["outbox"][-1]
    return re.search(rf"http://[^\s]+{purpose_path}/[^\s]+", message["body"]).group(0)
