"""Per-endpoint In/Out schemas of the demands API."""

from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Field, Schema

from grassroots.api.schemas import ERROR_CODES, ErrorDetail, ErrorOut, with_errors  # noqa: F401
from grassroots.api.types import Id


def _label(choices_cls, value):
    try:
        return str(choices_cls(value).label)
    except ValueError:
        return value or ""


def person_name(user) -> str:
    if user is None:
        return _("系统")
    person = getattr(user, "person", None) if hasattr(user, "person") else None
    return person.name if person is not None else user.get_username()


# --- reference data -------------------------------------------------------------------------


class CategoryOut(Schema):
    id: int
    code: str
    name: str
    level: int
    parent_id: int | None
    path: str
    attributes: list[dict] = []


# --- demands --------------------------------------------------------------------------------


class DemandFilterIn(Schema):
    """The same filter as the demand list page; values are checked by DemandFilter (422)."""

    status: str | None = Field(None, description="received/dispatched/handling/replied/closed/"
                                                 "merged，或 open（全部未办结）")
    category: str | None = Field(None, description="分类编号（含下级分类）")
    unit: str | None = Field(None, description="承办单位编号")
    division: str | None = Field(None, description="镇街或村居编号")
    grid: str | None = None
    channel: str | None = None
    date_from: str | None = Field(None, description="受理日期起，YYYY-MM-DD")
    date_to: str | None = Field(None, description="受理日期止，YYYY-MM-DD")
    overdue: str | None = Field(None, description="1 = 仅超期")
    late: str | None = Field(None, description="1 = 曾超期（超时签收、超时答复或目前超期）")
    dispatched: str | None = Field(None, description="1 = 已派单（有未退回的工单，不含已并单）")
    q: str | None = Field(None, description="编号或标题关键词")


class DemandListItem(Schema):
    id: int
    number: str
    title: str
    status: str
    status_label: str
    channel: str
    type: str
    grade: str
    category_id: int | None
    category_name: str
    town_name: str
    division_name: str
    received_at: datetime
    dispatch_due_at: datetime | None

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()

    @staticmethod
    def resolve_category_name(obj):
        return obj.category.name if obj.category_id else ""

    @staticmethod
    def resolve_town_name(obj):
        return obj.town.name if obj.town_id else ""

    @staticmethod
    def resolve_division_name(obj):
        return obj.division.name if obj.division_id else ""


class DemandCreateIn(Schema):
    type: str = Field(..., description="consultation/help/complaint/report/suggestion/praise")
    title: str = Field(..., max_length=200)
    text: str = Field(..., max_length=10000)
    grade: str = "normal"
    category: Id | None = Field(None, description="分类编号（Category.id）")
    division: Id | None = Field(None, description="镇街或村居编号（Division.id）")
    grid: Id | None = None
    address: str = Field("", max_length=200)
    latitude: Decimal | None = Field(None, ge=-90, le=90, max_digits=9, decimal_places=6)
    longitude: Decimal | None = Field(None, ge=-180, le=180, max_digits=9, decimal_places=6)
    citizen_name: str = Field("", max_length=40)
    citizen_phone: str = Field("", max_length=20)
    is_anonymous: bool = False
    solved_on_spot: bool = False
    on_spot_note: str = Field("", max_length=5000)


class EventOut(Schema):
    at: datetime
    subject: str  # "demand" or "assignment:<id>"
    action: str
    actor: str
    from_state: str
    to_state: str
    note: str


class AssignmentOut(Schema):
    id: int
    demand_id: int
    demand_number: str
    demand_title: str
    unit_id: int
    unit_name: str
    role: str
    status: str
    status_label: str
    round: int
    dispatched_at: datetime
    acknowledge_due_at: datetime
    acknowledged_at: datetime | None
    reply_due_at: datetime
    replied_at: datetime | None
    due_at: datetime | None
    due_estimated: bool
    is_paused: bool
    return_reason: str
    extension_requested_until: datetime | None
    outcome: str
    reply_text: str
    actions: list[str] = Field([], description="当前用户现在可执行的动作（来自状态转换表）")

    @staticmethod
    def resolve_demand_number(obj):
        return obj.demand.number

    @staticmethod
    def resolve_demand_title(obj):
        return obj.demand.title

    @staticmethod
    def resolve_unit_name(obj):
        return obj.unit.name

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()

    @staticmethod
    def resolve_actions(obj, context):
        from .selectors import available_actions

        request = context["request"]
        return available_actions(request.user, obj)


class DemandOut(DemandListItem):
    text: str
    category_path: str
    division_id: int | None
    town_id: int | None
    grid_id: int | None
    address: str
    latitude: Decimal | None
    longitude: Decimal | None
    is_anonymous: bool
    citizen_name: str
    citizen_phone_masked: str
    replied_at: datetime | None
    reply_text: str
    outcome: str
    satisfaction: str
    closed_at: datetime | None
    solved_on_spot: bool
    reopen_count: int
    merged_into_id: int | None
    external_id: str

    @staticmethod
    def resolve_category_path(obj):
        return obj.category.path if obj.category_id else ""

    @staticmethod
    def resolve_citizen_name(obj):
        return obj.caller_name

    @staticmethod
    def resolve_citizen_phone_masked(obj):
        return obj.citizen.phone_masked if obj.citizen_id and not obj.is_anonymous else ""


class AttachmentOut(Schema):
    id: int
    url: str
    stage: str = Field(..., description="intake = 受理时的照片；handling = 办理记录的照片")
    content_type: str
    uploaded_at: datetime

    @staticmethod
    def resolve_url(obj):
        return f"/demands/{obj.demand_id}/attachments/{obj.pk}/"

    @staticmethod
    def resolve_stage(obj):
        return "handling" if obj.assignment_id else "intake"


class OriginOut(Schema):
    type: str = Field(description="来源类型代码，如 visit（走访）、meeting（专题会议）")
    type_label: str
    id: int | None
    label: str = Field(description="来源记录的说明；无权查看该记录时为空")
    url: str = Field(description="来源记录页面；无权查看该记录时为空")


class DemandDetailOut(DemandOut):
    assignments: list[AssignmentOut]
    timeline: list[EventOut]
    attachments: list[AttachmentOut] = Field(
        [], description="群众账号只得到受理时的照片（与群众页面相同），工作人员得到全部照片")
    origin: OriginOut | None = Field(None, description="诉求从何处收集（走访、会议等），没有时为空")

    # The API attaches these before serialising (see api.demand_detail).
    @staticmethod
    def resolve_assignments(obj):
        return obj.api_assignments

    @staticmethod
    def resolve_timeline(obj):
        return obj.api_timeline

    @staticmethod
    def resolve_origin(obj):
        return getattr(obj, "api_origin", None)

    @staticmethod
    def resolve_attachments(obj):
        return obj.api_attachments


# --- actions --------------------------------------------------------------------------------


class DispatchIn(Schema):
    lead_unit: Id
    assisting_units: list[Id] = []
    note: str = Field("", max_length=2000)
    category: Id | None = Field(
        None, description="classifies a demand that has no category yet (ignored otherwise)")


class FollowUpIn(Schema):
    satisfaction: str = Field(..., description="satisfied/basically/unsatisfied")
    comment: str = Field("", max_length=2000)
    close_reason: str = Field(
        "", max_length=500,
        description="staff closing a demand whose reply the quality check flagged: why it may "
                    "close anyway (at least 4 characters); else rate it unsatisfied")


class MergeIn(Schema):
    into: Id = Field(..., description="并入的诉求编号（Demand.id）")
    note: str = Field("", max_length=2000)


class ReasonIn(Schema):
    reason: str = Field(..., max_length=5000)


class RulingIn(Schema):
    approve: bool = Field(..., description="true = 同意退单；false = 裁定原单位承办")
    note: str = Field("", max_length=2000)
    new_lead_unit: int | None = Field(None, description="同意主办单位退单时改派的新主办单位")
    assisting_units: list[Id] = []


class ExtensionIn(Schema):
    reason: str = Field(..., max_length=5000)
    until: datetime


class DecisionIn(Schema):
    approve: bool
    note: str = Field("", max_length=2000)


class NoteIn(Schema):
    kind: str = Field(..., description="verification/analysis/disposal/other")
    text: str = Field(..., max_length=5000)


class ReplyIn(Schema):
    outcome: str = Field(..., description="resolved/partly/explained/not_resolvable")
    text: str = Field(..., max_length=5000)
    unconsolidated_reason: str = Field(
        "", max_length=1000,
        description="主办单位在协办单位未答复时答复：写明未汇总协办答复的原因（必填）")


__all__ = [name for name in dir() if name.endswith(("In", "Out", "Item"))] + [
    "ERROR_CODES", "ErrorOut", "with_errors", "person_name", "_label",
]
