from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..dashboard import dashboard_data, drill_url
from ..forms import StatsForm
from ..stats import definitions_display, unit_stats
from .common import default_month, parse_month, require_staff


@login_required
def stats_page(request):
    require_staff(request)
    form = StatsForm(request.GET or None)
    period, by = default_month(), "unit"
    if form.is_valid():
        period = parse_month(form.cleaned_data["month"]) or period
        by = form.cleaned_data["by"] or "unit"
    stats = unit_stats(user=request.user, period=period, group_by=by)
    for row in stats.rows:
        row["url"] = drill_url(period, **row["filter"])
        row["overdue_url"] = drill_url(period, overdue=1, **row["filter"])
    return render(request, "supervision/stats.html", {
        "form": form, "stats": stats, "period": period, "by": by,
        "definitions": definitions_display(), "totals_url": drill_url(period),
        "prev_month": period.previous().key,
    })


@login_required
def dashboard(request):
    require_staff(request)
    period = parse_month(request.GET.get("month")) or default_month()
    data = dashboard_data(request.user, period)
    return render(request, "supervision/dashboard.html", {
        "data": data, "period": period, "definitions": definitions_display(),
        "prev_month": period.previous().key,
    })
