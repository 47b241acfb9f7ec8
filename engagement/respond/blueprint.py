"""The respond blueprint, which its views register their routes on."""

from flask import Blueprint

bp = Blueprint("respond", __name__, url_prefix="/take-part")
