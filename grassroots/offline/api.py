"""/api/v1/offline: the idempotent creates the phone's outbox submits to (docs/offline.md).

Both take ``multipart/form-data`` — the same field names as the page's form, ``photos`` and the
phone's ``recorded_at`` — and a required ``Idempotency-Key`` header: the same key and body answer
the first answer byte for byte (``Idempotent-Replayed: true``), the same key with another body
(fields and the SHA-256 of each photo) is a 409, a refused create keeps no key (the corrected
item goes in under the same key). Errors are the API's one shape; a session that ran out is a
401, and the outbox then asks the person to log in and continues.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema

from grassroots.api.renderers import LocalTimeJSONRenderer
from grassroots.api.schemas import ErrorOut
from grassroots.api.types import Id
from grassroots.core.errors import ApplicationError, FieldErrors, NotInScope
from grassroots.core.idempotency import IdempotencyConflict, fingerprint, header_key, run_once
from grassroots.core.parsing import ids_of
from grassroots.core.policy import require
from grassroots.gridwork.forms import VisitEntryForm, demand_rows_from_post
from grassroots.gridwork.models import VisitForm
from grassroots.gridwork.selectors.visits import seated_secretaries
from grassroots.gridwork.services.visits import visit_record
from grassroots.partyday.models import SuggestionKind
from grassroots.partyday.selectors import get_day_for_user
from grassroots.places.models import Grid

from .services import recorded_at_check, suggestion_rows_from_post, themeday_record_offline

router = Router(tags=["offline"])

SKIP_FIELDS = {"csrfmiddlewaretoken", "idempotency_key"}
KEY_HELP = ("必填：手机为每条离线记录生成的随机键（8至64位字母、数字、-、_）。相同的键和相同的内容重试时"
            "返回首次的结果（响应头 Idempotent-Replayed: true），不重复登记；相同的键配不同的内容返回409。")


# --- answers ------------------------------------------------------------------------------------

class DemandLink(Schema):
    number: str
    url: str


class DemandRef(DemandLink):
    title: str
    solved_on_spot: bool


class VisitRecordOut(Schema):
    kind: str = "visit"
    id: int
    url: str
    label: str
    received_at: datetime
    recorded_at: datetime | None
    demands: list[DemandRef]
    message: str


class SuggestionRef(Schema):
    id: int
    kind: str
    demand: str | None = None
    demand_id: int | None = None


class ThemeDayRecordOut(Schema):
    kind: str = "themeday"
    id: int
    url: str
    label: str
    held_at: datetime | None
    suggestions: list[SuggestionRef]
    demands: list[DemandLink]
    message: str


RESPONSES = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut,
             413: ErrorOut}


# --- request bodies, documented (the handlers read the multipart form as the pages post it) ------

def _multipart(properties: dict, required: list[str], pattern: dict, description: str) -> dict:
    schema = {"type": "object", "properties": {
        **properties,
        "recorded_at": {"type": "string", "format": "date-time",
                        "description": "手机上保存记录的时间（ISO 8601）；晚于服务器10分钟以上或超过"
                                       "规则集 offline.outbox 的补交时限（默认7天）的记录被拒绝（400）。"},
        "photos": {"type": "array", "items": {"type": "string", "format": "binary"},
                   "description": "照片（手机端已压缩，每张不超过10 MB）"},
    }, "patternProperties": pattern}
    if required:
        schema["required"] = required
    # the header is read by the handler (a missing key is a 400 after the scope check, so an
    # outsider learns nothing), and documented here as what it is: required
    key = {"in": "header", "name": "Idempotency-Key", "required": True, "description": KEY_HELP,
           "schema": {"type": "string", "pattern": "^[A-Za-z0-9_\\-]{8,64}$"}}
    return {"parameters": [key],
            "requestBody": {"required": True, "description": description,
                            "content": {"multipart/form-data": {"schema": schema}}}}


VISIT_BODY = _multipart(
    {"grid": {"type": "integer", "description": "网格 id（须为本人负责的网格）"},
     "secretary": {"type": "integer", "description": "走访的民情书记（代登记时必填）"},
     "date": {"type": "string", "format": "date"},
     "form": {"type": "string", "enum": [v for v, _label in VisitForm.choices]},
     "households_met": {"type": "integer", "minimum": 0},
     "people_met": {"type": "integer", "minimum": 0},
     "notes": {"type": "string", "maxLength": 2000}},
    ["grid", "date", "form"],
    {r"^demand-\d+-(type|title|text|citizen_name|citizen_phone|solved_on_spot|on_spot_note)$":
     {"type": "string"}},
    "与走访登记页面相同的字段；每条诉求为一组 demand-N-…（N 从1起）。")

THEMEDAY_BODY = _multipart(
    {"minutes": {"type": "string", "description": "开展情况（首次登记时填写）"},
     "present": {"type": "array", "items": {"type": "integer"}, "description": "到会党员的人员 id"}},
    [],
    {r"^suggestion-\d+-(content|kind|raised_by_name)$": {"type": "string"}},
    "与手机登记页面相同的字段；每条意见建议为一组 suggestion-N-…，kind 为 "
    + "、".join(v for v, _label in SuggestionKind.choices) + "；民意诉求即时转为群众诉求。")


# --- helpers ------------------------------------------------------------------------------------

def _fingerprint(request) -> str:
    """The request's identity for the key: its fields and the SHA-256 of each photo."""
    fields = sorted((k, v) for k in request.POST if k not in SKIP_FIELDS
                    for v in request.POST.getlist(k))
    photos = []
    for f in request.FILES.getlist("photos"):
        digest = hashlib.sha256()
        for chunk in f.chunks():
            digest.update(chunk)
        f.seek(0)
        photos.append(digest.hexdigest())
    return fingerprint({"fields": fields, "photos": photos})


def _required_key(value: str | None) -> str:
    key = header_key(value)
    if not key:
        raise ApplicationError(_("离线提交须带 Idempotency-Key。"), field="Idempotency-Key")
    return key


def _submit_once(request, *, key: str, operation: str, create, answer, schema):
    """``create()`` once per (user, key); the answer is rendered inside the create's transaction
    and stored as sent, so a repeat is byte for byte the first answer."""
    renderer = LocalTimeJSONRenderer()
    try:
        outcome = run_once(
            user=request.user, key=key, operation=operation,
            request_fingerprint=_fingerprint(request), create=create,
            result=lambda value: {"status": 201, "body": renderer.render(
                request, schema.model_validate(answer(value)).model_dump(),
                response_status=201)})
    except IdempotencyConflict as exc:
        exc.status_code = 409  # the outbox's contract (issue #26): a reused key is a conflict
        raise
    response = HttpResponse(outcome.result["body"], status=outcome.result["status"],
                            content_type="application/json; charset=utf-8")
    if outcome.repeated:
        response["Idempotent-Replayed"] = "true"
    return response


# --- endpoints ----------------------------------------------------------------------------------

@router.post("/visits", response={201: VisitRecordOut, **RESPONSES}, openapi_extra=VISIT_BODY,
             url_name="offline_visit_submit",
             summary="登记走访（手机离线记录补交，幂等）",
             description="一次提交一次走访及其收集的诉求和照片；网格须为本人负责的（否则403）。"
                         "诉求的受理时间为手机记录时间 recorded_at，时间线同时显示服务器时间。")
def visit_submit(request):
    scope = require(request.user, "core.staff")
    key = _required_key(request.headers.get("Idempotency-Key"))
    rows = demand_rows_from_post(request.POST)
    seen = {}

    def create():
        recorded_at = seen["recorded_at"] = recorded_at_check(request.POST.get("recorded_at"))
        # Every grid the user may see is offered: one outside the user's own is then refused
        # by the service with its reason (403), not as an unknown choice.
        grids = Grid.objects.restrict(request.user)
        secretaries = None
        if not scope.is_secretary:
            secretaries = seated_secretaries(list(grids.values_list("pk", flat=True)))
        form = VisitEntryForm(request.POST, grids=grids, secretaries=secretaries)
        if not form.is_valid():
            if "grid" in form.errors and request.POST.get("grid"):
                # a grid not the user's, or none at all: one answer, with its reason
                raise NotInScope(_("只能为自己负责的网格登记走访。"), field="grid")
            raise FieldErrors(field_errors={k: [str(m) for m in v]
                                            for k, v in form.errors.items()})
        cd = form.cleaned_data
        try:
            return visit_record(
                actor=request.user, grid=cd["grid"], date=cd["date"], form=cd["form"],
                households_met=cd["households_met"] or 0, people_met=cd["people_met"] or 0,
                notes=cd["notes"], photos=request.FILES.getlist("photos"),
                secretary=cd.get("secretary"), recorded_at=recorded_at,
                demands=[{k: v for k, v in r.items() if k != "index"} for r in rows])
        except PermissionDenied as exc:
            if isinstance(exc, NotInScope):
                raise
            raise NotInScope(str(exc) or _("只能为自己负责的网格登记走访。")) from exc

    def answer(visit):
        demands = list(visit.demands.order_by("id"))
        return {
            "kind": "visit", "id": visit.pk,
            "url": reverse("gridwork:visit_detail", args=[visit.pk]),
            "label": f"{visit.grid.name} {visit.date.isoformat()}",
            "received_at": visit.created_at, "recorded_at": seen.get("recorded_at"),
            "demands": [{"number": d.number, "title": d.title,
                         "solved_on_spot": d.solved_on_spot,
                         "url": reverse("demands:detail", args=[d.pk])} for d in demands],
            "message": _("走访已登记：收集诉求%(n)s条。") % {"n": len(demands)},
        }

    return _submit_once(request, key=key, operation="offline.visit_record", create=create,
                        answer=answer, schema=VisitRecordOut)


@router.post("/themedays/{int:day_id}/record", response={201: ThemeDayRecordOut, **RESPONSES},
             openapi_extra=THEMEDAY_BODY, url_name="offline_themeday_submit",
             summary="登记主题党日开展情况和意见建议（手机离线记录补交，幂等）",
             description="未开展的主题党日按 recorded_at 登记为已开展（到会党员、开展情况、照片）；"
                         "已开展的只能补充意见建议。全部成功或全部不保存。")
def themeday_submit(request, day_id: Id):
    require(request.user, "partyday.view")
    day = get_day_for_user(request.user, day_id)  # the same 404 for missing and not yours
    key = _required_key(request.headers.get("Idempotency-Key"))

    def create():
        recorded_at = recorded_at_check(request.POST.get("recorded_at"))
        return themeday_record_offline(
            actor=request.user, day=day, minutes=request.POST.get("minutes", ""),
            present_person_ids=ids_of(request.POST.getlist("present")),
            suggestions=suggestion_rows_from_post(request.POST),
            photos=request.FILES.getlist("photos"), recorded_at=recorded_at)

    def answer(out):
        held = out["day"]
        demands = [s for s in out["suggestions"] if s["demand"]]
        return {
            "kind": "themeday", "id": held.pk,
            "url": reverse("partyday:day_detail", args=[held.pk]),
            "label": f"{held.branch.name} {held.month:%Y-%m}",
            "held_at": held.held_at, "suggestions": out["suggestions"],
            "demands": [{"number": s["demand"],
                         "url": reverse("demands:detail", args=[s["demand_id"]])}
                        for s in demands],
            "message": _("主题党日已记录：意见建议%(n)s条，转为群众诉求%(k)s条。")
            % {"n": len(out["suggestions"]), "k": len(demands)},
        }

    return _submit_once(request, key=key, operation="offline.themeday_record", create=create,
                        answer=answer, schema=ThemeDayRecordOut)
