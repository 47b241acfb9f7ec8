"""The steps of signing in, kept in the session cookie for a few minutes.

After a right password the session holds only "this user has passed step one",
never a secret; a new TOTP secret being set up is held the same way until its
first code is checked.
"""

from __future__ import annotations

import time

from flask import session

STEP_SECONDS = 600


def passed_password(user_id: str) -> None:
    session.clear()  # nothing from before signing in survives it
    session["staff_step"] = {"user": user_id, "at": time.time()}


def pending_user() -> str | None:
    step = session.get("staff_step")
    if not isinstance(step, dict) or time.time() - float(step.get("at", 0)) > STEP_SECONDS:
        return None
    return str(step["user"])


def hold_secret(secret: str) -> None:
    session["staff_new_secret"] = secret


def held_secret() -> str | None:
    return session.get("staff_new_secret")


def hold_recovery_codes(codes: list[str]) -> None:
    session["staff_recovery_codes"] = codes


def pop_recovery_codes() -> list[str] | None:
    return session.pop("staff_recovery_codes", None)


def finish() -> None:
    session.clear()
