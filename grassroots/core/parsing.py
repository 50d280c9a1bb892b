"""Ids, numbers and dates read from a request: one parser each, for pages, API and integrations.

What they refuse used to reach the database and come back as a 500: ``"²".isdigit()`` is true
but ``int("²")`` fails; ids beyond 2**63 (or 2**31 on PostgreSQL ``integer`` columns) cannot even
be compared; ``0001-01-01`` in Beijing time is before year 1 in UTC, and
``9999-12-31T23:59:59+14:00`` after year 9999 once converted. Every refusal is a ``BadValue``
whose message says what to send instead.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

ID_MAX = 2**63 - 1  # a bigint primary key
INT_MAX = 2**31 - 1  # an integer column (PositiveIntegerField and the like)
DATE_MIN, DATE_MAX = date(1900, 1, 1), date(2999, 12, 31)
_ASCII_DIGITS = re.compile(r"[0-9]{1,30}")


class BadValue(ValueError):
    """A request value that cannot be used; ``message`` is shown to the person who sent it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _raw(value) -> str:
    return "" if value is None else str(value).strip()


def parse_int(value, *, maximum: int = ID_MAX, message: str = "") -> int | None:
    """A non-negative whole number in ASCII digits (None when blank)."""
    raw = _raw(value)
    if not raw:
        return None
    if not _ASCII_DIGITS.fullmatch(raw):
        raise BadValue(message or _("应为编号（数字）。"))
    number = int(raw)
    if number > maximum:
        raise BadValue(message or _("没有这个编号。"))
    return number


def parse_id(value) -> int | None:
    """A primary key: ASCII digits up to 2**63-1 (None when blank)."""
    return parse_int(value, maximum=ID_MAX)


def _check_date(value: date) -> date:
    if not DATE_MIN <= value <= DATE_MAX:
        raise BadValue(_("日期应在%(min)s至%(max)s之间。")
                       % {"min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()})
    return value


def _iso(raw: str, parse, message):
    """``parse(raw)`` for ASCII text only ("２０２６" passes fromisoformat); ``message`` if not."""
    try:
        if not raw.isascii():
            raise ValueError(raw)
        return parse(raw)
    except ValueError:
        raise BadValue(message) from None


def parse_date(value) -> date | None:
    """An ISO date ``YYYY-MM-DD`` between 1900 and 2999 (None when blank)."""
    raw = _raw(value)
    if not raw:
        return None
    return _check_date(_iso(raw, date.fromisoformat, _("日期格式应为 YYYY-MM-DD。")))


def parse_datetime(value) -> datetime | None:
    """An ISO date/time (a date alone is its midnight; no offset means local time) between 1900
    and 2999 (None when blank)."""
    raw = _raw(value)
    if not raw:
        return None
    parsed = _iso(raw.replace("Z", "+00:00"), datetime.fromisoformat,
                  _("时间格式应为 ISO 8601，例如 2025-03-01T09:00:00+08:00。"))
    _check_date(parsed.date())
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


def day_start(value: date) -> datetime:
    return datetime.combine(value, time.min, timezone.get_current_timezone())


def day_end(value: date) -> datetime:
    return datetime.combine(value, time.max, timezone.get_current_timezone())


def validate_date_range(value) -> None:
    """A form field validator: dates the database can store and compare in every time zone."""
    if value is None:
        return
    if isinstance(value, datetime):
        value = value.date()
    try:
        _check_date(value)
    except BadValue as exc:
        raise ValidationError(exc.message, code="date_range") from None


def id_or_none(value) -> int | None:
    """For a filter that ignores what it cannot use: the id, or None."""
    try:
        return parse_id(value)
    except BadValue:
        return None


def ids_of(values) -> list[int]:
    """The usable ids of a multi-value field (checkbox lists); the rest are dropped."""
    return [i for i in (id_or_none(v) for v in values) if i is not None]


def date_or_none(value) -> date | None:
    """For a filter that ignores what it cannot use: the date (1900–2999), or None."""
    try:
        return parse_date(value)
    except BadValue:
        return None
