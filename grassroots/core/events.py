import threading
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType

from . import clock
from .models import Event

_local = threading.local()


def event_record(
    *, subject, actor, action: str, from_state: str = "", to_state: str = "", note: str = "",
    extra: dict | None = None, at=None,
) -> Event:
    """Append one event for ``subject``; call it inside the service's transaction.

    Inside ``events_batched()`` the event is inserted when that block ends (its ``pk`` is not
    set before); otherwise at once.
    """
    event = Event(
        content_type=ContentType.objects.get_for_model(subject, for_concrete_model=False),
        object_id=subject.pk,
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        from_state=from_state or "",
        to_state=to_state or "",
        note=note or "",
        extra=extra or {},
        at=at if at is not None else clock.now(),
    )
    batches = getattr(_local, "batches", None)
    if batches:
        batches[-1].append(event)
    else:
        event.save(force_insert=True)
    return event


@contextmanager
def events_batched():
    """The events recorded in the block are inserted together, in order, by one INSERT when it
    ends; nothing is inserted if it raises. Open it inside the service's transaction
    (``with transaction.atomic(), events_batched():``) so the INSERT is part of it. An inner
    ``atomic()`` whose rollback is caught needs its own block: a nested block keeps its own
    events and drops them if it raises."""
    batches = getattr(_local, "batches", None)
    if batches is None:
        batches = _local.batches = []
    batch: list[Event] = []
    batches.append(batch)
    try:
        yield
    finally:
        batches.pop()
    if batch:
        Event.objects.bulk_create(batch)


def events_for(subject):
    ct = ContentType.objects.get_for_model(subject, for_concrete_model=False)
    return Event.objects.filter(content_type=ct, object_id=subject.pk).select_related("actor")
