"""Reads for the integrations pages, scope-checked and with a constant number of queries."""


from django.db.models import Count

from grassroots.core.parsing import BadValue, parse_datetime
from grassroots.core.policy import require
from grassroots.demands.models import Assignment, AssignmentRole

from .models import CityItem, OutboxMessage, OutboxStatus, RejectedItem, report_kind_label


def reconciliation_rows(user, items):
    """For a page of CityItems: what the city sent, what the county has, what was reported."""
    require(user, "integrations.reconcile")
    items = list(items)
    ids = [i.external_id for i in items]
    counts: dict[str, dict[str, int]] = {}
    for row in (OutboxMessage.objects.filter(external_id__in=ids)
                .values("external_id", "status").annotate(n=Count("id"))):
        counts.setdefault(row["external_id"], {})[row["status"]] = row["n"]
    reported: dict[str, list[str]] = {}
    for ext, kind in (OutboxMessage.objects.filter(external_id__in=ids, status=OutboxStatus.SENT)
                      .order_by("created_at", "id").values_list("external_id", "kind")):
        reported.setdefault(ext, []).append(report_kind_label(kind))
    leads = {a.demand_id: a for a in Assignment.objects.filter(
        demand_id__in=[i.demand_id for i in items if i.demand_id], role=AssignmentRole.LEAD,
    ).exclude(status="returned").select_related("unit")}
    rows = []
    for item in items:
        c = counts.get(item.external_id, {})
        pending, failed = c.get(OutboxStatus.PENDING, 0), c.get(OutboxStatus.FAILED, 0)
        state = "failed" if failed else "pending" if pending else "ok"
        rows.append({
            "item": item, "demand": item.demand, "lead": leads.get(item.demand_id),
            "city_deadline": _city_time((item.payload or {}).get("deadline")),
            "sent": c.get(OutboxStatus.SENT, 0), "pending": pending, "failed": failed,
            "reported": reported.get(item.external_id, []), "state": state,
        })
    return rows


def _city_time(value):
    """The city's ISO 8601 time as a datetime (None when missing or not a time)."""
    try:
        return parse_datetime(value)
    except BadValue:
        return None


def city_items(user):
    require(user, "integrations.reconcile")
    return CityItem.objects.select_related("demand").order_by("-received_at", "-id")


def failed_messages(user):
    require(user, "integrations.reconcile")
    return OutboxMessage.objects.filter(status=OutboxStatus.FAILED).order_by("-created_at")


def pending_messages(user):
    """Reports not delivered yet, the next one to be tried first."""
    require(user, "integrations.reconcile")
    return OutboxMessage.objects.filter(status=OutboxStatus.PENDING).order_by("next_attempt_at",
                                                                                "id")


def rejected_items(user, *, unresolved_only=True):
    require(user, "integrations.reconcile")
    qs = RejectedItem.objects.order_by("-received_at", "-id")
    return qs.filter(resolved_at__isnull=True) if unresolved_only else qs


def summary(user) -> dict:
    require(user, "integrations.reconcile")
    by_status = dict(OutboxMessage.objects.values_list("status").annotate(n=Count("id")))
    return {
        "items": CityItem.objects.count(),
        "sent": by_status.get(OutboxStatus.SENT, 0),
        "pending": by_status.get(OutboxStatus.PENDING, 0),
        "failed": by_status.get(OutboxStatus.FAILED, 0),
        "rejected": RejectedItem.objects.filter(resolved_at__isnull=True).count(),
    }
