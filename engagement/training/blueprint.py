"""The training pages for staff, nested under the staff blueprint (its URL prefix and
sign-in check)."""

from flask import Blueprint

bp = Blueprint("training", __name__)
