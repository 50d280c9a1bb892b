from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.errors import ApplicationError
from grassroots.core.text import clean_text
from grassroots.people.validators import visible_length


def today() -> date:
    return timezone.localdate(clock.now())


def text_in(value, *, field: str, label: str, minimum: int = 0, limit: int = 300) -> str:
    value = clean_text(value or "")[:limit]
    if visible_length(value) < minimum:
        raise ApplicationError(_("请填写%(label)s（至少%(n)s个字）。")
                               % {"label": label, "n": minimum}, field=field)
    return value


def whole(value, *, field: str, label: str, low: int = 0, high: int = 10**6) -> int:
    message = _("%(label)s应为%(low)s到%(high)s之间的整数。") % {
        "label": label, "low": low, "high": high}
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ApplicationError(message, field=field) from None
    if not low <= number <= high:
        raise ApplicationError(message, field=field)
    return number
