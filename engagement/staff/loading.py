"""Loading what a staff page is about: the object must belong to the signed-in person's
partnership, or the page is not found (never "forbidden", which would say it exists)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import abort
from flask_login import current_user

Found = TypeVar("Found")


def own(get: Callable[[str, str], Found | None], object_id: str) -> Found:
    """``get(partnership_id, object_id)``, or a 404 when it finds nothing."""
    found = get(current_user.partnership_id, object_id)
    if found is None:
        abort(404)
    return found
