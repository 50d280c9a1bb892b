"""Month figures per team (grid), town and county — grouped queries, merged by key."""

from django.db.models import Count, F, Q

from grassroots.demands.models import Channel, Demand, Satisfaction
from grassroots.places.models import Grid

from .. import months
from ..models import Visit

RATED = (Satisfaction.SATISFIED, Satisfaction.BASICALLY, Satisfaction.UNSATISFIED)
GOOD = (Satisfaction.SATISFIED, Satisfaction.BASICALLY)
LEVELS = {"team": "", "town": "division__town_id", "county": None}


def _rate(part, whole):
    return round(100 * part / whole, 1) if whole else None


def _grouped(month: str, key: str | None) -> dict:
    """{group: figures} for one level; ``key`` is a Grid lookup ("pk", "division__town_id") or
    None for the whole county. Three grouped queries, merged by key."""
    dstart, dend = months.date_bounds(month)
    tstart, tend = months.datetime_bounds(month)

    def group(qs, lookup, **aggs):
        if key is None:
            return {None: qs.aggregate(**aggs)}
        return {r.pop("k"): r for r in qs.order_by().values(k=F(lookup)).annotate(**aggs)}

    grids = group(Grid.objects.all(), key, grids=Count("id"))
    visits = group(Visit.objects.filter(date__gte=dstart, date__lt=dend), f"grid__{key}",
                   visits=Count("id"), grids_covered=Count("grid", distinct=True))
    demands = group(
        Demand.objects.filter(channel=Channel.VISIT, received_at__gte=tstart,
                              received_at__lt=tend, grid__isnull=False), f"grid__{key}",
        collected=Count("id"), on_spot=Count("id", filter=Q(solved_on_spot=True)),
        passed_on=Count("id", filter=Q(solved_on_spot=False)),
        rated=Count("id", filter=Q(satisfaction__in=RATED)),
        satisfied=Count("id", filter=Q(satisfaction__in=GOOD)),
    )
    out = {}
    for k, g in grids.items():
        v = visits.get(k) or {}
        d = demands.get(k) or {}
        row = {"grids": g["grids"], "visits": v.get("visits") or 0,
               "grids_covered": v.get("grids_covered") or 0,
               **{f: d.get(f) or 0 for f in ("collected", "on_spot", "passed_on", "rated",
                                             "satisfied")}}
        row["coverage_rate"] = _rate(row["grids_covered"], row["grids"])
        row["satisfaction_rate"] = _rate(row["satisfied"], row["rated"])
        out[k] = row
    return out


def month_figures(month: str) -> dict:
    """The month-end report's figures: county, every town, every team (grid)."""
    from grassroots.places.models import Division

    county = _grouped(month, None)[None]
    towns_raw = _grouped(month, "division__town_id")
    town_names = dict(Division.objects.filter(pk__in=[k for k in towns_raw if k])
                      .values_list("pk", "name"))
    towns = [dict(r, town_id=k, town=town_names.get(k, "")) for k, r in towns_raw.items()]
    towns.sort(key=lambda r: r["town"])
    teams_raw = _grouped(month, "pk")
    info = {g["pk"]: g for g in Grid.objects.values("pk", "code", "name", "team__name",
                                                    "team__pk", "division__town__name")}
    teams = []
    for k, r in teams_raw.items():
        g = info.get(k, {})
        teams.append(dict(r, grid_id=k, grid_code=g.get("code", ""), grid=g.get("name", ""),
                          team=g.get("team__name") or "", team_id=g.get("team__pk"),
                          town=g.get("division__town__name", "")))
    teams.sort(key=lambda r: r["grid_code"])
    return {"month": month, "county": county, "towns": towns, "teams": teams}
