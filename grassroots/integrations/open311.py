"""Open311 GeoReport v2 under /open311/v2/ (https://wiki.open311.org/GeoReport_v2).

Service codes are the level-3 category codes. A request posted here is a demand created through
``demand_create`` with channel ``open311``; its Open311 status, notes, agency and expected time
are read from the real case. Requests are read with an ``api_key`` (an API token) and scoped to
the token's user like every page; posting needs a token with the ``write`` scope.
"""

from __future__ import annotations

import json
import re
import uuid
import xml.etree.ElementTree as ET
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max, OuterRef, Subquery
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from grassroots.core.errors import ApplicationError
from grassroots.core.models import Event
from grassroots.core.parsing import BadValue, parse_datetime
from grassroots.core.text import clean_text, xml_safe
from grassroots.demands import selectors as demand_selectors
from grassroots.demands import services as demand_services
from grassroots.demands.models import (
    OPEN_STATUSES,
    Assignment,
    AssignmentRole,
    Category,
    Channel,
    Demand,
    DemandStatus,
    DemandType,
)
from grassroots.people.validators import visible_length
from grassroots.places.models import Division

from .models import Open311Request
from .services.tokens import api_token_lookup

SPEC_URL = "http://wiki.open311.org/GeoReport_v2"
MAX_RANGE = timedelta(days=90)
MAX_RESULTS = 1000
CHANGESET = "2025-01-01T00:00:00+08:00"
# Demand field → the Open311 parameter a client sent, so an error names what to fix.
OPEN311_FIELD = {"citizen_phone": "phone", "citizen_name": "last_name", "text": "description",
                 "title": "description", "division": "address_id"}


class Open311Error(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = description


# --- rendering ------------------------------------------------------------------------------


def _iso(value) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


def _xml_value(parent, key, value):
    el = ET.SubElement(parent, key)
    if isinstance(value, bool):
        el.text = "true" if value else "false"
    elif isinstance(value, list):
        child_tag = {"formats": "format", "endpoints": "endpoint", "attributes": "attribute",
                     "values": "value"}.get(key, "item")
        for item in value:
            _xml_item(el, child_tag, item)
    elif isinstance(value, dict):
        for k, v in value.items():
            _xml_value(el, k, v)
    elif value is not None:
        el.text = xml_safe(str(value))  # rows stored before intake cleaning
    return el


def _xml_item(parent, tag, item):
    if isinstance(item, dict):
        el = ET.SubElement(parent, tag)
        for k, v in item.items():
            _xml_value(el, k, v)
    else:
        _xml_value(parent, tag, item)


def render(data, fmt: str, *, root: str, item: str | None = None, status: int = 200):
    """JSON as the spec shows it; XML with the spec's root and item elements, UTF-8."""
    if fmt == "json":
        return HttpResponse(json.dumps(data, ensure_ascii=False), status=status,
                            content_type="application/json; charset=utf-8")
    el = ET.Element(root)
    if isinstance(data, list):
        for entry in data:
            _xml_item(el, item, entry)
    else:
        for k, v in data.items():
            _xml_value(el, k, v)
    body = '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(el, encoding="unicode")
    return HttpResponse(body.encode("utf-8"), status=status,
                        content_type="text/xml; charset=utf-8")


def error(fmt: str, status: int, description: str):
    return render([{"code": status, "description": description}], fmt, root="errors",
                  item="error", status=status)


def endpoint(view):
    """Turns Open311Error/ApplicationError into the spec's error list, in the asked format."""

    def wrapped(request, *args, fmt="json", **kwargs):
        try:
            return view(request, *args, fmt=fmt, **kwargs)
        except Open311Error as exc:
            return error(fmt, exc.status, exc.description)
        except ApplicationError as exc:
            status = 403 if exc.status_code == 403 else 400
            field = OPEN311_FIELD.get(exc.field or "", exc.field or "")
            field = f"{field}: " if field else ""
            return error(fmt, status, f"{field}{exc.message}")

    wrapped.__name__ = view.__name__
    return csrf_exempt(wrapped)  # API clients authenticate with api_key, not a session


# --- helpers --------------------------------------------------------------------------------


def _check_jurisdiction(params):
    expected = getattr(settings, "GRASSROOTS_OPEN311_JURISDICTION", "")
    given = (params.get("jurisdiction_id") or "").strip()
    if expected and given and given != expected:
        raise Open311Error(404, f"jurisdiction_id {given} not found")


def _token(params, *, write: bool):
    key = (params.get("api_key") or "").strip()
    if not key:
        if write or not getattr(settings, "GRASSROOTS_OPEN311_PUBLIC_READ", False):
            raise Open311Error(403, "api_key required")
        return None
    token = api_token_lookup(key)
    if token is None:
        raise Open311Error(403, "Invalid api_key")
    if write and not token.has_scope("write"):
        raise Open311Error(403, "api_key does not allow creating requests (write scope needed)")
    return token


def _services_qs():
    return Category.objects.filter(level=3, is_active=True).select_related("parent__parent")


def _service_json(c: Category) -> dict:
    group = c.parent.parent.name if c.parent_id and c.parent.parent_id else (
        c.parent.name if c.parent_id else "")
    return {"service_code": c.code, "service_name": c.name, "description": c.path,
            "metadata": bool(c.attributes), "type": "realtime", "keywords": "",
            "group": group}


def _attributes(c: Category) -> list[dict]:
    out = []
    for i, a in enumerate(c.attributes or [], start=1):
        if not isinstance(a, dict) or not a.get("code"):
            continue
        values = [{"key": str(v.get("key", "")), "name": str(v.get("name", v.get("key", "")))}
                  for v in (a.get("values") or []) if isinstance(v, dict)]
        datatype = a.get("datatype") or ("singlevaluelist" if values else "string")
        out.append({
            "variable": bool(a.get("variable", True)), "code": str(a["code"]),
            "datatype": datatype, "required": bool(a.get("required", False)),
            "datatype_description": a.get("datatype_description") or "",
            "order": int(a.get("order") or i),
            "description": a.get("description") or a.get("label") or str(a["code"]),
            "values": values,
        })
    return out


# --- GET discovery and services -------------------------------------------------------------


@endpoint
def discovery(request, fmt):
    base = request.build_absolute_uri("/open311/v2/")
    data = {"changeset": CHANGESET,
            "contact": getattr(settings, "GRASSROOTS_OPEN311_CONTACT", "12345"),
            "key_service": "请联系平台管理员申请接口令牌（api_key）。",
            "endpoints": [{"specification": SPEC_URL, "url": base, "changeset": CHANGESET,
                           "type": "production", "formats": ["text/xml", "application/json"]}]}
    return render(data, fmt, root="discovery")


@endpoint
def services_list(request, fmt):
    _check_jurisdiction(request.GET)
    data = [_service_json(c) for c in _services_qs().order_by("code")]
    return render(data, fmt, root="services", item="service")


@endpoint
def service_definition(request, code, fmt):
    _check_jurisdiction(request.GET)
    category = _services_qs().filter(code=code).first()
    if category is None:
        raise Open311Error(404, f"service_code {code} not found")
    data = {"service_code": category.code, "attributes": _attributes(category)}
    return render(data, fmt, root="service_definition")


# --- requests -------------------------------------------------------------------------------


def _parse_date(raw: str, name: str):
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        # A "+" in a query string arrives as a space.
        return parse_datetime(raw.replace(" ", "+"))
    except BadValue:
        raise Open311Error(400, f"{name} must be an ISO 8601 date/time between 1900 and 2999, "
                                "e.g. 2025-03-01T00:00:00+08:00") from None


def _status_of(demand) -> str:
    return "open" if demand.status in OPEN_STATUSES else "closed"


def _status_notes(demand) -> str:
    label = demand.get_status_display()
    if demand.status == DemandStatus.MERGED and demand.merged_into_id:
        return f"{label}：与同类诉求合并办理。"
    if demand.reply_text and demand.status in (DemandStatus.REPLIED, DemandStatus.CLOSED):
        return f"{label}：{demand.reply_text[:500]}"
    return str(label)


def _request_rows(demands) -> list[dict]:
    demands = list(demands)
    leads: dict[int, Assignment] = {}
    for a in (Assignment.objects.filter(demand_id__in=[d.pk for d in demands],
                                        role=AssignmentRole.LEAD)
              .exclude(status="returned").select_related("unit").order_by("dispatched_at")):
        leads[a.demand_id] = a  # the latest non-returned lead wins
    rows = []
    for d in demands:
        lead = leads.get(d.pk)
        open311 = (d.extra or {}).get("open311", {})
        rows.append({
            "service_request_id": d.number,
            "status": _status_of(d),
            "status_notes": _status_notes(d),
            "service_name": d.category.name if d.category_id else "",
            "service_code": d.category.code if d.category_id else "",
            "description": d.text,
            "agency_responsible": lead.unit.name if lead else "",
            "service_notice": "",
            "requested_datetime": _iso(d.received_at),
            "updated_datetime": _iso(getattr(d, "updated_at", None) or d.received_at),
            "expected_datetime": _iso(lead.reply_due_at) if lead and d.is_open else "",
            "address": d.address,
            "address_id": d.division.code if d.division_id else "",
            "zipcode": "",
            "lat": float(d.latitude) if d.latitude is not None else "",
            "long": float(d.longitude) if d.longitude is not None else "",
            "media_url": open311.get("media_url", ""),
        })
    return rows


def _requests_qs(user):
    ct = ContentType.objects.get_for_model(Demand)
    last_event = (Event.objects.filter(content_type=ct, object_id=OuterRef("pk"))
                  .values("object_id").annotate(m=Max("at")).values("m")[:1])
    return (demand_selectors.demand_list(user).select_related("category", "division")
            .annotate(updated_at=Subquery(last_event)))


def requests_get(request, fmt):
    params = request.GET
    token = _token(params, write=False)
    user = token.user if token else None
    qs = _requests_qs(user) if user else Demand.objects.none()
    ids = [i.strip() for i in (params.get("service_request_id") or "").split(",") if i.strip()]
    if ids:
        # Per the spec, other parameters are ignored when ids are given.
        qs = qs.filter(number__in=ids[:MAX_RESULTS])
        return render(_request_rows(qs), fmt, root="service_requests", item="request")
    codes = [c.strip() for c in (params.get("service_code") or "").split(",") if c.strip()]
    if codes:
        qs = qs.filter(category__code__in=codes)
    statuses = {s.strip() for s in (params.get("status") or "").split(",") if s.strip()}
    if statuses - {"open", "closed"}:
        raise Open311Error(400, "status must be open, closed or open,closed")
    if statuses == {"open"}:
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif statuses == {"closed"}:
        qs = qs.exclude(status__in=OPEN_STATUSES)
    start = _parse_date(params.get("start_date"), "start_date")
    end = _parse_date(params.get("end_date"), "end_date")
    if start and end:
        if end < start:
            raise Open311Error(400, "end_date must not be earlier than start_date")
        if end - start > MAX_RANGE:
            raise Open311Error(400, "start_date and end_date must be at most 90 days apart")
    elif start:
        end = start + MAX_RANGE
    elif end:
        start = end - MAX_RANGE
    else:
        end = timezone.now()
        start = end - MAX_RANGE
    qs = qs.filter(received_at__gte=start, received_at__lte=end)
    return render(_request_rows(qs[:MAX_RESULTS]), fmt, root="service_requests", item="request")


_PHONE_NOISE = re.compile(r"[\s\-()]")


def _decimal(raw, name, low, high):
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise Open311Error(400, f"{name} must be a number") from None
    if not value.is_finite() or not low <= value <= high:
        raise Open311Error(400, f"{name} must be between {low} and {high}")
    return value.quantize(Decimal("0.000001"))


def requests_post(request, fmt):
    # Every parameter is free text from outside: cleaned once, here, before anything reads it.
    params = {key: clean_text(value) for key, value in request.POST.items()}
    _check_jurisdiction(params)
    token = _token(params, write=True)
    code = (params.get("service_code") or "").strip()
    if not code:
        raise Open311Error(400, "service_code is required")
    category = _services_qs().filter(code=code).first()
    if category is None:
        raise Open311Error(404, f"service_code {code} not found")
    lat = _decimal(params.get("lat"), "lat", -90, 90)
    long_ = _decimal(params.get("long"), "long", -180, 180)
    address = (params.get("address_string") or "")[:200]
    address_id = (params.get("address_id") or "").strip()
    if (lat is None) != (long_ is None):
        raise Open311Error(400, "lat and long must be given together")
    if lat is None and not address and not address_id:
        raise Open311Error(400, "a location is required: lat & long, address_string or address_id")
    division = None
    if address_id:
        division = Division.objects.filter(code=address_id).first()
        if division is None:
            raise Open311Error(400, f"address_id {address_id} is not a known division code")
    attributes = {}
    for key, value in params.items():
        match = re.fullmatch(r"attribute\[(.+)\]", key)
        if match:
            attributes[match.group(1)] = value[:500]
    for attr in _attributes(category):
        if attr["required"] and attr["variable"] and not attributes.get(attr["code"]):
            raise Open311Error(400, f"attribute[{attr['code']}] is required: {attr['description']}")
    phone = _PHONE_NOISE.sub("", params.get("phone") or "")
    if phone.startswith("+86"):
        phone = phone[3:]
    description = (params.get("description") or "").strip()
    name = f"{params.get('last_name', '')}{params.get('first_name', '')}"[:40]
    text = description or f"{category.name}（{address or '见定位'}）"
    if visible_length(text) < 5:
        text = f"{category.path}：{text}"
    extra = {"open311": {"email": (params.get("email") or "")[:200],
                         "device_id": (params.get("device_id") or "")[:100],
                         "account_id": (params.get("account_id") or "")[:100],
                         "media_url": (params.get("media_url") or "")[:500],
                         "attributes": attributes,
                         "api_token": token.prefix}}
    with transaction.atomic():
        # check_scope=False: an integration's organisation token is not a staff member of a grid
        # or the dispatch centre; it is allowed to pass on what its users report, and the demand
        # then enters the same dispatch pipeline as every other channel.
        demand = demand_services.demand_create(
            actor=token.user, channel=Channel.OPEN311, type=DemandType.HELP,
            title=(description.splitlines()[0][:30] if description else category.name) or code,
            text=text, category=category, division=division, address=address,
            latitude=lat, longitude=long_, citizen_name=name, citizen_phone=phone,
            extra=extra, check_scope=False)
        link = Open311Request.objects.create(demand=demand, api_token=token)
    data = [{"service_request_id": demand.number, "token": str(link.token),
             "service_notice": "已受理，将在1个工作小时内派单。", "account_id": None}]
    return render(data, fmt, root="service_requests", item="request")


@endpoint
def requests_view(request, fmt):
    if request.method == "POST":
        return requests_post(request, fmt)
    if request.method != "GET":
        raise Open311Error(405, "only GET and POST are allowed")
    _check_jurisdiction(request.GET)
    return requests_get(request, fmt)


@endpoint
def request_detail(request, request_id, fmt):
    _check_jurisdiction(request.GET)
    token = _token(request.GET, write=False)
    qs = _requests_qs(token.user) if token else Demand.objects.none()
    demand = qs.filter(number=request_id).first()
    if demand is None:
        raise Open311Error(404, f"service_request_id {request_id} not found")
    return render(_request_rows([demand]), fmt, root="service_requests", item="request")


@endpoint
def token_detail(request, token, fmt):
    _check_jurisdiction(request.GET)
    api_token = _token(request.GET, write=False)
    link = None
    try:
        token_uuid = uuid.UUID(token)
    except ValueError:
        token_uuid = None
    if api_token is not None and token_uuid is not None:
        link = Open311Request.objects.select_related("demand").filter(token=token_uuid).first()
        if link is not None and not demand_selectors.demand_list(api_token.user).filter(
                pk=link.demand_id).exists():
            link = None
    if link is None:
        raise Open311Error(404, f"token {token} not found")
    data = [{"service_request_id": link.demand.number, "token": str(link.token)}]
    return render(data, fmt, root="service_requests", item="request")
