"""/api/v1 demands, assignments and the categories. Thin: selectors read, services write."""

from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Form, Header, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from grassroots.api.pagination import LIST_ERRORS, Pages
from grassroots.api.renderers import LocalTimeJSONRenderer
from grassroots.api.types import Count, Id
from grassroots.core.errors import ApplicationError
from grassroots.core.idempotency import fingerprint, header_key, run_once
from grassroots.core.scope import get_scope
from grassroots.core.timeline import event_actor_name
from grassroots.orgs.models import Organization
from grassroots.places.models import Division, Grid

from . import selectors, services
from .filters import DemandFilter
from .models import Assignment, Category, Channel, Demand
from .origins import origin_display
from .schemas import (
    AssignmentOut,
    CategoryOut,
    DecisionIn,
    DemandCreateIn,
    DemandDetailOut,
    DemandFilterIn,
    DemandListItem,
    DemandOut,
    DispatchIn,
    ExtensionIn,
    FollowUpIn,
    MergeIn,
    NoteIn,
    ReasonIn,
    ReplyIn,
    RulingIn,
    with_errors,
)

router = Router(tags=["demands"])


class FilterInvalid(ApplicationError):
    """A filter value a person must correct (422), with every field's message."""

    status_code = 422

    def __init__(self, errors: dict[str, str]):
        detail = _("；").join(_("%(field)s：%(error)s") % {"field": k, "error": v}
                             for k, v in errors.items())
        super().__init__(_("筛选条件有误：%(errors)s") % {"errors": detail},
                         field=next(iter(errors)))
        self.field_errors = {k: [v] for k, v in errors.items()}


def _lookup(queryset, pk, *, user, field: str, message: str):
    """A referenced object (unit, category, place) the user may see, or a field error (400)."""
    if pk is None:
        return None
    obj = queryset.restrict(user).filter(pk=pk).first() if hasattr(queryset, "restrict") \
        else queryset.filter(pk=pk).first()
    if obj is None:
        raise ApplicationError(message, field=field)
    return obj


def _units(user, ids, field):
    units = []
    for pk in ids:
        units.append(_lookup(Organization.objects.all(), pk, user=user, field=field,
                             message=_("承办单位 %(id)s 不存在或不可选。") % {"id": pk}))
    return units


# --- demands --------------------------------------------------------------------------------


@router.get("/demands", response={200: list[DemandListItem], **LIST_ERRORS},
            summary="诉求列表（与页面相同的筛选）")
@paginate(Pages)
def demand_list(request, filters: Query[DemandFilterIn]):
    params = {k: v for k, v in filters.dict().items() if v is not None}
    flt, errors = DemandFilter.from_params(params)
    if errors:
        raise FilterInvalid(errors)
    return selectors.demand_list(request.user, flt=flt)


def _channel_for(request) -> str:
    token = getattr(request, "api_token", None)
    if token is not None and token.organization_id:
        return Channel.OPEN311  # an integration's app passing on what its users reported
    if get_scope(request.user).is_citizen:
        return Channel.CITIZEN
    return Channel.PHONE


@router.post("/demands", response=with_errors(201, DemandOut), summary="登记诉求",
             description="渠道由调用方决定：群众账号为 citizen，单位令牌为 open311，工作人员为 "
                         "phone（电话受理，须填来电人手机号，匿名除外）。")
def demand_create(request, payload: DemandCreateIn,
                  idempotency_key: str | None = Header(
                      None, alias="Idempotency-Key",
                      description="可选：客户端生成的随机键（8至64位字母、数字、-、_）。相同的键和相同的"
                                  "请求体重试时返回首次的结果，不重复登记；相同的键配不同的请求体返回422。")):
    """With an ``Idempotency-Key`` header a retry creates nothing: the same key and body answer
    with the first answer (same status and body); the same key with another body is a 422."""
    key = header_key(idempotency_key)
    if not key:
        return Status(201, _demand_create(request, payload))
    outcome = run_once(
        user=request.user, key=key, operation="api.demands.create",
        request_fingerprint=fingerprint(payload.dict()),
        create=lambda: _demand_create(request, payload),
        # The answer is rendered inside the create's transaction and stored as sent, so a
        # repeat is byte for byte the first answer.
        result=lambda demand: {"pk": demand.pk, "status": 201, "body": LocalTimeJSONRenderer()
                               .render(request, DemandOut.from_orm(demand).model_dump(),
                                       response_status=201)})
    response = HttpResponse(outcome.result["body"], status=outcome.result["status"],
                            content_type="application/json; charset=utf-8")
    if outcome.repeated:
        response["Idempotent-Replayed"] = "true"
    return response


def _demand_create(request, payload: DemandCreateIn) -> Demand:
    user = request.user
    data = payload.dict()
    category = None
    if data["category"] is not None:
        # with its parents: the answer shows the category's path
        category = (Category.objects.select_related("parent__parent")
                    .filter(pk=data["category"], is_active=True).first())
        if category is None:
            raise ApplicationError(_("分类不存在或已停用。"), field="category")
    division = _lookup(Division.objects.select_related("town"), data["division"], user=user,
                       field="division",
                       message=_("所在地不存在。"))
    grid = _lookup(Grid.objects.all(), data["grid"], user=user, field="grid",
                   message=_("网格不存在或不在您的范围内。"))
    demand = services.demand_create(
        actor=user, channel=_channel_for(request), type=data["type"], title=data["title"],
        text=data["text"], grade=data["grade"], category=category, division=division, grid=grid,
        address=data["address"], latitude=data["latitude"], longitude=data["longitude"],
        citizen_name=data["citizen_name"], citizen_phone=data["citizen_phone"],
        is_anonymous=data["is_anonymous"], solved_on_spot=data["solved_on_spot"],
        on_spot_note=data["on_spot_note"],
    )
    # The place, category and citizen objects the service was given stay cached on the answer
    # (auto-dispatch, when it runs on commit, refreshes the demand's own fields).
    return demand


def _detail(request, demand: Demand):
    demand.api_origin = origin_display(demand, request.user)
    if selectors.viewer_is_public(request.user):
        # Citizens: the same public timeline and attachments as their pages, nothing internal.
        demand.api_assignments = []
        demand.api_timeline = [
            {"at": r["at"], "action": r["action"], "actor": r["actor_name"], "subject": "demand",
             "from_state": r["from_state"], "to_state": r["to_state"], "note": r["note"]}
            for r in selectors.public_timeline(demand, viewer=request.user)
        ]
        demand.api_attachments = list(selectors.public_attachments(demand))
        return demand
    assignments = list(Assignment.objects.filter(demand=demand)
                       .select_related("unit", "demand").order_by("dispatched_at", "id"))
    events = selectors.demand_timeline(demand, assignments)
    ct_demand = ContentType.objects.get_for_model(Demand)
    demand.api_assignments = assignments
    demand.api_timeline = [
        {"at": e.at, "action": e.action, "actor": event_actor_name(e) or _("系统"),
         "subject": "demand" if e.content_type_id == ct_demand.pk else f"assignment:{e.object_id}",
         "from_state": e.from_state, "to_state": e.to_state, "note": e.note}
        for e in events
    ]
    demand.api_attachments = list(selectors.demand_attachments_for_user(request.user, demand))
    return demand


@router.get("/demands/{int:demand_id}", response=with_errors(200, DemandDetailOut),
            summary="诉求详情（含工单与时间线）")
def demand_detail(request, demand_id: Id):
    return _detail(request, selectors.get_demand_for_user(request.user, demand_id))


@router.post("/demands/{int:demand_id}/dispatch", response=with_errors(200, DemandDetailOut),
             summary="派单（主办与协办单位）")
def demand_dispatch(request, demand_id: Id, payload: DispatchIn):
    demand = selectors.get_demand_for_user(request.user, demand_id)
    lead = _lookup(Organization.objects.all(), payload.lead_unit, user=request.user,
                   field="lead_unit", message=_("主办单位不存在或不可选。"))
    services.demand_dispatch(actor=request.user, demand=demand, lead_unit=lead,
                             assisting_units=_units(request.user, payload.assisting_units,
                                                    "assisting_units"),
                             note=payload.note,
                             category=_lookup(Category.objects.all(), payload.category,
                                              user=request.user, field="category",
                                              message=_("所选分类不存在。")))
    return _detail(request, selectors.get_demand_for_user(request.user, demand_id))


@router.post("/demands/{int:demand_id}/follow-up", response=with_errors(200, DemandDetailOut),
             summary="回访评价")
def demand_follow_up(request, demand_id: Id, payload: FollowUpIn):
    demand = selectors.get_demand_for_user(request.user, demand_id)
    services.demand_follow_up(actor=request.user, demand=demand,
                              satisfaction=payload.satisfaction, comment=payload.comment,
                              close_reason=payload.close_reason)
    return _detail(request, selectors.get_demand_for_user(request.user, demand_id))


@router.post("/demands/{int:demand_id}/merge", response=with_errors(200, DemandDetailOut),
             summary="并单")
def demand_merge(request, demand_id: Id, payload: MergeIn):
    demand = selectors.get_demand_for_user(request.user, demand_id)
    into = selectors.get_demand_for_user(request.user, payload.into)
    services.demand_merge(actor=request.user, demand=demand, into=into, note=payload.note)
    return _detail(request, selectors.get_demand_for_user(request.user, demand_id))


# --- assignments ----------------------------------------------------------------------------


@router.get("/assignments", response={200: list[AssignmentOut], **LIST_ERRORS},
            summary="本单位待办工单（期限最近的在前）")
@paginate(Pages)
def assignment_inbox(request):
    return selectors.handler_inbox(request.user)


@router.get("/assignments/{int:assignment_id}", response=with_errors(200, AssignmentOut),
            summary="工单详情")
def assignment_detail(request, assignment_id: Id):
    return selectors.get_assignment_for_user(request.user, assignment_id)


def _unit_assignment(request, assignment_id):
    return selectors.get_assignment_for_user(request.user, assignment_id, "change")


def _dispatcher_assignment(request, assignment_id):
    return selectors.get_assignment_for_user(request.user, assignment_id, "decide")


def _fresh(request, assignment_id):
    return selectors.get_assignment_for_user(request.user, assignment_id)


@router.post("/assignments/{int:assignment_id}/acknowledge",
             response=with_errors(200, AssignmentOut), summary="签收")
def assignment_acknowledge(request, assignment_id: Id):
    a = _unit_assignment(request, assignment_id)
    services.assignment_acknowledge(actor=request.user, assignment=a)
    return _fresh(request, assignment_id)


@router.post("/assignments/{int:assignment_id}/return", response=with_errors(200, AssignmentOut),
             summary="退单（写明理由）")
def assignment_return(request, assignment_id: Id, payload: ReasonIn):
    a = _unit_assignment(request, assignment_id)
    services.assignment_return(actor=request.user, assignment=a, reason=payload.reason)
    return _fresh(request, assignment_id)


@router.post("/assignments/{int:assignment_id}/escalate-return",
             response=with_errors(200, AssignmentOut), summary="裁定后申请升级协调")
def assignment_escalate_return(request, assignment_id: Id, payload: ReasonIn):
    a = _unit_assignment(request, assignment_id)
    services.assignment_escalate_return(actor=request.user, assignment=a, reason=payload.reason)
    return _fresh(request, assignment_id)


@router.post("/assignments/{int:assignment_id}/ruling", response=with_errors(200, AssignmentOut),
             summary="派单中心裁定退单")
def assignment_ruling(request, assignment_id: Id, payload: RulingIn):
    a = _dispatcher_assignment(request, assignment_id)
    new_lead = _lookup(Organization.objects.all(), payload.new_lead_unit, user=request.user,
                       field="new_lead_unit", message=_("改派单位不存在或不可选。"))
    services.assignment_decide_return(
        actor=request.user, assignment=a, approve=payload.approve, note=payload.note,
        new_lead_unit=new_lead,
        assisting_units=_units(request.user, payload.assisting_units, "assisting_units"))
    return _fresh(request, assignment_id)


@router.post("/assignments/{int:assignment_id}/extension",
             response=with_errors(200, AssignmentOut), summary="申请延期（计时暂停）")
def assignment_request_extension(request, assignment_id: Id, payload: ExtensionIn):
    a = _unit_assignment(request, assignment_id)
    services.assignment_request_extension(actor=request.user, assignment=a,
                                          reason=payload.reason, until=payload.until)
    return _fresh(request, assignment_id)


@router.post("/assignments/{int:assignment_id}/extension-decision",
             response=with_errors(200, AssignmentOut), summary="审批延期申请")
def assignment_decide_extension(request, assignment_id: Id, payload: DecisionIn):
    a = _dispatcher_assignment(request, assignment_id)
    services.assignment_decide_extension(actor=request.user, assignment=a,
                                         approve=payload.approve, note=payload.note)
    return _fresh(request, assignment_id)


@router.post("/assignments/{int:assignment_id}/notes", response=with_errors(200, AssignmentOut),
             summary="办理记录（可附照片，multipart/form-data）",
             description="照片仅限 JPG/PNG/WEBP/GIF，每张不超过10MB（超过返回413），最多9张。")
def assignment_add_note(request, assignment_id: Id, payload: Form[NoteIn],
                        photos: File[list[UploadedFile]] = None):
    a = _unit_assignment(request, assignment_id)
    services.assignment_add_note(actor=request.user, assignment=a, kind=payload.kind,
                                 text=payload.text, photos=photos or [])
    return _fresh(request, assignment_id)


@router.post("/assignments/{int:assignment_id}/reply", response=with_errors(200, AssignmentOut),
             summary="答复")
def assignment_reply(request, assignment_id: Id, payload: ReplyIn):
    a = _unit_assignment(request, assignment_id)
    services.assignment_reply(actor=request.user, assignment=a, outcome=payload.outcome,
                              text=payload.text,
                              unconsolidated_reason=payload.unconsolidated_reason)
    return _fresh(request, assignment_id)


# --- reference data: categories (divisions, grids: places/api.py; units: orgs/api.py) ---


@router.get("/categories", response={200: list[CategoryOut], **LIST_ERRORS}, tags=["reference"],
            summary="诉求分类（三级）")
@paginate(Pages)
def category_list(request, level: Count | None = None, parent: Id | None = None):
    qs = Category.objects.filter(is_active=True).select_related("parent__parent")
    if level is not None:
        qs = qs.filter(level=level)
    if parent is not None:
        qs = qs.filter(parent_id=parent)
    return qs.order_by("code")
