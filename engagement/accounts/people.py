"""Signing in and managing staff accounts: the steps, each recorded in the audit log."""

from __future__ import annotations

import sqlalchemy as sa

from engagement import clock, db, mail
from engagement.accounts import activity_log
from engagement.accounts import credentials as accounts
from engagement.accounts import sessions as staff_sessions
from engagement.models import Agency, StaffUser
from engagement.public_urls import public_url
from forms.vocabulary import normalise_email


class AccountExists(Exception):
    pass


def _user(user_id: str) -> StaffUser | None:
    return db.session().get(StaffUser, user_id)


def has_second_factor(user_id: str) -> bool:
    user = _user(user_id)
    return user is not None and user.totp_secret is not None


def complete_sign_in(user_id: str, code: str) -> bool:
    """Step two of signing in: a fresh authenticator code, or an unused recovery code."""
    user = _user(user_id)
    if user is None:
        return False
    if user.disabled or accounts.is_waiting(user):
        reason = "account disabled" if user.disabled else "account waiting"
        activity_log.record_now("sign_in_code_refused", user_id, user.partnership_id, reason=reason)
        return False
    if accounts.verify_totp(user_id, code):
        method = "authenticator"
    elif accounts.use_recovery_code(user_id, code):
        method = "recovery_code"
    else:
        accounts.count_code(user_id, right=False)
        activity_log.record_now(
            "sign_in_code_refused", user_id, user.partnership_id, reason="wrong code"
        )
        return False
    accounts.count_code(user_id, right=True)
    activity_log.record_now("signed_in", user_id, user.partnership_id, method=method)
    return True


def confirm_second_factor(user_id: str, secret: str, code: str) -> list[str] | None:
    """Save the new authenticator once a code from it checks out; returns recovery codes."""
    user = _user(user_id)
    if user is None:
        return None
    if accounts.is_waiting(user):
        activity_log.record_now(
            "sign_in_code_refused", user_id, user.partnership_id, reason="account waiting"
        )
        return None
    if not accounts.verify_totp(user_id, code, secret=secret):
        accounts.count_code(user_id, right=False)
        activity_log.record_now(
            "sign_in_code_refused", user_id, user.partnership_id,
            reason="wrong code while setting up the authenticator",
        )  # fmt: skip
        return None
    accounts.count_code(user_id, right=True)
    activity_log.record_now("second_factor_set_up", user_id, user.partnership_id)
    # Setting up the authenticator signs the person in (the page goes on to the
    # recovery codes), so it is a sign-in like any other.
    activity_log.record_now("signed_in", user_id, user.partnership_id, method="new authenticator")
    return accounts.new_recovery_codes(user_id)


def totp_uri_for(user_id: str, secret: str) -> str:
    user = _user(user_id)
    return accounts.totp_uri(secret, user.email if user else "")


def _link(endpoint: str, token: str) -> str:
    return public_url(endpoint, token=token)


def send_reset_link(email: str) -> None:
    user = db.session().scalar(
        sa.select(StaffUser).where(StaffUser.email == normalise_email(email))
    )
    if user is None or user.disabled or user.password_hash is None:
        return  # the page says the same thing either way
    link = _link("staff.accounts.reset_password", accounts.make_link_token(user, "reset"))
    mail.send(
        user.email,
        "Reset your password",
        f"Someone asked to reset the password for your staff account.\n\n"
        f"Use this link within {accounts.RESET_HOURS} hour to choose a new password:\n{link}\n\n"
        "You will still need your authenticator app to sign in. If you did not ask for this, "
        "you can ignore this email.",
    )
    activity_log.record_now("password_reset_requested", user.id, user.partnership_id)


def choose_password(token: str, purpose: str, password: str) -> str | None:
    user_id = accounts.set_password_with_token(token, purpose, password)
    if user_id is not None:
        user = _user(user_id)
        staff_sessions.end_all_for(user_id)
        activity_log.record_now(
            "invitation_accepted" if purpose == "invite" else "password_reset",
            user_id,
            user.partnership_id if user else None,
        )
    return user_id


def invite(
    actor: staff_sessions.SignedInUser, name: str, email: str, role: str, agency_id: str | None
) -> StaffUser:
    """Create an account and email its invitation link."""
    email = normalise_email(email)
    with db.transaction() as s:
        if s.scalar(sa.select(StaffUser.id).where(StaffUser.email == email)):
            raise AccountExists(email)
        if agency_id is not None:
            agency = s.get(Agency, agency_id)
            if agency is None or agency.partnership_id != actor.partnership_id:
                raise LookupError(agency_id)
        user = StaffUser(
            partnership_id=actor.partnership_id,
            agency_id=agency_id,
            email=email,
            name=name.strip(),
            role=role,
            created_at=clock.now(),
        )
        s.add(user)
        s.flush()
        activity_log.record(
            s, "user_invited", actor.id, actor.partnership_id, "staff_user", user.id, role=role
        )
    link = _link("staff.accounts.accept_invitation", accounts.make_link_token(user, "invite"))
    mail.send(
        email,
        "You have been invited to Have your say",
        f"{actor.name} has invited you to the staff pages of Have your say.\n\n"
        f"Use this link within {accounts.INVITATION_DAYS} days to choose a password and set up "
        f"your authenticator app:\n{link}",
    )
    return user


def team(partnership_id: str) -> list[StaffUser]:
    """Partnership staff who belong to no agency."""
    return list(
        db.session().scalars(
            sa.select(StaffUser)
            .where(StaffUser.partnership_id == partnership_id, StaffUser.agency_id.is_(None))
            .order_by(StaffUser.name)
        )
    )


def set_disabled(actor: staff_sessions.SignedInUser, user_id: str, disabled: bool) -> None:
    with db.transaction() as s:
        user = s.get(StaffUser, user_id)
        if user is None or user.partnership_id != actor.partnership_id:
            raise LookupError(user_id)
        user.disabled = disabled
        activity_log.record(
            s,
            "user_disabled" if disabled else "user_enabled",
            actor.id,
            actor.partnership_id,
            "staff_user",
            user_id,
        )
    if disabled:
        staff_sessions.end_all_for(user_id)


def create_first_admin(partnership_id: str, name: str, email: str) -> str:
    """For the command line: an admin account and its invitation link."""
    return create_account(partnership_id, name, email, "partnership_admin")


def create_account(
    partnership_id: str,
    name: str,
    email: str,
    role: str,
    agency_id: str | None = None,
    senior_lead: bool = False,
) -> str:
    """For the command line and the demo: an account and its invitation link."""
    with db.transaction() as s:
        user = StaffUser(
            partnership_id=partnership_id,
            agency_id=agency_id,
            email=normalise_email(email),
            name=name,
            role=role,
            senior_lead=senior_lead,
            created_at=clock.now(),
        )
        s.add(user)
        s.flush()
        action = "admin_created" if role == "partnership_admin" else "account_created"
        activity_log.record(s, action, None, partnership_id, "staff_user", user.id)
    return _link("staff.accounts.accept_invitation", accounts.make_link_token(user, "invite"))


class AccountSetUpFinished(Exception):
    """The account has its authenticator (or is disabled): no invitation link for it."""


def fresh_invitations(email: str | None = None) -> list[tuple[str, str]]:
    """For the command line: ``(email, link)``, a new invitation link for the account with
    this email, or for every account that has not finished setting up (no authenticator
    yet, not disabled). Someone who chose a password and stopped can use it to choose one
    again and carry on. Earlier links stay valid until one of them is used.

    LookupError for an unknown email; AccountSetUpFinished for one that is set up already
    or disabled (signing in, or a password reset, is the way back in)."""
    query = sa.select(StaffUser).order_by(StaffUser.created_at, StaffUser.email)
    if email is not None:
        query = query.where(StaffUser.email == normalise_email(email))
    else:
        query = query.where(StaffUser.totp_secret.is_(None), StaffUser.disabled.is_(False))
    links = []
    with db.transaction() as s:
        users = list(s.scalars(query))
        if email is not None and not users:
            raise LookupError(email)
        for user in users:
            if user.disabled:
                raise AccountSetUpFinished(f"{user.email} is disabled")
            if user.totp_secret is not None:
                raise AccountSetUpFinished(
                    f"{user.email} has finished setting up: sign in, or reset the password "
                    "from the sign-in page"
                )
            activity_log.record(
                s, "invitation_link_issued", None, user.partnership_id, "staff_user", user.id
            )
            token = accounts.make_link_token(user, "invite")
            links.append((user.email, _link("staff.accounts.accept_invitation", token)))
    return links


def set_senior_lead(actor: staff_sessions.SignedInUser, user_id: str, senior: bool) -> None:
    """An agency's senior lead signs off its audit returns."""
    with db.transaction() as s:
        user = s.get(StaffUser, user_id)
        if user is None or user.partnership_id != actor.partnership_id or user.agency_id is None:
            raise LookupError(user_id)
        user.senior_lead = senior
        activity_log.record(
            s, "senior_lead_named" if senior else "senior_lead_removed", actor.id,
            actor.partnership_id, "staff_user", user_id,
        )  # fmt: skip
