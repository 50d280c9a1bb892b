from django.contrib.contenttypes.models import ContentType

from . import clock
from .models import Event


def event_record(
    *, subject, actor, action: str, from_state: str = "", to_state: str = "", note: str = "",
    extra: dict | None = None, at=None,
) -> Event:
    """Append one event for ``subject``; call it inside the service's transaction."""
    kwargs = {"at": at if at is not None else clock.now()}
    return Event.objects.create(
        content_type=ContentType.objects.get_for_model(subject, for_concrete_model=False),
        object_id=subject.pk,
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        from_state=from_state or "",
        to_state=to_state or "",
        note=note or "",
        extra=extra or {},
        **kwargs,
    )


def events_for(subject):
    ct = ContentType.objects.get_for_model(subject, for_concrete_model=False)
    return Event.objects.filter(content_type=ct, object_id=subject.pk).select_related("actor")
