"""Our Jinja environment."""

from __future__ import annotations

from typing import Any

from flask.templating import Environment as FlaskEnvironment


class Environment(FlaskEnvironment):
    """Flask's Jinja environment, with each template's globals a plain dict.

    Jinja checks a template's globals on every ``{% from ... import %}``, and the
    GOV.UK macros import inside every macro call; with Jinja's default ChainMap
    that check was a sixth of a question page's render time. All globals are set
    in the app factory, before any template is loaded.
    """

    def make_globals(self, d: Any = None) -> Any:
        return {**self.globals, **(d or {})}
