"""Received and solved-on-the-spot demands per month: the dashboard trend (stored closed months
county-wide) and the special reports' monthly chart."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from grassroots.core import clock

from .periods import Period, Topic, month_range, months_ending
from .units import _demands_received


def count_months(*, user, period: Period, topic: Topic | None = None) -> dict[str, dict]:
    """Received / solved-on-the-spot demands per calendar month inside ``period``, one grouped
    query in the user's scope: ``{"2026-10": {"received": .., "on_spot": ..}, ...}`` with every
    month the period touches (zeros included)."""
    from django.db.models.functions import TruncMonth

    tz = timezone.get_default_timezone()
    rows = (_demands_received(user, period, topic).order_by()
            .annotate(m=TruncMonth("received_at", tzinfo=tz)).values("m")
            .annotate(received=Count("pk"), on_spot=Count("pk", filter=Q(solved_on_spot=True))))
    found = {r["m"].strftime("%Y-%m"): {"received": r["received"], "on_spot": r["on_spot"]}
             for r in rows}
    months = month_range(Period.month(period.start.year, period.start.month),
                         (period.end.year - period.start.year) * 12
                         + period.end.month - period.start.month + 1)
    return {p.key: found.get(p.key, {"received": 0, "on_spot": 0}) for p in months}


def month_trend(*, user, months: int = 12, end: date | None = None) -> list[dict]:
    """Received / solved on the spot per month for the dashboard trend.

    County-wide, the closed months come from ``MonthVolume`` (counted by the nightly job); a
    closed month not counted yet and the open month are counted live, so the figures are always
    there — at 5 M demands a year of rows is seconds of counting, the stored months are one read.
    Other scopes (a town, a unit) are counted live: their rows are few.
    """
    from grassroots.core.policy import allows
    from grassroots.core.scope import get_scope

    from ..models import MonthVolume

    end = end or timezone.localdate(clock.now())
    periods = months_ending(Period.of(end), months)
    figures: dict[str, dict] = {}
    scope = get_scope(user)
    if allows(scope, "supervision.county_figures"):
        today = timezone.localdate(clock.now())
        closed = [p.start for p in periods if p.end < today]
        for v in MonthVolume.objects.filter(month__in=closed):
            figures[f"{v.month:%Y-%m}"] = {"received": v.received, "on_spot": v.on_spot}
    missing = [p for p in periods if p.key not in figures]
    if missing:
        # One query over the span of the missing months (normally only the open month).
        counted = count_months(user=user, period=Period(missing[0].start, missing[-1].end))
        figures.update({p.key: counted[p.key] for p in missing})
    return [{"month": p.key, "date_from": p.start.isoformat(), "date_to": p.end.isoformat(),
             **figures[p.key]} for p in periods]


def month_counts(*, user, period: Period, topic: Topic | None = None) -> list[dict]:
    """Demands received per month inside a period (special-report chart), one query."""
    return [{"month": key, **figures}
            for key, figures in count_months(user=user, period=period, topic=topic).items()]
