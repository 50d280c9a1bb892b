"""The register's pages: list with filters, register, import, detail with the "四清" survey."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.idempotency import create_once
from grassroots.core.policy import can, require
from grassroots.core.refusals import refusals
from grassroots.core.selectors import get_for_user
from grassroots.core.timeline import subject_timeline

from .. import services
from ..events import EVENT_LABELS
from ..forms import OrgForm, SurveyForm
from ..ledgers import orgs_import
from ..models import CoverageMode, OperatingStatus, Park, TwoNewOrg
from ..selectors import orgs_for, visits_for


@login_required
def org_list(request):
    require(request.user, "twonew.view")
    g = request.GET
    status = g.get("status", "") if g.get("status") in OperatingStatus.values else ""
    mode = g.get("mode", "") if g.get("mode") in CoverageMode.values else ""
    park = g.get("park", "") if (g.get("park") or "").isdigit() else ""
    qs = orgs_for(request.user, park=park, status=status, mode=mode, q=(g.get("q") or "")[:40])
    page = Paginator(qs, 30).get_page(g.get("page"))
    return render(request, "twonew/orgs.html", {
        "page": page, "statuses": OperatingStatus.choices, "modes": CoverageMode.choices,
        "parks": Park.objects.restrict(request.user), "status": status, "mode": mode,
        "park": park, "q": g.get("q", "")[:40],
        "may_register": can(request.user, "twonew.manage")})


@login_required
def org_new(request):
    require(request.user, "twonew.view")
    require(request.user, "twonew.manage")
    parks = Park.objects.restrict(request.user, "change")
    form = OrgForm(request.POST or None, parks=parks)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form=form) as refused:
            pk = create_once(request, operation="twonew.org_register", create=lambda: (
                services.org_register(actor=request.user, **form.cleaned_data)))
        if not refused:
            messages.success(request, _("两新组织已登记。"))
            return redirect("twonew:org_detail", pk=pk)
        return render(request, "twonew/org_new.html", {"form": form}, status=refused.status)
    return render(request, "twonew/org_new.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("摸排台账（.xlsx）"))


@login_required
def org_import(request):
    require(request.user, "twonew.view")
    require(request.user, "twonew.county")
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            with refusals(request, form=form) as refused:
                result = orgs_import(actor=request.user, file=form.cleaned_data["file"])
            status = refused.status if refused else (200 if result.ok else 400)
            if result is not None and result.ok:
                messages.success(request, _("已导入%(n)s个单位。") % {"n": result.created["orgs"]})
                return redirect("twonew:orgs")
        else:
            status = 400
    return render(request, "twonew/org_import.html", {"form": form, "result": result},
                  status=status)


def _detail(request, org, survey_form=None, status=200):
    return render(request, "twonew/org_detail.html", {
        "org": org, "entries": org.entries.order_by("-entered_on"),
        "visits": visits_for(request.user, org)[:20],
        "may_manage": can(request.user, "twonew.manage", org),
        "survey_form": survey_form or SurveyForm(initial={
            f: getattr(org, f) for f in SurveyForm.base_fields if hasattr(org, f)}),
        "events": subject_timeline(org, actions=EVENT_LABELS)}, status=status)


@login_required
def org_detail(request, pk):
    require(request.user, "twonew.view")
    org = get_for_user(TwoNewOrg.objects.select_related("park", "division", "party_org",
                                                        "instructor__person"), request.user, pk)
    return _detail(request, org)


@login_required
@require_POST
def org_survey(request, pk):
    require(request.user, "twonew.view")
    org = get_for_user(TwoNewOrg.objects.all(), request.user, pk)
    form = SurveyForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        with refusals(request, form=form) as refused:
            services.org_survey(actor=request.user, org=org, **data)
        if not refused:
            messages.success(request, _("摸排情况已保存。"))
            return redirect("twonew:org_detail", pk=org.pk)
        return _detail(request, org, form, refused.status)
    return _detail(request, org, form, 400)
