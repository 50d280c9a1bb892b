"""Supervision API under /api/v1/supervision: statistics, bulletins, supervision notices."""

from datetime import date, datetime

from django.http import Http404
from django.utils import timezone
from ninja import Query, Router, Schema

from grassroots.api.types import Day, Id
from grassroots.core.errors import ApplicationError

from . import selectors
from .documents import bulletin_docx, bulletin_pdf, bulletin_xlsx
from .services import notices as notice_services
from .stats import GROUPS, Period, unit_stats
from .views.common import document_response

router = Router(tags=["supervision"])


class StatsIn(Schema):
    month: str | None = None
    date_from: Day | None = None
    date_to: Day | None = None
    by: str = "unit"


@router.get("/stats", summary="Figures per unit/town/grid/category (the three rates included)")
def stats(request, params: Query[StatsIn]):
    if params.by not in GROUPS:
        raise ApplicationError(f"by 应为 {', '.join(GROUPS)} 之一。", field="by")
    if params.date_from and params.date_to:
        if params.date_from > params.date_to:
            raise ApplicationError("结束日期不能早于开始日期。", field="date_to")
        period = Period(params.date_from, params.date_to)
    else:
        try:
            period = Period.of(params.month) if params.month else Period.of(timezone.localdate())
        except (ValueError, TypeError):
            raise ApplicationError("month 格式应为 YYYY-MM，例如 2026-10。", field="month")
    return unit_stats(user=request.user, period=period, group_by=params.by).as_dict()


class BulletinOut(Schema):
    id: int
    period: date
    number: str
    title: str
    status: str
    compiled_at: datetime
    published_at: datetime | None


@router.get("/bulletins", response=list[BulletinOut])
def bulletins(request):
    return list(selectors.bulletin_list(request.user)[:200])


RENDER = {"docx": bulletin_docx, "xlsx": bulletin_xlsx, "pdf": bulletin_pdf}


@router.get("/bulletins/{bulletin_id}/download", summary="The bulletin as docx, xlsx or pdf")
def bulletin_download(request, bulletin_id: Id, format: str = "pdf"):
    b = selectors.get_bulletin_for_user(request.user, bulletin_id)
    if format not in RENDER:
        raise ApplicationError("format 应为 docx、xlsx 或 pdf。", field="format")
    return document_response(RENDER[format](b), format, f"bulletin-{b.period:%Y-%m}")


class NoticeOut(Schema):
    id: int
    number: str
    title: str
    unit_id: int
    unit: str
    status: str
    respond_by: date
    issued_at: datetime | None
    demand_count: int
    late: bool

    @staticmethod
    def resolve_unit(obj):
        return str(obj.unit)

    @staticmethod
    def resolve_late(obj):
        return selectors.notice_is_late(obj)


@router.get("/notices", response=list[NoticeOut])
def notices(request, status: str = ""):
    return list(selectors.notice_list(request.user, status=status)[:500])


class RespondIn(Schema):
    text: str


def _notice_for_unit(request, notice_id):
    return selectors.get_notice_for_user(request.user, notice_id, "respond")


@router.post("/notices/{notice_id}/acknowledge", response=NoticeOut)
def notice_acknowledge(request, notice_id: Id):
    n = notice_services.notice_acknowledge(actor=request.user,
                                           notice=_notice_for_unit(request, notice_id))
    return selectors.notice_list(request.user).get(pk=n.pk)


@router.post("/notices/{notice_id}/respond", response=NoticeOut)
def notice_respond(request, notice_id: Id, payload: RespondIn):
    n = notice_services.notice_respond(actor=request.user,
                                       notice=_notice_for_unit(request, notice_id),
                                       text=payload.text)
    return selectors.notice_list(request.user).get(pk=n.pk)


__all__ = ["router", "Http404"]
