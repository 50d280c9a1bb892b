from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from grassroots.core.files import MIME, download_response
from grassroots.core.policy import allows, require
from grassroots.core.refusals import refusals

from .. import months
from ..documents import COLUMNS, report_docx, report_xlsx
from ..forms import ThemeForm
from ..models import MonthlyReport, MonthlyTheme
from ..services.rhythm import theme_set


@login_required
def theme_list(request):
    scope = require(request.user, "gridwork.overview")
    form = ThemeForm(initial={"month": months.month_of(months.today())})
    status = 200
    if request.method == "POST":
        require(request.user, "core.staff")
        require(request.user, "gridwork.manage")
        form = ThemeForm(request.POST)
        if form.is_valid():
            with refusals(request, form=form) as refused:
                theme_set(actor=request.user, **form.cleaned_data)
            if not refused:
                messages.success(request, _("月度主题已保存。"))
                return redirect("gridwork:theme_list")
        status = 400
    return render(request, "gridwork/theme_list.html", {
        "themes": MonthlyTheme.objects.all()[:36], "form": form, "can_manage": allows(scope, "gridwork.manage"),
    }, status=status)


@login_required
def report_list(request):
    require(request.user, "gridwork.overview")
    return render(request, "gridwork/report_list.html",
                  {"reports": MonthlyReport.objects.only("month", "compiled_at")[:36]})


def _report(month):
    report = MonthlyReport.objects.filter(month=month).first() if months.is_month(month) else None
    if report is None:
        raise Http404(_("未找到"))
    return report


@login_required
def report_detail(request, month):
    require(request.user, "gridwork.overview")
    report = _report(month)
    f = report.figures
    return render(request, "gridwork/report_detail.html", {
        "report": report, "label": months.display_label(month), "county": f["county"],
        "towns": f["towns"], "unvisited": [t for t in f["teams"] if not t["grids_covered"]],
        "columns": COLUMNS,
        "theme": MonthlyTheme.objects.filter(month=month).first(),
    })


@login_required
def report_file(request, month, fmt):
    require(request.user, "gridwork.overview")
    if fmt not in ("xlsx", "docx"):
        raise Http404(_("未找到"))
    report = _report(month)
    data = report_xlsx(report) if fmt == "xlsx" else report_docx(report)
    return download_response(data, f"grid-report-{month}.{fmt}", MIME[fmt])
