"""Inbound: items the city 12345 platform passes down (转办) become demands, exactly once."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grassroots.core.errors import ApplicationError
from grassroots.core.parsing import BadValue, parse_datetime
from grassroots.core.text import clean_text
from grassroots.demands import services as demand_services
from grassroots.demands.models import Category, Grade
from grassroots.people.models import Person, PersonKind, User
from grassroots.people.pii import mask_phones_in_data, mask_phones_in_text
from grassroots.places.models import Division

from ..models import CityItem, RejectedItem, SeenSignature

log = logging.getLogger(__name__)

REQUIRED = {"id": gettext_lazy("市平台工单编号"), "title": gettext_lazy("标题"),
            "content": gettext_lazy("诉求内容")}
MAX_BODY = 256 * 1024
# Demand field → the city's field name, so a 400 names what the city sent.
CITY_FIELD = {"text": "content", "citizen_phone": "caller_phone", "citizen_name": "caller_name",
              "external_id": "id", "division": "division_code"}


class ItemRejected(ApplicationError):
    """A malformed item: kept as a RejectedItem and answered with 400 and what is wrong."""

    def __init__(self, errors: dict[str, str], rejected: RejectedItem):
        detail = _("；").join(_("%(field)s：%(error)s") % {"field": k, "error": v}
                             for k, v in errors.items())
        super().__init__(_("转办件格式有误：%(errors)s") % {"errors": detail},
                         field=next(iter(errors)))
        self.field_errors = {k: [v] for k, v in errors.items()}
        self.rejected = rejected


def integration_user() -> User:
    """The login recorded as actor of everything the city platform does here."""
    username = getattr(settings, "GRASSROOTS_CITY12345_USERNAME", "integration-city12345")
    user, created = User.objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        Person.objects.create(name="12345市平台", kind=PersonKind.CADRE, user=user)
    return user


def signature_remember(signature: str) -> bool:
    """True the first time a signature is seen; False for a replay."""
    try:
        with transaction.atomic():
            SeenSignature.objects.create(signature=signature.strip().lower()[:64])
    except IntegrityError:
        return False
    return True


def signatures_purge(older_than_seconds: int = 900) -> int:
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    return SeenSignature.objects.filter(seen_at__lt=cutoff).delete()[0]


def _parse_time(value, field, errors):
    if value in (None, ""):
        return None
    try:
        return parse_datetime(value)
    except BadValue as exc:
        errors[field] = exc.message
        return None


def _category_for(text: str):
    """The city's category text ("城乡建设/供水/水压低") matched to the county's tree by name.

    The deepest name that exists wins; among equal names, the one whose parent matches the
    city's parent name. No match leaves the category empty for the dispatcher.
    """
    if not text:
        return None
    parts = [p.strip() for p in str(text).replace(">", "/").split("/") if p.strip()]
    for depth in range(len(parts) - 1, -1, -1):
        candidates = list(Category.objects.filter(name=parts[depth], is_active=True)
                          .select_related("parent").order_by("-level", "code"))
        if not candidates:
            continue
        if depth > 0:
            for c in candidates:
                if c.parent is not None and c.parent.name == parts[depth - 1]:
                    return c
        return candidates[0]
    return None


def parse_item(body: bytes) -> tuple[dict, dict, dict[str, str]]:
    """(payload, demand fields, errors) of one item as the city sends it."""
    errors: dict[str, str] = {}
    if len(body) > MAX_BODY:
        return {}, {}, {"__all__": _("报文超过256KB。")}
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return {}, {}, {"__all__": _("报文不是UTF-8编码的JSON。")}
    if not isinstance(payload, dict):
        return {}, {}, {"__all__": _("报文应为JSON对象。")}
    for key, label in REQUIRED.items():
        value = payload.get(key)
        if not isinstance(value, str | int) or not str(value).strip():
            errors[key] = _("缺少%(field)s。") % {"field": label}
    external_id = str(payload.get("id") or "").strip()
    if len(external_id) > 64:
        errors["id"] = _("市平台工单编号不能超过64个字符。")
    received_at = _parse_time(payload.get("received_at"), "received_at", errors)
    deadline = _parse_time(payload.get("deadline"), "deadline", errors)
    division = None
    if payload.get("division_code"):
        division = Division.objects.filter(code=str(payload["division_code"])).first()
        if division is None:
            errors["division_code"] = _("区划代码不存在。")
    grade = payload.get("grade") or Grade.NORMAL
    if grade not in Grade.values:
        errors["grade"] = _("紧急程度应为 normal、urgent 或 very_urgent。")
    if errors:
        return payload, {}, errors
    fields = {
        "external_id": external_id,
        "title": str(payload["title"]).strip()[:100],
        "text": str(payload["content"]).strip(),
        "category": _category_for(payload.get("category", "")),
        "division": division,
        "address": str(payload.get("address") or "")[:200],
        "citizen_name": str(payload.get("caller_name") or "")[:40],
        "citizen_phone": str(payload.get("caller_phone") or "").strip(),
        "grade": grade,
        "received_at": received_at,
        "extra": {"city12345": {"deadline": deadline.isoformat() if deadline else None,
                                "category_text": clean_text(payload.get("category"))[:100]}},
    }
    return payload, fields, {}


def _masked(payload: dict) -> dict:
    # The city's item id is kept as sent: it is what reconciliation matches on.
    return {k: v if k == "id" else mask_phones_in_data(v) for k, v in payload.items()}


def _reject(body: bytes, errors: dict, payload: dict, remote_addr: str) -> RejectedItem:
    # Kept for an administrator to read: the caller's phone only masked.
    return RejectedItem.objects.create(
        body=mask_phones_in_text(body.decode("utf-8", errors="replace")), errors=errors,
        external_id=str(payload.get("id") or "")[:64] if isinstance(payload, dict) else "",
        remote_addr=remote_addr[:64])


def city_item_receive(*, actor=None, body: bytes, remote_addr: str = "") -> tuple[CityItem, bool]:
    """Take in one item; the same external id any number of times is one demand."""
    payload, fields, errors = parse_item(body)
    if errors:
        raise ItemRejected(errors, _reject(body, errors, payload, remote_addr))
    actor = actor or integration_user()
    external_id = fields["external_id"]
    for _attempt in range(2):
        try:
            with transaction.atomic():
                item = CityItem.objects.select_for_update().filter(external_id=external_id).first()
                if item is not None:
                    CityItem.objects.filter(pk=item.pk).update(
                        deliveries=item.deliveries + 1, last_received_at=timezone.now())
                    item.deliveries += 1
                    return item, False
                demand, _created = demand_services.demand_receive_from_city(actor=actor, **fields)
                # The raw payload is kept for reconciliation with the city (ids, deadline,
                # title); the caller's phone lives encrypted on the citizen, here only masked.
                item = CityItem.objects.create(external_id=external_id,
                                               payload=_masked(payload),
                                               demand=demand)
                return item, True
        except IntegrityError:
            continue  # the same item arrived twice at once; the other delivery created it
        except ApplicationError as exc:
            field = CITY_FIELD.get(exc.field or "", exc.field or "__all__")
            errors = {field: exc.message}
            raise ItemRejected(errors, _reject(body, errors, payload, remote_addr))
    raise RuntimeError(f"could not take in city item {external_id}")
