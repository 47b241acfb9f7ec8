"""Friendly error pages: never a traceback, never a bare 500."""

from __future__ import annotations

import logging

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException

from engagement import clock, problems
from engagement.consultations.catalogue import ConsultationClosed

log = logging.getLogger("engagement.errors")

PAGES = {
    400: (
        _l("Sorry, there is a problem with this page"),
        _l("Your browser sent something we could not read. Go back and try again."),
    ),
    403: (
        _l("You cannot see this page"),
        _l(
            "Your account does not have permission to see this page. If you think it should, ask your partnership's administrator."
        ),
    ),
    404: (
        _l("Page not found"),
        _l(
            "If you typed the web address, check it is correct. If you used a link or a QR code, ask the person who gave it to you for a new one."
        ),
    ),
    405: (
        _l("Sorry, there is a problem with this page"),
        _l("Go back and try again."),
    ),
    413: (
        _l("Your answer is too long to send"),
        _l("Go back, make your answer shorter and try again. Your other answers are saved."),
    ),
    429: (
        _l("Too many tries"),
        _l("Wait a minute, then try again."),
    ),
    500: (
        _l("Sorry, something went wrong on our side"),
        _l("Your answers so far are saved. Go back and try again in a few minutes."),
    ),
    503: (
        _l("Sorry, we are very busy right now"),
        _l(
            "We could not save your last answer. Go back and press the button again in a minute. Your other answers are saved."
        ),
    ),
}
SESSION_EXPIRED = (
    _l("Your page timed out"),
    _l(
        "We could not be sure this answer came from you, so we did not save it. Go back, refresh the page and try again. Your other answers are saved."
    ),
)


def _page(code: int, title: object, body: object):
    return render_template("errors/error.html", title=title, body=body), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(_error: CSRFError):
        return _page(400, *SESSION_EXPIRED)

    @app.errorhandler(ConsultationClosed)
    def _closed(error: ConsultationClosed):
        return render_template(
            "respond/closed.html", consultation=error.consultation, today=clock.today()
        ), 410

    @app.errorhandler(problems.NotFound)
    def _not_found(_error: problems.NotFound):
        return _page(404, *PAGES[404])

    @app.errorhandler(DBAPIError)
    def _database_fault(error: DBAPIError):
        # Busy, unreachable or refusing a write: nothing was saved, so ask for a retry.
        log.error("database error: %s", type(error.orig).__name__)
        return _page(503, *PAGES[503])

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        code = error.code or 500
        title, body = PAGES.get(code, PAGES[400] if code < 500 else PAGES[500])
        return _page(code, title, body)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        log.exception("unhandled error: %s", type(error).__name__)
        return _page(500, *PAGES[500])
