"""Emails about a return's progress: sent for sign-off, signed off, sent back, challenged.

Each says what happened and links to the return (at PUBLIC_URL, like invitations); none
carries the return's answers. Sent once the change is committed, to people who may see
the return; a mail server that fails is logged, and never undoes the change.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable

import sqlalchemy as sa

from engagement import db, mail
from engagement.accounts.sessions import SignedInUser
from engagement.models import AuditReturn, Role, StaffUser
from engagement.public_urls import public_url

log = logging.getLogger(__name__)


def _people(where: Iterable[sa.ColumnElement[bool]], skip: str) -> list[tuple[str, str]]:
    """(email, name) of enabled staff matching ``where``, leaving out who did it."""
    rows = db.session().execute(
        sa.select(StaffUser.email, StaffUser.name)
        .where(*where, StaffUser.disabled.is_(False), StaffUser.id != skip)
        .order_by(StaffUser.email)
    )
    return [(email, name) for email, name in rows]


def _leads(
    audit_return: AuditReturn, skip: str, senior_only: bool = False
) -> list[tuple[str, str]]:
    where = [StaffUser.agency_id == audit_return.agency_id, StaffUser.role == Role.AGENCY_LEAD]
    if senior_only:
        where.append(StaffUser.senior_lead.is_(True))
    return _people(where, skip)


def _admins(audit_return: AuditReturn, skip: str) -> list[tuple[str, str]]:
    return _people(
        [
            StaffUser.partnership_id == audit_return.cycle.partnership_id,
            StaffUser.role == Role.PARTNERSHIP_ADMIN,
        ],
        skip,
    )


def _return(return_id: str) -> AuditReturn:
    found = db.session().get(AuditReturn, return_id)
    if found is None:
        raise LookupError(return_id)
    return found


def _named(audit_return: AuditReturn) -> str:
    """ "Northshire Police's 2026-27 Section 11 self-assessment return"."""
    cycle = audit_return.cycle
    return f"{audit_return.agency.name}\u2019s {cycle.name} {cycle.framework.name} return"


def _send(people: list[tuple[str, str]], subject: str, body: str) -> None:
    for email, name in people:
        try:
            mail.send(email, subject, f"Dear {name},\n\n{body}")
        except (OSError, smtplib.SMTPException) as error:
            log.error("email about a return not sent: %s", type(error).__name__)


def sent_for_sign_off(actor: SignedInUser, return_id: str) -> None:
    """To the agency's senior lead(s): a return is waiting for them. With none named,
    the partnership's admins are told instead, so the return does not wait unseen."""
    found = _return(return_id)
    seniors = _leads(found, actor.id, senior_only=True)
    if not seniors:
        _send(
            _admins(found, actor.id),
            f"{found.agency.name} has no senior lead to sign off its {found.cycle.name} return",
            f"{actor.name} has sent {_named(found)} for sign-off, but nobody at "
            f"{found.agency.name} is named as its senior lead, so nobody can sign it off.\n\n"
            "Name a senior lead on the agency's page:\n"
            f"{public_url('staff.accounts.agency_detail', agency_id=found.agency_id)}",
        )
        return
    _send(
        seniors,
        f"{found.agency.name}: the {found.cycle.name} return is ready for you to sign off",
        f"{actor.name} has sent {_named(found)} for sign-off.\n\n"
        "Check it, then sign it off (which locks it) or send it back for changes:\n"
        f"{public_url('staff.section11.audit_return', return_id=found.id)}",
    )


def signed_off(actor: SignedInUser, return_id: str) -> None:
    """To the agency's leads and the partnership's admins: the return is in, and locked."""
    found = _return(return_id)
    _send(
        _leads(found, actor.id) + _admins(found, actor.id),
        f"{found.agency.name}: the {found.cycle.name} return is signed off",
        f"{actor.name} has signed off {_named(found)}. It is now locked: nobody can change "
        f"it.\n\n{public_url('staff.section11.audit_return', return_id=found.id)}",
    )


def sent_back(actor: SignedInUser, return_id: str, reason: str) -> None:
    """To the agency's leads: what the senior lead wants changed."""
    found = _return(return_id)
    _send(
        _leads(found, actor.id),
        f"{found.agency.name}: the {found.cycle.name} return was sent back for changes",
        f"{actor.name} has sent {_named(found)} back for changes.\n\n"
        f"What needs to change:\n{reason.strip()}\n\n"
        "Make the changes, then send it for sign-off again:\n"
        f"{public_url('staff.section11.audit_return', return_id=found.id)}",
    )


def challenged(actor: SignedInUser, return_id: str, challenge_id: str, standard: str) -> None:
    """To the agency's leads: the partnership has challenged a standard; they can reply."""
    found = _return(return_id)
    _send(
        _leads(found, actor.id),
        f"{found.agency.name}: the partnership has a challenge on the {found.cycle.name} return",
        f"The partnership has challenged {_named(found)} on standard {standard}.\n\n"
        "Read the challenge and reply to it:\n"
        + public_url(
            "staff.section11.audit_challenge_reply", return_id=found.id, challenge_id=challenge_id
        ),
    )
