"""The platform's notion of "now". Services read it here so the demo builder can replay history
through the real services (``with travel(dt): ...``) instead of inserting rows behind their back."""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.utils import timezone

_override: ContextVar[datetime | None] = ContextVar("grassroots_now", default=None)


def now() -> datetime:
    value = _override.get()
    return value if value is not None else timezone.now()


@contextmanager
def travel(moment: datetime):
    token = _override.set(moment)
    try:
        yield
    finally:
        _override.reset(token)
