"""Sharing a consultation: its public link and QR codes (segno)."""

from __future__ import annotations

import io

import segno
from flask import current_app, url_for

from engagement.models import Consultation


def public_link(consultation: Consultation, lang: str | None = None) -> str:
    path = url_for("respond.start", slug=consultation.slug, lang=lang if lang != "en" else None)
    return current_app.config["PUBLIC_URL"].rstrip("/") + path


def qr_svg(link: str, scale: int = 6, title: str = "") -> bytes:
    out = io.BytesIO()
    segno.make(link, error="m").save(out, kind="svg", scale=scale, border=2, title=title or None)
    return out.getvalue()


def qr_svg_inline(link: str, scale: int = 10, title: str = "") -> str:
    """SVG markup to put straight into a page (no XML declaration)."""
    return segno.make(link, error="m").svg_inline(scale=scale, border=2, title=title or None)


def qr_png(link: str, scale: int = 12) -> bytes:
    out = io.BytesIO()
    segno.make(link, error="m").save(out, kind="png", scale=scale, border=2)
    return out.getvalue()
