"""Working-time arithmetic over one loaded calendar, in Beijing wall-clock time.

Pure Python with no database access: ``services`` hands it a ``CalendarData`` snapshot from the
process cache, so one deadline costs a few microseconds. All datetimes inside this module are
naive and mean Asia/Shanghai wall time (China has had no daylight saving since 1991).
"""

from __future__ import annotations

import bisect
import logging
import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

logger = logging.getLogger("grassroots.workcal")

SHANGHAI = ZoneInfo("Asia/Shanghai")
ONE_DAY = timedelta(days=1)
ZERO = timedelta(0)
# A calendar with no working time for this long is broken data, not a long deadline.
MAX_SCAN_DAYS = 366 * 30


@dataclass(frozen=True)
class CalendarData:
    """A snapshot of the stored calendar: what ``services`` caches per process."""

    exceptions: dict[date, bool]  # stored days -> is_working; other days follow Mon–Fri
    known_years: frozenset[int]  # years whose data is complete and authoritative
    periods: tuple[tuple[timedelta, timedelta], ...]  # offsets from midnight, sorted, disjoint
    stamp: tuple = ()

    @property
    def daily(self) -> timedelta:
        return sum((end - start for start, end in self.periods), ZERO)

    def is_working(self, d: date) -> bool:
        stored = self.exceptions.get(d)
        if stored is not None:
            return stored
        return d.weekday() < 5

    @cached_property
    def _overrides(self) -> tuple[list[date], list[int]]:
        """Stored days that differ from Mon–Fri, sorted, with the running sum of their
        correction (+1 a working weekend day, -1 a holiday on a weekday)."""
        days, sums, total = [], [], 0
        for d in sorted(self.exceptions):
            delta = int(self.exceptions[d]) - int(d.weekday() < 5)
            if delta:
                total += delta
                days.append(d)
                sums.append(total)
        return days, sums

    def working_days(self, first: date, last: date) -> int:
        """Working days in [first, last], without walking the days (O(log stored days))."""
        if last < first:
            return 0
        n = (last - first).days + 1
        weeks, rest = divmod(n, 7)
        count = weeks * 5
        wd = first.weekday()
        count += sum(1 for i in range(rest) if (wd + i) % 7 < 5)
        days, sums = self._overrides
        lo, hi = bisect.bisect_left(days, first), bisect.bisect_right(days, last)
        if hi > lo:
            count += sums[hi - 1] - (sums[lo - 1] if lo else 0)
        return count


_warned_years: set[int] = set()


def warn_unknown_year(year: int) -> None:
    # Once per year per process: deadline code runs on every intake.
    if year not in _warned_years:
        _warned_years.add(year)
        logger.warning(
            "Work calendar has no complete data for %s; deadlines in that year are estimated "
            "from Monday-Friday working days.", year,
        )


def to_local(value: datetime, what: str = "datetime") -> datetime:
    if not isinstance(value, datetime):
        raise TypeError(f"{what} must be a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware")
    return value.astimezone(SHANGHAI).replace(tzinfo=None)


def from_local(value: datetime) -> datetime:
    return value.replace(tzinfo=SHANGHAI)


def normalise_paused(paused) -> list[tuple[datetime, datetime]]:
    """Local, sorted, merged pause intervals; empty and reversed ones are dropped."""
    if not paused:
        return []
    items = []
    for interval in paused:
        try:
            p_start, p_end = interval
        except (TypeError, ValueError):
            raise ValueError("each paused interval must be a (start, end) pair")
        if p_start is None or p_end is None:
            raise ValueError("a paused interval needs both start and end (use now for an open one)")
        s, e = to_local(p_start, "paused start"), to_local(p_end, "paused end")
        if e > s:
            items.append((s, e))
    items.sort()
    merged: list[tuple[datetime, datetime]] = []
    for s, e in items:
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def hours_to_delta(hours) -> timedelta:
    try:
        value = float(hours)
    except (TypeError, ValueError):
        raise ValueError("hours must be a number")
    if math.isnan(value) or math.isinf(value) or value < 0:
        raise ValueError("hours must be a finite number >= 0")
    return timedelta(microseconds=round(value * 3_600_000_000))


def add(data: CalendarData, start: datetime, need: timedelta,
        paused: list[tuple[datetime, datetime]]) -> tuple[datetime, bool]:
    """The earliest local time t >= start with ``need`` working time in [start, t]."""
    if need <= ZERO:
        return start, False
    periods = data.periods
    first_open = periods[0][0]
    daily = data.daily
    exceptions, known_years = data.exceptions, data.known_years
    estimated = False
    checked_year = None
    cur = start
    d = start.date()
    pi = 0
    n_paused = len(paused)
    for _ in range(MAX_SCAN_DAYS):
        if d.year != checked_year:
            checked_year = d.year
            if checked_year not in known_years:
                estimated = True
                warn_unknown_year(checked_year)
        stored = exceptions.get(d)
        working = stored if stored is not None else d.weekday() < 5
        if working:
            base = datetime(d.year, d.month, d.day)
            next_base = base + ONE_DAY
            while pi < n_paused and paused[pi][1] <= cur:
                pi += 1
            # Fast path: a whole untouched working day.
            if (need > daily and cur <= base + first_open
                    and (pi >= n_paused or paused[pi][0] >= next_base)):
                need -= daily
                cur = next_base
                d += ONE_DAY
                continue
            for p_start, p_end in periods:
                seg_end = base + p_end
                if seg_end <= cur:
                    continue
                seg_start = base + p_start
                if seg_start < cur:
                    seg_start = cur
                j = pi
                while True:
                    if j < n_paused and paused[j][0] < seg_end:
                        pause_start, pause_end = paused[j]
                        if pause_start > seg_start:
                            avail = pause_start - seg_start
                            if avail >= need:
                                return seg_start + need, estimated
                            need -= avail
                        if pause_end > seg_start:
                            seg_start = pause_end
                        if seg_start >= seg_end:
                            break
                        j += 1
                    else:
                        avail = seg_end - seg_start
                        if avail >= need:
                            return seg_start + need, estimated
                        need -= avail
                        break
            cur = next_base
        d += ONE_DAY
    raise ValueError("the work calendar has no working time in the next 30 years")


def next_open(data: CalendarData, start: datetime) -> datetime:
    """The earliest local time t >= start inside office hours: ``start`` itself when the office
    is open then (a period's start counts, its end does not), else the next opening."""
    d = start.date()
    for _ in range(MAX_SCAN_DAYS):
        if data.is_working(d):
            base = datetime(d.year, d.month, d.day)
            for p_start, p_end in data.periods:
                if base + p_end > start:
                    return max(start, base + p_start)
        d += ONE_DAY
    raise ValueError("the work calendar has no working time in the next 30 years")


def measure(data: CalendarData, a: datetime, b: datetime,
            paused: list[tuple[datetime, datetime]]) -> tuple[timedelta, bool]:
    """Working time in [a, b] (a <= b), minus paused intervals."""
    total = ZERO
    estimated = False
    checked_year = None
    d = a.date()
    last = b.date()
    pi = 0
    n_paused = len(paused)
    # Whole days between the first and the last day that no pause touches are counted at once
    # (an assignment overdue for months is on the dispatch queue's page, counted on every render).
    inner_first, inner_last = d + ONE_DAY, last - ONE_DAY
    if (inner_last - inner_first).days > 7 and not any(
            p_start < datetime(last.year, last.month, last.day)
            and p_end > datetime(inner_first.year, inner_first.month, inner_first.day)
            for p_start, p_end in paused):
        total += data.daily * data.working_days(inner_first, inner_last)
        for year in range(inner_first.year, inner_last.year + 1):
            if year not in data.known_years:
                estimated = True
                warn_unknown_year(year)
        skip_from, skip_to = inner_first, inner_last
    else:
        skip_from = skip_to = None
    while d <= last:
        if skip_from is not None and d == skip_from:
            d = skip_to + ONE_DAY
            continue
        if d.year != checked_year:
            checked_year = d.year
            if checked_year not in data.known_years:
                estimated = True
                warn_unknown_year(checked_year)
        if data.is_working(d):
            base = datetime(d.year, d.month, d.day)
            for p_start, p_end in data.periods:
                s = max(base + p_start, a)
                e = min(base + p_end, b)
                if e <= s:
                    continue
                while pi < n_paused and paused[pi][1] <= s:
                    pi += 1
                span = e - s
                j = pi
                while j < n_paused and paused[j][0] < e:
                    overlap = min(e, paused[j][1]) - max(s, paused[j][0])
                    if overlap > ZERO:
                        span -= overlap
                    j += 1
                total += span
        d += ONE_DAY
    return total, estimated
