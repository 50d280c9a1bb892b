from django.http import HttpResponse
from django.utils import timezone

from grassroots.core import clock

from ..stats import Period

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def file_response(data: bytes, fmt: str, filename: str) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = (
        f"attachment; filename=document.{fmt}; filename*=UTF-8''{quote(filename)}.{fmt}")
    return response


def default_month() -> Period:
    """The month shown by default: the current month from its 6th day, else the previous one."""
    today = timezone.localtime(clock.now()).date()
    current = Period.month(today.year, today.month)
    return current if today.day > 5 else current.previous()


def parse_month(value: str | None) -> Period | None:
    if not value:
        return None
    try:
        period = Period.of(value)
    except (ValueError, TypeError):
        return None
    return period
