"""The embedded scheduler: a restart does not rerun jobs that ran less than an interval ago."""

import time
from datetime import timedelta

from django.utils import timezone

from grassroots.core.models import JobRun
from grassroots.core.periodic import JOBS, EmbeddedScheduler, PeriodicJob


def test_restart_waits_for_the_rest_of_each_recent_jobs_interval(db, monkeypatch):
    monkeypatch.setattr("grassroots.core.periodic.JOBS", {
        "weekly": PeriodicJob("weekly", "x:y", 7 * 86400),
        "hourly": PeriodicJob("hourly", "x:y", 3600),
        "failed": PeriodicJob("failed", "x:y", 3600),
        "never": PeriodicJob("never", "x:y", 3600),
    })
    now = timezone.now()
    JobRun.objects.create(name="weekly", last_started=now - timedelta(days=1), last_status="ok")
    JobRun.objects.create(name="hourly", last_started=now - timedelta(hours=2), last_status="ok")
    JobRun.objects.create(name="failed", last_started=now - timedelta(minutes=5),
                          last_status="error")
    scheduler = EmbeddedScheduler()
    before = time.monotonic()
    scheduler._initial_schedule()
    # About six days left for the weekly job; the others are due now (absent from next_run).
    assert 6 * 86400 - 60 < scheduler.next_run["weekly"] - before <= 6 * 86400
    assert set(scheduler.next_run) == {"weekly"}


def test_every_registered_job_is_importable():
    for job in JOBS.values():
        module, _, attr = job.func_path.partition(":")
        assert callable(getattr(__import__(module, fromlist=[attr]), attr)), job.name
