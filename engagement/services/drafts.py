"""Answers so far: start, save an answer, save for later and resume."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

import sqlalchemy as sa
from flask import current_app

from engagement import db
from engagement.models import ConsultationVersion, Draft
from engagement.services.consultations import today
from forms.journey import CODE_ALPHABET, CODE_LENGTH


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _expiry() -> dt.date:
    return today() + dt.timedelta(days=current_app.config["DRAFT_DAYS"])


def start(version: ConsultationVersion) -> Draft:
    """Start an answer set for ``version``."""
    with db.transaction() as s:
        draft = Draft(
            version_id=version.id,
            answers={},
            receipt=secrets.token_urlsafe(24),
            expires_on=_expiry(),
        )
        s.add(draft)
    return draft


def get(draft_id: str | None) -> Draft | None:
    if not draft_id:
        return None
    draft = db.session().get(Draft, draft_id)
    if draft is None or draft.expires_on < today():
        return None
    return draft


def save_answer(draft_id: str, key: str, value: Any) -> None:
    """Store one answer (None removes it: the question was skipped)."""
    with db.transaction() as s:
        draft = s.get(Draft, draft_id)
        if draft is None:
            return
        answers = dict(draft.answers)
        if value is None:
            answers.pop(key, None)
        else:
            answers[key] = value
        draft.answers = answers
        draft.expires_on = _expiry()


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def save_for_later(draft_id: str) -> str:
    """Give the answer set a fresh resume code; returns the code (shown once)."""
    code = new_code()
    with db.transaction() as s:
        draft = s.get(Draft, draft_id)
        if draft is None:
            raise LookupError(draft_id)
        draft.resume_code_hash = digest(code)
        draft.expires_on = _expiry()
    return code


def resume(code: str) -> Draft | None:
    draft = db.session().scalar(sa.select(Draft).where(Draft.resume_code_hash == digest(code)))
    if draft is None or draft.expires_on < today():
        return None
    return draft


def remove_expired() -> int:
    with db.transaction() as s:
        expired = s.scalars(sa.select(Draft.id).where(Draft.expires_on < today())).all()
        s.execute(sa.delete(Draft).where(Draft.id.in_(expired)))
    return len(expired)
