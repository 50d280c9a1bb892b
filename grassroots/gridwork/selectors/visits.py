from django.db.models import Count, Exists, Max, OuterRef, Q

from grassroots.core.scope import get_scope
from grassroots.core.selectors import get_for_user
from grassroots.demands.models import OPEN_STATUSES, Channel, Demand
from grassroots.demands.selectors import grid_demands
from grassroots.people.models import Person, ServiceTeamMember
from grassroots.places.models import Division, Grid

from .. import months
from ..models import Visit, VisitPhoto
from ..models.scoping import sees_county
from .common import SubqueryCount


def visits_for(user):
    return (Visit.objects.restrict(user).select_related("grid__division", "secretary", "theme")
            .order_by("-date", "-id"))


def get_visit_photo_for_user(user, pk) -> VisitPhoto:
    """A photo of a visit the user may see; the same 404 for missing and not yours."""
    return get_for_user(VisitPhoto.objects.select_related("visit"), user, pk)


def get_visit_for_user(user, pk) -> Visit:
    return get_for_user(visits_for(user).prefetch_related("photos", "demands"), user, pk)


def my_grids(user, month: str):
    """The secretary's grids with this month's visits and open demands."""
    start, end = months.date_bounds(month)
    scope = get_scope(user)
    return (Grid.objects.filter(pk__in=scope.grid_ids).select_related("division__town")
            .annotate(
                month_visits=SubqueryCount(Visit.objects.filter(
                    grid=OuterRef("pk"), date__gte=start, date__lt=end).values("pk")),
                open_demands=SubqueryCount(Demand.objects.filter(
                    grid=OuterRef("pk"), status__in=OPEN_STATUSES).values("pk")),
            ).order_by("code"))


def my_month_summary(user, month: str) -> dict:
    """Demands collected in my grids this month: total, solved on the spot, passed on."""
    start, end = months.datetime_bounds(month)
    return grid_demands(user).filter(received_at__gte=start, received_at__lt=end).aggregate(
        collected=Count("id"),
        on_spot=Count("id", filter=Q(solved_on_spot=True)),
        passed_on=Count("id", filter=Q(solved_on_spot=False)),
    )


def my_pending_demands(user, limit: int = 30):
    """Demands passed on from my grids that are still open, oldest first."""
    return (grid_demands(user).filter(solved_on_spot=False, status__in=OPEN_STATUSES)
            .order_by("received_at", "id")[:limit])


def recordable_grids(user):
    """Grids offered on the visit form: the grids' own "change" scope (the administrator every
    grid; otherwise the user's own grids and every grid of their town)."""
    return Grid.objects.restrict(user, "change").select_related("division").order_by("code")


def seated_secretaries(grid_ids):
    return (Person.objects.filter(Exists(ServiceTeamMember.objects.filter(
        person=OuterRef("pk"), ended_at__isnull=True, team__grid_id__in=grid_ids)))
        .order_by("name", "pk"))


# --- coverage -----------------------------------------------------------------------------------

def coverage_grids(user):
    """Grids whose coverage the user may see."""
    scope = get_scope(user)
    if sees_county(scope):
        return Grid.objects.all()
    q = Q(pk__in=scope.grid_ids)
    if scope.town_ids:
        q |= Q(division__town_id__in=scope.town_ids)
    return Grid.objects.filter(q)


def coverage(user, month: str, *, town_id: int | None = None) -> dict:
    """Which grids were visited in ``month``: county, per town and per team, all in the database."""
    start, end = months.date_bounds(month)
    grids = coverage_grids(user)
    if town_id:
        grids = grids.filter(division__town_id=town_id)
    month_visits = Visit.objects.filter(date__gte=start, date__lt=end, grid__in=grids)
    visited = Exists(Visit.objects.filter(grid=OuterRef("pk"), date__gte=start, date__lt=end))

    county = grids.aggregate(total=Count("id"), visited=Count("id", filter=Q(visited)))
    county["visits"] = month_visits.count()
    county["unvisited"] = county["total"] - county["visited"]

    totals = {r["division__town_id"]: r for r in grids.values("division__town_id").annotate(
        total=Count("id"), visited=Count("id", filter=Q(visited)))}
    visits_by_town = dict(month_visits.values("grid__division__town_id")
                          .annotate(n=Count("id")).values_list("grid__division__town_id", "n"))
    # towns in administrative order (their division codes), as every county list has them
    ordered = list(Division.objects.filter(pk__in=totals).order_by("code")
                   .values_list("pk", "name"))
    towns = [
        {"town_id": tid, "town": name, "total": totals[tid]["total"],
         "visited": totals[tid]["visited"],
         "unvisited": totals[tid]["total"] - totals[tid]["visited"],
         "visits": visits_by_town.get(tid, 0),
         "rate": (round(100 * totals[tid]["visited"] / totals[tid]["total"], 1)
                  if totals[tid]["total"] else 0.0)}
        for tid, name in ordered
    ]
    county["rate"] = round(100 * county["visited"] / county["total"], 1) if county["total"] else 0.0
    teams = (grids.select_related("division__town", "team")
             .annotate(month_visits=SubqueryCount(Visit.objects.filter(
                 grid=OuterRef("pk"), date__gte=start, date__lt=end).values("pk")),
                 last_visit=Max("visits__date"))
             .order_by("division__town__code", "code"))
    return {"county": county, "towns": towns, "teams": teams,
            "unvisited": teams.filter(month_visits=0)}


def unvisited_grid_count(user, month: str) -> int:
    start, end = months.date_bounds(month)
    return coverage_grids(user).exclude(
        Exists(Visit.objects.filter(grid=OuterRef("pk"), date__gte=start, date__lt=end))
    ).count()


def month_visit_count(user, month: str) -> int:
    start, end = months.date_bounds(month)
    return Visit.objects.filter(grid_id__in=get_scope(user).grid_ids, date__gte=start,
                                date__lt=end).count()


def open_grid_demand_count(user) -> int:
    scope = get_scope(user)
    return Demand.objects.filter(grid_id__in=scope.grid_ids, status__in=OPEN_STATUSES).count()


def visit_demand_stats(visit_ids):
    return (Demand.objects.filter(visits__in=visit_ids, channel=Channel.VISIT)
            .aggregate(n=Count("id"), on_spot=Count("id", filter=Q(solved_on_spot=True))))
