from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.parsing import date_or_none
from grassroots.core.policy import require
from grassroots.core.refusals import refusals

from . import selectors, services
from .forms import DaySetForm, YearCompleteForm
from .models import DayKind


def _year_from(value, default: int) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default
    return year if 1949 <= year <= 2200 else default


def _page_url(year: int) -> str:
    return f"{reverse('workcal:calendar')}?year={year}"


@login_required
def calendar_page(request):
    require(request.user, "workcal.manage")
    today = timezone.localdate()
    if request.method == "POST":
        form = DaySetForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data["date"]
            status = form.cleaned_data["status"]
            if status == "holiday":
                kind, is_working = DayKind.HOLIDAY, False
            elif status == "adjusted_workday":
                kind, is_working = DayKind.ADJUSTED_WORKDAY, True
            else:
                kind, is_working = DayKind.NORMAL, d.weekday() < 5
            with refusals(request, form=form) as refused:
                services.calendar_day_set(actor=request.user, date=d, is_working=is_working,
                                          name=form.cleaned_data["name"], kind=kind)
            if not refused:
                messages.success(request, _("已保存 %(date)s 的设置。") % {"date": d.isoformat()})
                return redirect(_page_url(d.year))
        year = _year_from(request.POST.get("date", "")[:4], today.year)
    else:
        year = _year_from(request.GET.get("year"), today.year)
        initial = {"date": date(year, 1, 1) if year != today.year else today}
        picked = request.GET.get("date")
        if picked:
            picked = date_or_none(picked)
            if picked is not None:
                initial["date"] = picked
                row = selectors.calendar_day_for(initial["date"])
                if row is not None:
                    initial["status"] = row.kind
                    initial["name"] = row.name
        form = DaySetForm(initial=initial)
    context = {
        "year": year,
        "prev_year": year - 1,
        "next_year": year + 1,
        "year_known": services.year_is_known(year),
        "months": selectors.calendar_year_months(year),
        "years": selectors.calendar_years_overview(around=year),
        "form": form,
        "warning": services.missing_years_warning(),
        "weekdays": [_("一"), _("二"), _("三"), _("四"), _("五"), _("六"), _("日")],
        "daily_hours": services.daily_working_hours(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "workcal/calendar.html", context, status=status)


@login_required
@require_POST
def year_complete(request):
    require(request.user, "workcal.manage")
    form = YearCompleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("年份无效。"))
        return redirect(reverse("workcal:calendar"))
    year = form.cleaned_data["year"]
    complete = form.cleaned_data["complete"]
    with refusals(request) as refused:
        services.calendar_year_mark_complete(actor=request.user, year=year, complete=complete)
    if not refused:
        if complete:
            messages.success(request, _("%(year)s年已标记为数据完整。") % {"year": year})
        else:
            messages.success(request, _("%(year)s年已改为估算。") % {"year": year})
    return redirect(_page_url(year))
