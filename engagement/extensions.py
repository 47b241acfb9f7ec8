"""The Flask extensions, made unbound here and bound to the app in ``create_app``.

Views and services import them from here, never from the ``engagement`` package, so no
module imports the app factory's package back (no import cycles).
"""

from __future__ import annotations

from flask_babel import Babel
from flask_limiter import Limiter
from flask_wtf.csrf import CSRFProtect

babel = Babel()
csrf = CSRFProtect()
# Limits are never keyed on an IP address, except staff sign-in (engagement.proxies).
limiter = Limiter(key_func=lambda: "global", default_limits=[])
