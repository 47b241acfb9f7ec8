"""Gunicorn settings that keep the anonymity promise.

Gunicorn's access log would record each client's address, user agent and
referrer, so it stays off: the app logs its own request lines without them.

The app is loaded once, before the workers are forked (``preload_app``): a worker
starts ready to answer, instead of each one importing the app while the first visitor
waits.
"""

from __future__ import annotations

import os
from typing import Any

bind = os.environ.get("BIND", "127.0.0.1:5000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
accesslog = None
errorlog = "-"
loglevel = "info"
forwarded_allow_ips = ""
proxy_protocol = False
timeout = 30
graceful_timeout = 10
preload_app = True


def post_fork(server: Any, worker: Any) -> None:
    """A forked worker opens its own database connections, never the loader's."""
    app = server.app.wsgi()
    extensions = getattr(app, "extensions", {})
    if "engine" in extensions:
        extensions["engine"].dispose(close=False)
