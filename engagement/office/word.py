"""Building Word documents: a titled document, tables with repeating header rows, charts
with alt text.

Every text goes in through ``plain``: Word's XML cannot hold a NUL or most other control
characters (python-docx raises ``ValueError``), so a vertical tab pasted from Word (its
manual line break) in an answer stored before forms cleaned text would otherwise stop the
whole download. Forms clean text on the way in (``forms.text``); this is the second line.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches

from forms.vocabulary import for_office_files as plain

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The room for a chart on a landscape A4 or Letter page, in inches.
PICTURE_BOX = (9.4, 6.2)


class Document:
    """A python-docx document whose paragraphs and headings take their text through
    ``plain``. Anything else is done on python-docx's own (``.docx``), here."""

    def __init__(self, document: DocxDocument) -> None:
        self.docx = document

    def add_heading(self, text: str = "", level: int = 1) -> Any:
        return self.docx.add_heading(plain(text), level)

    def add_paragraph(self, text: str = "", style: Any = None) -> Any:
        return self.docx.add_paragraph(plain(text), style)


def save(document: Document) -> bytes:
    out = io.BytesIO()
    document.docx.save(out)
    return out.getvalue()


def new_document(title: str, landscape: bool = False) -> Document:
    document = Document(docx.Document())
    properties = document.docx.core_properties
    properties.title = plain(title)
    properties.language = "en-GB"
    properties.author = ""
    if landscape:
        section = document.docx.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
        for side in ("left_margin", "right_margin"):
            setattr(section, side, Inches(0.7))
    document.add_heading(title, level=1)
    return document


def table(document: Document, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A table whose first row is a header row, repeated on every page."""
    grid = document.docx.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    header = grid.rows[0]
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(marker)
    for cell, text in zip(header.cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(plain(text)).bold = True
    for values in rows:
        for cell, text in zip(grid.add_row().cells, values, strict=True):
            cell.text = plain(text)


def picture(document: Document, png: bytes, alt: str) -> None:
    """The chart at its own size, or shrunk to fit the page, with its alt text."""
    shape = document.docx.add_picture(io.BytesIO(png))
    width, height = shape.width, shape.height
    scale = min(1.0, Inches(PICTURE_BOX[0]) / width, Inches(PICTURE_BOX[1]) / height)
    shape.width, shape.height = int(width * scale), int(height * scale)
    shape._inline.docPr.set("descr", plain(alt))
