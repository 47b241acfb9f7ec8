"""Spreadsheets we hand out hold values, never formulas, and text Excel can hold.

openpyxl stores any text that starts with "=" as a formula, so an agency name or an
answer like ``=HYPERLINK(...)`` would run when the file is opened (CSV/formula
injection). Every cell is made plain text or a number before saving.

openpyxl also refuses text with most control characters (``IllegalCharacterError``), so
a vertical tab pasted from Word into an answer stored before forms cleaned text would
stop the whole download. Make workbooks with ``workbook()``: text put in a cell with
``append`` or ``cell`` goes through ``forms.vocabulary.for_office_files``.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from forms.vocabulary import for_office_files

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _plain(value: Any) -> Any:
    return for_office_files(value) if isinstance(value, str) else value


class PlainSheet(Worksheet):
    """A worksheet whose text cells are made safe on the way in."""

    def append(self, iterable: Any) -> None:
        if isinstance(iterable, dict):
            super().append({key: _plain(value) for key, value in iterable.items()})
        else:
            super().append([_plain(value) for value in iterable])

    def cell(self, row: int, column: int, value: Any = None) -> Any:
        return super().cell(row, column, _plain(value))


class PlainWorkbook(Workbook):
    """A workbook whose sheets are ``PlainSheet``s."""

    def __init__(self) -> None:
        super().__init__()
        self.remove(self.worksheets[0])
        self.create_sheet()

    def create_sheet(self, title: str | None = None, index: int | None = None) -> PlainSheet:
        sheet = PlainSheet(parent=self, title=title)
        self._add_sheet(sheet=sheet, index=index)  # as Workbook.create_sheet does (3.1)
        return sheet


def workbook() -> PlainWorkbook:
    return PlainWorkbook()


def save_values_only(book: Workbook) -> bytes:
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
