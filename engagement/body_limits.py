"""How large a request body each view accepts, known before anything reads the body.

Flask lets a view raise ``request.max_content_length``, but only once the view runs, and
the CSRF check (a ``before_request`` hook) has read the form by then under the app-wide
limit. Here the limit comes from the matched route instead, so every reader of the body
(CSRF, the form, a file upload) sees the same limit:

- a view's own limit, set with ``@body_limit(n)``;
- otherwise its blueprint's, from ``BLUEPRINT_LIMITS``;
- otherwise ``MAX_CONTENT_LENGTH`` (the young person's pages: an answer page is tiny).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import Request, current_app

View = TypeVar("View", bound=Callable[..., object])

# Percent-encoded, a 4-byte character (an emoji) takes 12 bytes on the wire: "%F0%9F%98%80".
WORST_BYTES_PER_CHARACTER = 12

# Staff forms have text fields of up to 20,000 characters (the place names to redact).
STAFF_LIMIT = 20_000 * WORST_BYTES_PER_CHARACTER + 64 * 1024
BLUEPRINT_LIMITS = {"staff": STAFF_LIMIT}


def body_limit(max_bytes: int) -> Callable[[View], View]:
    """Let this view accept a body of up to ``max_bytes``."""

    def decorate(view: View) -> View:
        view.body_limit = max_bytes  # type: ignore[attr-defined]
        return view

    return decorate


def limit_for(endpoint: str | None) -> int | None:
    """The body limit for a matched endpoint (None: the app-wide limit)."""
    if not endpoint:
        return None
    view = current_app.view_functions.get(endpoint)
    own = getattr(view, "body_limit", None)
    if own is not None:
        return int(own)
    blueprint = endpoint.rpartition(".")[0]
    return BLUEPRINT_LIMITS.get(blueprint)


class LimitedRequest(Request):
    """A request whose body limit is the matched view's, from the moment it is routed."""

    @property
    def max_content_length(self) -> int | None:
        if self._max_content_length is not None:
            return self._max_content_length
        if current_app:
            limit = limit_for(self.endpoint)
            if limit is not None:
                return limit
        return super().max_content_length

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value
