"""Bad input that no form sees: parts of a web address, and anything the database refuses.

Forms clean and check what people type (``forms.base``), but a web address such as
``/take-part/%00`` reaches a view without a form, and PostgreSQL refuses a NUL byte in
a query. A part of a web address with a control, format or surrogate character cannot
name anything we have, so it is a 404 before any view runs.

If something still reaches the database that it refuses as data (a NUL byte, a number
too large for the column), that is the request's fault and will not work however often
it is sent again: a 400 page, not the 503 "try again" page that ``errors`` gives a busy
database. It is logged as an error, because a form should have caught it first.
"""

from __future__ import annotations

import logging
import unicodedata
from typing import Any

from flask import Flask, render_template
from sqlalchemy.exc import DataError
from werkzeug.exceptions import NotFound

from engagement.errors import PAGES

log = logging.getLogger("engagement.errors")


def _unusable(value: str) -> bool:
    return any(unicodedata.category(ch)[0] == "C" for ch in value)


def refuse_unusable_url_parts(_endpoint: str | None, values: dict[str, Any] | None) -> None:
    if values and any(isinstance(v, str) and _unusable(v) for v in values.values()):
        raise NotFound()


def init_app(app: Flask) -> None:
    app.url_value_preprocessor(refuse_unusable_url_parts)

    @app.errorhandler(DataError)
    def _refused_as_data(error: DataError):
        log.error("the database refused data a form let through: %s", type(error.orig).__name__)
        title, body = PAGES[400]
        return render_template("errors/error.html", title=title, body=body), 400
