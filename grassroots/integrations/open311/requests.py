"""Service requests read back: a demand as a GeoReport request row, and the search parameters
of ``GET requests`` (ids, service codes, status, a date range of at most 90 days)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from grassroots.core.models import Event
from grassroots.core.parsing import BadValue, parse_datetime
from grassroots.demands import selectors as demand_selectors
from grassroots.demands.models import (
    OPEN_STATUSES,
    Assignment,
    AssignmentRole,
    Demand,
    DemandStatus,
)

from .formats import Open311Error, iso

MAX_RANGE = timedelta(days=90)
MAX_RESULTS = 1000


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


def request_rows(demands) -> list[dict]:
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
            "requested_datetime": iso(d.received_at),
            "updated_datetime": iso(getattr(d, "updated_at", None) or d.received_at),
            "expected_datetime": iso(lead.reply_due_at) if lead and d.is_open else "",
            "address": d.address,
            "address_id": d.division.code if d.division_id else "",
            "zipcode": "",
            "lat": float(d.latitude) if d.latitude is not None else "",
            "long": float(d.longitude) if d.longitude is not None else "",
            "media_url": open311.get("media_url", ""),
        })
    return rows


def requests_qs(user):
    """The demands ``user`` may see (the token's user, like every page), with the time of their
    last event as ``updated_at``; no user, no rows."""
    if user is None:
        return Demand.objects.none()
    ct = ContentType.objects.get_for_model(Demand)
    last_event = (Event.objects.filter(content_type=ct, object_id=OuterRef("pk"))
                  .values("object_id").annotate(m=Max("at")).values("m")[:1])
    return (demand_selectors.demand_list(user).select_related("category", "division")
            .annotate(updated_at=Subquery(last_event)))


def requests_search(qs, params):
    """``qs`` narrowed by the GET parameters, at most ``MAX_RESULTS`` rows."""
    ids = [i.strip() for i in (params.get("service_request_id") or "").split(",") if i.strip()]
    if ids:
        # Per the spec, other parameters are ignored when ids are given.
        return qs.filter(number__in=ids[:MAX_RESULTS])
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
    return qs.filter(received_at__gte=start, received_at__lte=end)[:MAX_RESULTS]
