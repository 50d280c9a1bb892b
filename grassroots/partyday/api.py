"""/api/v1/partyday: theme party days, their suggestions and the monthly figures, scope-filtered
as the pages."""

from datetime import date, datetime

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from grassroots.api.pagination import LIST_ERRORS as SHARED_LIST_ERRORS
from grassroots.api.pagination import Pages
from grassroots.api.schemas import ErrorOut, with_errors
from grassroots.api.types import Id
from grassroots.core import clock
from grassroots.core.policy import require

from . import selectors, services, stats
from .models import DayStatus, SuggestionDecision, SuggestionStatus

router = Router(tags=["partyday"])
# the shared list errors, and the 404 a user outside every party organisation gets (the
# hidden "partyday.view" rule answers "not found", as the pages do)
LIST_ERRORS = {**SHARED_LIST_ERRORS, 404: ErrorOut}


class DayOut(Schema):
    id: int
    branch_id: int
    branch: str
    month: date
    theme: str
    planned_on: date
    held_at: datetime | None
    status: str
    meeting_id: int
    is_town_secretary_branch: bool

    @staticmethod
    def resolve_branch(obj):
        return obj.branch.name


class DayFilterIn(Schema):
    status: DayStatus | None = None


class SuggestionOut(Schema):
    id: int
    theme_day_id: int
    raised_by_name: str
    kind: str
    content: str
    status: str
    decision: str
    decision_reason: str
    route_due_at: datetime
    demand_number: str | None
    demand_status: str | None

    @staticmethod
    def resolve_demand_number(obj):
        return obj.demand.number if obj.demand_id else None

    @staticmethod
    def resolve_demand_status(obj):
        return obj.demand.status if obj.demand_id else None


class SuggestionFilterIn(Schema):
    status: SuggestionStatus | None = None


class DecideIn(Schema):
    decision: SuggestionDecision
    reason: str = Field("", max_length=300)


class RateOut(Schema):
    num: int
    den: int
    rate: float | None


class StatsOut(Schema):
    month: date
    holding: RateOut
    attendance: RateOut
    downward: RateOut
    adoption: RateOut
    feedback: RateOut
    demands_closed: RateOut
    county_staff_attendances: int


class StatsIn(Schema):
    month: date | None = Field(None, description="该月任一日期；默认本月")


@router.get("/days", response={200: list[DayOut], **LIST_ERRORS}, summary="主题党日列表")
@paginate(Pages)
def day_list(request, filters: Query[DayFilterIn]):
    require(request.user, "partyday.view")
    return selectors.days_for(request.user, status=filters.status or "")


@router.get("/days/{int:day_id}", response=with_errors(200, DayOut), summary="主题党日详情")
def day_detail(request, day_id: Id):
    require(request.user, "partyday.view")
    return selectors.get_day_for_user(request.user, day_id)


@router.get("/suggestions", response={200: list[SuggestionOut], **LIST_ERRORS},
            summary="意见建议列表（群众代表只看到本人提出的）")
@paginate(Pages)
def suggestion_list(request, filters: Query[SuggestionFilterIn]):
    require(request.user, "partyday.view")
    return selectors.suggestions_for(request.user, status=filters.status or "")


@router.post("/suggestions/{int:suggestion_id}/decide", response=with_errors(200, SuggestionOut),
             summary="研究决定合理化建议（采纳、部分采纳、不予采纳并说明理由）")
def suggestion_decide(request, suggestion_id: Id, payload: DecideIn):
    require(request.user, "partyday.view")
    s = selectors.get_suggestion_for_user(request.user, suggestion_id)
    return services.suggestion_decide(actor=request.user, suggestion=s,
                                      decision=payload.decision, reason=payload.reason)


@router.get("/stats", response=with_errors(200, StatsOut), summary="主题党日月度统计")
def month_stats(request, filters: Query[StatsIn]):
    require(request.user, "partyday.stats")
    month = (filters.month or clock.now().date()).replace(day=1)
    user = request.user
    return {"month": month, "holding": stats.holding_rate(user, month),
            "attendance": stats.attendance_rate(user, month, month),
            "downward": stats.downward_participation(user, month, month),
            "adoption": stats.adoption_rate(user, month, month),
            "feedback": stats.feedback_rate(user, month, month),
            "demands_closed": stats.demand_closure(user, month, month),
            "county_staff_attendances": stats.upward_attendance(user, month, month)["county_staff"]}
