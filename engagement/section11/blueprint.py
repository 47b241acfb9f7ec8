"""The section11 pages, nested under the staff blueprint (its URL prefix and sign-in check)."""

from flask import Blueprint

bp = Blueprint("section11", __name__)
