"""/api/v1/meetings: meetings and their votes, scope-filtered as the pages (tallies only)."""

from datetime import date, datetime

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import field_validator

from grassroots.api import pagination
from grassroots.api.pagination import Pages
from grassroots.api.schemas import ErrorOut, with_errors
from grassroots.api.types import Count, Id
from grassroots.core.errors import ApplicationError
from grassroots.core.policy import require
from grassroots.core.selectors import get_for_user

from . import selectors, services
from .models import Ballot, Meeting, MeetingKind, MeetingStatus

router = Router(tags=["meetings"])
LIST_ERRORS = {**pagination.LIST_ERRORS, 404: ErrorOut}



class MeetingOut(Schema):
    id: int
    org_id: int
    org: str
    kind: str
    kind_label: str
    title: str
    held_at: datetime
    place: str
    host: str
    recorder: str
    status: str
    democratic_appraisal: bool

    @staticmethod
    def resolve_org(obj):
        return obj.org.name

    @staticmethod
    def resolve_kind_label(obj):
        return str(obj.get_kind_display())


class MeetingFilterIn(Schema):
    kind: MeetingKind | None = None
    status: MeetingStatus | None = None


class MeetingIn(Schema):
    org: Id
    kind: MeetingKind
    title: str = Field(max_length=120)
    held_at: datetime
    place: str = Field("", max_length=100)
    host: str = Field("", max_length=40)
    recorder: str = Field("", max_length=40)
    minutes: str = Field("", max_length=20000)
    democratic_appraisal: bool = False
    held: bool = Field(False, description="true: 补录已召开的会议；false: 计划召开")


class ExclusionIn(Schema):
    member_id: Id
    reason: str = Field(description="unable | abroad | sentenced | bedridden | away")
    approved_by_org_id: Id = Field(description="批准的上级党委")
    approver: str = Field(max_length=40)
    approved_on: date
    doc_no: str = Field("", max_length=60)


class VoteIn(Schema):
    subject_label: str = Field(max_length=120, description="表决事项：一次只表决一名对象或一个事项")
    ballot: Ballot = Ballot.SECRET
    should_attend_voting: Count | None = Field(
        None, description="支部党员大会由系统按正式党员减去经批准不计入的人数计算；评审会须填写")
    present_voting: Count
    yes: Count
    no: Count = 0
    abstain: Count = 0
    written_yes: Count = 0
    written_no: Count = 0
    excluded: list[ExclusionIn] = Field(default_factory=list, max_length=50)

    @field_validator("subject_label")
    @classmethod
    def _strip(cls, value):
        return value.strip()


class VoteOut(Schema):
    id: int
    meeting_id: int
    subject_label: str
    rule: str
    rule_set: str
    ballot: str
    should_attend_voting: int
    excluded_count: int
    present_voting: int
    written_yes: int
    written_no: int
    yes: int
    no: int
    abstain: int
    quorum_needed: int
    pass_needed: int
    result: str

    @staticmethod
    def resolve_excluded_count(obj):
        return len(obj.excluded or [])


def _meeting(request, meeting_id):
    require(request.user, "meetings.view")
    return get_for_user(Meeting.objects.select_related("org"), request.user, meeting_id)


@router.get("", response={200: list[MeetingOut], **LIST_ERRORS}, summary="会议列表")
@paginate(Pages)
def meeting_list(request, filters: Query[MeetingFilterIn]):
    require(request.user, "meetings.view")
    return selectors.meetings_for(request.user, kind=filters.kind or "",
                                  status=filters.status or "")


@router.post("", response=with_errors(201, MeetingOut), summary="登记会议")
def meeting_create(request, payload: MeetingIn):
    require(request.user, "meetings.view")
    org = selectors.recordable_orgs(request.user).filter(pk=payload.org).first()
    if org is None:
        raise ApplicationError(_("党组织不存在或不在您的范围内。"), field="org")
    data = payload.dict()
    data.pop("org")
    meeting = services.meeting_create(actor=request.user, org=org, **data)
    return 201, meeting


@router.get("/{int:meeting_id}", response=with_errors(200, MeetingOut), summary="会议详情")
def meeting_detail(request, meeting_id: Id):
    return _meeting(request, meeting_id)


@router.get("/{int:meeting_id}/votes", response=with_errors(200, list[VoteOut]),
            summary="会议的表决结果（只有票数，无记名投票不记录个人）")
def vote_list(request, meeting_id: Id):
    meeting = _meeting(request, meeting_id)
    return list(selectors.votes_for(request.user, meeting))


@router.post("/{int:meeting_id}/votes", response=with_errors(201, VoteOut), summary="登记表决结果",
             description="党内表决：到会有表决权人数须超过应到会有表决权人数的半数，赞成票（含书面同意）"
                         "须超过应到会有表决权正式党员的半数；预备党员没有表决权。")
def vote_create(request, meeting_id: Id, payload: VoteIn):
    meeting = _meeting(request, meeting_id)
    data = payload.dict()
    excluded = [{**e, "approved_on": e["approved_on"].isoformat()} for e in data.pop("excluded")]
    vote = services.vote_record(actor=request.user, meeting=meeting, excluded=excluded, **data)
    return 201, vote
