"""Reads for the calendar page. The calendar is county-wide public information: no scope filter,
but the page that shows it is for administrators."""

from __future__ import annotations

import calendar as pycal
from datetime import date

from django.utils import timezone

from .models import CalendarDay, CalendarYear, DayKind
from .seeding import package_years


def calendar_years_overview(*, around: int | None = None) -> list[dict]:
    """Every stored year, plus this year and next, with whether its data is complete."""
    this_year = timezone.localdate().year
    rows = {r.year: r for r in CalendarYear.objects.all()}
    years = set(rows) | {this_year, this_year + 1}
    if around is not None:
        years.add(around)
    pkg = set(package_years())
    overview = []
    for year in sorted(years, reverse=True):
        row = rows.get(year)
        overview.append({
            "year": year,
            "known": bool(row and row.complete),
            "source": row.get_source_display() if row else "",
            "in_package": year in pkg,
            "seeded_at": row.seeded_at if row else None,
        })
    return overview


def calendar_year_months(year: int) -> list[dict]:
    """Twelve month grids (weeks Monday first) of cells describing each day."""
    stored = {d.date: d for d in CalendarDay.objects.filter(
        date__gte=date(year, 1, 1), date__lte=date(year, 12, 31))}
    today = timezone.localdate()
    months = []
    cal = pycal.Calendar(firstweekday=0)
    for month in range(1, 13):
        weeks = []
        for week in cal.monthdatescalendar(year, month):
            cells = []
            for d in week:
                if d.month != month:
                    cells.append(None)
                    continue
                row = stored.get(d)
                is_working = row.is_working if row else d.weekday() < 5
                kind = row.kind if row else DayKind.NORMAL
                if kind == DayKind.HOLIDAY:
                    css = "wc-holiday"
                elif kind == DayKind.ADJUSTED_WORKDAY:
                    css = "wc-adjusted"
                elif not is_working:
                    css = "wc-off"
                else:
                    css = "wc-work"
                cells.append({
                    "date": d, "is_working": is_working, "kind": kind,
                    "name": row.name if row else "", "css": css, "today": d == today,
                    "source": row.source if row else "",
                })
            weeks.append(cells)
        months.append({"month": month, "weeks": weeks})
    return months


def calendar_day_for(d: date) -> CalendarDay | None:
    return CalendarDay.objects.filter(date=d).first()
