"""The process-level calendar cache.

The whole stored calendar (a few hundred exceptional days) is loaded once per process. Edits in
this process invalidate it at once; edits made by another process are noticed within
``settings.WORKCAL_CACHE_SECONDS`` (default 60) through a cheap change stamp, so a deadline
computation itself never queries the database.
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Max

from .clock import CalendarData
from .models import CalendarDay, CalendarYear, WorkSchedule, parse_periods

DEFAULT_PERIODS = [("08:30", "12:00"), ("13:30", "17:30")]

_lock = threading.Lock()
_data: CalendarData | None = None
_checked_at = 0.0


def _ttl() -> float:
    return float(getattr(settings, "WORKCAL_CACHE_SECONDS", 60))


def _offset(hhmm: str) -> timedelta:
    hours, minutes = hhmm.split(":")
    return timedelta(hours=int(hours), minutes=int(minutes))


def configured_periods() -> list[tuple[str, str]]:
    """Office hours: the WorkSchedule row if an administrator saved one, else settings."""
    schedule = WorkSchedule.objects.order_by("pk").first()
    if schedule is not None:
        return schedule.period_list()
    raw = getattr(settings, "WORKCAL_PERIODS", DEFAULT_PERIODS) or DEFAULT_PERIODS
    # Validate settings the same way as the admin form, so a typo fails loudly.
    return parse_periods(", ".join(f"{s}-{e}" for s, e in raw))


def _stamp() -> tuple:
    parts = []
    for model in (CalendarDay, CalendarYear, WorkSchedule):
        agg = model.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
        parts.append((agg["n"], agg["last"]))
    return tuple(parts)


def _load() -> CalendarData:
    stamp = _stamp()
    exceptions = dict(CalendarDay.objects.values_list("date", "is_working"))
    known = frozenset(CalendarYear.objects.filter(complete=True).values_list("year", flat=True))
    periods = tuple((_offset(s), _offset(e)) for s, e in configured_periods())
    return CalendarData(exceptions=exceptions, known_years=known, periods=periods, stamp=stamp)


def calendar_data() -> CalendarData:
    global _data, _checked_at
    data = _data
    now = time.monotonic()
    if data is not None and now - _checked_at < _ttl():
        return data
    with _lock:
        if _data is not None and time.monotonic() - _checked_at < _ttl():
            return _data
        if _data is None or _stamp() != _data.stamp:
            _data = _load()
        _checked_at = time.monotonic()
        return _data


def invalidate(**_kwargs) -> None:
    """Forget the cached calendar; the next computation reloads it (also a signal receiver)."""
    global _data, _checked_at
    with _lock:
        _data = None
        _checked_at = 0.0
