"""Staff accounts: passwords, the second factor, recovery codes, emailed links, lock-out."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

import pyotp
import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy.orm import Session

from engagement import clock, db
from engagement.accounts import activity_log
from engagement.models import RecoveryCode, StaffUser
from forms.vocabulary import normalise_email

hasher = PasswordHasher()  # argon2id
# A real hash to check against when the email is unknown, so both take as long.
_DUMMY_HASH = hasher.hash("not a real password")

FREE_TRIES = 5  # failed sign-ins before the account waits
MAX_WAIT = dt.timedelta(hours=1)
RECOVERY_CODES = 10
INVITATION_DAYS = 7
RESET_HOURS = 1


def hash_password(password: str) -> str:
    return hasher.hash(password)


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)  # SQLite keeps no zone; we only store UTC
    return moment


@dataclass(frozen=True)
class SignInResult:
    user_id: str | None  # set when the password was right and the account may sign in


def check_password(email: str, password: str) -> SignInResult:
    """Check a password, counting failures. The answer never says which part was wrong.

    Every refusal goes in the audit log, with its reason and never the password; for an
    email address no account has, only the fact (not the address).
    """
    with db.transaction() as s:
        user = s.scalar(sa.select(StaffUser).where(StaffUser.email == normalise_email(email)))
        if user is None:
            _verify(_DUMMY_HASH, password)
            activity_log.record(
                s, "sign_in_refused", None, None, reason="no account has this email"
            )
            return SignInResult(None)
        if user.password_hash is None:
            _verify(_DUMMY_HASH, password)
            _refused(s, user, "no password chosen yet")
            return SignInResult(None)
        if user.disabled or is_waiting(user):
            _verify(_DUMMY_HASH, password)
            _refused(s, user, "account disabled" if user.disabled else "account waiting")
            return SignInResult(None)
        if not _verify(user.password_hash, password):
            user.failed_sign_ins += 1
            _make_wait(user, user.failed_sign_ins)
            _refused(s, user, "wrong password")
            return SignInResult(None)
        user.failed_sign_ins = 0
        user.locked_until = None
        if hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hasher.hash(password)
        return SignInResult(user.id)


def _refused(s: Session, user: StaffUser, reason: str) -> None:
    activity_log.record(s, "sign_in_refused", user.id, user.partnership_id, reason=reason)


def _make_wait(user: StaffUser, failures: int) -> None:
    """After FREE_TRIES failures the account waits 1, 2, 4... minutes (at most an hour)."""
    extra = failures - FREE_TRIES
    if extra >= 0:
        user.locked_until = clock.now() + min(dt.timedelta(minutes=2**extra), MAX_WAIT)


def is_waiting(user: StaffUser) -> bool:
    locked_until = _aware(user.locked_until)
    return locked_until is not None and locked_until > clock.now()


def count_code(user_id: str, right: bool) -> None:
    """Count a wrong second-factor code against the account, as wrong passwords are."""
    with db.transaction() as s:
        user = s.get(StaffUser, user_id, with_for_update=True)
        if user is None:
            return
        if right:
            user.failed_codes = 0
            return
        user.failed_codes += 1
        _make_wait(user, user.failed_codes)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# The second factor ---------------------------------------------------------------


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name="Have your say (staff)")


def _matching_step(secret: str, code: str, at: dt.datetime) -> int | None:
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    step = totp.timecode(at)
    for candidate in (step, step - 1, step + 1):  # allow 30 seconds of clock drift
        if secrets.compare_digest(totp.generate_otp(candidate), code):
            return candidate
    return None


def verify_totp(user_id: str, code: str, secret: str | None = None) -> bool:
    """Check a code from the user's app. A code, once used, never works again."""
    with db.transaction() as s:
        user = s.get(StaffUser, user_id, with_for_update=True)
        secret = secret or (user.totp_secret if user else None)
        if user is None or secret is None:
            return False
        step = _matching_step(secret, code, clock.now())
        if step is None or (user.totp_last_step is not None and step <= user.totp_last_step):
            return False
        user.totp_last_step = step
        user.totp_secret = secret
        return True


def _code_hash(code: str) -> str:
    return hashlib.sha256(code.replace("-", "").strip().lower().encode()).hexdigest()


def new_recovery_codes(user_id: str) -> list[str]:
    """Replace the user's recovery codes; returns them to show once."""
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODES)]
    with db.transaction() as s:
        s.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user_id))
        s.add_all(RecoveryCode(user_id=user_id, code_hash=_code_hash(code)) for code in codes)
    return codes


def use_recovery_code(user_id: str, code: str) -> bool:
    with db.transaction() as s:
        found = s.scalar(
            sa.select(RecoveryCode).where(
                RecoveryCode.user_id == user_id,
                RecoveryCode.code_hash == _code_hash(code),
                RecoveryCode.used_at.is_(None),
            )
        )
        if found is None:
            return False
        found.used_at = clock.now()
        return True


# Emailed links: signed, expiring, and single use ---------------------------------


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"staff-{purpose}")


def make_link_token(user: StaffUser, purpose: str) -> str:
    return _serializer(purpose).dumps({"user": user.id, "nonce": user.token_nonce})


def user_for_token(token: str, purpose: str) -> StaffUser | None:
    """The user a still-valid, unused link is for, or None."""
    max_age = INVITATION_DAYS * 86400 if purpose == "invite" else RESET_HOURS * 3600
    try:
        payload = _serializer(purpose).loads(token, max_age=max_age)
    except (BadSignature, SignatureExpired):
        return None
    if not isinstance(payload, dict):
        return None
    user = db.session().get(StaffUser, str(payload.get("user")))
    if user is None or user.disabled or payload.get("nonce") != user.token_nonce:
        return None
    return user


def set_password_with_token(token: str, purpose: str, password: str) -> str | None:
    """Set the password and spend the link; returns the user id, or None if the link is bad."""
    user = user_for_token(token, purpose)
    if user is None:
        return None
    with db.transaction() as s:
        fresh = s.get(StaffUser, user.id, with_for_update=True)
        if fresh is None or fresh.token_nonce != user.token_nonce:
            return None  # spent by another request a moment ago
        fresh.password_hash = hash_password(password)
        fresh.token_nonce = secrets.token_hex(16)
        fresh.failed_sign_ins = 0
        fresh.locked_until = None
        return fresh.id  # a reset keeps the second factor: signing in still needs it
