"""One registry of periodic jobs, run by Celery beat in production and by an in-process scheduler
in the embedded default (``manage.py run_embedded``), so ``make demo`` needs no broker.

A job is a plain function taking no arguments that calls services; it must be idempotent.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from importlib import import_module

from django.db import close_old_connections
from django.utils import timezone

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    func_path: str  # "package.module:function"
    every_seconds: int

    def run(self):
        module, _, attr = self.func_path.partition(":")
        return getattr(import_module(module), attr)()


JOBS: dict[str, PeriodicJob] = {}


def register_job(name: str, func_path: str, every_seconds: int) -> None:
    JOBS[name] = PeriodicJob(name, func_path, every_seconds)


def run_job(name: str):
    """Run one job now and record the run (the health endpoint reports it)."""
    from .models import JobRun

    job = JOBS[name]
    started = timezone.now()
    status, detail = "ok", ""
    try:
        result = job.run()
        detail = str(result)[:500] if result is not None else ""
    except Exception as exc:  # recorded, then re-raised for Celery's retry/visibility
        status, detail = "error", repr(exc)[:500]
        raise
    finally:
        JobRun.objects.update_or_create(
            name=name,
            defaults={"last_started": started, "last_finished": timezone.now(),
                      "last_status": status, "last_detail": detail},
        )
    return result


class EmbeddedScheduler(threading.Thread):
    """Runs every registered job at its interval in a daemon thread of the web process."""

    def __init__(self, tick: float = 5.0):
        super().__init__(name="grassroots-scheduler", daemon=True)
        self.tick = tick
        self.stopped = threading.Event()
        self.next_run: dict[str, float] = {}

    def _initial_schedule(self) -> None:
        """A restart does not rerun every job at once: a job that ran successfully less than its
        interval ago (by this process's predecessor, or by ``seed_demo``) waits for the rest of
        its interval, so a weekly retrain stays weekly however often the server restarts."""
        from .models import JobRun

        wall, mono = timezone.now(), time.monotonic()
        for run in JobRun.objects.filter(name__in=list(JOBS), last_status="ok"):
            remaining = (run.last_started - wall).total_seconds() + JOBS[run.name].every_seconds
            if remaining > 0:
                self.next_run[run.name] = mono + remaining

    def run(self):
        time.sleep(2)  # let the server bind first
        try:
            self._initial_schedule()
        except Exception:  # a missing table (migrate not run yet) must not stop the scheduler
            log.exception("could not read the periodic jobs' last runs")
        finally:
            close_old_connections()
        while not self.stopped.is_set():
            now = time.monotonic()
            for name, job in list(JOBS.items()):
                if self.next_run.get(name, 0) <= now:
                    self.next_run[name] = now + job.every_seconds
                    try:
                        run_job(name)
                    except Exception:
                        log.exception("periodic job %s failed", name)
                    finally:
                        close_old_connections()
            self.stopped.wait(self.tick)
