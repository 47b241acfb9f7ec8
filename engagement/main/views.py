"""Views for the pages outside any one consultation."""

from __future__ import annotations

from flask import render_template
from flask.typing import ResponseReturnValue

from engagement.consultations import catalogue as consultations
from engagement.main.blueprint import bp


@bp.route("/")
def index() -> ResponseReturnValue:
    """List the consultations open today."""
    return render_template("main/index.html", consultations=consultations.open_consultations())


@bp.route("/help")
def help_now() -> ResponseReturnValue:
    """Where to get help, for anyone who is worried or not safe."""
    return render_template("main/help_now.html")


@bp.route("/accessibility")
def accessibility() -> ResponseReturnValue:
    """The accessibility statement."""
    return render_template("main/accessibility.html")


@bp.route("/privacy")
def privacy() -> ResponseReturnValue:
    """How answers are kept anonymous."""
    return render_template("main/privacy.html")
