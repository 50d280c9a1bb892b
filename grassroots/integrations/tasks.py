from celery import shared_task

from .services import outbox


@shared_task(name="integrations.outbox_deliver", acks_late=True, ignore_result=True)
def outbox_deliver_task(pk: int):
    """Only calls the service; retries are scheduled in the row and run by ``outbox_flush``."""
    return outbox.outbox_deliver(pk)
