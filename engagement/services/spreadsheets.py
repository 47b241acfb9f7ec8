"""Spreadsheets we hand out hold values, never formulas.

openpyxl stores any text that starts with "=" as a formula, so an agency name or an
answer like ``=HYPERLINK(...)`` would run when the file is opened (CSV/formula
injection). Every cell is made plain text or a number before saving.
"""

from __future__ import annotations

import io

from openpyxl import Workbook


def save_values_only(book: Workbook) -> bytes:
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
