from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from grassroots.core.idempotency import create_once
from grassroots.core.policy import allows, require
from grassroots.core.refusals import refusals

from .. import selectors
from ..dashboard import drill_url
from ..documents import report_docx, report_pdf, report_xlsx
from ..documents import tables as doc_tables
from ..forms import ReportForm
from ..services import reports as svc
from .common import document_response

RENDER = {"docx": report_docx, "xlsx": report_xlsx, "pdf": report_pdf}


@login_required
def report_list(request):
    scope = require(request.user, "core.staff")
    return render(request, "supervision/report_list.html", {
        "reports": selectors.report_list(request.user)[:200], "can_create": allows(scope, "supervision.office"),
    })


@login_required
def report_create(request):
    require(request.user, "core.staff")
    require(request.user, "supervision.office")
    # A hot topic (triage) links here with the topic's title, keywords and period.
    initial = {k: request.GET[k] for k in ("title", "keywords", "date_from", "date_to")
               if k in request.GET}
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form=form) as refused:
            pk = create_once(request, operation="supervision.report_create", create=lambda: (
                svc.special_report_create(actor=request.user, **form.cleaned_data)))
        if not refused:
            messages.success(request, _("专报已生成。"))
            return redirect("supervision:report", pk=pk)
    return render(request, "supervision/report_form.html", {"form": form})


@login_required
def report_detail(request, pk):
    require(request.user, "core.staff")
    r = selectors.get_report_for_user(request.user, pk)
    fig = r.figures
    return render(request, "supervision/report_detail.html", {
        "r": r, "fig": fig, "summary": doc_tables.summary_table(fig),
        "summary_headers": doc_tables.SUMMARY_HEADERS,
        "units": doc_tables.ranking_table(fig.get("units", [])),
        "unit_headers": doc_tables.RANKING_HEADERS,
        "list_url": drill_url(None, category=r.category_id or "", date_from=r.date_from,
                              date_to=r.date_to),
    })


@login_required
def report_download(request, pk, fmt):
    require(request.user, "core.staff")
    r = selectors.get_report_for_user(request.user, pk)
    if fmt not in RENDER:
        raise Http404(_("未找到"))
    return document_response(RENDER[fmt](r), fmt, f"special-report-{r.year}-{r.seq}")
