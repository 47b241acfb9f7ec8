"""Files people take away: built one way, so every download is an attachment with a file
name that is safe in a header on every system (and the staff blueprint logs it)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO

from flask import Response, stream_with_context

CHUNK_BYTES = 64 * 1024


def safe_name(*parts: str) -> str:
    """Letters, digits and hyphens only."""
    return re.sub(r"[^a-z0-9]+", "-", " ".join(parts).lower()).strip("-")


def attachment(body: bytes | str, mimetype: str, filename: str) -> Response:
    return as_attachment(Response(body, mimetype=mimetype), filename)


def as_attachment(response: Response, filename: str) -> Response:
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def streamed(chunks: Iterator[bytes], mimetype: str, filename: str) -> Response:
    """A file written while it is sent (a CSV of every response): the request's context
    stays open for the database reads its pieces make, so it never sits in memory whole."""
    return as_attachment(Response(stream_with_context(chunks), mimetype=mimetype), filename)


def from_file(file: IO[bytes], mimetype: str, filename: str) -> Response:
    """A finished file (a temporary one, say), sent a piece at a time and then closed."""
    size = file.seek(0, 2)
    file.seek(0)
    response = as_attachment(Response(_pieces(file), mimetype=mimetype), filename)
    response.content_length = size
    response.call_on_close(file.close)  # even if the download stops before the end
    return response


def _pieces(file: IO[bytes]) -> Iterator[bytes]:
    with file:
        while piece := file.read(CHUNK_BYTES):
            yield piece
