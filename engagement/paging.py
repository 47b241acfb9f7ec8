"""The page of a list asked for in the address (``?page=N``): 1 if missing or not a number."""

from __future__ import annotations

from flask import request

LAST_PAGE = 100_000


def requested_page() -> int:
    try:
        return max(1, min(int(request.args.get("page", "1")), LAST_PAGE))
    except ValueError:
        return 1
