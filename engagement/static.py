"""Serving the built front-end files, and compressing pages for slow mobile data.

Static files (built by ``make assets`` into engagement/static) are served by
WhiteNoise with their pre-compressed .gz copies and a long cache life; their
URLs carry a content hash, so a new build is never hidden by a cache.
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

from flask import Flask, request
from flask.wrappers import Response
from whitenoise import WhiteNoise

STATIC_DIR = Path(__file__).resolve().parent / "static"
ONE_YEAR = 365 * 24 * 3600
MIN_COMPRESS_BYTES = 512


def _fingerprints() -> dict[str, str]:
    result = {}
    for path in STATIC_DIR.rglob("*"):
        if path.is_file() and path.suffix != ".gz":
            relative = path.relative_to(STATIC_DIR).as_posix()
            result[relative] = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
    return result


def init_app(app: Flask) -> None:
    fingerprints = _fingerprints()

    def asset(path: str) -> str:
        version = fingerprints.get(path)
        return f"/static/{path}?v={version}" if version else f"/static/{path}"

    app.jinja_env.globals["asset"] = asset

    def _static_headers(headers, _path, _url) -> None:  # type: ignore[no-untyped-def]
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Cross-Origin-Resource-Policy"] = "same-origin"

    app.wsgi_app = WhiteNoise(  # type: ignore[method-assign]
        app.wsgi_app,
        root=str(STATIC_DIR),
        prefix="static/",
        max_age=ONE_YEAR,
        add_headers_function=_static_headers,
    )

    @app.after_request
    def _compress(response: Response) -> Response:
        if (
            response.direct_passthrough
            or response.status_code < 200
            or "Content-Encoding" in response.headers
            or response.mimetype != "text/html"
            or "gzip" not in request.headers.get("Accept-Encoding", "")
        ):
            return response
        body = response.get_data()
        if len(body) < MIN_COMPRESS_BYTES:
            return response
        response.set_data(gzip.compress(body, compresslevel=6))
        response.headers["Content-Encoding"] = "gzip"
        response.headers["Vary"] = "Accept-Encoding"
        return response
