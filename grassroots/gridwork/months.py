"""Calendar months as "YYYY-MM" strings, the unit of the monthly rhythm."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core import clock

MONTH_RE = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$")


def today() -> date:
    return timezone.localdate(clock.now())


def month_of(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def is_month(value: str) -> bool:
    # ASCII digits, and years with a month before and after them (year 1 or 9999 had neither).
    match = MONTH_RE.match(value or "")
    return bool(match) and 1970 <= int(match[1]) <= 2200


def parse_month(value: str | None, default: str | None = None) -> str:
    """A valid month from a query string, else ``default`` (the current month)."""
    if value and is_month(value):
        return value
    return default or month_of(today())


def first_day(month: str) -> date:
    y, m = month.split("-")
    return date(int(y), int(m), 1)


def next_month(month: str) -> str:
    d = first_day(month)
    return month_of(date(d.year + (d.month == 12), d.month % 12 + 1, 1))


def previous_month(month: str) -> str:
    d = first_day(month)
    return month_of(date(d.year - (d.month == 1), (d.month - 2) % 12 + 1, 1))


def date_bounds(month: str) -> tuple[date, date]:
    """[first day, first day of the next month)."""
    return first_day(month), first_day(next_month(month))


def datetime_bounds(month: str) -> tuple[datetime, datetime]:
    start, end = date_bounds(month)
    tz = timezone.get_current_timezone()
    return (timezone.make_aware(datetime.combine(start, time.min), tz),
            timezone.make_aware(datetime.combine(end, time.min), tz))


def month_range(start: str, end: str) -> list[str]:
    out, m = [], start
    while m <= end:
        out.append(m)
        m = next_month(m)
    return out


def label(month: str) -> str:
    """The month in Chinese, as official documents print it ("2026年6月")."""
    d = first_day(month)
    return f"{d.year}年{d.month}月"


def display_label(month: str) -> str:
    """The month for a page, in the active language."""
    d = first_day(month)
    return _("%(year)s年%(month)s月") % {"year": d.year, "month": d.month}
