"""Form helpers shared by the apps' pages."""

from django import forms
from django.contrib import messages as django_messages

from .errors import ApplicationError, errors_by_field
from .parsing import validate_date_range


def add_service_error(form: forms.Form, exc: ApplicationError) -> None:
    """Show a service's ApplicationError next to its field(s), or above the form for a field
    the form does not have (one line per message; ``FieldErrors`` carries several)."""
    for field, messages in errors_by_field(exc).items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


def add_more_service_errors(form: forms.Form, check) -> None:
    """The form refused something already: also list what ``check()`` (a service's
    validate-only function) refuses, for the fields without an error yet, so one submit shows
    every mistake."""
    try:
        check()
    except ApplicationError as exc:
        for field, messages in errors_by_field(exc).items():
            if field in form.fields and not form.errors.get(field):
                for message in messages:
                    form.add_error(field, message)


def draft_done(request, name: str) -> None:
    """The form ``name`` was saved: the next page tells the browser to drop its draft
    (static/core/forms.js; a hidden one-shot message, so a later visit does not drop a new one)."""
    django_messages.add_message(request, django_messages.INFO, name, extra_tags="draft-done")


class DateField(forms.DateField):
    """A date the database can store and compare in every time zone (1900–2999): Django's own
    accepts 0001-01-01, which turned into a 500 as soon as it met a query."""

    default_validators = [validate_date_range]

    def to_python(self, value):
        if isinstance(value, str) and not value.strip().isascii():
            # "２０２６-０１-０１" passes strptime's %Y; refuse it with the usual message.
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)
