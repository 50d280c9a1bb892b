from celery import shared_task

from .periodic import run_job


@shared_task(name="grassroots.run_periodic", acks_late=True)
def run_periodic(name: str):
    return run_job(name)
