"""The results pages, nested under the staff blueprint (its URL prefix and sign-in check)."""

from flask import Blueprint

bp = Blueprint("results", __name__)
