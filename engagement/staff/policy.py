"""Who may do what: one table, checked by every staff route.

Permissions are granted to roles. Some are limited to the user's own agency
(``OWN_AGENCY_ONLY``): an agency lead may manage the users of their own agency
and nobody else's. Everything is also limited to the user's partnership. The
agency an object belongs to always comes from the database, never the client.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort
from flask_login import current_user

from engagement.models import Role

ADMIN = Role.PARTNERSHIP_ADMIN
ANALYST = Role.ANALYST
AGENCY_LEAD = Role.AGENCY_LEAD
TRAINER = Role.TRAINER
SCRUTINEER = Role.SCRUTINEER
EVERYONE = frozenset(Role.ALL)

POLICY: dict[str, frozenset[str]] = {
    "dashboard.view": EVERYONE,
    "agencies.view": frozenset({ADMIN, ANALYST, SCRUTINEER, AGENCY_LEAD}),
    "agencies.manage": frozenset({ADMIN}),
    "users.view": frozenset({ADMIN, AGENCY_LEAD, SCRUTINEER}),
    "users.invite": frozenset({ADMIN, AGENCY_LEAD}),
    "users.disable": frozenset({ADMIN, AGENCY_LEAD}),
    "audit.view": frozenset({ADMIN, SCRUTINEER}),
    "consultations.view": frozenset({ADMIN, ANALYST, SCRUTINEER, TRAINER}),
    "consultations.manage": frozenset({ADMIN, ANALYST}),
    "analysis.view": frozenset({ADMIN, ANALYST, SCRUTINEER}),
    "analysis.manage": frozenset({ADMIN, ANALYST}),
    "concerns.review": frozenset({ADMIN, ANALYST}),
    "priorities.manage": frozenset({ADMIN}),
    "analysis_settings.manage": frozenset({ADMIN}),
    "audits.view": frozenset({ADMIN, ANALYST, SCRUTINEER}),
    "audits.manage": frozenset({ADMIN, ANALYST}),
    "users.senior": frozenset({ADMIN}),
    # One agency's return: its answers, documents, challenges and actions.
    "audit_returns.view": frozenset({ADMIN, ANALYST, SCRUTINEER, AGENCY_LEAD}),
    "audit_returns.edit": frozenset({AGENCY_LEAD}),
    "audit_returns.approve": frozenset({AGENCY_LEAD}),  # senior leads only (service)
    "audit_returns.reply": frozenset({AGENCY_LEAD}),
    "audit_actions.manage": frozenset({ADMIN, ANALYST, AGENCY_LEAD}),
    # Training: a trainer sees and manages their own courses only (the service checks).
    "training.view": frozenset({ADMIN, ANALYST, SCRUTINEER, TRAINER}),
    "training.manage": frozenset({ADMIN, ANALYST, TRAINER}),
    "training_forms.manage": frozenset({ADMIN, ANALYST}),
    # "You said, we did": scrutineers read, never publish.
    "you_said.view": frozenset({ADMIN, ANALYST, SCRUTINEER}),
    "you_said.manage": frozenset({ADMIN, ANALYST}),
    "report.view": frozenset({ADMIN, ANALYST, SCRUTINEER}),
    "report.manage": frozenset({ADMIN, ANALYST}),
}
OWN_AGENCY_ONLY: dict[str, frozenset[str]] = {
    "agencies.view": frozenset({AGENCY_LEAD}),
    "users.view": frozenset({AGENCY_LEAD}),
    "users.invite": frozenset({AGENCY_LEAD}),
    "users.disable": frozenset({AGENCY_LEAD}),
    "audit_returns.view": frozenset({AGENCY_LEAD}),
    "audit_returns.edit": frozenset({AGENCY_LEAD}),
    "audit_returns.approve": frozenset({AGENCY_LEAD}),
    "audit_returns.reply": frozenset({AGENCY_LEAD}),
    "audit_actions.manage": frozenset({AGENCY_LEAD}),
}
# The roles each role may give when inviting someone.
MAY_INVITE: dict[str, frozenset[str]] = {
    ADMIN: EVERYONE,
    AGENCY_LEAD: frozenset({AGENCY_LEAD}),
}


def can(user: Any, permission: str, agency_id: str | None = None) -> bool:
    """May ``user`` do ``permission``, on an object of ``agency_id`` if it has one?"""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.role not in POLICY[permission]:
        return False
    if user.role in OWN_AGENCY_ONLY.get(permission, frozenset()):
        return agency_id is not None and agency_id == user.agency_id
    return True


def limited_to_agency(user: Any, permission: str) -> str | None:
    """The one agency whose objects ``user`` may reach for ``permission``, or None for all."""
    if user.role in OWN_AGENCY_ONLY.get(permission, frozenset()):
        return str(user.agency_id)
    return None


def requires(permission: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Refuse the view (403) unless the signed-in user's role has ``permission``.

    Views about one agency's objects call ``check(permission, agency_id)`` too.
    """

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if current_user.role not in POLICY[permission]:
                abort(403)
            return view(*args, **kwargs)

        wrapped.permission = permission  # type: ignore[attr-defined]
        return wrapped

    return decorator


def check(permission: str, agency_id: str | None) -> None:
    if not can(current_user, permission, agency_id):
        abort(403)
