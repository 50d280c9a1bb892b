"""List exports as .xlsx (openpyxl, write-only, streamed row by row from the database).

Phones are exported only masked; the encrypted phone is never read for an export.
"""

from __future__ import annotations

from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import HttpResponse
from django.utils import timezone

from grassroots.core import xlsx
from grassroots.core.files import MIME, download_response

from .models import (
    Assignment,
    AssignmentRole,
    AssignmentStatus,
    Channel,
    DemandStatus,
    DemandType,
    Outcome,
    Satisfaction,
)

MAX_ROWS = 100_000

DEMAND_COLUMNS = ["编号", "渠道", "类型", "标题", "分类", "镇街", "村居", "状态", "受理时间",
                  "主办单位", "答复时间", "办理结果", "满意度", "联系电话（脱敏）"]
ASSIGNMENT_COLUMNS = ["编号", "标题", "分类", "承办方式", "工单状态", "派单时间", "当前时限",
                      "签收时间", "答复时间", "办理结果", "联系电话（脱敏）"]
QUEUE_COLUMNS = ["编号", "渠道", "类型", "标题", "分类", "镇街", "村居", "受理时间", "派单时限"]


def _label(choices, value) -> str:
    if not value:
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _dt(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _phone(demand) -> str:
    if demand.is_anonymous:
        return "匿名"
    return demand.citizen.phone_masked if demand.citizen_id else ""


def _unit_name(prefix: str = ""):
    return Coalesce(NullIf(f"{prefix}unit__short_name", Value("")), f"{prefix}unit__name")


def _response(rows, columns, filename: str) -> HttpResponse:
    wb = xlsx.workbook()
    ws = wb.create_sheet("导出")
    xlsx.append(ws, columns)
    for i, row in enumerate(rows):
        if i >= MAX_ROWS:
            break
        xlsx.append(ws, row)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return download_response(xlsx.to_bytes(wb), f"{filename}-{stamp}.xlsx", MIME["xlsx"])


def _demand_rows(qs):
    lead = (Assignment.objects.filter(demand=OuterRef("pk"), role=AssignmentRole.LEAD)
            .exclude(status=AssignmentStatus.RETURNED).order_by("-round", "-id")
            .annotate(name=_unit_name()).values("name")[:1])
    qs = (qs.select_related("category", "town", "division", "citizen")
          .defer("citizen__phone", "citizen__id_number")
          .annotate(lead_unit_name=Subquery(lead)))
    for d in qs.iterator(chunk_size=2000):
        yield [
            d.number, _label(Channel, d.channel), _label(DemandType, d.type), d.title,
            d.category.name if d.category_id else "", d.town.name if d.town_id else "",
            d.division.name if d.division_id and d.division_id != d.town_id else "",
            _label(DemandStatus, d.status), _dt(d.received_at), d.lead_unit_name or "",
            _dt(d.replied_at), _label(Outcome, d.outcome), _label(Satisfaction, d.satisfaction),
            _phone(d),
        ]


def demands_xlsx(qs) -> HttpResponse:
    return _response(_demand_rows(qs), DEMAND_COLUMNS, "demands")


def assignments_xlsx(qs) -> HttpResponse:
    qs = (qs.select_related("demand__category", "demand__citizen")
          .defer("demand__citizen__phone", "demand__citizen__id_number"))

    def rows():
        for a in qs.iterator(chunk_size=2000):
            d = a.demand
            yield [d.number, d.title, d.category.name if d.category_id else "",
                   _label(AssignmentRole, a.role), _label(AssignmentStatus, a.status),
                   _dt(a.dispatched_at),
                   # a paused assignment has no due_at (extension or return waiting on a decision)
                   _dt(a.due_at) or ("暂停计时" if a.paused_since else ""),
                   _dt(a.acknowledged_at),
                   _dt(a.replied_at), _label(Outcome, a.outcome), _phone(d)]
    return _response(rows(), ASSIGNMENT_COLUMNS, "inbox")


def dispatch_queue_xlsx(qs) -> HttpResponse:
    def rows():
        for d in qs.iterator(chunk_size=2000):
            yield [d.number, _label(Channel, d.channel), _label(DemandType, d.type), d.title,
                   d.category.name if d.category_id else "", d.town.name if d.town_id else "",
                   d.division.name if d.division_id and d.division_id != d.town_id else "",
                   _dt(d.received_at), _dt(d.dispatch_due_at)]
    return _response(rows(), QUEUE_COLUMNS, "dispatch-queue")
