"""The consultations pages, nested under the staff blueprint (its URL prefix and sign-in check)."""

from flask import Blueprint

bp = Blueprint("consultations", __name__)
