"""Pages outside any one consultation: home, help, accessibility."""

from flask import Blueprint

bp = Blueprint("main", __name__)

from engagement.main import views  # noqa: E402,F401
