from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.policy import allows, require
from grassroots.core.refusals import refusals
from grassroots.core.timeline import subject_timeline

from .. import selectors
from ..documents import bulletin_docx, bulletin_pdf, bulletin_xlsx
from ..documents import tables as doc_tables
from ..forms import BulletinForm
from ..models import BulletinStatus
from ..services import bulletins as svc
from ..stats import Period, definitions_display
from ..transitions import Action
from .common import document_response, parse_month

RENDER = {"docx": bulletin_docx, "xlsx": bulletin_xlsx, "pdf": bulletin_pdf}


@login_required
def bulletin_list(request):
    scope = require(request.user, "core.staff")
    if request.method == "POST":
        require(request.user, "supervision.office", message=_("只有督查室工作人员可以编制通报。"))
        period = parse_month(request.POST.get("month"))
        if period is None:
            messages.error(request, _("月份格式应为 YYYY-MM，例如 2026-10。"))
        else:
            with refusals(request) as refused:
                b = svc.bulletin_compile(actor=request.user, period=period)
            if not refused:
                return redirect("supervision:bulletin", pk=b.pk)
    return render(request, "supervision/bulletin_list.html", {
        "bulletins": selectors.bulletin_list(request.user), "can_compile": allows(scope, "supervision.office"),
        "default_month": Period.month(*_today_ym()).previous().key,
    })


def _today_ym():
    from django.utils import timezone

    today = timezone.localdate()
    return today.year, today.month


@login_required
def bulletin_detail(request, pk):
    require(request.user, "core.staff")
    b = selectors.get_bulletin_for_user(request.user, pk)
    return render(request, "supervision/bulletin_detail.html", {
        "b": b, "sections": doc_tables.bulletin_sections(b.figures),
        "actions": selectors.bulletin_available_actions(request.user, b),
        "events": subject_timeline(b, actions=Action, states=BulletinStatus), "definitions": definitions_display(b.figures.get("definitions", {})),
    })


@login_required
def bulletin_edit(request, pk):
    require(request.user, "core.staff")
    b = selectors.get_bulletin_for_user(request.user, pk, "change")
    form = BulletinForm(request.POST or None,
                        initial={"title": b.title, "intro": b.intro, "remarks": b.remarks})
    if request.method == "POST" and form.is_valid():
        with refusals(request, form=form) as refused:
            svc.bulletin_edit(actor=request.user, bulletin=b, **form.cleaned_data)
        if not refused:
            messages.success(request, _("已保存。"))
            return redirect("supervision:bulletin", pk=b.pk)
    return render(request, "supervision/bulletin_edit.html", {"b": b, "form": form})


@login_required
@require_POST
def bulletin_action(request, pk, action):
    require(request.user, "core.staff")
    b = selectors.get_bulletin_for_user(request.user, pk, "change")
    with refusals(request):
        if action == "publish":
            svc.bulletin_publish(actor=request.user, bulletin=b)
            messages.success(request, _("通报已发布。"))
        elif action == "compile":
            svc.bulletin_refresh(actor=request.user, bulletin=b)
            messages.success(request, _("已重新统计。"))
        else:
            raise Http404(_("未找到"))
    return redirect("supervision:bulletin", pk=b.pk)


@login_required
def bulletin_download(request, pk, fmt):
    require(request.user, "core.staff")
    b = selectors.get_bulletin_for_user(request.user, pk)
    if fmt not in RENDER:
        raise Http404(_("未找到"))
    return document_response(RENDER[fmt](b), fmt, f"bulletin-{b.period:%Y-%m}")
