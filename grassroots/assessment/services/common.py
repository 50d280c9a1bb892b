from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from grassroots.core import clock
from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.text import clean_text
from grassroots.people.validators import visible_length


def today() -> date:
    return timezone.localdate(clock.now())


def text_of(value, *, field: str, label: str, min_chars: int = 0, max_chars: int = 2000) -> str:
    value = clean_text(value or "")
    if min_chars and visible_length(value) < min_chars:
        raise ApplicationError(f"请填写{label}（至少{min_chars}个字）。", field=field)
    if len(value) > max_chars:
        raise ApplicationError(f"{label}不能超过{max_chars}个字。", field=field)
    return value


def decimal_of(value, *, field: str, label: str, low=None, high=None) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ApplicationError(f"{label}须为数字。", field=field) from None
    if not number.is_finite():
        raise ApplicationError(f"{label}须为数字。", field=field)
    if (low is not None and number < low) or (high is not None and number > high):
        raise ApplicationError(f"{label}须在{low}到{high}之间。", field=field)
    return number.quantize(Decimal("0.1"))


def who_or_refuse(table, actor, case, who: str, message: str) -> None:
    if who not in (table.who_of(actor, case) if table.who_of else ()):
        raise NotInScope(message)
