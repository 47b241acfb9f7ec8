"""The anonymous practitioner survey for Section 11: one link per agency."""

from flask import Blueprint

bp = Blueprint("practitioner", __name__, url_prefix="/practitioner-survey")

from engagement.practitioner import views  # noqa: E402,F401
