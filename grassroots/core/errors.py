from django.core.exceptions import PermissionDenied
from django.http import Http404


class ApplicationError(Exception):
    """A business rule refused the request; ``message`` is shown to the person as is."""

    status_code = 400

    def __init__(self, message: str, *, field: str | None = None, extra: dict | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra or {}


class FieldErrors(ApplicationError):
    """Several fields refused at once, so a person corrects them in one go: ``field_errors`` is
    ``{field: [message, ...]}``; the message is all of them in order."""

    def __init__(self, message: str | None = None, *, field: str | None = None,
                 extra: dict | None = None, field_errors: dict[str, list[str]] | None = None):
        field_errors = field_errors or {}
        if message is None:
            message = ""
            for m in (str(m) for msgs in field_errors.values() for m in msgs):
                # Chinese sentences end in 。 and run on; others need a space
                message += (" " if message and not message.endswith(("。", "；")) else "") + m
        if field is None and field_errors:
            field = next(iter(field_errors))
        super().__init__(message, field=field, extra=extra)
        self.field_errors = field_errors


def errors_by_field(exc: ApplicationError) -> dict[str, list[str]]:
    """``{field: [message, ...]}`` of a refusal: every field of a ``FieldErrors`` (or of any
    error carrying ``field_errors``), else its one message under its field (None: the form)."""
    return getattr(exc, "field_errors", None) or {exc.field: [exc.message]}


class TransitionNotAllowed(ApplicationError):
    """The case is not in a state where this action is allowed (HTTP 409)."""

    status_code = 409


class ConcurrentChange(TransitionNotAllowed):
    """Someone else changed the case first."""


class NotInScope(ApplicationError, PermissionDenied):
    """The object is visible to the actor but the actor may not change it (HTTP 403).

    It is also a ``PermissionDenied``, so a policy refusal raised in a view needs no wrapping:
    Django answers it with the 403 page showing the message."""

    status_code = 403


class NotVisible(ApplicationError, Http404):
    """The actor may not even know the object or page exists (HTTP 404, the same answer as for
    a missing one). A policy rule declared ``hidden`` refuses with it."""

    status_code = 404


# The one table of refusal -> HTTP status, read by the pages' refusal helper
# (core/refusals.py) and the API's error handlers (api/errors.py). A service refusal carries
# its status on its class (``ApplicationError`` 400, ``NotInScope`` 403, ``NotVisible`` 404,
# ``TransitionNotAllowed`` 409, a subclass may declare its own); Django's two refusals map here.
REFUSAL_STATUS: tuple[tuple[type[Exception], int], ...] = (
    (Http404, 404),
    (PermissionDenied, 403),
)


def refusal_status(exc: Exception) -> int:
    """The HTTP status of a refusal (400 for anything else)."""
    if isinstance(exc, ApplicationError):
        return exc.status_code
    for kind, status in REFUSAL_STATUS:
        if isinstance(exc, kind):
            return status
    return 400
