"""The data behind the dashboard page: every figure from the stats selector, with the link to
the demand list behind it (DemandFilter parameters)."""

from urllib.parse import urlencode

from django.utils.translation import gettext as _

from grassroots.demands.filters import DemandFilter
from grassroots.demands.selectors import demand_list
from grassroots.places.models import Grid

from .stats import Period, demand_counts, month_trend, unit_stats


def drill_url(period: Period | None = None, **params) -> str:
    data = {k: v for k, v in params.items() if v not in (None, "", False)}
    if period is not None:
        data["date_from"] = period.start.isoformat()
        data["date_to"] = period.end.isoformat()
    return "/demands/?" + urlencode(data)


def _grid_geojson(grids: list[Grid]) -> dict:
    """Grid polygons where the county drew them; else a generated square per grid, grouped by
    town (a schematic map: no tiles, nothing downloaded)."""
    features = []
    towns: dict = {}
    for g in grids:
        towns.setdefault(g.division.town_id, []).append(g)
    per_row = 6
    for t_index, (_town, members) in enumerate(sorted(towns.items(), key=lambda kv: kv[0] or 0)):
        side = max(1, int(len(members) ** 0.5 + 0.999))
        ox, oy = (t_index % per_row) * 12.0, -(t_index // per_row) * 12.0
        cell = 10.0 / side
        for i, g in enumerate(members):
            if g.polygon and isinstance(g.polygon, dict) and g.polygon.get("type") in (
                    "Polygon", "MultiPolygon"):
                geometry = g.polygon
            else:
                x, y = ox + (i % side) * cell, oy - (i // side) * cell
                ring = [[x, y], [x + cell * 0.95, y], [x + cell * 0.95, y - cell * 0.95],
                        [x, y - cell * 0.95], [x, y]]
                geometry = {"type": "Polygon", "coordinates": [ring]}
            features.append({"type": "Feature", "geometry": geometry,
                             "properties": {"name": g.code, "label": g.name}})
    return {"type": "FeatureCollection", "features": features}


def list_card(user, period: Period, **filters) -> dict:
    """A card counted from the very list it opens (the list's filter, the list's selector), so
    the number and the rows cannot disagree: demands received in the period — not assignments by
    dispatch date, which the statistics page counts per unit."""
    flt = DemandFilter(date_from=period.start, date_to=period.end, **filters)
    return {"count": demand_list(user, flt=flt).count(), "url": "/demands/?" + flt.as_query()}


def dispatched_card(user, period: Period) -> dict:
    """派单: the demands received in the period that were given to a unit."""
    return list_card(user, period, dispatched=True)


def overdue_card(user, period: Period) -> dict:
    """超期: the demands received in the period with an assignment that was late at some point
    (acknowledged or replied late, or open past its deadline) — one demand with a late lead and
    a late assisting assignment is one row of the list, so it counts once."""
    return list_card(user, period, late=True)


def dashboard_data(user, period: Period) -> dict:
    # The overview shows this month only; the month-on-month comparison is on the stats page.
    units = unit_stats(user=user, period=period, group_by="unit", previous=False)
    # Categories and grids are charted by demands received: no need for their assignments' figures.
    cats = demand_counts(user=user, period=period, group_by="category")
    grids = demand_counts(user=user, period=period, group_by="grid")
    trend = month_trend(user=user, months=12, end=period.end)
    totals = units.totals
    dispatched = dispatched_card(user, period)
    overdue = overdue_card(user, period)
    grid_rows = {r["key"]: r for r in grids}
    grid_objs = list(Grid.objects.restrict(user).select_related("division")
                     .only("id", "code", "name", "households", "polygon", "division__town_id"))
    map_data = []
    for g in grid_objs:
        received = grid_rows.get(g.pk, {}).get("received", 0)
        density = round(received * 100.0 / g.households, 2) if g.households else received
        map_data.append({"name": g.code, "label": g.name, "value": density,
                         "received": received, "url": drill_url(period, grid=g.pk)})
    return {
        "period": period.key, "period_label": period.label,
        # The charts' words, translated here: dashboard.js holds no text of its own.
        "labels": {
            "received": _("受理"), "on_spot": _("现场解决"), "response": _("响应率"),
            "resolution": _("解决率"), "satisfaction": _("满意率"),
            "rank": _("（第{rank}名）"), "grid_tip": _("受理 {received} 件，每百户 {value}"),
        },
        "totals": {
            "received": totals["received"], "on_spot": totals["on_spot"],
            "dispatched": dispatched["count"], "overdue": overdue["count"],
            "rates": totals["rates"],
            # Each card opens the demands it counts: 派单 = given to a unit (dispatched_card);
            # 超期 = late at some point (overdue_card), not only overdue now.
            "urls": {"received": drill_url(period), "overdue": overdue["url"],
                     "open": drill_url(period, status="open"),
                     "dispatched": dispatched["url"]},
        },
        "trend": [{**m, "url": drill_url(Period.of(m["month"]))} for m in trend],
        "categories": [{"name": r["label"], "value": r["received"],
                        "url": drill_url(period, category=r["key"])}
                       for r in sorted(cats, key=lambda r: (-r["received"], r["label"]))[:12]
                       if r["key"] is not None],
        "units": [{"name": r["label"], "rank": r["rank"],
                   "response": r["rates"]["response"], "resolution": r["rates"]["resolution"],
                   "satisfaction": r["rates"]["satisfaction"],
                   "url": drill_url(period, unit=r["key"])} for r in units.rows],
        "map": {"geojson": _grid_geojson(grid_objs), "data": map_data},
        "on_spot": [
            {"name": _("现场解决"), "value": totals["on_spot"], "url": drill_url(period, on_spot="1")},
            {"name": _("派单办理"), "value": max(totals["received"] - totals["on_spot"], 0),
             "url": drill_url(period, on_spot="0")},
        ],
    }
