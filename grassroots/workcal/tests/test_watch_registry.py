"""The deadline watch's registry of case types (grassroots.workcal.watch)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q

from grassroots.core.periodic import JOBS
from grassroots.workcal import watch
from grassroots.workcal.services import working_time_between
from grassroots.workcal.watch import WatchedCase, escalate_before, register_watched_case

from .helpers import bj


def _running():
    return Q()


def test_the_job_runs_the_kernel_watch_and_assignments_are_registered():
    assert JOBS["deadline_watch"].func_path == "grassroots.workcal.watch:deadline_watch"
    assert watch.WATCHED["assignment"].model == "demands.Assignment"


def test_a_model_without_deadline_fields_is_refused_at_start_up(monkeypatch):
    monkeypatch.setattr(watch, "WATCHED", {})
    with pytest.raises(ImproperlyConfigured) as exc:
        register_watched_case(WatchedCase(name="day", model="workcal.CalendarDay",
                                          running=_running))
    assert str(exc.value) == (
        "deadline watch: workcal.CalendarDay has no field 'due_at' (use DeadlineClock and "
        "DeadlineWatchMarks from grassroots.workcal.deadlines)")
    assert watch.WATCHED == {}


def test_a_name_registered_twice_is_refused(monkeypatch):
    monkeypatch.setattr(watch, "WATCHED", {})
    first = WatchedCase(name="case", model="demands.Assignment", running=_running)
    register_watched_case(first)
    register_watched_case(first)  # the same declaration again (a re-run ready()) is harmless
    with pytest.raises(ImproperlyConfigured) as exc:
        register_watched_case(WatchedCase(name="case", model="demands.Assignment",
                                          running=lambda: Q(role="lead")))
    assert str(exc.value) == "deadline watch: case type 'case' is registered twice"
    assert list(watch.WATCHED) == ["case"] and watch.WATCHED["case"] is first


@pytest.mark.django_db
@pytest.mark.parametrize("at", [bj(2025, 3, 11, 10, 0), bj(2025, 3, 10, 9, 0),
                                bj(2025, 3, 8, 15, 0), bj(2025, 3, 11, 12, 45)])
def test_escalate_before_is_the_working_time_bar_to_the_second(at):
    bar = escalate_before(at, 8)
    assert working_time_between(bar, at).hours >= 8
    assert working_time_between(bar + timedelta(seconds=1), at).hours < 8


@pytest.mark.django_db
def test_escalate_before_gives_up_beyond_ten_years():
    assert escalate_before(bj(2025, 3, 11, 10, 0), 10 ** 6) is None
