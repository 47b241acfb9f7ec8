"""The practitioner blueprint, which its views register their routes on."""

from flask import Blueprint

bp = Blueprint("practitioner", __name__, url_prefix="/practitioner-survey")
