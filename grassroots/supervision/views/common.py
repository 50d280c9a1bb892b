from django.http import HttpResponse
from django.utils import timezone

from grassroots.core import clock
from grassroots.core.files import MIME, download_response

from ..stats import Period


def document_response(data: bytes, fmt: str, filename: str) -> HttpResponse:
    """A generated document (``fmt``: docx, xlsx or pdf) as a download named ``filename.fmt``."""
    return download_response(data, f"{filename}.{fmt}", MIME[fmt])


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
