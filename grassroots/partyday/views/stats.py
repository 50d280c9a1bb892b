from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.files import MIME, download_response
from grassroots.core.parsing import id_or_none
from grassroots.core.policy import require

from .. import stats
from ..documents import monthly_table_xlsx


def _month(request) -> date:
    raw = request.GET.get("month", "")
    try:
        y, m = (int(x) for x in raw.split("-")[:2])
        return date(y, m, 1)
    except ValueError:
        today = timezone.localdate(clock.now())
        return today.replace(day=1)


def figures(user, month: date) -> dict:
    first, last = month, month
    return {
        "holding": stats.holding_rate(user, month),
        "attendance": stats.attendance_rate(user, first, last),
        "downward": stats.downward_participation(user, first, last),
        "upward": stats.upward_attendance(user, first, last),
        "adoption": stats.adoption_rate(user, first, last),
        "closure": stats.demand_closure(user, first, last),
        "three": stats.demand_three_rates(user, first, last),
        "feedback": stats.feedback_rate(user, first, last),
        "lectures": stats.lectures_by_kind(user, first, last),
        "menu_usage": stats.menu_usage(user, first, last),
    }


@login_required
def stats_page(request):
    require(request.user, "partyday.stats")
    month = _month(request)
    return render(request, "partyday/stats.html", {
        "month": month, "f": figures(request.user, month),
        "rows": stats.monthly_by_town(request.user, month)})


@login_required
def stats_xlsx(request):
    require(request.user, "partyday.stats")
    month = _month(request)
    content = monthly_table_xlsx(stats.monthly_by_town(request.user, month), month)
    return download_response(content, _("%(y)s年%(m)s月主题党日开展情况统计表.xlsx")
                             % {"y": month.year, "m": month.month}, MIME["xlsx"])


@login_required
def not_held_page(request):
    require(request.user, "partyday.stats")
    month = _month(request)
    town = id_or_none(request.GET.get("town"))
    branches = stats.not_held(request.user, month, town) if town else []
    return render(request, "partyday/not_held.html", {
        "month": month, "branches": branches, "town": town})
