"""Form helpers shared by the apps' pages."""

from django import forms


def add_service_error(form: forms.Form, exc) -> None:
    """Show a service's ApplicationError next to its field(s), or above the form for a field
    the form does not have (one line per message; ``FieldErrors`` carries several)."""
    errors = getattr(exc, "field_errors", None) or {exc.field: [exc.message]}
    for field, messages in errors.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


def add_more_service_errors(form: forms.Form, check) -> None:
    """The form refused something already: also list what ``check()`` (a service's
    validate-only function) refuses, for the fields without an error yet, so one submit shows
    every mistake."""
    from .errors import ApplicationError

    try:
        check()
    except ApplicationError as exc:
        errors = getattr(exc, "field_errors", None) or {exc.field: [exc.message]}
        for field, messages in errors.items():
            if field in form.fields and not form.errors.get(field):
                for message in messages:
                    form.add_error(field, message)
