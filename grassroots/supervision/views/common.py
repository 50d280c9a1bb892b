from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.selectors import require_staff

from ..stats import Period

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def require_office(request):
    scope = require_staff(request)
    if not scope.is_supervisor:
        raise PermissionDenied(_("只有督查室工作人员可以执行此操作。"))
    return scope


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
