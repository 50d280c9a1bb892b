"""China's statutory calendar from the ``chinese_calendar`` package (PyPI ``chinesecalendar``).

Kept free of the app's concrete models so that the data migration can run it with historical
models; the service ``calendar_seed_from_package`` wraps it with events and cache invalidation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class YearResult:
    year: int
    created: int = 0
    updated: int = 0
    deleted: int = 0
    kept_admin: list[date] = field(default_factory=list)
    year_changed: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted or self.year_changed)


def package_years() -> list[int]:
    """Every year the installed package has data for (raises nothing if it is missing)."""
    try:
        from chinese_calendar.constants import holidays
    except ImportError:  # pragma: no cover - the package is a hard dependency
        return []
    first, last = min(holidays).year, max(holidays).year
    return list(range(first, last + 1))


def package_days(year: int) -> dict[date, tuple[bool, str, str]]:
    """date -> (is_working, kind, name) for the package's holidays and adjusted workdays."""
    from chinese_calendar.constants import Holiday, holidays, workdays

    def chinese(value) -> str:
        try:
            return Holiday(value).chinese
        except ValueError:
            return str(value)

    days: dict[date, tuple[bool, str, str]] = {}
    for d, value in holidays.items():
        if d.year == year:
            days[d] = (False, "holiday", chinese(value))
    for d, value in workdays.items():
        if d.year == year:
            days[d] = (True, "adjusted_workday", chinese(value))
    return days


def seed_years(day_model, year_model, years, now) -> list[YearResult]:
    """Store the package's days for ``years``; idempotent, never overwrites administrators' edits.

    Package rows for a year that the package no longer lists are removed (the package corrects
    its data between releases); rows entered by an administrator stay.
    """
    results = []
    known = set(package_years())
    for year in sorted(set(years)):
        if year not in known:
            continue
        result = YearResult(year=year)
        wanted = package_days(year)
        existing = {row.date: row for row in day_model.objects.filter(
            date__gte=date(year, 1, 1), date__lte=date(year, 12, 31))}
        to_create = []
        for d, (is_working, kind, name) in sorted(wanted.items()):
            row = existing.get(d)
            if row is None:
                to_create.append(day_model(date=d, is_working=is_working, kind=kind, name=name,
                                           source="package"))
            elif row.source != "package":
                result.kept_admin.append(d)
            elif (row.is_working, row.kind, row.name) != (is_working, kind, name):
                row.is_working, row.kind, row.name = is_working, kind, name
                row.save(update_fields=["is_working", "kind", "name", "updated_at"])
                result.updated += 1
        if to_create:
            day_model.objects.bulk_create(to_create)
            result.created = len(to_create)
        stale = [row.pk for d, row in existing.items()
                 if row.source == "package" and d not in wanted]
        if stale:
            result.deleted = day_model.objects.filter(pk__in=stale).delete()[0]
        year_row = year_model.objects.filter(year=year).first()
        if year_row is None:
            year_model.objects.create(year=year, source="package", complete=True, seeded_at=now)
            result.year_changed = True
        elif result.changed or not year_row.complete or year_row.source != "package":
            year_row.source, year_row.complete, year_row.seeded_at = "package", True, now
            year_row.save(update_fields=["source", "complete", "seeded_at", "updated_at"])
            result.year_changed = True
        results.append(result)
    return results
