from django.db.models import Count, Sum
from django.db.models.functions import Coalesce

from ..models import VolunteerActivity, VolunteerKind


def activities_for(user, *, start=None, end=None, kind: str = ""):
    qs = VolunteerActivity.objects.restrict(user).select_related("grid", "division", "organiser")
    if start:
        qs = qs.filter(date__gte=start)
    if end:
        qs = qs.filter(date__lte=end)
    if kind in VolunteerKind.values:
        qs = qs.filter(kind=kind)
    return qs.order_by("-date", "-id")


def totals(qs) -> dict:
    """Totals by kind and overall for a filtered list (database aggregates)."""
    labels = dict(VolunteerKind.choices)
    by_kind = [dict(r, label=labels.get(r["kind"], r["kind"]))
               for r in qs.order_by().values("kind").annotate(
                   activities=Count("id"), participations=Coalesce(Sum("participants_count"), 0),
                   served=Coalesce(Sum("people_served"), 0)).order_by("-participations")]
    overall = qs.aggregate(activities=Count("id"),
                           participations=Coalesce(Sum("participants_count"), 0),
                           served=Coalesce(Sum("people_served"), 0))
    return {"by_kind": by_kind, "overall": overall}
