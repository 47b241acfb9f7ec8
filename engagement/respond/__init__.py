"""The respondent's journey through a consultation."""

from flask import Blueprint

bp = Blueprint("respond", __name__, url_prefix="/take-part")

from engagement.respond import views  # noqa: E402,F401
