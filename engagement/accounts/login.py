"""Flask-Login, set up for server-side staff sessions."""

from __future__ import annotations

from flask import Flask
from flask_login import LoginManager

from engagement.accounts import sessions as staff_sessions

login_manager = LoginManager()
login_manager.login_view = "staff.accounts.sign_in"
login_manager.session_protection = None  # sessions are checked on the server instead


@login_manager.user_loader
def _load(session_id: str) -> staff_sessions.SignedInUser | None:
    return staff_sessions.load(session_id)


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
