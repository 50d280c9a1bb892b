"""/api/v1/twonew: the register, park entries with their sync tasks, the coverage rates and
room bookings — scope-filtered as the pages."""

from datetime import date, datetime

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from grassroots.api import pagination
from grassroots.api.pagination import Pages
from grassroots.api.schemas import ErrorOut, with_errors
from grassroots.api.types import Id
from grassroots.core.errors import ApplicationError
from grassroots.core.policy import require
from grassroots.core.selectors import get_for_user

from . import selectors, services, stats
from .models import CoverageMode, FunctionRoom, OperatingStatus, ParkEntry, TwoNewOrg
from .models.entry import EntryStatus
from .services.common import add_natural_months, today

router = Router(tags=["twonew"])
LIST_ERRORS = {**pagination.LIST_ERRORS, 404: ErrorOut}



class OrgOut(Schema):
    id: int
    name: str
    credit_code: str
    kind: str
    park_id: int | None
    division_id: int
    industry: str
    employees: int
    is_above_size: bool
    size_basis: str
    size_year: int | None
    operating_status: str
    full_members: int
    probationary_members: int
    party_org_id: int | None
    coverage_mode: str
    covered_on: date | None
    instructor_id: int | None
    has_union: bool
    has_cyl: bool
    surveyed_on: date | None


class OrgFilterIn(Schema):
    park: Id | None = None
    status: OperatingStatus | None = None
    mode: CoverageMode | None = None


class TaskOut(Schema):
    kind: str
    status: str
    due_on: date
    done_on: date | None
    reason: str
    ref: str


class EntryOut(Schema):
    id: int
    org_id: int
    park_id: int
    entered_on: date
    status: str
    plan: str
    full_found: int
    probationary_found: int
    party_org_id: int | None
    completed_on: date | None
    tasks: list[TaskOut]

    @staticmethod
    def resolve_tasks(obj):
        return list(obj.tasks.all())


class EntryFilterIn(Schema):
    status: EntryStatus | None = None
    overdue: bool = False


class RateOut(Schema):
    key: int | None
    label: str
    total: int
    covered: int
    rate: float | None


class CoverageOut(Schema):
    organisational: list[RateOut]
    own_founding: list[RateOut]
    work: list[RateOut]
    above_size: list[RateOut]
    four_sync_total: int
    four_sync_on_time: int
    four_sync_rate: float | None


class BookingIn(Schema):
    room: Id
    starts_at: datetime
    ends_at: datetime
    purpose: str = Field(max_length=100)


class BookingOut(Schema):
    id: int
    room_id: int
    starts_at: datetime
    ends_at: datetime
    purpose: str


@router.get("/orgs", response={200: list[OrgOut], **LIST_ERRORS}, summary="两新组织列表")
@paginate(Pages)
def org_list(request, filters: Query[OrgFilterIn]):
    require(request.user, "twonew.view")
    return selectors.orgs_for(request.user, park=filters.park, status=filters.status or "",
                              mode=filters.mode or "")


@router.get("/orgs/{int:org_id}", response=with_errors(200, OrgOut), summary="两新组织详情")
def org_detail(request, org_id: Id):
    require(request.user, "twonew.view")
    return get_for_user(TwoNewOrg.objects.all(), request.user, org_id)


@router.get("/entries", response={200: list[EntryOut], **LIST_ERRORS},
            summary="入园“四同步”事项")
@paginate(Pages)
def entry_list(request, filters: Query[EntryFilterIn]):
    require(request.user, "twonew.view")
    return selectors.entries_for(request.user, status=filters.status or "",
                                 overdue_on=today() if filters.overdue else None
                                 ).prefetch_related("tasks")


@router.get("/entries/{int:entry_id}", response=with_errors(200, EntryOut),
            summary="入园“四同步”事项详情")
def entry_detail(request, entry_id: Id):
    require(request.user, "twonew.view")
    return get_for_user(ParkEntry.objects.all(), request.user, entry_id)


@router.post("/entries/{int:entry_id}/sync-transfers", response=with_errors(200, EntryOut),
             summary="核对党员组织关系转接",
             description="摸排的党员组织关系均已转入所建立（加入）的党组织时，转接任务办结。")
def entry_sync(request, entry_id: Id):
    require(request.user, "twonew.view")
    entry = get_for_user(ParkEntry.objects.all(), request.user, entry_id)
    services.entry_sync_transfers(actor=request.user, entry=entry)
    entry.refresh_from_db()
    return entry


@router.get("/coverage", response=with_errors(200, CoverageOut),
            summary="两个覆盖与四同步完成率（全县）",
            description="分母为在册两新组织，剔除注销关闭和僵尸企业；定义见 docs/twonew.md。")
def coverage(request):
    require(request.user, "twonew.view")
    orgs = TwoNewOrg.objects.restrict(request.user)
    now = today()
    sync = stats.four_sync_completion(ParkEntry.objects.restrict(request.user),
                                      start=add_natural_months(now, -12), end=now)
    return {"organisational": stats.organisational_coverage(orgs),
            "own_founding": stats.own_founding_rate(orgs),
            "work": stats.work_coverage(orgs, today=now),
            "above_size": stats.above_size_coverage(orgs),
            "four_sync_total": sync["total"], "four_sync_on_time": sync["on_time"],
            "four_sync_rate": sync["rate"]}


@router.post("/bookings", response=with_errors(201, BookingOut), summary="预约功能室",
             description="同一功能室的有效预约时段不得重叠（数据库约束）。")
def booking_create(request, payload: BookingIn):
    require(request.user, "twonew.view")
    room = FunctionRoom.objects.restrict(request.user).filter(pk=payload.room).first()
    if room is None:
        raise ApplicationError(_("功能室不存在或不在您的范围内。"), field="room")
    booking = services.room_book(actor=request.user, room=room, starts_at=payload.starts_at,
                                 ends_at=payload.ends_at, purpose=payload.purpose)
    return 201, booking
