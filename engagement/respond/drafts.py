"""Answers so far: start, save an answer, save for later and resume.

Every question page reads the answer set and every answer writes it, so these
use SQLAlchemy Core on the drafts table rather than ORM objects.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app

from engagement import clock, db
from engagement.models import ConsultationVersion, Draft, new_id
from engagement.receipts import digest
from forms.vocabulary import CODE_ALPHABET, CODE_LENGTH

drafts: sa.Table = Draft.__table__  # type: ignore[assignment]


@dataclass(frozen=True)
class DraftState:
    id: str
    version_id: str
    answers: dict[str, Any]
    receipt: str


def _expiry() -> dt.date:
    return clock.today() + dt.timedelta(days=current_app.config["DRAFT_DAYS"])


def start(version: ConsultationVersion) -> DraftState:
    """Start an answer set for ``version``."""
    state = DraftState(new_id(), version.id, {}, secrets.token_urlsafe(24))
    with db.transaction() as s:
        s.execute(
            sa.insert(drafts).values(
                id=state.id,
                version_id=state.version_id,
                answers={},
                receipt=state.receipt,
                expires_on=_expiry(),
            )
        )
    return state


_COLUMNS = (drafts.c.id, drafts.c.version_id, drafts.c.answers, drafts.c.receipt)
_BY_ID = sa.select(*_COLUMNS).where(
    drafts.c.id == sa.bindparam("id"), drafts.c.expires_on >= sa.bindparam("today")
)
_BY_CODE = sa.select(*_COLUMNS).where(
    drafts.c.resume_code_hash == sa.bindparam("code_hash"),
    drafts.c.expires_on >= sa.bindparam("today"),
)


def _state(row: Any) -> DraftState | None:
    return DraftState(row.id, row.version_id, row.answers, row.receipt) if row else None


def get(draft_id: str | None) -> DraftState | None:
    if not draft_id:
        return None
    with db.read() as connection:
        return _state(connection.execute(_BY_ID, {"id": draft_id, "today": clock.today()}).first())


# One statement changes one answer inside the stored JSON, so two tabs answering
# different questions at once never overwrite each other, and nothing is read first.
_SET_ANSWER = {
    "sqlite": "UPDATE drafts SET answers = json_set(answers, :path, json(:value)), "
    "expires_on = :expires_on WHERE id = :id",
    "postgresql": "UPDATE drafts SET answers = (answers::jsonb || "
    "jsonb_build_object(CAST(:key AS text), CAST(:value AS jsonb)))::json, "
    "expires_on = :expires_on WHERE id = :id",
}
_REMOVE_ANSWER = {
    "sqlite": "UPDATE drafts SET answers = json_remove(answers, :path), "
    "expires_on = :expires_on WHERE id = :id",
    "postgresql": "UPDATE drafts SET answers = (answers::jsonb - CAST(:key AS text))::json, "
    "expires_on = :expires_on WHERE id = :id",
}


def save_answer(draft_id: str, key: str, value: Any) -> None:
    """Store one answer (None removes it: the question was skipped)."""
    params = {
        "id": draft_id,
        "key": key,
        "path": '$."' + key.replace('"', "") + '"',
        "value": json.dumps(value),
        "expires_on": _expiry(),
    }
    with db.single_write() as connection:
        statement = _REMOVE_ANSWER if value is None else _SET_ANSWER
        connection.execute(sa.text(statement[connection.dialect.name]), params)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def save_for_later(draft_id: str) -> str:
    """Give the answer set a fresh resume code; returns the code (shown once)."""
    code = new_code()
    with db.transaction() as s:
        updated = s.execute(
            sa.update(drafts)
            .where(drafts.c.id == draft_id)
            .values(resume_code_hash=digest(code), expires_on=_expiry())
        )
        if updated.rowcount != 1:  # type: ignore[attr-defined]
            raise LookupError(draft_id)
    return code


def resume(code: str) -> DraftState | None:
    with db.read() as connection:
        row = connection.execute(
            _BY_CODE, {"code_hash": digest(code), "today": clock.today()}
        ).first()
    return _state(row)


def remove_expired() -> int:
    with db.transaction() as s:
        expired = s.scalars(sa.select(drafts.c.id).where(drafts.c.expires_on < clock.today())).all()
        s.execute(sa.delete(drafts).where(drafts.c.id.in_(expired)))
    return len(expired)
