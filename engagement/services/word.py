"""Building Word documents: a titled document, tables with repeating header rows, charts
with alt text."""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The room for a chart on a landscape A4 or Letter page, in inches.
PICTURE_BOX = (9.4, 6.2)


def save(document: DocxDocument) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def new_document(title: str, landscape: bool = False) -> DocxDocument:
    document = Document()
    document.core_properties.title = title
    document.core_properties.language = "en-GB"
    document.core_properties.author = ""
    if landscape:
        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
        for side in ("left_margin", "right_margin"):
            setattr(section, side, Inches(0.7))
    document.add_heading(title, level=1)
    return document


def table(document: DocxDocument, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A table whose first row is a header row, repeated on every page."""
    grid = document.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    header = grid.rows[0]
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(marker)
    for cell, text in zip(header.cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        for cell, text in zip(grid.add_row().cells, values, strict=True):
            cell.text = text


def picture(document: DocxDocument, png: bytes, alt: str) -> None:
    """The chart at its own size, or shrunk to fit the page, with its alt text."""
    shape = document.add_picture(io.BytesIO(png))
    width, height = shape.width, shape.height
    scale = min(1.0, Inches(PICTURE_BOX[0]) / width, Inches(PICTURE_BOX[1]) / height)
    shape.width, shape.height = int(width * scale), int(height * scale)
    shape._inline.docPr.set("descr", alt)
