"""The project's Celery app with one test-only change: the outbox claim lease is 3 s instead of
60 s, so a message claimed by a killed worker is retried within the test's time budget."""

from celery.signals import worker_init

from config.celery import app  # noqa: F401


@worker_init.connect
def short_lease(**kwargs):
    from grassroots.integrations.services import outbox

    outbox.LEASE_SECONDS = 3
