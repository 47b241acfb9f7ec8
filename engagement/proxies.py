"""Client addresses from a reverse proxy, for the staff pages' sign-in limit only.

Behind a proxy every request comes from the proxy's address, so a per-address limit on
staff sign-in would let one attacker lock every member of staff out. With
``TRUSTED_PROXIES`` set to the number of proxies in front of the app, Werkzeug's
``ProxyFix`` takes the client's address from ``X-Forwarded-For``, trusting only that many
hops. It is used for ``/staff`` only: on every other page the forwarded headers are
dropped before the app sees them, so a young person's address never reaches the app,
its data or its logs. Off (0) by default, when nothing forwarded is trusted at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from werkzeug.middleware.proxy_fix import ProxyFix

FORWARDED = (
    "HTTP_FORWARDED",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_FORWARDED_PREFIX",
    "HTTP_X_REAL_IP",
)


class StaffProxyFix:
    """WSGI middleware: ProxyFix for staff pages, forwarded headers dropped elsewhere."""

    def __init__(self, app: Any, proxies: int) -> None:
        self.app = app
        self.fixed = ProxyFix(app, x_for=proxies, x_proto=proxies)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == "/staff" or path.startswith("/staff/"):
            return self.fixed(environ, start_response)  # type: ignore[no-any-return]
        for header in FORWARDED:
            environ.pop(header, None)
        return self.app(environ, start_response)  # type: ignore[no-any-return]
