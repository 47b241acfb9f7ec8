"""Absolute links to our own pages, for emails: PUBLIC_URL followed by the page's route.

Emails are read outside the site, often from a command with no request behind it, so
their links cannot be relative to whatever host the request came in on.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, url_for


def public_url(endpoint: str, **values: Any) -> str:
    return current_app.config["PUBLIC_URL"].rstrip("/") + url_for(endpoint, **values)
