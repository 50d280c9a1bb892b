"""GET /api/v1/calendar/deadline — a deadline in working hours or working days."""

from __future__ import annotations

import math
import re
from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Router, Schema

from grassroots.core.errors import ApplicationError

from . import clock, services

router = Router(tags=["calendar"])

MAX_AMOUNT = 1000


class InvalidParameter(ApplicationError):
    """A query parameter a person must correct (HTTP 422)."""

    status_code = 422


class DeadlineOut(Schema):
    due_at: datetime
    estimated: bool


# "2025-03-07T17:20:00 08:00": an unencoded "+" in a query string arrives as a space.
_SPACE_OFFSET = re.compile(r"^(.*\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}(?::?\d{2})?)$")


def parse_start(raw: str | None) -> datetime:
    text = (raw or "").strip()
    if not text:
        raise InvalidParameter(_("请提供起算时间 start，例如 2025-03-07T17:20:00+08:00。"),
                               field="start")
    match = _SPACE_OFFSET.match(text)
    if match:
        text = f"{match.group(1)}+{match.group(2)}"
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidParameter(
            _("起算时间 start 无法识别：“%(value)s”。请使用 ISO 8601 格式，"
              "例如 2025-03-07T17:20:00+08:00（不带时区时按北京时间）。") % {"value": raw[:40]},
            field="start",
        )
    if not 1970 <= value.year <= 2200:
        raise InvalidParameter(_("起算时间 start 的年份须在 1970 到 2200 之间。"), field="start")
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=clock.SHANGHAI)
    return value


def parse_amount(raw: str, field: str, label: str) -> float:
    try:
        value = float(raw.strip())
    except ValueError:
        value = math.nan
    if math.isnan(value) or math.isinf(value):
        raise InvalidParameter(
            _("%(label)s %(field)s 须为数字，例如 %(field)s=8。") % {"label": label, "field": field},
            field=field,
        )
    if value < 0 or value > MAX_AMOUNT:
        raise InvalidParameter(
            _("%(label)s %(field)s 须在 0 到 %(max)s 之间，当前为 %(value)s。")
            % {"label": label, "field": field, "max": MAX_AMOUNT, "value": raw.strip()[:20]},
            field=field,
        )
    return value


@router.get(
    "/deadline", response=DeadlineOut, summary="按工作时间计算办理期限",
    description=(
        "start 为 ISO 8601 时间（不带时区按北京时间）；working_hours 与 working_days 二选一，"
        "取值 0–1000。estimated 为 true 表示途经的年份缺少完整的节假日数据，按周一至周五估算。"
    ),
)
def deadline(request, start: str | None = None, working_hours: str | None = None,
             working_days: str | None = None):
    has_hours = working_hours is not None and working_hours.strip() != ""
    has_days = working_days is not None and working_days.strip() != ""
    if has_hours == has_days:
        raise InvalidParameter(
            _("请在 working_hours（工作小时数）和 working_days（工作日数）中二选一，且只提供一个。")
        )
    begin = parse_start(start)
    if has_hours:
        result = services.add_working_hours(
            begin, parse_amount(working_hours, "working_hours", _("工作小时数")))
    else:
        result = services.add_working_days(
            begin, parse_amount(working_days, "working_days", _("工作日数")))
    return {"due_at": result.due_at, "estimated": result.estimated}
