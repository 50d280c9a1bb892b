"""Small helpers the services share."""

from datetime import date

from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError
from grassroots.core.text import clean_text
from grassroots.people.validators import visible_length
from grassroots.rulesets.checks import add_natural_months

__all__ = ["add_natural_months", "required_text", "optional_text", "required_date"]


def required_text(value, *, field: str, label: str, max_length: int, min_length: int = 2) -> str:
    text = clean_text(value or "")
    if visible_length(text) < min_length:
        raise ApplicationError(_("请填写%(label)s（至少%(n)s个字）。") % {
            "label": label, "n": min_length}, field=field)
    if len(text) > max_length:
        raise ApplicationError(_("%(label)s请控制在%(n)s字以内。") % {
            "label": label, "n": max_length}, field=field)
    return text


def optional_text(value, *, max_length: int) -> str:
    return clean_text(value or "")[:max_length]


def required_date(value, *, field: str, label: str, today: date | None = None) -> date:
    if not isinstance(value, date):
        raise ApplicationError(_("请填写%(label)s。") % {"label": label}, field=field)
    if today is not None and value > today:
        raise ApplicationError(_("%(label)s不能晚于今天。") % {"label": label}, field=field)
    return value


def today() -> date:
    from django.utils import timezone

    from grassroots.core import clock

    return timezone.localdate(clock.now())
