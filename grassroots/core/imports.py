"""The one way the platform reads .xlsx files for import: values only, errors by row.

An import is all rows or none: read the workbook with ``read_sheets``, check each sheet with
``sheet_check`` (missing columns, cells that cannot be read), validate every row collecting
messages in a ``RowErrors`` ("第3行：区划代码应为12位数字。"), and write only when no row is
wrong, in one transaction with one event. ``ImportResult`` carries what was created or every
message.

Formulas are never evaluated: a formula cell is read as the value the spreadsheet program
stored with it (what the user saw). A formula without a stored value (a file written by a script
and never opened in Excel) or with an error value (#DIV/0!, #REF!) is refused by row, never read
as empty. The export side is ``core.xlsx``: every cell written as a value, never a formula.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import zip_longest

from django.utils.translation import gettext as _

from .errors import ApplicationError
from .text import clean_text

MAX_ROWS = 20_000  # data rows read from one file at most; more is refused while reading


@dataclass
class ImportResult:
    created: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class Sheet:
    title: str
    columns: dict[str, int]  # header → index
    rows: list[tuple[int, dict[str, str]]]  # (Excel row number, header → text)
    # (Excel row number, message) of cells that cannot be read; their rows are not in ``rows``.
    bad_cells: list[tuple[int, str]] = field(default_factory=list)

    @property
    def headers(self) -> list[str]:
        return list(self.columns)


def cell_text(value) -> str:
    """Cell value as text; whole numbers typed into Excel come back as 370828001000, not 3.7e11;
    control characters removed and blanks stripped (``core.text.clean_text``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(value)


def header_text(value) -> str:
    """A header cell as a column name: "类别(干部/群众)" and "类别（干部/群众）" both mean 类别."""
    return re.sub(r"[（(].*?[）)]", "", cell_text(value)).replace(" ", "").replace("\u3000", "")


def _open(file, *, data_only: bool):
    import openpyxl

    if hasattr(file, "seek"):
        file.seek(0)
    return openpyxl.load_workbook(file, read_only=True, data_only=data_only)


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def read_sheets(file, *, max_rows: int = MAX_ROWS, first_only: bool = False) -> list[Sheet]:
    """Every non-empty worksheet of an .xlsx file (a path or a file object), or only the first
    when ``first_only``. Row 1 is the header row; blank rows are skipped. More than ``max_rows``
    data rows in a sheet is refused as soon as the reader gets there (a sheet of a million rows
    is not read whole)."""
    try:
        values = _open(file, data_only=True)
        formulas = _open(file, data_only=False)
    except Exception as exc:  # openpyxl raises zip, XML and key errors for files that are not .xlsx
        raise ApplicationError(_("文件不是有效的Excel（.xlsx）文件。"), field="file") from exc
    sheets = []
    try:
        pairs = list(zip(values.worksheets, formulas.worksheets, strict=True))
        for ws, ws_formulas in pairs[:1] if first_only else pairs:
            sheet = _read_sheet(ws, ws_formulas, max_rows)
            if sheet is not None:
                sheets.append(sheet)
    except ApplicationError:
        raise
    except Exception as exc:  # a damaged sheet inside a readable zip
        raise ApplicationError(_("文件不是有效的Excel（.xlsx）文件。"), field="file") from exc
    finally:
        values.close()
        formulas.close()
    return sheets


def _read_sheet(ws, ws_formulas, max_rows: int) -> Sheet | None:
    # The two views of one sheet (stored values, formulas) are read side by side, row by row.
    rows = zip_longest(ws.iter_rows(), ws_formulas.iter_rows(), fillvalue=())
    first = next(rows, None)
    if not first or not any(c.value is not None for c in first[0]):
        return None
    columns = {}
    for i, c in enumerate(first[0]):
        name = header_text(c.value)
        if name and name not in columns:
            columns[name] = i
    sheet = Sheet(ws.title, columns, [])
    for number, (cells, formula_cells) in enumerate(rows, start=2):
        row_values, problems = {}, []
        for header, i in columns.items():
            cell = cells[i] if i < len(cells) else None
            formula = formula_cells[i] if i < len(formula_cells) else None
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "e":
                problems.append(_("“%(col)s”列（%(cell)s）是错误值%(value)s，请修改后再导入。")
                                % {"col": header, "cell": f"{_column_letter(i)}{number}",
                                   "value": value})
            elif value is None and getattr(formula, "data_type", None) == "f":
                problems.append(_("“%(col)s”列（%(cell)s）是没有计算结果的公式，请在表格软件中"
                                  "打开并保存，或将其粘贴为数值后再导入。")
                                % {"col": header, "cell": f"{_column_letter(i)}{number}"})
            row_values[header] = cell_text(value)
        if not problems and not any(row_values.values()):
            continue
        if len(sheet.rows) + len(sheet.bad_cells) >= max_rows:
            raise ApplicationError(_("一次最多导入%(n)s行。") % {"n": max_rows}, field="file")
        if problems:
            sheet.bad_cells += [(number, p) for p in problems]
        else:
            sheet.rows.append((number, row_values))
    return sheet


class RowErrors:
    """Collects messages as 第N行：…, prefixed with the sheet name when a workbook has several."""

    def __init__(self, prefix: str = ""):
        self.prefix = prefix
        self.messages: list[str] = []
        self._rows: list[int] = []

    def add(self, row: int | None, message: str) -> None:
        where = _("第%(row)s行：") % {"row": row} if row else ""
        self.messages.append(f"{self.prefix}{where}{message}")
        self._rows.append(row or 0)

    def in_row_order(self) -> list[str]:
        """The messages by row (sheet-wide ones first), each row's in the order they came:
        unreadable cells are found while reading, the other problems while validating."""
        order = sorted(range(len(self.messages)), key=self._rows.__getitem__)
        return [self.messages[i] for i in order]


def missing_columns(sheet: Sheet, required) -> list[str]:
    return [c for c in required if c not in sheet.columns]


def sheet_check(sheet: Sheet, required, errors: RowErrors) -> bool:
    """Add the sheet's own problems to ``errors``: the required columns it lacks ("缺少列：…")
    or, when it has them all, the cells it could not read (by row). True when its rows can be
    validated (every column there); a row with an unreadable cell is not among ``sheet.rows``."""
    missing = missing_columns(sheet, required)
    if missing:
        errors.add(None, _("缺少列：%(columns)s。") % {"columns": "、".join(missing)})
        return False
    for number, message in sheet.bad_cells:
        errors.add(number, message)
    return True
