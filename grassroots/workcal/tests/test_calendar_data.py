from datetime import date, timedelta

import chinese_calendar
import pytest
from django.core.management import call_command

from grassroots.core.models import Event
from grassroots.workcal import services
from grassroots.workcal.models import CalendarDay, CalendarYear, DayKind, Source
from grassroots.workcal.seeding import package_years

pytestmark = pytest.mark.django_db


def test_migration_seeded_every_package_year_and_matches_package_day_by_day():
    years = package_years()
    assert years[0] <= 2025 <= years[-1]
    assert set(CalendarYear.objects.filter(complete=True).values_list("year", flat=True)) >= set(
        years)
    d, last = date(years[0], 1, 1), date(years[-1], 12, 31)
    mismatches = []
    while d <= last:
        if services.is_working_day(d) != chinese_calendar.is_workday(d):
            mismatches.append(d)
        d += timedelta(days=1)
    assert mismatches == []


def test_spring_festival_2025():
    for offset in range(8):  # 2025-01-28 … 2025-02-04 off
        day = date(2025, 1, 28) + timedelta(days=offset)
        assert not services.is_working_day(day), day
    assert services.is_working_day(date(2025, 1, 26))  # Sunday, worked
    assert services.is_working_day(date(2025, 2, 8))  # Saturday, worked
    assert services.is_working_day(date(2025, 1, 27))
    assert services.is_working_day(date(2025, 2, 5))
    row = CalendarDay.objects.get(date=date(2025, 1, 29))
    assert (row.kind, row.name, row.source) == (DayKind.HOLIDAY, "春节", Source.PACKAGE)
    assert CalendarDay.objects.get(date=date(2025, 2, 8)).kind == DayKind.ADJUSTED_WORKDAY


def test_national_day_2025():
    for offset in range(8):  # 2025-10-01 … 2025-10-08 off
        day = date(2025, 10, 1) + timedelta(days=offset)
        assert not services.is_working_day(day), day
        assert chinese_calendar.is_holiday(day)
    assert services.is_working_day(date(2025, 9, 28))  # Sunday, worked
    assert services.is_working_day(date(2025, 10, 11))  # Saturday, worked
    assert CalendarDay.objects.get(date=date(2025, 10, 6)).name == "中秋"


def test_year_is_known():
    assert services.year_is_known(2025)
    assert not services.year_is_known(2031)
    assert not services.year_is_known(package_years()[-1] + 1)


def test_unknown_year_falls_back_to_monday_to_friday():
    assert services.is_working_day(date(2031, 3, 3))  # Monday
    assert not services.is_working_day(date(2031, 3, 8))  # Saturday
    assert not services.is_working_day(date(2031, 3, 9))  # Sunday


def test_seed_is_idempotent_and_keeps_admin_edits(county):
    before = CalendarDay.objects.count()
    results = services.calendar_seed_from_package()
    assert [r for r in results if r.changed] == []
    assert CalendarDay.objects.count() == before

    # An administrator overrides a package day; a re-seed must not undo it.
    services.calendar_day_set(actor=county.admin, date=date(2025, 2, 8), is_working=False,
                              name="本县调整", kind=DayKind.NORMAL)
    # A package day that went missing is restored; an extra package row is removed.
    CalendarDay.objects.filter(date=date(2025, 10, 3)).delete()
    CalendarDay.objects.create(date=date(2025, 3, 3), is_working=False, kind=DayKind.HOLIDAY,
                               name="错误", source=Source.PACKAGE)
    results = {r.year: r for r in services.calendar_seed_from_package(years=[2025])}
    assert results[2025].created == 1
    assert results[2025].deleted == 1
    assert results[2025].kept_admin == [date(2025, 2, 8)]
    assert not CalendarDay.objects.filter(date=date(2025, 3, 3)).exists()
    assert CalendarDay.objects.get(date=date(2025, 10, 3)).kind == DayKind.HOLIDAY
    kept = CalendarDay.objects.get(date=date(2025, 2, 8))
    assert (kept.is_working, kept.source, kept.name) == (False, Source.ADMIN, "本县调整")
    assert Event.objects.filter(action="calendar_year_seeded", extra__year=2025).count() == 1


def test_seed_from_empty_database_via_command():
    CalendarDay.objects.all().delete()
    CalendarYear.objects.all().delete()
    services.calendar_cache_clear()
    assert not services.year_is_known(2025)
    call_command("seed_calendar", "--year", "2025")
    assert services.year_is_known(2025)
    assert not services.year_is_known(2024)
    assert CalendarDay.objects.filter(date__year=2025).count() == len(
        [d for d in chinese_calendar.constants.holidays if d.year == 2025]
    ) + len([d for d in chinese_calendar.constants.workdays if d.year == 2025])
    assert not services.is_working_day(date(2025, 10, 1))
    call_command("seed_calendar")
    assert set(CalendarYear.objects.values_list("year", flat=True)) == set(package_years())


def test_seed_by_a_person_requires_admin(county):
    from grassroots.core.errors import NotInScope
    from grassroots.testing.refusals import refused

    with refused(NotInScope, "只有平台管理员可以修改工作日历。", unchanged=[CalendarDay, CalendarYear]):
        services.calendar_seed_from_package(actor=county.handler)
    assert services.calendar_seed_from_package(actor=county.admin)
