import threading
from collections.abc import Mapping
from contextlib import contextmanager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy

from . import clock
from .models import Event

_local = threading.local()

# Every event code, declared by the app that writes it: code -> (app label, label). Each app
# has an ``events.py`` that calls ``register_event_codes`` (imported by ``CoreConfig.ready``);
# one code means one thing, so a second app may not declare it again.
_CODES: dict[str, tuple[str, str]] = {}

# Verbs that mean the same on any case (a notice and an assignment are both 签收'd): declared
# by core, and any app's table may use them. The app's own table gives the button its label.
SHARED_EVENT_CODES = {
    "acknowledge": gettext_lazy("签收"),
    "close": gettext_lazy("办结"),
    "cancel": gettext_lazy("撤销"),
    "edit": gettext_lazy("修改"),
    "publish": gettext_lazy("发布"),
}


class UnknownEventCode(ValueError):
    """An event with a code no app declared (a typo, or a code not registered)."""


def register_event_codes(app_label: str, codes) -> None:
    """Declare ``app_label``'s event codes (a ``{code: label}`` dict or a TextChoices class).

    Refuses a code another app declared already (shared verbs excepted)."""
    items = codes.choices if hasattr(codes, "choices") else (
        codes.items() if isinstance(codes, Mapping) else [(c, c) for c in codes])
    for code, label in items:
        code = str(code)
        owner = _CODES.get(code)
        if code in SHARED_EVENT_CODES:
            continue
        if owner is not None and owner[0] != app_label:
            raise ImproperlyConfigured(
                f"event code {code!r} of {app_label!r} is already declared by {owner[0]!r}")
        if owner is None:
            _CODES[code] = (app_label, label)


for _code, _label in SHARED_EVENT_CODES.items():
    _CODES[_code] = ("core", _label)


def unregister_event_codes(app_label: str) -> None:
    """Forget ``app_label``'s codes (tests that declare codes of their own)."""
    for code in [c for c, (app, _label) in _CODES.items() if app == app_label]:
        del _CODES[code]


def event_codes() -> dict[str, tuple[str, str]]:
    return dict(_CODES)


def event_code_label(code: str) -> str | None:
    entry = _CODES.get(code)
    return None if entry is None else str(entry[1])


def _check_code(action: str) -> None:
    # Strict unless a deployment turns it off: a wrong code is a programming error the tests
    # and development meet first.
    if action not in _CODES and getattr(settings, "EVENT_CODES_STRICT", True):
        raise UnknownEventCode(
            f"event code {action!r} is not declared; add it to the app's events.py "
            "(register_event_codes)")


def event_record(
    *, subject, actor, action: str, from_state: str = "", to_state: str = "", note: str = "",
    extra: dict | None = None, at=None,
) -> Event:
    """Append one event for ``subject``; call it inside the service's transaction.

    Inside ``events_batched()`` the event is inserted when that block ends (its ``pk`` is not
    set before); otherwise at once. ``action`` must be a declared event code.
    """
    _check_code(action)
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
