"""Logging that keeps the anonymity promise.

Request lines carry the method, the route's endpoint, the status and the time
taken: never the client address, user agent, referrer, query string or any
answer. Werkzeug's own request log (which prints addresses) is switched off.
"""

from __future__ import annotations

import logging
import time

from flask import Flask, g, request
from flask.wrappers import Response

request_log = logging.getLogger("engagement.requests")


def init_app(app: Flask) -> None:
    level = app.config.get("LOG_LEVEL", "INFO")
    if not logging.getLogger().handlers:
        logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("engagement").setLevel(level)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)

    @app.before_request
    def _start_timer() -> None:
        g.request_started = time.perf_counter()

    @app.after_request
    def _log_request(response: Response) -> Response:
        started = g.get("request_started")
        elapsed = (time.perf_counter() - started) * 1000 if started else 0.0
        request_log.info(
            "%s %s %s %.1fms",
            request.method,
            request.endpoint or "-",
            response.status_code,
            elapsed,
        )
        return response
