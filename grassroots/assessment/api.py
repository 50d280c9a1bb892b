"""/api/v1/assessment: the routine records a user may read (his own, his section's, his unit's),
one record with its items (the S1 events that changed the score included), the self-summary,
and the contact points. Schemes and indicator scores: ``api_schemes``; annual assessments,
uses of results, quotas and the excellent list's publicity: ``api_annual``."""

from datetime import date
from decimal import Decimal

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from grassroots.api.pagination import Pages
from grassroots.api.schemas import with_errors
from grassroots.api.types import Id
from grassroots.core.policy import require

from . import api_annual, api_schemes, selectors
from .api_schemes import PersonInUnitOut
from .models import RoutineRecord
from .services import routine as svc

router = Router(tags=["assessment"])


class RecordOut(PersonInUnitOut):
    id: int
    year: int
    quarter: int
    status: str
    score: Decimal | None
    grade: str
    item_points: Decimal

    @staticmethod
    def resolve_year(obj):
        return obj.period.year

    @staticmethod
    def resolve_quarter(obj):
        return obj.period.quarter


class ItemOut(Schema):
    id: int
    source: str
    kind: str
    text: str
    points: Decimal
    occurred_on: date
    evidence: str
    s1_event_id: int | None
    s1_assignment_id: int | None


class RecordDetailOut(RecordOut):
    self_summary: str
    assessment_note: str
    feedback_note: str
    appeal_reason: str
    appeal_ruling: str
    items: list[ItemOut]

    @staticmethod
    def resolve_items(obj):
        return list(selectors.record_items(obj))


class SummaryIn(Schema):
    summary: str


class ContactPointOut(Schema):
    id: int
    unit: str
    year: int
    field: str
    status: str
    review_n: int
    review_avg: Decimal | None
    uplift_next_year: Decimal

    @staticmethod
    def resolve_unit(obj):
        return str(obj.unit)

    @staticmethod
    def resolve_field(obj):
        return obj.field.name


class RecordsIn(Schema):
    year: int | None = Field(None, ge=2000, le=2999)
    quarter: int | None = Field(None, ge=1, le=4)


def _records(user):
    return RoutineRecord.objects.restrict(user).select_related("person", "unit", "period")


@router.get("/records", response=with_errors(200, list[RecordOut]),
            summary="本人范围内的平时考核记实（本人、本科室或本单位）")
@paginate(Pages)
def record_list(request, filters: Query[RecordsIn]):
    qs = _records(request.user).order_by("-period__year", "-period__quarter", "person__name")
    if filters.year:
        qs = qs.filter(period__year=filters.year)
    if filters.quarter:
        qs = qs.filter(period__quarter=filters.quarter)
    return qs


def _record(user, record_id):
    record = _records(user).select_related("section").filter(pk=record_id).first()
    if record is None:
        raise Http404(_("未找到"))
    return record


@router.get("/records/{record_id}", response=with_errors(200, RecordDetailOut),
            summary="一份平时考核记实及其清单事项（含诉求办理计入的事项）")
def record_detail(request, record_id: Id):
    return _record(request.user, record_id)


@router.post("/records/{record_id}/summary", response=with_errors(200, RecordDetailOut),
             summary="提交个人小结（本人）")
def record_summary(request, record_id: Id, payload: SummaryIn):
    record = _record(request.user, record_id)
    svc.routine_submit_summary(actor=request.user, record=record, summary=payload.summary)
    return _record(request.user, record_id)


@router.get("/contact-points", response=with_errors(200, list[ContactPointOut]),
            summary="平时考核联系点（主管部门：全部；单位：本单位）")
@paginate(Pages)
def contact_point_list(request, filters: Query[api_schemes.YearIn]):
    require(request.user, "assessment.unit_pages")
    return selectors.contact_points_for(request.user, year=filters.year).order_by(
        "field__order", "unit__code")


api_schemes.register(router, _record)
api_annual.register(router)
