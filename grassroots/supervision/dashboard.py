"""The data behind the dashboard page: every figure from the stats selector, with the link to
the demand list behind it (DemandFilter parameters)."""

from urllib.parse import urlencode

from django.db.models import Sum
from django.utils.translation import gettext as _

from grassroots.demands.filters import DemandFilter
from grassroots.demands.selectors import demand_list
from grassroots.places.boundaries import map_layers, map_towns
from grassroots.places.models import Grid

from .stats import Period, demand_counts, month_trend, unit_stats


def drill_url(period: Period | None = None, **params) -> str:
    data = {k: v for k, v in params.items() if v not in (None, "", False)}
    if period is not None:
        data["date_from"] = period.start.isoformat()
        data["date_to"] = period.end.isoformat()
    return "/demands/?" + urlencode(data)


def _rate(num: int, den: int) -> float | None:
    """A percentage, or None when there is nothing to divide by ("no data", not 0 %)."""
    return round(num * 100.0 / den, 1) if den else None


def _place_item(obj, row: dict | None, households: int, url: str) -> dict:
    received = (row or {}).get("received", 0)
    on_spot = (row or {}).get("on_spot", 0)
    return {"name": obj.code, "label": obj.name, "received": received, "on_spot": on_spot,
            "households": households,
            # Each figure None where it has no sample: the map draws "no data" apart from 0.
            "density": _rate(received, households),
            "on_spot_rate": _rate(on_spot, received),
            "url": url}


def county_map(user, period: Period) -> dict:
    """The county map: towns and grids with their outlines (the county's own, or a generated
    schematic — ``places.boundaries``), each with the period's figures and its demand list."""
    grids = list(Grid.objects.restrict(user).select_related("division")
                 .only("id", "code", "name", "households", "polygon", "division__town_id")
                 .order_by("code"))
    town_ids = {g.division.town_id for g in grids}
    towns = map_towns(town_ids)
    households = dict(Grid.objects.restrict(user).order_by().values("division__town_id")
                      .annotate(n=Sum("households")).values_list("division__town_id", "n"))
    grid_rows = {r["key"]: r for r in demand_counts(user=user, period=period, group_by="grid")}
    town_rows = {r["key"]: r for r in demand_counts(user=user, period=period, group_by="town")}
    layers = map_layers(grids, towns)
    return {
        "layers": {"towns": layers["towns"], "grids": layers["grids"]},
        "source": layers["source"],
        "towns": [_place_item(t, town_rows.get(t.pk), households.get(t.pk) or 0,
                              drill_url(period, division=t.pk)) for t in towns],
        "grids": [_place_item(g, grid_rows.get(g.pk), g.households,
                              drill_url(period, grid=g.pk)) for g in grids],
    }


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
    trend = month_trend(user=user, months=12, end=period.end)
    totals = units.totals
    dispatched = dispatched_card(user, period)
    overdue = overdue_card(user, period)
    return {
        "period": period.key, "period_label": period.label,
        # The charts' words, translated here: dashboard.js holds no text of its own.
        "labels": {
            "received": _("受理"), "on_spot": _("现场解决"), "response": _("响应率"),
            "resolution": _("解决率"), "satisfaction": _("满意率"),
            "rank": _("（第{rank}名）"),
            "map_tip": _("受理 {received} 件，现场解决 {on_spot} 件<br>每百户 {density}，现场解决率 {rate}"),
            "no_data": _("无数据"), "towns": _("镇街"), "grids": _("网格"),
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
        "map": county_map(user, period),
        "on_spot": [
            {"name": _("现场解决"), "value": totals["on_spot"], "url": drill_url(period, on_spot="1")},
            {"name": _("派单办理"), "value": max(totals["received"] - totals["on_spot"], 0),
             "url": drill_url(period, on_spot="0")},
        ],
    }
