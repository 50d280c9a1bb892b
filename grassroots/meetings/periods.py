"""Periods of the organisational-life obligations: month, quarter, year (pure date arithmetic)."""

from __future__ import annotations

from datetime import date, timedelta

from .rules import PERIOD_MONTHS


def month_start(d: date) -> date:
    return d.replace(day=1)


def add_months(d: date, n: int) -> date:
    """The first day of the month ``n`` months after ``d``'s month."""
    index = d.year * 12 + d.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def period_of(period: str | int, d: date) -> tuple[date, date]:
    """[first day, last day] of the period containing ``d``: "month", "quarter", "year" or a
    number of months dividing the year (periods counted from January)."""
    length = PERIOD_MONTHS[period] if isinstance(period, str) else period
    first_month = (d.month - 1) // length * length + 1
    start = date(d.year, first_month, 1)
    return start, add_months(start, length) - timedelta(days=1)


def months_between(first: date, last: date) -> list[date]:
    """The first days of the months from ``first``'s to ``last``'s, inclusive."""
    out, m = [], month_start(first)
    while m <= last:
        out.append(m)
        m = add_months(m, 1)
    return out
