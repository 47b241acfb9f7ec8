"""Staff sessions live on the server: signing out, timing out or being disabled ends them.

The browser's cookie holds only the session's random id (through Flask-Login).
"""

from __future__ import annotations

import datetime as dt
import secrets

import sqlalchemy as sa

from engagement import clock, db
from engagement.accounts.credentials import _aware
from engagement.models import StaffSession, StaffUser

IDLE_LIMIT = dt.timedelta(minutes=30)
ABSOLUTE_LIMIT = dt.timedelta(hours=12)
TOUCH_EVERY = dt.timedelta(minutes=1)  # how often "last seen" is written


class SignedInUser:
    """The Flask-Login user: a staff member in one live session."""

    is_authenticated = True
    is_active = True
    is_anonymous = False

    def __init__(self, user: StaffUser, session_id: str) -> None:
        self.session_id = session_id
        self.id = user.id
        self.name = user.name
        self.email = user.email
        self.role = user.role
        self.agency_id = user.agency_id
        self.partnership_id = user.partnership_id

    def get_id(self) -> str:
        return self.session_id


def begin(user_id: str) -> SignedInUser:
    """A new server-side session for a user who has passed both steps of signing in."""
    session_id = secrets.token_urlsafe(32)
    moment = clock.now()
    with db.transaction() as s:
        s.add(StaffSession(id=session_id, user_id=user_id, started_at=moment, last_seen_at=moment))
        user = s.get(StaffUser, user_id)
        assert user is not None
        signed_in = SignedInUser(user, session_id)
    return signed_in


def load(session_id: str) -> SignedInUser | None:
    """The signed-in user for a live session, or None (and the session ends)."""
    found = db.session().get(StaffSession, session_id)
    if found is None or found.ended_at is not None:
        return None
    moment = clock.now()
    started, seen = _aware(found.started_at), _aware(found.last_seen_at)
    assert started is not None and seen is not None
    user = found.user
    if user.disabled or moment - seen > IDLE_LIMIT or moment - started > ABSOLUTE_LIMIT:
        end(session_id)
        return None
    if moment - seen > TOUCH_EVERY:
        with db.transaction() as s:
            s.execute(
                sa.update(StaffSession)
                .where(StaffSession.id == session_id)
                .values(last_seen_at=moment)
            )
    return SignedInUser(user, session_id)


def end(session_id: str) -> None:
    with db.transaction() as s:
        s.execute(
            sa.update(StaffSession)
            .where(StaffSession.id == session_id, StaffSession.ended_at.is_(None))
            .values(ended_at=clock.now())
        )


def end_all_for(user_id: str) -> None:
    with db.transaction() as s:
        s.execute(
            sa.update(StaffSession)
            .where(StaffSession.user_id == user_id, StaffSession.ended_at.is_(None))
            .values(ended_at=clock.now())
        )
