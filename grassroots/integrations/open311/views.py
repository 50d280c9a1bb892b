"""The GeoReport v2 endpoints (mounted by ``integrations/urls.py``): each checks the
jurisdiction and the ``api_key`` and answers in the asked format, refusals as the spec's error
list."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.views.decorators.csrf import csrf_exempt

from grassroots.core.errors import ApplicationError
from grassroots.core.text import clean_text
from grassroots.demands import selectors as demand_selectors

from ..models import Open311Request
from ..services.tokens import api_token_lookup
from .catalog import attributes, service_json, services_qs
from .formats import Open311Error, error, render
from .intake import request_intake
from .requests import request_rows, requests_qs, requests_search

SPEC_URL = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2025-01-01T00:00:00+08:00"
# Demand field → the Open311 parameter a client sent, so an error names what to fix.
OPEN311_FIELD = {"citizen_phone": "phone", "citizen_name": "last_name", "text": "description",
                 "title": "description", "division": "address_id"}


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
    data = [service_json(c) for c in services_qs().order_by("code")]
    return render(data, fmt, root="services", item="service")


@endpoint
def service_definition(request, code, fmt):
    _check_jurisdiction(request.GET)
    category = services_qs().filter(code=code).first()
    if category is None:
        raise Open311Error(404, f"service_code {code} not found")
    data = {"service_code": category.code, "attributes": attributes(category)}
    return render(data, fmt, root="service_definition")


# --- requests -------------------------------------------------------------------------------


def requests_get(request, fmt):
    token = _token(request.GET, write=False)
    qs = requests_search(requests_qs(token.user if token else None), request.GET)
    return render(request_rows(qs), fmt, root="service_requests", item="request")


def requests_post(request, fmt):
    # Every parameter is free text from outside: cleaned once, here, before anything reads it.
    params = {key: clean_text(value) for key, value in request.POST.items()}
    _check_jurisdiction(params)
    token = _token(params, write=True)
    demand, link = request_intake(token=token, params=params)
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
    demand = requests_qs(token.user if token else None).filter(number=request_id).first()
    if demand is None:
        raise Open311Error(404, f"service_request_id {request_id} not found")
    return render(request_rows([demand]), fmt, root="service_requests", item="request")


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
