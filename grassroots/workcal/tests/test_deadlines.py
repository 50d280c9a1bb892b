import logging
from datetime import UTC, date, datetime, timedelta

import pytest

from grassroots.workcal import clock, services
from grassroots.workcal.models import WorkSchedule
from grassroots.workcal.services import (
    add_working_days,
    add_working_hours,
    working_time_between,
)

from .helpers import bj

pytestmark = pytest.mark.django_db


def due(start, hours, **kw):
    result = add_working_hours(start, hours, **kw)
    assert result.estimated is False
    return result.due_at


# --- add_working_hours --------------------------------------------------------------------


def test_friday_17_20_plus_one_hour_is_monday_09_20():
    # 10 minutes on Friday (17:20–17:30), 50 on Monday (08:30–09:20).
    result = add_working_hours(bj(2025, 3, 7, 17, 20), 1)
    assert result.due_at == bj(2025, 3, 10, 9, 20)
    assert result.estimated is False
    assert result.due_at.utcoffset() == timedelta(hours=8)


def test_remaining_time_that_fits_ends_at_the_close_not_the_next_morning():
    assert due(bj(2025, 3, 7, 17, 20), 10 / 60) == bj(2025, 3, 7, 17, 30)


def test_utc_input_is_read_in_beijing_time():
    start = datetime(2025, 3, 7, 9, 20, tzinfo=UTC)  # 17:20 in Beijing
    assert due(start, 1) == bj(2025, 3, 10, 9, 20)


@pytest.mark.parametrize(("start", "expected"), [
    (bj(2025, 3, 4, 7, 0), bj(2025, 3, 4, 9, 30)),  # before opening
    (bj(2025, 3, 4, 12, 30), bj(2025, 3, 4, 14, 30)),  # lunch break
    (bj(2025, 3, 4, 18, 0), bj(2025, 3, 5, 9, 30)),  # after closing
    (bj(2025, 3, 8, 10, 0), bj(2025, 3, 10, 9, 30)),  # Saturday
    (bj(2025, 3, 4, 11, 30), bj(2025, 3, 4, 14, 0)),  # runs across lunch
])
def test_clock_starts_at_the_next_opening(start, expected):
    assert due(start, 1) == expected


def test_zero_hours_is_the_start_itself():
    start = bj(2025, 3, 8, 10, 0)
    assert due(start, 0) == start


def test_spring_festival_2025_is_skipped_and_adjusted_workdays_count():
    # Monday before the festival: 6 h that day, then nothing until Wednesday 5 February.
    assert due(bj(2025, 1, 27, 10, 0), 7.5) == bj(2025, 2, 5, 10, 0)
    # Saturday 25 January is off, Sunday 26 January is worked.
    assert due(bj(2025, 1, 25, 9, 0), 1) == bj(2025, 1, 26, 9, 30)
    # Friday 7 February 17:00: half an hour, then Saturday 8 February is worked.
    assert due(bj(2025, 2, 7, 17, 0), 1) == bj(2025, 2, 8, 9, 0)


def test_national_day_2025_eve():
    # Tuesday 30 September 16:00: 1.5 h that day, then the holiday until Wednesday 8 October.
    assert due(bj(2025, 9, 30, 16, 0), 2) == bj(2025, 10, 9, 9, 0)
    # Saturday 27 September is off, Sunday 28 September is worked.
    assert due(bj(2025, 9, 27, 10, 0), 1) == bj(2025, 9, 28, 9, 30)
    # Friday 10 October 17:00: Saturday 11 October is worked.
    assert due(bj(2025, 10, 10, 17, 0), 1) == bj(2025, 10, 11, 9, 0)


def test_long_deadline_uses_whole_days():
    # 20 working days (150 h) from Monday 3 March 2025 08:30 → Friday 28 March 17:30 … 4 weeks.
    assert due(bj(2025, 3, 3, 8, 30), 150) == bj(2025, 3, 28, 17, 30)
    # Starting mid-morning the same amount ends at the same time of day on the 21st day.
    assert due(bj(2025, 3, 3, 10, 0), 150) == bj(2025, 3, 31, 10, 0)


def test_invalid_input():
    with pytest.raises(ValueError) as exc:
        add_working_hours(datetime(2025, 3, 7, 17, 20), 1)
    assert str(exc.value) == "start must be timezone-aware"
    for hours in (-1, float("nan")):
        with pytest.raises(ValueError) as exc:
            add_working_hours(bj(2025, 3, 7, 17, 20), hours)
        assert str(exc.value) == "hours must be a finite number >= 0"


# --- add_working_days ---------------------------------------------------------------------


def test_working_days_same_time_of_day():
    assert add_working_days(bj(2025, 3, 4, 10, 0), 2).due_at == bj(2025, 3, 6, 10, 0)


def test_working_days_after_hours_end_at_the_close_of_the_nth_day():
    assert add_working_days(bj(2025, 3, 4, 18, 0), 2).due_at == bj(2025, 3, 6, 17, 30)
    assert add_working_days(bj(2025, 3, 8, 10, 0), 1).due_at == bj(2025, 3, 10, 17, 30)
    # Lunch break: as if started at 12:00.
    assert add_working_days(bj(2025, 3, 4, 12, 30), 1).due_at == bj(2025, 3, 5, 12, 0)


def test_working_days_over_national_day_eve():
    # 30 September is the 0th day; 9 October the 1st, 10 October the 2nd working day.
    result = add_working_days(bj(2025, 9, 30, 16, 0), 2)
    assert result == services.Deadline(due_at=bj(2025, 10, 10, 16, 0), estimated=False)


@pytest.mark.parametrize("start", [
    bj(2025, 3, 4, 10, 0), bj(2025, 3, 4, 12, 15), bj(2025, 3, 7, 17, 20), bj(2025, 9, 30, 16, 0),
    bj(2025, 1, 24, 20, 0),
])
@pytest.mark.parametrize("days", [1, 2, 5])
def test_working_days_equal_daily_hours(start, days):
    assert add_working_days(start, days) == add_working_hours(start, days * 7.5)


# --- pausing ------------------------------------------------------------------------------


def test_pause_inside_working_hours_moves_the_deadline():
    start = bj(2025, 3, 3, 9, 0)
    assert due(start, 8) == bj(2025, 3, 4, 9, 30)
    assert due(start, 8, paused=[(bj(2025, 3, 3, 10, 0), bj(2025, 3, 3, 11, 0))]) == bj(
        2025, 3, 4, 10, 30)


def test_pause_overnight_and_overlapping_pauses_are_merged():
    start = bj(2025, 3, 3, 9, 0)
    paused = [
        (bj(2025, 3, 3, 17, 0), bj(2025, 3, 4, 9, 0)),
        (bj(2025, 3, 4, 8, 45), bj(2025, 3, 4, 10, 0)),  # overlaps the first
    ]
    # Monday 9–12 and 13:30–17:00 = 6.5 h; Tuesday from 10:00 another 1.5 h.
    assert due(start, 8, paused=paused) == bj(2025, 3, 4, 11, 30)


def test_pause_outside_hours_or_before_start_changes_nothing():
    start = bj(2025, 3, 3, 9, 0)
    paused = [(bj(2025, 3, 1, 9, 0), bj(2025, 3, 3, 8, 0)),  # before the start
              (bj(2025, 3, 3, 12, 0), bj(2025, 3, 3, 13, 30)),  # lunch break
              (bj(2025, 3, 3, 18, 0), bj(2025, 3, 4, 8, 30))]  # night
    assert due(start, 8, paused=paused) == bj(2025, 3, 4, 9, 30)


def test_pause_covering_the_start_delays_the_clock():
    # Waiting for the citizen from Friday 17:00 to Monday 10:00: the clock restarts at 10:00.
    assert due(bj(2025, 3, 7, 17, 20), 1,
               paused=[(bj(2025, 3, 7, 17, 0), bj(2025, 3, 10, 10, 0))]) == bj(2025, 3, 10, 11, 0)


def test_pause_needs_both_ends():
    with pytest.raises(ValueError) as exc:
        add_working_hours(bj(2025, 3, 3, 9, 0), 1, paused=[(bj(2025, 3, 3, 9, 0), None)])
    assert str(exc.value) == "a paused interval needs both start and end (use now for an open one)"


# --- working_time_between -----------------------------------------------------------------


def test_working_time_between():
    a, b = bj(2025, 3, 7, 17, 20), bj(2025, 3, 10, 9, 20)
    assert working_time_between(a, b) == services.WorkingTime(hours=1.0, estimated=False)
    assert working_time_between(b, a).hours == -1.0
    assert working_time_between(a, a).hours == 0
    # The whole National Day week counts 1.5 h (30 September) + 0.5 h (9 October).
    assert working_time_between(bj(2025, 9, 30, 16, 0), bj(2025, 10, 9, 9, 0)).hours == 2.0
    # One full ordinary week.
    assert working_time_between(bj(2025, 3, 3, 0, 0), bj(2025, 3, 10, 0, 0)).hours == 37.5


def test_working_time_between_minus_pauses():
    a, b = bj(2025, 3, 3, 9, 0), bj(2025, 3, 4, 11, 30)
    paused = [(bj(2025, 3, 3, 17, 0), bj(2025, 3, 4, 10, 0))]
    assert working_time_between(a, b, paused=paused).hours == 8.0
    assert working_time_between(a, b).hours == 10.0


@pytest.mark.parametrize("hours", [0.25, 1, 2, 7.5, 16, 33.3, 200])
def test_working_time_between_inverts_add_working_hours(hours):
    start = bj(2025, 9, 26, 15, 47)
    paused = [(bj(2025, 9, 29, 10, 0), bj(2025, 9, 30, 9, 0))]
    deadline = add_working_hours(start, hours, paused=paused).due_at
    assert working_time_between(start, deadline, paused=paused).hours == pytest.approx(hours)


# --- a year the package does not know -----------------------------------------------------


def test_unknown_year_is_estimated_and_does_not_crash(caplog):
    clock._warned_years.discard(2031)
    with caplog.at_level(logging.WARNING, logger="grassroots.workcal"):
        result = add_working_hours(bj(2031, 3, 7, 17, 20), 1)  # a Friday
    assert result == services.Deadline(due_at=bj(2031, 3, 10, 9, 20), estimated=True)
    assert "2031" in caplog.text
    assert add_working_days(bj(2031, 3, 7, 10, 0), 2).estimated is True
    assert working_time_between(bj(2031, 3, 3), bj(2031, 3, 4)).estimated is True


def test_deadline_crossing_into_an_unknown_year_is_estimated():
    last_known = max(y for y in range(2020, 2040) if services.year_is_known(y))
    dec31 = date(last_known, 12, 31)
    while not services.is_working_day(dec31):
        dec31 -= timedelta(days=1)
    start = bj(dec31.year, dec31.month, dec31.day, 10, 0)
    assert add_working_hours(start, 1).estimated is False
    assert add_working_hours(start, 20).estimated is True


# --- configuration and speed --------------------------------------------------------------


def test_work_schedule_overrides_settings(county):
    services.work_schedule_set(actor=county.admin, periods="09:00-12:00，14:00-18:00")
    assert WorkSchedule.objects.get().periods == "09:00-12:00, 14:00-18:00"
    assert services.daily_working_hours() == 7.0
    assert due(bj(2025, 3, 7, 17, 20), 1) == bj(2025, 3, 10, 9, 20)  # 40 min + 20 min
    assert add_working_days(bj(2025, 3, 4, 10, 0), 1).due_at == bj(2025, 3, 5, 10, 0)


def test_end_of_working_day_follows_the_office_hours(county):
    from datetime import date

    assert services.end_of_working_day(date(2025, 3, 7)) == bj(2025, 3, 7, 17, 30)
    services.work_schedule_set(actor=county.admin, periods="09:00-12:00，14:00-18:00")
    assert services.end_of_working_day(date(2025, 3, 7)) == bj(2025, 3, 7, 18, 0)


@pytest.mark.parametrize(("moment", "expected"), [
    (bj(2025, 3, 4, 10, 0), bj(2025, 3, 4, 10, 0)),  # open: the moment itself
    (bj(2025, 3, 4, 8, 30), bj(2025, 3, 4, 8, 30)),  # opening time counts
    (bj(2025, 3, 4, 7, 0), bj(2025, 3, 4, 8, 30)),  # before opening
    (bj(2025, 3, 4, 12, 0), bj(2025, 3, 4, 13, 30)),  # closing time does not count
    (bj(2025, 3, 4, 12, 45), bj(2025, 3, 4, 13, 30)),  # lunch break
    (bj(2025, 3, 4, 23, 10), bj(2025, 3, 5, 8, 30)),  # night
    (bj(2025, 3, 7, 17, 30), bj(2025, 3, 10, 8, 30)),  # Friday close → Monday
    (bj(2025, 1, 28, 10, 0), bj(2025, 2, 5, 8, 30)),  # Spring Festival 2025
])
def test_next_office_moment(moment, expected):
    assert services.next_office_moment(moment) == expected
    assert services.in_office_hours(moment) is (moment == expected)
    assert services.in_office_hours(expected)


def test_next_office_moment_reads_utc_in_beijing_time():
    moment = datetime(2025, 3, 4, 2, 0, tzinfo=UTC)  # 10:00 in Beijing
    assert services.in_office_hours(moment)
    assert services.next_office_moment(moment) == moment
    assert services.next_office_moment(moment).utcoffset() == timedelta(hours=8)


def test_settings_periods(settings):
    settings.WORKCAL_PERIODS = [("09:00", "17:00")]
    services.calendar_cache_clear()
    assert due(bj(2025, 3, 7, 16, 30), 1) == bj(2025, 3, 10, 9, 30)


def test_no_query_per_call_once_cached(django_assert_num_queries):
    add_working_hours(bj(2025, 3, 7, 17, 20), 1)  # warm the cache
    with django_assert_num_queries(0):
        for i in range(500):
            add_working_hours(bj(2025, 1, 1, 8, 0) + timedelta(minutes=97 * i), 16)
            add_working_days(bj(2025, 9, 30, 16, 0), 2)
            working_time_between(bj(2025, 9, 30, 16, 0), bj(2025, 10, 10, 16, 0))
            services.is_working_day(date(2025, 10, 1))


def _measure_by_walking(data, a, b, paused):
    """The plain definition: every day's office periods clipped to [a, b], minus the pauses."""
    total = timedelta(0)
    d = a.date()
    while d <= b.date():
        if data.is_working(d):
            base = datetime(d.year, d.month, d.day)
            for p_start, p_end in data.periods:
                s, e = max(base + p_start, a), min(base + p_end, b)
                if e > s:
                    total += e - s
                    for ps, pe in paused:
                        overlap = min(e, pe) - max(s, ps)
                        if overlap > timedelta(0):
                            total -= overlap
        d += timedelta(days=1)
    return total


def test_measure_counts_long_spans_without_walking_them_and_agrees_with_the_definition():
    # The whole days of a long span are counted from the stored exceptions at once (an assignment
    # overdue for months is measured on every render of the dispatch queue).
    import random

    from grassroots.workcal import cache

    data = cache.calendar_data()
    rng = random.Random(5)
    start = datetime(2024, 1, 1)
    for _ in range(300):
        a = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 900))
        b = a + timedelta(minutes=rng.randrange(0, 60 * 24 * 500))
        paused = []
        if rng.random() < 0.3:
            ps = a + (b - a) * rng.random()
            paused = [(ps, ps + timedelta(hours=rng.randrange(1, 24 * 20)))]
        got, _ = clock.measure(data, a, b, paused)
        assert got == _measure_by_walking(data, a, b, paused), (a, b, paused)
    # a known figure across the 2025 National Day holidays and weekends: 2025-09-29 … 2025-10-31
    assert working_time_between(bj(2025, 9, 29, 0, 0), bj(2025, 11, 1, 0, 0)).hours == 7.5 * 20


def test_working_days_matches_is_working_day_by_day():
    from grassroots.workcal import cache

    data = cache.calendar_data()
    first = date(2024, 12, 20)
    for span in (0, 1, 6, 7, 8, 40, 400):
        last = first + timedelta(days=span)
        walked = sum(data.is_working(first + timedelta(days=i)) for i in range(span + 1))
        assert data.working_days(first, last) == walked
    assert data.working_days(date(2025, 1, 28), date(2025, 2, 4)) == 0  # Spring Festival
