"""Demo county: the city 12345 link as it would stand after 18 months.

The demand history (step 450) took in the demands the city passed down through the demand
service; here each gets the CityItem the inbound endpoint would have recorded (the item as the
city sent it, reconstructed from the demand), and the reports the county sent back at the time
are marked delivered — the demo has no city platform, and 18 months of undelivered reports
would not be the county's real state. What demo users do from now on is reported for real (to
GRASSROOTS_CITY12345_CALLBACK_URL; with nothing listening there, the reports wait and retry).
"""

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from grassroots.demo.registry import SeedContext, register_step
from grassroots.demo.summary import register_counts

# The city's usual time limit for an item passed down to a county.
CITY_WORKING_DAYS = 5


def _city_payload(demand) -> dict:
    from grassroots.workcal.services import add_working_days

    city = (demand.extra or {}).get("city12345", {})
    deadline = city.get("deadline") or timezone.localtime(
        add_working_days(demand.received_at, CITY_WORKING_DAYS).due_at).isoformat()
    return {
        "id": demand.external_id, "title": demand.title, "content": demand.text,
        "category": city.get("category_text") or (demand.category.path if demand.category else ""),
        "division_code": demand.division.code if demand.division else "",
        "address": demand.address, "caller_name": demand.caller_name,
        "caller_phone": demand.citizen.phone_masked if demand.citizen else "",
        "received_at": timezone.localtime(demand.received_at).isoformat(),
        "deadline": deadline,
    }


def seed_city12345(ctx: SeedContext):
    from grassroots.demands.models import Channel, Demand

    from .models import CityItem, OutboxMessage, OutboxStatus

    known = set(CityItem.objects.values_list("external_id", flat=True))
    demands = (Demand.objects.filter(channel=Channel.CITY_12345).exclude(external_id="")
               .exclude(external_id__in=known)
               .select_related("category__parent__parent", "division", "citizen"))
    items = [CityItem(external_id=d.external_id, payload=_city_payload(d), demand=d,
                      received_at=d.received_at, last_received_at=d.received_at)
             for d in demands]
    CityItem.objects.bulk_create(items, batch_size=500)
    delivered = OutboxMessage.objects.filter(status=OutboxStatus.PENDING).update(
        status=OutboxStatus.SENT, sent_at=F("created_at") + timedelta(seconds=5), attempts=1,
        last_error="")
    return {"city_items": len(items), "reports_delivered": delivered}


def city_counts() -> dict:
    from .models import CityItem, OutboxMessage

    return {"city_items": CityItem.objects.count(),
            "city_reports": OutboxMessage.objects.count()}


# After every step that replays history (supervision 500, triage 550, grid work 600).
register_step("city12345", seed_city12345, order=650, label="12345市平台对接（转办件与回传）")
register_counts(city_counts, labels={"city_items": "12345转办件", "city_reports": "12345回传消息"})
