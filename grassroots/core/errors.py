class ApplicationError(Exception):
    """A business rule refused the request; ``message`` is shown to the person as is."""

    status_code = 400

    def __init__(self, message: str, *, field: str | None = None, extra: dict | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra or {}


class TransitionNotAllowed(ApplicationError):
    """The case is not in a state where this action is allowed (HTTP 409)."""

    status_code = 409


class ConcurrentChange(TransitionNotAllowed):
    """Someone else changed the case first."""


class NotInScope(ApplicationError):
    """The object is visible to the actor but the actor may not change it (HTTP 403)."""

    status_code = 403
