"""The main blueprint, which its views register their routes on."""

from flask import Blueprint

bp = Blueprint("main", __name__)
