"""Files people take away: built one way, so every download is an attachment with a file
name that is safe in a header on every system (and the staff blueprint logs it)."""

from __future__ import annotations

import re

from flask import Response


def safe_name(*parts: str) -> str:
    """Letters, digits and hyphens only."""
    return re.sub(r"[^a-z0-9]+", "-", " ".join(parts).lower()).strip("-")


def attachment(body: bytes | str, mimetype: str, filename: str) -> Response:
    return as_attachment(Response(body, mimetype=mimetype), filename)


def as_attachment(response: Response, filename: str) -> Response:
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
