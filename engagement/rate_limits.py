"""Limits counted in the views, shared by every worker through Redis, and never a 500.

Flask-Limiter's decorators check a limit before the view runs, so they count every
request, good or bad, and refuse before anything typed can be kept. The limits here are
counted by the view itself, after it knows what the request cost (a stored answer, a
wrong code), so a script cannot use up a limit with requests that cost nothing, and a
refusal can show the form again with everything still in it.

They live in the limiter's storage (Redis in production). If Redis stops answering, each
process counts on its own for a while (one warning in the log), then tries Redis again:
losing the shared store never loses an answer or shows an error page.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import cast

from flask import Flask, current_app
from limits import parse
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

log = logging.getLogger("engagement.rate_limits")

RETRY_SECONDS = 5.0  # how long a process counts on its own before trying Redis again


class SharedLimits:
    """``count`` uses one of a limit, shared by every process while Redis answers."""

    def __init__(self, storage: Storage, prefix: str = "") -> None:
        self.prefix = f"{prefix}:" if prefix else ""
        self.shared = MovingWindowRateLimiter(storage)
        self._storage = storage
        self.local = MovingWindowRateLimiter(MemoryStorage())
        self._failed_at = 0.0  # when the shared store last failed; 0: believed up
        self._lock = threading.Lock()

    def count(self, limit: str, key: str) -> bool:
        """Use one of the limit; False when there was no room left."""
        item = parse(limit)
        return self._run(lambda limiter: limiter.hit(item, self.prefix + key))

    def _run(self, action: Callable[[MovingWindowRateLimiter], bool]) -> bool:
        if self._shared_usable():
            try:
                return bool(action(self.shared))
            except Exception as error:  # any storage fault: count locally
                self._lost(error)
        return bool(action(self.local))

    def _shared_usable(self) -> bool:
        with self._lock:
            if not self._failed_at:
                return True
            if time.monotonic() - self._failed_at < RETRY_SECONDS:
                return False
        try:
            back = bool(self._storage.check())
        except Exception:
            back = False
        with self._lock:
            if back:
                self._failed_at = 0.0
                log.warning("rate-limit store is back: limits are shared again")
            else:
                self._failed_at = time.monotonic()
        return back

    def _lost(self, error: Exception) -> None:
        with self._lock:
            if not self._failed_at:
                log.warning(
                    "rate-limit store unreachable (%s): each process counts its own limits",
                    type(error).__name__,
                )
            self._failed_at = time.monotonic()


def init_app(app: Flask) -> None:
    uri = app.config["RATELIMIT_STORAGE_URI"]
    options = app.config.get("RATELIMIT_STORAGE_OPTIONS", {}) if uri.startswith("redis") else {}
    storage = cast(Storage, storage_from_string(uri, **options))
    prefix = app.config.get("RATELIMIT_KEY_PREFIX", "")
    app.extensions["shared_limits"] = SharedLimits(storage, prefix)


def limits() -> SharedLimits:
    """This app's shared limits."""
    return current_app.extensions["shared_limits"]  # type: ignore[no-any-return]
