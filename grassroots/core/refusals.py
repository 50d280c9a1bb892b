"""One way for a page to answer a service's refusal.

Every view that calls a service wraps the call::

    with refusals(request, form=form) as refused:
        services.thing_do(actor=request.user, ...)
    if refused:
        return render(request, "app/page.html", {"form": form}, status=refused.status)
    return redirect(...)

- out of scope (``NotInScope``) → 403 page with the policy's message; ``NotVisible`` → 404;
  (not caught: they propagate as Django's ``PermissionDenied`` / ``Http404``);
- any other refusal (``TransitionNotAllowed`` 409 with its reason, field errors 400 ...) is
  kept in ``refused``: with a ``form`` its message(s) go next to the field(s) (htmx or not, the
  page renders the form again); without one it is flashed (``messages.error``) for the page
  the view redirects to (post/redirect/get). ``refused.status`` is the status of the one table
  in ``core.errors.refusal_status`` (the API answers with the same).
"""

from __future__ import annotations

from django.contrib import messages

from .errors import ApplicationError, NotInScope, NotVisible, refusal_status
from .forms import add_service_error


class refusals:  # noqa: N801 - used as a context manager, like contextlib's
    def __init__(self, request, *, form=None, flash: bool | None = None):
        self.request = request
        self.form = form
        # Without a form the refusal is flashed; a view that shows the message itself
        # (an htmx fragment) passes flash=False and reads ``refused.message``.
        self.flash = form is None if flash is None else flash
        self.error: ApplicationError | None = None

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if exc is None or not isinstance(exc, ApplicationError):
            return False
        if isinstance(exc, NotInScope | NotVisible):
            return False  # Django answers 403/404 with the message (they are its exceptions)
        self.error = exc
        if self.form is not None:
            add_service_error(self.form, exc)
        if self.flash:
            messages.error(self.request, exc.message)
        return True

    def __bool__(self) -> bool:
        return self.error is not None

    @property
    def status(self) -> int:
        """200 when nothing was refused, else the refusal's HTTP status."""
        return refusal_status(self.error) if self.error is not None else 200

    @property
    def message(self) -> str:
        return str(self.error.message) if self.error is not None else ""

    @property
    def field(self) -> str:
        return (self.error.field or "") if self.error is not None else ""
