"""The one way the platform writes .xlsx files: every cell a value, never a formula.

Citizen-controlled text such as ``=HYPERLINK("http://x","y")`` or ``@SUM(A1)`` would otherwise
become a live formula (openpyxl turns any string starting with ``=`` into one, and Excel
re-evaluates ``+ - @`` on the next edit of the cell). Here every text cell is written with the
explicit string type, and text that a spreadsheet would read as a formula also gets the
``quotePrefix`` style (the file-format twin of typing an apostrophe first). Characters XML cannot
hold are removed, so one bad old row cannot break a whole export.

Use ``workbook()``, ``append(ws, values)`` (or ``cell(ws, value)`` to build a row by hand) and
``to_bytes(wb)``; nothing else in the tree imports ``openpyxl.Workbook``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES, Cell

from .text import xml_safe

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Text a spreadsheet program reads as a formula: these first characters, also after leading
# blanks (Excel skips them), and a leading tab or carriage return (CSV-style payloads).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
MAX_TEXT = 32_767  # what one cell can hold
_NUMBERS = (bool, int, float, Decimal, dt.datetime, dt.date, dt.time, dt.timedelta)


def workbook(*, write_only: bool = True) -> Workbook:
    """A new workbook; write-only (streamed) unless the caller needs to style cells after
    appending them. A normal workbook starts with no sheet either: create them by name."""
    wb = Workbook(write_only=write_only)
    if not write_only:
        wb.remove(wb.active)
    return wb


def looks_like_formula(text: str) -> bool:
    return text[:1] in FORMULA_START or text.lstrip()[:1] in FORMULA_START


def cell(ws, value, *, number_format: str | None = None) -> Cell:
    """One cell of ``ws`` holding ``value`` as a value: numbers, dates and booleans as such,
    everything else as text of the string type."""
    c = Cell(ws, row=1, column=1)  # placed by append()
    if value is None:
        return c
    if isinstance(value, _NUMBERS):
        c.value = value
    else:
        text = xml_safe(str(value))[:MAX_TEXT]
        c._value = text
        c.data_type = "s"
        if looks_like_formula(text):
            c.quotePrefix = True
    if number_format:
        c.number_format = number_format
    return c


def _plain(ws, value):
    """``value`` as openpyxl may take it as it is when that gives the same cell as ``cell()``
    (None, numbers, dates, and text that is neither a formula nor an error code), else a
    ``cell()``. A county's export is a million cells: a ``Cell`` handed to a write-only sheet
    goes through openpyxl's failed conversion (an exception with the cell's repr) each time."""
    if value is None or isinstance(value, (Cell, *_NUMBERS)):
        return value
    text = xml_safe(str(value))[:MAX_TEXT]
    if type(text) is not str or looks_like_formula(text) or text in ERROR_CODES:
        return cell(ws, text)
    return text


def append(ws, values) -> None:
    """Append one row of values (or of ``cell()``s) to ``ws``."""
    ws.append([_plain(ws, v) for v in values])


def to_bytes(wb: Workbook) -> bytes:
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
