"""The work calendar service: deadlines in working time, and the writes that change the calendar.

Computations take aware datetimes and return aware datetimes in Asia/Shanghai. They read the
calendar from the process cache (``cache.py``) and never query the database per call. See
docs/workcal.md for the exact definitions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require

from . import cache, clock
from .models import CalendarDay, CalendarYear, DayKind, Source, WorkSchedule, parse_periods
from .seeding import YearResult, package_years, seed_years

__all__ = [
    "Deadline", "WorkingTime", "add_working_hours", "add_working_days", "working_time_between",
    "is_working_day", "next_office_moment", "in_office_hours", "year_is_known", "daily_working_hours", "missing_years_warning",
    "calendar_day_set", "calendar_day_validate", "calendar_year_mark_complete", "calendar_seed_from_package",
    "work_schedule_set", "calendar_cache_clear",
]


@dataclass(frozen=True)
class Deadline:
    due_at: datetime  # aware, Asia/Shanghai
    estimated: bool  # some day on the way lies in a year without complete calendar data


@dataclass(frozen=True)
class WorkingTime:
    hours: float
    estimated: bool


# --- computations -------------------------------------------------------------------------


def add_working_hours(start: datetime, hours, *, paused=()) -> Deadline:
    """The earliest moment at which ``hours`` working hours have elapsed since ``start``.

    Time outside office hours, on non-working days and inside ``paused`` intervals does not
    count. ``hours == 0`` gives ``start`` itself.
    """
    data = cache.calendar_data()
    local_start = clock.to_local(start, "start")
    due, estimated = clock.add(data, local_start, clock.hours_to_delta(hours),
                               clock.normalise_paused(paused))
    if due == local_start:
        return Deadline(due_at=start.astimezone(clock.SHANGHAI), estimated=estimated)
    return Deadline(due_at=clock.from_local(due), estimated=estimated)


def add_working_days(start: datetime, days, *, paused=()) -> Deadline:
    """``days`` working days after ``start``: exactly ``days`` × the daily office hours.

    Started inside office hours this is the same time of day on the ``days``-th working day
    after; started outside them, the clock starts at the next opening, so the deadline is the
    close of the ``days``-th working day.
    """
    try:
        value = float(days)
    except (TypeError, ValueError):
        raise ValueError("days must be a number")
    if value < 0:
        raise ValueError("days must be >= 0")
    daily_hours = cache.calendar_data().daily.total_seconds() / 3600
    return add_working_hours(start, value * daily_hours, paused=paused)


def working_time_between(a: datetime, b: datetime, *, paused=()) -> WorkingTime:
    """Working hours from ``a`` to ``b`` minus ``paused``; negative when ``b`` is before ``a``."""
    data = cache.calendar_data()
    local_a, local_b = clock.to_local(a, "a"), clock.to_local(b, "b")
    sign = 1
    if local_b < local_a:
        local_a, local_b, sign = local_b, local_a, -1
    total, estimated = clock.measure(data, local_a, local_b, clock.normalise_paused(paused))
    return WorkingTime(hours=sign * total.total_seconds() / 3600, estimated=estimated)


def next_office_moment(moment: datetime) -> datetime:
    """``moment`` if it falls in office hours on a working day, else the next opening (Beijing
    time): when a unit that receives something at ``moment`` can first act on it."""
    local = clock.to_local(moment, "moment")
    found = clock.next_open(cache.calendar_data(), local)
    if found == local:
        return moment.astimezone(clock.SHANGHAI)
    return clock.from_local(found)


def in_office_hours(moment: datetime) -> bool:
    """Whether the office is open at ``moment`` (a working day, inside one of the periods)."""
    return next_office_moment(moment) == moment


def _as_date(value) -> date:
    if isinstance(value, datetime):
        return clock.to_local(value).date()
    if isinstance(value, date):
        return value
    raise TypeError("expected a date")


def is_working_day(value) -> bool:
    """Whether the office works on this date (a datetime is taken in Beijing time)."""
    d = _as_date(value)
    data = cache.calendar_data()
    if d.year not in data.known_years:
        clock.warn_unknown_year(d.year)
    return data.is_working(d)


def end_of_working_day(day: date) -> datetime:
    """When office hours end on ``day`` (Beijing time): the end of the last period of the
    county's schedule, e.g. 17:30 — what "extend to that date" means."""
    last_end = max(end for _start, end in cache.calendar_data().periods)  # cached schedule
    midnight = datetime(day.year, day.month, day.day, tzinfo=timezone.get_default_timezone())
    return midnight + last_end


def year_is_known(year: int) -> bool:
    """Whether ``year`` has complete, authoritative calendar data (package or administrator)."""
    return int(year) in cache.calendar_data().known_years


def daily_working_hours() -> float:
    return cache.calendar_data().daily.total_seconds() / 3600


def missing_years_warning(today: date | None = None) -> str | None:
    """A warning for administrators when this year or next year has no complete calendar."""
    today = today or timezone.localdate()
    missing = [y for y in (today.year, today.year + 1) if not year_is_known(y)]
    if not missing:
        return None
    years = _("、").join(_("%(year)s年") % {"year": y} for y in missing)
    return _(
        "工作日历缺少%(years)s的法定节假日和调休安排，这些年份的办理期限暂按周一至周五估算。"
        "请在国务院办公厅公布放假安排后，到“工作日历”页面录入放假和调休上班日期，并将该年度标记为数据完整。"
    ) % {"years": years}


def calendar_cache_clear() -> None:
    """Drop the process cache (tests that write calendar rows directly call this)."""
    cache.invalidate()


# --- writes -------------------------------------------------------------------------------


def _after_change() -> None:
    # Now, for reads later in this transaction, and again after commit for a clean reload.
    cache.invalidate()
    transaction.on_commit(cache.invalidate)


def calendar_day_validate(*, kind: str, is_working: bool, name: str) -> None:
    """The rules for one day, shared by the service and the admin form."""
    if kind not in DayKind.values:
        raise ApplicationError(_("日期类型无效。"), field="kind")
    if kind == DayKind.HOLIDAY and is_working:
        raise ApplicationError(_("法定节假日不能设为上班日。"), field="is_working")
    if kind == DayKind.ADJUSTED_WORKDAY and not is_working:
        raise ApplicationError(_("调休上班日必须设为上班。"), field="is_working")
    if len(name) > 60:
        raise ApplicationError(_("名称不能超过60个字。"), field="name")
    if kind == DayKind.HOLIDAY and not name:
        raise ApplicationError(_("请填写节日名称，例如“春节”。"), field="name")


def calendar_day_set(*, actor, date: date, is_working: bool, name: str = "",
                     kind: str) -> CalendarDay:
    """Set one day as a holiday, an adjusted workday or a normal day (administrators only)."""
    require(actor, "workcal.edit")
    if isinstance(date, datetime) or not hasattr(date, "year"):
        raise ApplicationError(_("请填写有效的日期。"), field="date")
    is_working = bool(is_working)
    name = (name or "").strip()
    calendar_day_validate(kind=kind, is_working=is_working, name=name)
    with transaction.atomic():
        day = CalendarDay.objects.select_for_update().filter(date=date).first()
        before = None
        if day is None:
            day = CalendarDay.objects.create(date=date, is_working=is_working, kind=kind,
                                             name=name, source=Source.ADMIN)
        else:
            before = {"is_working": day.is_working, "kind": day.kind, "name": day.name,
                      "source": day.source}
            day.is_working, day.kind, day.name, day.source = is_working, kind, name, Source.ADMIN
            day.save(update_fields=["is_working", "kind", "name", "source", "updated_at"])
        CalendarYear.objects.get_or_create(year=date.year, defaults={"source": Source.ADMIN})
        event_record(
            subject=day, actor=actor, action="calendar_day_set",
            from_state=before["kind"] if before else "", to_state=kind,
            note=name,
            extra={"date": date.isoformat(), "is_working": is_working, "kind": kind,
                   "name": name, "before": before},
        )
        _after_change()
    return day


def calendar_year_mark_complete(*, actor, year: int, complete: bool = True) -> CalendarYear:
    """Declare that ``year``'s holidays and adjusted workdays are all entered (or undo it)."""
    require(actor, "workcal.edit")
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ApplicationError(_("请填写有效的年份。"), field="year")
    if not 1949 <= year <= 2200:
        raise ApplicationError(_("年份须在1949至2200之间。"), field="year")
    with transaction.atomic():
        row, _created = CalendarYear.objects.select_for_update().get_or_create(
            year=year, defaults={"source": Source.ADMIN})
        before = row.complete
        if before != complete:
            row.complete = complete
            row.save(update_fields=["complete", "updated_at"])
        event_record(
            subject=row, actor=actor, action="calendar_year_mark_complete",
            from_state="complete" if before else "incomplete",
            to_state="complete" if complete else "incomplete",
            extra={"year": year},
        )
        _after_change()
    return row


def calendar_seed_from_package(*, actor=None, years=None) -> list[YearResult]:
    """Store the statutory calendar of ``years`` (default: every year the package knows).

    Idempotent; days an administrator edited are kept. ``actor=None`` is the system (migration,
    management command); a person must be an administrator.
    """
    if actor is not None:
        require(actor, "workcal.edit")
    wanted = package_years() if years is None else [int(y) for y in years]
    with transaction.atomic():
        results = seed_years(CalendarDay, CalendarYear, wanted, timezone.now())
        rows = {r.year: r for r in CalendarYear.objects.filter(year__in=[x.year for x in results])}
        for result in results:
            if result.changed:
                event_record(
                    subject=rows[result.year], actor=actor, action="calendar_year_seeded",
                    to_state="complete",
                    extra={"year": result.year, "created": result.created,
                           "updated": result.updated, "deleted": result.deleted,
                           "kept_admin": [d.isoformat() for d in result.kept_admin]},
                )
        _after_change()
    return results


def work_schedule_set(*, actor, periods: str) -> WorkSchedule:
    """Change office hours, e.g. "08:30-12:00, 13:30-17:30" (administrators only)."""
    require(actor, "workcal.edit")
    try:
        parsed = parse_periods(periods)
    except Exception as exc:  # ValidationError carries the Chinese message
        message = getattr(exc, "messages", [str(exc)])[0]
        raise ApplicationError(message, field="periods")
    text = ", ".join(f"{s}-{e}" for s, e in parsed)
    with transaction.atomic():
        row = WorkSchedule.objects.select_for_update().order_by("pk").first()
        before = row.periods if row else ""
        if row is None:
            row = WorkSchedule.objects.create(periods=text)
        else:
            row.periods = text
            row.save(update_fields=["periods", "updated_at"])
        event_record(subject=row, actor=actor, action="work_schedule_set", note=text,
                     extra={"before": before, "after": text})
        _after_change()
    return row
