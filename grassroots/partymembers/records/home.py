"""Landing cards of the records: letters waiting to be accepted by the user's branches, and
expired letters of the user's scope (each one aggregate query, the card opens the same list)."""

from django.db.models import Count, Min, Q
from django.utils.translation import gettext as _

from grassroots.core.policy import allows

from .models import Transfer, TransferStatus


def home_items(user, scope) -> list[dict]:
    if not allows(scope, "partymembers.records_view"):
        return []
    mine = Transfer.objects.restrict(user, "view")
    receiving = Q(status=TransferStatus.ISSUED)
    if not scope.sees_all_party:
        receiving &= Q(to_org_id__in=scope.ids("party_org"))
    counts = mine.aggregate(
        waiting=Count("pk", filter=receiving),
        first=Min("valid_until", filter=receiving),
        expired=Count("pk", filter=Q(status=TransferStatus.EXPIRED)))
    items = []
    if counts["waiting"]:
        items.append({"section": "party", "kind": "waiting", "label": _("待接收的组织关系"),
                      "count": counts["waiting"], "url": "/party/transfers/?tab=incoming",
                      "due_on": counts["first"]})
    if counts["expired"]:
        items.append({"section": "party", "kind": "warning", "label": _("已过期的组织关系介绍信"),
                      "count": counts["expired"], "url": "/party/transfers/?tab=expired"})
    return items
