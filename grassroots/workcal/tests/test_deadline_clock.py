"""The DeadlineClock mixin: deadline fields with a pausable clock for any case model.

Assignment is the case model that uses it today; its table must not change (same columns, same
index), which ``makemigrations --check`` proves below.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from grassroots.demands.models import Assignment
from grassroots.workcal.deadlines import DeadlineClock

from .helpers import bj

pytestmark = pytest.mark.django_db


def case(**fields) -> Assignment:
    return Assignment(**fields)  # never saved: the clock only computes


def test_assignment_is_a_deadline_clock_with_its_columns_unchanged():
    assert issubclass(Assignment, DeadlineClock)
    columns = {f.name: f.column for f in Assignment._meta.get_fields() if hasattr(f, "column")}
    for name in ("due_at", "due_estimated", "paused_since", "paused_intervals"):
        assert columns[name] == name
    assert "assignment_open_due" in {i.name for i in Assignment._meta.indexes}
    out = StringIO()
    call_command("makemigrations", "demands", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_start_counts_working_hours_and_skips_closed_pauses():
    assert case().clock_start(bj(2025, 3, 3, 9, 0), hours=8) == {
        "due_at": bj(2025, 3, 4, 9, 30), "due_estimated": False}
    paused = case(paused_intervals=[[bj(2025, 3, 3, 10, 0).isoformat(),
                                     bj(2025, 3, 3, 11, 0).isoformat()]])
    assert paused.clock_start(bj(2025, 3, 3, 9, 0), hours=8)["due_at"] == bj(2025, 3, 4, 10, 30)
    # One working day is the day's office hours (7.5 h): Monday 9:00 → Tuesday 9:00.
    assert case().clock_start(bj(2025, 3, 3, 9, 0), days=1,
                              field="reply_due_at")["reply_due_at"] == bj(2025, 3, 4, 9, 0)


def test_start_needs_hours_or_days():
    with pytest.raises(ValueError, match="give hours or days"):
        case().clock_start(bj(2025, 3, 3, 9, 0))
    with pytest.raises(ValueError, match="give hours or days"):
        case().clock_start(bj(2025, 3, 3, 9, 0), hours=1, days=1)


def test_pause_clears_the_deadline_and_keeps_the_first_pause_moment():
    running = case(due_at=bj(2025, 3, 4, 9, 30))
    assert running.clock_pause(bj(2025, 3, 3, 16, 30)) == {
        "paused_since": bj(2025, 3, 3, 16, 30), "due_at": None}
    already = case(paused_since=bj(2025, 3, 3, 10, 0))
    assert already.is_paused and not running.is_paused
    assert already.clock_pause(bj(2025, 3, 3, 16, 30))["paused_since"] == bj(2025, 3, 3, 10, 0)


def test_resume_moves_the_deadline_by_the_working_time_left():
    # Paused Monday 16:30 with the deadline Tuesday 9:30: 1 h left on Monday + 1 h on Tuesday.
    c = case(paused_since=bj(2025, 3, 3, 16, 30), due_at=None, reply_due_at=bj(2025, 3, 4, 9, 30),
             paused_intervals=[["2025-03-01T09:00:00+08:00", "2025-03-01T10:00:00+08:00"]])
    fields = c.clock_resume(bj(2025, 3, 5, 14, 0), deadline_field="reply_due_at")
    assert fields == {
        "paused_since": None,
        "paused_intervals": [["2025-03-01T09:00:00+08:00", "2025-03-01T10:00:00+08:00"],
                             [bj(2025, 3, 3, 16, 30).isoformat(), bj(2025, 3, 5, 14, 0).isoformat()]],
        "reply_due_at": bj(2025, 3, 5, 16, 0),
    }
    assert c.paused_since == bj(2025, 3, 3, 16, 30)  # computes only: the caller writes


def test_resume_after_the_deadline_had_passed_gives_no_extra_time():
    c = case(paused_since=bj(2025, 3, 5, 10, 0), due_at=bj(2025, 3, 4, 9, 30))
    assert c.clock_resume(bj(2025, 3, 6, 9, 0))["due_at"] == bj(2025, 3, 6, 9, 0)


def test_resume_of_a_running_clock_changes_nothing():
    assert case(due_at=bj(2025, 3, 4, 9, 30)).clock_resume(bj(2025, 3, 5, 9, 0)) == {}


def test_a_broken_pause_interval_is_refused_by_name():
    c = case(paused_intervals=[["yesterday", "2025-03-01T10:00:00+08:00"]])
    with pytest.raises(ValueError, match="not a datetime in paused_intervals: 'yesterday'"):
        c.clock_start(bj(2025, 3, 3, 9, 0), hours=1)
