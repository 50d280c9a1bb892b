"""Landing cards and top-bar links of grid work."""

from django.urls import reverse
from django.utils.translation import gettext as _

from grassroots.core.policy import allows
from grassroots.core.scope import get_scope

from . import months


def cards(user, scope=None):
    scope = scope or get_scope(user)
    out = []
    month = months.month_of(months.today())
    if allows(scope, "gridwork.my_grid"):
        from .selectors.visits import month_visit_count, open_grid_demand_count

        out.append({"key": "month_visits", "label": _("本月走访"),
                    "count": month_visit_count(user, month), "url": reverse("gridwork:my_grid"),
                    "tone": "ok", "section": "gridwork", "kind": "waiting"})
        n = open_grid_demand_count(user)
        out.append({"key": "grid_open_demands", "label": _("待跟进诉求"), "count": n,
                    "url": reverse("gridwork:my_grid"), "tone": "warn" if n else "",
                    "section": "gridwork", "kind": "waiting"})
    if allows(scope, "gridwork.manage"):
        from .selectors.training import training_coverage
        from .selectors.visits import unvisited_grid_count

        n = unvisited_grid_count(user, month)
        out.append({"key": "unvisited_grids", "label": _("未走访网格"), "count": n,
                    "url": reverse("gridwork:coverage"), "tone": "warn" if n else "ok",
                    "section": "gridwork", "kind": "warning"})
        n = training_coverage(user)["figures"]["untrained"]
        out.append({"key": "untrained_secretaries", "label": _("未培训书记"), "count": n,
                    "url": reverse("gridwork:training_coverage"), "tone": "warn" if n else "ok",
                    "section": "gridwork", "kind": "warning"})
    return out


def nav(user, scope):
    items = []
    if allows(scope, "gridwork.my_grid"):
        items.append({"label": _("我的网格"), "url": reverse("gridwork:my_grid"), "section": "gridwork"})
    if allows(scope, "gridwork.visit_menu"):
        # The one visit form: the Visit row and the demands collected on it (town staff record
        # for one of their town's secretaries).
        items.append({"label": _("记录走访"), "url": reverse("gridwork:visit_new"), "section": "gridwork"})
    if allows(scope, "gridwork.county_menu"):
        items.append({"label": _("走访覆盖"), "url": reverse("gridwork:coverage"), "section": "gridwork"})
        items.append({"label": _("服务队"), "url": reverse("gridwork:team_list"), "section": "gridwork"})
        items.append({"label": _("月度通报"), "url": reverse("gridwork:report_list"), "section": "gridwork"})
        items.append({"label": _("培训"), "url": reverse("gridwork:training_list"), "section": "gridwork"})
        items.append({"label": _("志愿服务"), "url": reverse("gridwork:volunteer_list"), "section": "gridwork"})
        items.append({"label": _("先锋选树"), "url": reverse("gridwork:round_list"), "section": "gridwork"})
    return items
