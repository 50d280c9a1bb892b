"""A posted service request becoming a demand of channel ``open311``: the parameters checked
(service code, location, required attributes) and handed to ``demand_create``."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.db import transaction

from grassroots.demands import services as demand_services
from grassroots.demands.models import Channel, Demand, DemandType
from grassroots.people.validators import visible_length
from grassroots.places.models import Division

from ..models import Open311Request
from .catalog import attributes, services_qs
from .formats import Open311Error

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


def request_intake(*, token, params: dict) -> tuple[Demand, Open311Request]:
    """Create the demand (and its Open311 link) from ``params`` already cleaned of control
    characters; ``token`` is an API token with the ``write`` scope."""
    code = (params.get("service_code") or "").strip()
    if not code:
        raise Open311Error(400, "service_code is required")
    category = services_qs().filter(code=code).first()
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
    given = {}
    for key, value in params.items():
        match = re.fullmatch(r"attribute\[(.+)\]", key)
        if match:
            given[match.group(1)] = value[:500]
    for attr in attributes(category):
        if attr["required"] and attr["variable"] and not given.get(attr["code"]):
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
                         "attributes": given,
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
    return demand, link
