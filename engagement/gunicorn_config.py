"""Gunicorn settings that keep the anonymity promise.

Gunicorn's access log would record each client's address, user agent and
referrer, so it stays off: the app logs its own request lines without them.

The app is loaded once, before the workers are forked (``preload_app``): a worker
starts ready to answer, instead of each one importing the app and its analysis
libraries (scikit-learn, matplotlib) while the first visitor waits. Each instance has
its own control socket, named after its address, so two servers on one machine (two
checkouts, or tests) never take over each other's.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

INSTANCE_DIR = Path(__file__).resolve().parent.parent / "instance"
# A Unix socket's path has to fit in 108 bytes (less on some systems).
MAX_SOCKET_PATH = 100

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


def control_socket_for(address: str, directory: Path = INSTANCE_DIR) -> str | None:
    """This instance's control socket (for ``gunicornc``): one per address, under
    instance/; None where the path would be too long for a socket."""
    name = re.sub(r"[^A-Za-z0-9.-]+", "_", address.removeprefix("unix:")).strip("_")
    path = str(directory / f"gunicorn-{name}.ctl")
    return path if len(path.encode()) <= MAX_SOCKET_PATH else None


_control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET") or control_socket_for(bind)
if _control_socket is None:
    control_socket_disable = True
else:
    control_socket = _control_socket


def when_ready(server: Any) -> None:
    """Say where the app is served, from the sockets actually listening (not a default)."""
    for listener in server.LISTENERS:
        server.log.info("Serving on %s", listener)  # http://127.0.0.1:5000, or unix:PATH


def post_fork(server: Any, worker: Any) -> None:
    """A forked worker opens its own database connections, never the loader's."""
    app = server.app.wsgi()
    extensions = getattr(app, "extensions", {})
    if "engine" in extensions:
        extensions["engine"].dispose(close=False)
