"""The stored monthly volumes behind the dashboard's 12-month trend (``stats.month_trend``)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from grassroots.core import clock

from ..models import MonthVolume
from ..stats import COUNTY_WIDE, Period, count_months, months_ending

KEEP_MONTHS = 24
# A demand merged after its month ended changes that month's count; recount the last ones.
RECOUNT_MONTHS = 2


def month_volumes_refresh(*, today: date | None = None) -> dict:
    """Count each closed month of the last ``KEEP_MONTHS`` not stored yet and recount the last
    ``RECOUNT_MONTHS`` closed months, in one grouped query. Idempotent (a nightly job)."""
    today = today or timezone.localdate(clock.now())
    periods = months_ending(Period.of(today).previous(), KEEP_MONTHS)
    stored = set(MonthVolume.objects.filter(month__in=[p.start for p in periods])
                 .values_list("month", flat=True))
    todo = [p for p in periods if p.start not in stored] + periods[-RECOUNT_MONTHS:]
    todo = sorted(set(todo), key=lambda p: p.start)
    counted = count_months(user=COUNTY_WIDE, period=Period(todo[0].start, todo[-1].end))
    at = clock.now()
    MonthVolume.objects.bulk_create(
        [MonthVolume(month=p.start, counted_at=at, **counted[p.key]) for p in todo],
        update_conflicts=True, unique_fields=["month"],
        update_fields=["received", "on_spot", "counted_at"])
    return {"counted": len(todo), "months": [p.key for p in todo]}
