"""Spreadsheets we hand out hold values, never formulas, and text Excel can hold.

openpyxl stores any text that starts with "=" as a formula, so an agency name or an
answer like ``=HYPERLINK(...)`` would run when the file is opened (CSV/formula
injection). Every cell is made plain text or a number before saving.

openpyxl also refuses text with most control characters (``IllegalCharacterError``), so
a vertical tab pasted from Word into an answer stored before forms cleaned text would
stop the whole download. Make workbooks with ``workbook()``: text put in a cell with
``append`` or ``cell`` goes through ``forms.vocabulary.for_office_files``. For many
rows, ``write_only_workbook()`` writes each row to disk as it is added, text as text.

A CSV file has no types at all, so Excel reads a cell starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return as a formula: ``csv_chunks`` puts an
apostrophe before such text (OWASP's advice), which Excel shows but does not run.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from forms.vocabulary import for_office_files

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv"
FORMULA_STARTS = frozenset("=+-@\t\r")  # a cell starting with one is a formula to Excel
BYTE_ORDER_MARK = "\ufeff"  # tells Excel the CSV file is UTF-8


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


class PlainWriteOnlySheet(WriteOnlyWorksheet):
    """A write-only worksheet (rows go to disk as they are added) whose every text cell
    is text: made plain, and typed as text even when it starts with "="."""

    def append(self, row: Iterable[Any]) -> None:
        super().append([self._text_cell(value) for value in row])

    def _text_cell(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        text = for_office_files(value)
        if not text.startswith("=") and text not in ERROR_CODES:
            return text or None  # openpyxl types it as text
        cell = WriteOnlyCell(self, text)
        cell.data_type = "s"  # not "f" (a formula) or "e" (an error)
        return cell


class PlainWriteOnlyWorkbook(Workbook):
    """A write-only workbook whose sheets are ``PlainWriteOnlySheet``s."""

    def __init__(self) -> None:
        super().__init__(write_only=True)

    def create_sheet(
        self, title: str | None = None, index: int | None = None
    ) -> PlainWriteOnlySheet:
        sheet = PlainWriteOnlySheet(parent=self, title=title)
        self._add_sheet(sheet=sheet, index=index)  # as Workbook.create_sheet does (3.1)
        return sheet


def write_only_workbook() -> PlainWriteOnlyWorkbook:
    return PlainWriteOnlyWorkbook()


def save_values_only(book: Workbook) -> bytes:
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type in ("f", "e"):  # a formula, or text like "#N/A"
                    cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def save_to_file(book: PlainWriteOnlyWorkbook) -> IO[bytes]:
    """A write-only workbook saved in a temporary file, read from the start (the file
    goes when it is closed)."""
    file = tempfile.TemporaryFile()
    book.save(file)
    file.seek(0)
    return file


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: text made plain, with an apostrophe before text that
    Excel would read as a formula."""
    if not isinstance(value, str):
        return value
    text = for_office_files(value)
    if value[:1] in FORMULA_STARTS or text[:1] in FORMULA_STARTS:
        return "'" + text
    return text


def csv_chunks(rows: Iterable[Sequence[Any]], rows_per_chunk: int = 1000) -> Iterator[bytes]:
    """``rows`` as a UTF-8 CSV file with a byte order mark (so Excel reads every
    language), a piece at a time: however many rows, only one piece is in memory."""
    buffer = io.StringIO()
    buffer.write(BYTE_ORDER_MARK)
    writer = csv.writer(buffer)
    for count, row in enumerate(rows, start=1):
        writer.writerow([csv_cell(value) for value in row])
        if count % rows_per_chunk == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")
