"""What the partnership did about what young people said: recorded by staff from a
consultation, against one of its themes or one of the partnership's priorities."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from engagement import clock, db
from engagement.accounts import activity_log
from engagement.accounts.sessions import SignedInUser
from engagement.models import Consultation, Theme, WeDidAction, WeDidStatus
from engagement.themes import codebook
from engagement.themes.settings import priorities

STATUSES = {
    WeDidStatus.PLANNED: "Planned",
    WeDidStatus.IN_PROGRESS: "In progress",
    WeDidStatus.DONE: "Done",
    WeDidStatus.NOT_TAKEN_FORWARD: "Not taken forward",
}


class ActionProblem(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class ActionDetails:
    what: str
    for_young_people: dict[str, str]
    by_whom: str
    decided_on: dt.date
    status: str
    reason: str = ""
    evidence: str = ""
    theme_id: str | None = None
    priority_id: str | None = None


def listing(consultation: Consultation) -> list[WeDidAction]:
    return list(
        db.session().scalars(
            sa.select(WeDidAction)
            .where(WeDidAction.consultation_id == consultation.id)
            .order_by(WeDidAction.decided_on.desc(), WeDidAction.id)
        )
    )


def get(consultation: Consultation, action_id: str) -> WeDidAction | None:
    found = db.session().get(WeDidAction, action_id)
    return found if found is not None and found.consultation_id == consultation.id else None


def themes(consultation: Consultation) -> list[Theme]:
    return codebook.themes(consultation.id)


def save(
    actor: SignedInUser,
    consultation: Consultation,
    details: ActionDetails,
    action_id: str | None = None,
) -> str:
    """A new action, or a change to one; the theme must be the consultation's own and
    the priority the partnership's."""
    if details.status not in STATUSES:
        raise ActionProblem("status", "Choose how far it has got")
    if details.status == WeDidStatus.NOT_TAKEN_FORWARD and not details.reason.strip():
        raise ActionProblem("reason", "Say why it was not taken forward")
    if not details.for_young_people.get("en", "").strip():
        raise ActionProblem("for_young_people_en", "Enter what young people will read")
    if details.theme_id and details.theme_id not in {t.id for t in themes(consultation)}:
        raise ActionProblem("theme", "Choose a theme from the list")
    owned = {p.id for p in priorities(consultation.partnership_id)}
    if details.priority_id and details.priority_id not in owned:
        raise ActionProblem("priority", "Choose a priority from the list")
    with db.transaction() as s:
        action = s.get(WeDidAction, action_id) if action_id else None
        if action_id and (action is None or action.consultation_id != consultation.id):
            raise LookupError(action_id)
        if action is None:
            action = WeDidAction(
                partnership_id=consultation.partnership_id, consultation_id=consultation.id
            )
            s.add(action)
        action.what = details.what.strip()
        action.for_young_people = {
            k: v.strip() for k, v in details.for_young_people.items() if v.strip()
        }
        action.by_whom = details.by_whom.strip()
        action.decided_on = details.decided_on
        action.status = details.status
        action.reason = details.reason.strip()
        action.evidence = details.evidence.strip()
        action.theme_id = details.theme_id or None
        action.priority_id = details.priority_id or None
        action.updated_by = actor.id
        action.updated_at = clock.now()
        s.flush()
        activity_log.record(
            s, "we_did.saved", actor.id, actor.partnership_id, "consultation", consultation.id
        )
        return action.id
