"""Sharing a consultation: QR codes (segno) of its public link, which the view builds."""

from __future__ import annotations

import io

import segno


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
