"""The reference data the offline forms need, per user: what the service worker caches (pages
and this JSON) is exactly what the user may see online, and nothing else."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from grassroots.core import clock
from grassroots.core.policy import can
from grassroots.core.scope import get_scope
from grassroots.demands.models import Category, DemandType
from grassroots.gridwork import months
from grassroots.gridwork.models import MonthlyTheme
from grassroots.gridwork.selectors.visits import recordable_grids
from grassroots.partyday.models import DayStatus, ThemePartyDay

# Extra "one more demand" blocks the visit form may load offline (the htmx fragment).
DEMAND_ROWS = range(2, 9)
THEMEDAY_STATUSES = (DayStatus.PLANNED, DayStatus.INVITED, DayStatus.HELD,
                     DayStatus.SUGGESTIONS_RECORDED)


def start_url(user) -> str:
    """The installed app opens on the role's home: a secretary's grid, a branch's theme days."""
    if not getattr(user, "is_authenticated", False):
        return reverse("home")
    if get_scope(user).is_secretary:
        return reverse("gridwork:my_grid")
    if can(user, "partyday.view") and recordable_themedays(user).exists():
        return reverse("partyday:day_list")
    return reverse("home")


def recordable_themedays(user):
    """Theme days of this and last month the user may record (not yet closed)."""
    today = timezone.localdate(clock.now())
    since = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    return (ThemePartyDay.objects.restrict(user, "change").filter(
        month__gte=since, status__in=THEMEDAY_STATUSES)
        .select_related("branch").order_by("-month", "branch__path"))


def for_user(user) -> dict:
    scope = get_scope(user)
    month = months.month_of(months.today())
    grids = list(recordable_grids(user)[:200]) if scope.is_secretary or can(
        user, "gridwork.overview") else []
    theme = MonthlyTheme.objects.filter(month=month).first()
    days = list(recordable_themedays(user)[:50]) if can(user, "partyday.view") else []
    pages = [reverse("offline:outbox")]
    if grids:
        visit_new = reverse("gridwork:visit_new")
        row = reverse("gridwork:demand_row")
        pages += [visit_new, reverse("gridwork:my_grid") if scope.is_secretary else visit_new]
        pages += [f"{row}?i={i}" for i in DEMAND_ROWS]
    if days:
        pages.append(reverse("partyday:day_list"))
        pages += [reverse("offline:themeday_record", args=[d.pk]) for d in days]
    villages = {}
    for g in grids:
        villages.setdefault(g.division_id, {"id": g.division_id, "name": g.division.name})
    return {
        "user": user.pk,
        "start_url": start_url(user),
        "month": month,
        "theme": {"title": theme.title, "description": theme.description} if theme else None,
        "grids": [{"id": g.pk, "code": g.code, "name": g.name, "village": g.division_id}
                  for g in grids],
        "villages": list(villages.values()),
        "demand_types": [{"value": v, "label": str(label)} for v, label in DemandType.choices],
        "categories": list(Category.objects.filter(is_active=True, level=1)
                           .order_by("code").values("id", "code", "name")),
        "theme_days": [{"id": d.pk, "branch": d.branch.name, "month": f"{d.month:%Y-%m}",
                        "status": d.status, "theme": d.theme,
                        "url": reverse("offline:themeday_record", args=[d.pk])} for d in days],
        "pages": list(dict.fromkeys(pages)),
    }
