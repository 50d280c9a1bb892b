"""Table cells shared by every document format, and two table layouts (PDF and .xlsx).

Figures are ``Num`` cells: the documents (.docx, PDF, pages) print their ``text``; the
spreadsheet stores their ``value`` as a number with a ``number_format`` that shows the same text,
so Excel can sum and sort them. A missing figure is the text "—".

A table is ``(headers, rows)``, built once by the app and laid out by each format:
``OfficialDocument.table`` (.docx), ``html_table`` with ``documents/_table.html`` (PDF) and
``xlsx_rows`` (.xlsx).
"""

from __future__ import annotations

from dataclasses import dataclass

from grassroots.core import xlsx


@dataclass(frozen=True)
class Num:
    text: str
    value: int | float
    number_format: str = "General"

    def __str__(self) -> str:
        return self.text


DASH = "—"
# Excel number formats (positive;negative;zero) that print what ``text`` says.
PCT = "0.0%"
SCORE = "0.0"
SIGNED = "+0;-0;0"
POINTS = '+0.0"个百分点";-0.0"个百分点";"持平"'
RANK_MOVE = '"↑"0;"↓"0;"—"'


def pct(rate):
    """A rate ``{"num", "den", "value"}`` (value in per cent) as "82.1%"."""
    if not rate or rate.get("value") is None:
        return DASH
    return Num(f"{rate['value']:.1f}%", round(rate["value"] / 100.0, 4), PCT)


def sample(rate) -> str:
    return f"{rate['num']}/{rate['den']}" if rate and rate.get("den") else "0/0"


def pct_with_sample(rate):
    """"82.1%（23/28）": the rate as a number, the sample shown by the number format."""
    value = pct(rate)
    if value == DASH:
        return f"{DASH}（{sample(rate)}）"
    return Num(f"{value.text}（{sample(rate)}）", value.value, f'{PCT}"（{sample(rate)}）"')


def score(value):
    return DASH if value is None else Num(f"{value:.1f}", value, SCORE)  # as on the stats page


def signed(value, suffix=""):
    """A change: +3 / -30 / 0 (counts) or +3.2个百分点 / 持平 (rates, in percentage points)."""
    if value is None:
        return DASH
    if suffix == "个百分点":
        text = "持平" if value == 0 else f"{'+' if value > 0 else ''}{value:.1f}{suffix}"
        return Num(text, value, POINTS)
    return Num(f"{'+' if value > 0 else ''}{value}{suffix}", value, SIGNED)


def rank_move(value):
    if value is None:
        return DASH
    text = f"↑{value}" if value > 0 else (f"↓{-value}" if value < 0 else DASH)
    return Num(text, value, RANK_MOVE)


WIDE_TABLE = 8  # columns from which a PDF table is set in a smaller font
NAME_NOWRAP_CHARS = 10


def html_table(headers, rows, *, text_columns=frozenset(), name_columns=frozenset(),
               name_nowrap_chars=NAME_NOWRAP_CHARS) -> dict:
    """A table for the PDF templates (``documents/_table.html``): each cell with its CSS class.
    ``text_columns`` (titles, places) wrap and are left-aligned; ``name_columns`` (units, towns)
    stay on one line unless longer than ``name_nowrap_chars``; every other column is a figure,
    a number, a date or a short status and never wraps ("100.0%", "JX20261005-0051")."""
    def cls(header, value=None):
        if header in text_columns:
            return "text left"
        if header in name_columns and len(str(value or "")) > name_nowrap_chars:
            return "text"
        return "fig"

    return {
        "wide": len(headers) >= WIDE_TABLE,
        "headers": [(h, cls(h)) for h in headers],
        "rows": [[(v, cls(h, v)) for h, v in zip(headers, row, strict=True)] for row in rows],
    }


def xlsx_rows(ws, rows) -> None:
    """Append rows to a worksheet through ``core.xlsx``; ``Num`` cells as numbers with their
    number format, everything else as values (never formulas)."""
    for row in rows:
        xlsx.append(ws, [xlsx.cell(ws, c.value, number_format=c.number_format)
                         if isinstance(c, Num) else c for c in row])
