"""The practitioner's evaluation pages (no sign-in): Form A and the follow-up."""

from flask import Blueprint

bp = Blueprint("training_evaluation", __name__, url_prefix="/training")
