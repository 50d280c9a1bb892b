from datetime import date

import pytest

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.events import events_for
from grassroots.core.models import Event
from grassroots.testing.refusals import refused
from grassroots.workcal import services
from grassroots.workcal.models import CalendarDay, CalendarYear, DayKind, Source, WorkSchedule

from .helpers import bj


def test_day_set_writes_the_day_an_event_and_refreshes_the_cache(county):
    monday = date(2031, 3, 3)
    assert services.is_working_day(monday)  # estimated: a plain Monday
    day = services.calendar_day_set(actor=county.admin, date=monday, is_working=False,
                                    name="县庆", kind=DayKind.HOLIDAY)
    assert (day.kind, day.is_working, day.name, day.source) == (
        DayKind.HOLIDAY, False, "县庆", Source.ADMIN)
    assert not services.is_working_day(monday)  # no stale cache
    # Friday 17:20 + 1 h now skips the Monday holiday.
    assert services.add_working_hours(bj(2031, 2, 28, 17, 20), 1).due_at == bj(2031, 3, 4, 9, 20)
    [event] = events_for(day)
    assert (event.actor, event.action, event.to_state) == (county.admin, "calendar_day_set",
                                                           DayKind.HOLIDAY)
    assert event.extra["date"] == "2031-03-03" and event.extra["before"] is None
    # An administrator's entry opens the year but does not make it authoritative.
    year = CalendarYear.objects.get(year=2031)
    assert (year.complete, year.source) == (False, Source.ADMIN)
    assert not services.year_is_known(2031)


def test_day_set_overrides_a_package_day_and_records_what_was_there(county):
    services.calendar_day_set(actor=county.admin, date=date(2025, 10, 11), is_working=False,
                              name="", kind=DayKind.NORMAL)
    assert not services.is_working_day(date(2025, 10, 11))
    event = Event.objects.get(action="calendar_day_set")
    assert event.from_state == DayKind.ADJUSTED_WORKDAY
    assert event.extra["before"]["source"] == Source.PACKAGE


@pytest.mark.parametrize("who", ["handler", "supervisor", "dispatcher", "citizen"])
def test_day_set_refuses_non_admins_and_writes_nothing(county, who):
    with refused(NotInScope, "只有平台管理员可以修改工作日历。", unchanged=[CalendarDay, CalendarYear]):
        services.calendar_day_set(actor=getattr(county, who), date=date(2031, 3, 3),
                                  is_working=False, name="x", kind=DayKind.HOLIDAY)
    assert not CalendarDay.objects.filter(date=date(2031, 3, 3)).exists()
    assert not CalendarYear.objects.filter(year=2031).exists()
    assert not Event.objects.filter(action="calendar_day_set").exists()


@pytest.mark.parametrize(("kind", "is_working", "name", "message"), [
    (DayKind.HOLIDAY, True, "春节", "法定节假日不能设为上班日。"),
    (DayKind.ADJUSTED_WORKDAY, False, "调休", "调休上班日必须设为上班。"),
    (DayKind.HOLIDAY, False, "", "请填写节日名称，例如“春节”。"),
    ("closed", False, "x", "日期类型无效。"),
])
def test_day_set_validation(county, kind, is_working, name, message):
    with refused(ApplicationError, message, unchanged=[CalendarDay, CalendarYear]):
        services.calendar_day_set(actor=county.admin, date=date(2031, 3, 3),
                                  is_working=is_working, name=name, kind=kind)
    assert not CalendarDay.objects.filter(date=date(2031, 3, 3)).exists()


def test_year_mark_complete(county):
    assert services.add_working_hours(bj(2031, 3, 7, 17, 20), 1).estimated is True
    row = services.calendar_year_mark_complete(actor=county.admin, year=2031)
    assert row.complete and services.year_is_known(2031)
    assert services.add_working_hours(bj(2031, 3, 7, 17, 20), 1).estimated is False
    event = events_for(row).get()
    assert (event.action, event.from_state, event.to_state) == (
        "calendar_year_mark_complete", "incomplete", "complete")
    services.calendar_year_mark_complete(actor=county.admin, year=2031, complete=False)
    assert not services.year_is_known(2031)
    with refused(NotInScope, "只有平台管理员可以修改工作日历。", unchanged=[CalendarYear]):
        services.calendar_year_mark_complete(actor=county.handler, year=2032)
    assert not CalendarYear.objects.filter(year=2032).exists()


@pytest.mark.django_db
def test_missing_years_warning():
    last = max(y for y in range(2020, 2040) if services.year_is_known(y))
    assert services.missing_years_warning(today=date(last - 1, 6, 1)) is None
    text = services.missing_years_warning(today=date(last, 6, 1))
    assert f"{last + 1}年" in text and f"{last}年" not in text
    assert "工作日历" in text
    text = services.missing_years_warning(today=date(last + 1, 6, 1))
    assert f"{last + 1}年、{last + 2}年" in text


def test_work_schedule_set_validates_and_refuses_non_admins(county):
    with refused(ApplicationError, "时间段 12:00-08:30 无效：结束时间须晚于开始时间。",
                 unchanged=[WorkSchedule]) as exc:
        services.work_schedule_set(actor=county.admin, periods="12:00-08:30")
    assert exc.value.field == "periods"
    with refused(NotInScope, "只有平台管理员可以修改工作日历。", unchanged=[WorkSchedule]):
        services.work_schedule_set(actor=county.handler, periods="08:00-17:00")
    assert services.daily_working_hours() == 7.5
