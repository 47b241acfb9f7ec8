"""A tagged PDF (PDF/UA-1: headings, tables and language marked for screen readers) of
the section's printable HTML, by WeasyPrint."""

from __future__ import annotations


def pdf(html: str) -> bytes:
    import weasyprint  # here: it takes a moment to load, and only this file needs it

    document: bytes = weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    return document
