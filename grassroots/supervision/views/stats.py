from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from grassroots.core.policy import require

from ..dashboard import dashboard_data, drill_url
from ..forms import StatsForm
from ..stats import definitions_display, unit_stats
from .common import default_month, parse_month


def score_display(score: float | None) -> str:
    """A composite score as shown on the page: one decimal for every row ("69.1", "100.0")."""
    return "—" if score is None else f"{score:.1f}"


def points_display(change: float | None) -> str | None:
    """A change of rate in percentage points: "持平" for none, "+3.2 / −27.3 个百分点" otherwise;
    None when there is nothing to compare (no sample in one of the months)."""
    if change is None:
        return None
    if round(change, 1) == 0:
        return _("持平")
    sign = "+" if change > 0 else "\u2212"
    return _("%(change)s 个百分点") % {"change": f"{sign}{abs(change):.1f}"}


@login_required
def stats_page(request):
    require(request.user, "core.staff")
    form = StatsForm(request.GET or None)
    period, by = default_month(), "unit"
    if form.is_valid():
        period = parse_month(form.cleaned_data["month"]) or period
        by = form.cleaned_data["by"] or "unit"
    stats = unit_stats(user=request.user, period=period, group_by=by)
    for row in stats.rows:
        row["score_display"] = score_display(row["score"])
        change = row.get("change") or {}
        row["response_change_display"] = points_display(change.get("response"))
        row["url"] = drill_url(period, **row["filter"])
        row["overdue_url"] = drill_url(period, late=1, **row["filter"])
    return render(request, "supervision/stats.html", {
        "form": form, "stats": stats, "period": period, "by": by,
        "definitions": definitions_display(), "totals_url": drill_url(period),
        "prev_month": period.previous().key,
    })


@login_required
def dashboard(request):
    require(request.user, "core.staff")
    period = parse_month(request.GET.get("month")) or default_month()
    data = dashboard_data(request.user, period)
    return render(request, "supervision/dashboard.html", {
        "data": data, "period": period, "definitions": definitions_display(),
        "prev_month": period.previous().key,
    })
