"""A branch's dues for a month: issue the bills, record payments; reductions decided by the
upper committee."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.files import MIME, download_response
from grassroots.core.policy import allows, require
from grassroots.core.refusals import refusals
from grassroots.core.selectors import get_for_user
from grassroots.party.models import PartyMember, PartyOrganisation

from .. import forms, services
from ..exports import dues_workbook
from ..models import DuesBill, DuesReduction, ReductionStatus
from ..services.common import today


def _month(request) -> date:
    form = forms.MonthForm(request.GET or request.POST)
    if form.is_valid():
        return form.cleaned_data["month"].replace(day=1)
    return today().replace(day=1)


@login_required
def dues_month(request, pk):
    require(request.user, "partymembers.records_view")
    org = get_for_user(PartyOrganisation.objects.all(), request.user, pk)
    scope = require(request.user, "partymembers.records_view", org)
    month = _month(request)
    bills = (DuesBill.objects.restrict(request.user, "view")
             .filter(member__organisation=org, month=month)
             .select_related("member__person").order_by("status", "member_id"))
    if request.GET.get("format") == "xlsx":
        return download_response(dues_workbook(bills, org=org, month=month),
                                 f"{org.name}-党费-{month:%Y%m}.xlsx", MIME["xlsx"])
    missing = (PartyMember.objects.filter(organisation=org, is_active=True, dues_category="")
               .select_related("person"))
    return render(request, "partymembers/records/dues_month.html", {
        "org": org, "month": month, "bills": bills, "missing": missing,
        "may_manage": allows(scope, "partymembers.member_manage", org),
        "pay_form": forms.PayForm(initial={"paid_on": today()}),
        "reductions": DuesReduction.objects.restrict(request.user, "view").filter(
            member__organisation=org, status=ReductionStatus.PROPOSED).select_related(
            "member__person"),
        "may_decide": allows(scope, "partymembers.member_decide", org),
    })


@login_required
@require_POST
def dues_issue(request, pk):
    org = get_for_user(PartyOrganisation.objects.all(), request.user, pk)
    require(request.user, "partymembers.member_manage", org)
    month = _month(request)
    with refusals(request) as refused:
        made = services.dues_bills_issue(actor=request.user, org=org, month=month)
    if not refused:
        messages.success(request, _("已生成%(n)s份党费账单。") % {"n": made})
    return redirect(f"/party/branches/{org.pk}/dues/?month={month:%Y-%m}")


@login_required
@require_POST
def dues_pay(request, pk):
    bill = get_for_user(DuesBill.objects.select_related("member"), request.user, pk)
    require(request.user, "partymembers.member_manage", bill.member)
    form = forms.PayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写缴纳日期、金额和方式。"))
    else:
        with refusals(request) as refused:
            services.dues_pay(actor=request.user, bill=bill, **form.cleaned_data)
        if not refused:
            messages.success(request, _("已登记缴纳。"))
    return redirect(f"/party/branches/{bill.member.organisation_id}/dues/?month={bill.month:%Y-%m}")


@login_required
@require_POST
def dues_reduction_decide(request, pk, decision):
    if decision not in ("approve", "reject"):
        raise Http404
    reduction = get_for_user(DuesReduction.objects.select_related("member"), request.user, pk)
    require(request.user, "partymembers.dues_reduction_decide", reduction)
    with refusals(request) as refused:
        services.dues_reduction_decide(actor=request.user, reduction=reduction,
                                       approve=decision == "approve",
                                       note=request.POST.get("note", ""))
    if not refused:
        messages.success(request, _("已审批。"))
    return redirect(f"/party/branches/{reduction.member.organisation_id}/dues/")
