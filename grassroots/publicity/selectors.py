"""Reads of publicity: the public list, the officers' lists (scope-filtered), home counts."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Q

from grassroots.workcal.services import is_working_day

from . import rules
from .models import OPEN_OBJECTION, Objection, Publicity, PublicityStatus
from .services import today


def publicities_in_force(on: date | None = None):
    """Published and inside their period (anyone may read these)."""
    return Publicity.objects.in_force(on or today()).order_by("end_on", "pk")


def publicities_for(user, *, status: str = ""):
    qs = Publicity.objects.restrict(user).select_related("organization", "town")
    if status:
        qs = qs.filter(status=status)
    return qs.annotate(open_objections=Count("objections", filter=Q(
        objections__status__in=OPEN_OBJECTION)), objections_total=Count("objections"))


def objections_for(user, *, open_only: bool = False):
    qs = Objection.objects.restrict(user).select_related("publicity")
    return qs.open() if open_only else qs


def working_days_ahead(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (for "ending soon")."""
    d, counted = start, 0
    while counted < days:
        d += timedelta(days=1)
        if is_working_day(d):
            counted += 1
    return d


def ending_soon(user):
    """Publicities in force in the user's scope that end within the next few working days."""
    now = today()
    horizon = working_days_ahead(now, rules.ENDING_SOON_WORKING_DAYS)
    return Publicity.objects.restrict(user).filter(
        status=PublicityStatus.PUBLISHED, end_on__gte=now, end_on__lte=horizon)


def publicities_in_force_count() -> int:
    return publicities_in_force().count()
