"""The case page's other forms (publicity, periodic records, the gates) and the pages of the
review departments and the county."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.errors import ApplicationError
from grassroots.core.parsing import id_or_none
from grassroots.core.policy import require
from grassroots.core.selectors import get_for_user

from .. import selectors, services
from ..models import (
    CloseRelativeReport,
    DepartmentAnswer,
    DevelopmentCase,
    NegativeListEntry,
)
from .common import form_int, report_response, year_of


def _publicity(request, case):
    return services.case_publicity_start(actor=request.user, case=case,
                                         stage=request.POST.get("stage", ""),
                                         contact_phone=request.POST.get("contact_phone", ""))


def _periodic(request, case):
    return services.periodic_record(actor=request.user, case=case,
                                    kind=request.POST.get("kind", ""),
                                    summary=request.POST.get("summary", ""))


def _leaving(request, case):
    return services.case_leaving_set(actor=request.user, case=case,
                                     leaving=request.POST.get("leaving") == "1",
                                     override_reason=request.POST.get("reason", ""))


def _suspend(request, case):
    return services.case_suspend(actor=request.user, case=case,
                                 reason=request.POST.get("reason", ""))


def _dispatch(request, case):
    return services.review_dispatch(actor=request.user, case=case)


def _jr_request(request, case):
    return services.joint_review_request(actor=request.user, case=case)


def _jr_act(request, case):
    review = case.joint_reviews.filter(pk=form_int(request.POST.get("review"), "review")).first()
    if review is None:
        raise ApplicationError(_("请选择联审记录。"), field="review")
    return services.joint_review_act(actor=request.user, review=review,
                                     action=request.POST.get("gate_action", ""),
                                     opinion=request.POST.get("opinion", ""))


def _cr_act(request, case):
    report = CloseRelativeReport.objects.filter(case=case).first()
    if report is None:
        raise ApplicationError(_("该对象没有近亲属入党特别报告。"))
    return services.close_relative_act(actor=request.user, report=report,
                                       action=request.POST.get("gate_action", ""),
                                       note=request.POST.get("note", ""))


def _rule(request, case):
    check = case.review_checks.filter(pk=form_int(request.POST.get("check"), "check")).first()
    if check is None:
        raise ApplicationError(_("请选择需要认定的政审回复。"), field="check")
    return services.review_rule(actor=request.user, check=check,
                                disqualifying=request.POST.get("disqualifying") == "1",
                                note=request.POST.get("note", ""))


OPS = {"publicity": _publicity, "periodic": _periodic, "leaving": _leaving, "suspend": _suspend,
       "review_dispatch": _dispatch, "jr_request": _jr_request, "jr_act": _jr_act,
       "cr_act": _cr_act, "review_rule": _rule}


@login_required
@require_POST
def case_gate(request, pk):
    case = get_for_user(DevelopmentCase.objects.all(), request.user, pk)
    op = OPS.get(request.POST.get("op", ""))
    if op is None:
        raise Http404(_("未找到"))
    try:
        op(request, case)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已办理。"))
    return redirect("partymembers:dev_case", pk=case.pk)


# --- a review department's own questions --------------------------------------------------

@login_required
def review_list(request):
    require(request.user, "partymembers.dev_review_answer")
    checks = (selectors.department_checks(request.user)
              .select_related("department__organization", "case__person", "case__organisation")
              .order_by("answer", "due_on")[:300])
    return render(request, "partymembers/development/review_list.html", {"checks": checks})


@login_required
def review_answer(request, pk):
    """A department user sees the candidate's name, sex, birth date, branch and the question —
    not the dossier (S2 §4.4, 00-common §9)."""
    check = selectors.department_checks(request.user).select_related(
        "case__person", "case__organisation", "department__organization").filter(
        pk=id_or_none(pk) or 0).first()
    if check is None:
        raise Http404(_("未找到"))
    error = None
    if request.method == "POST":
        try:
            services.review_answer(actor=request.user, check=check,
                                   answer=request.POST.get("answer", ""),
                                   finding=request.POST.get("finding", ""))
            messages.success(request, _("已回复。"))
            return redirect("partymembers:dev_review")
        except ApplicationError as exc:
            error = exc.message
    return render(request, "partymembers/development/review_answer.html", {
        "check": check, "answers": DepartmentAnswer.choices, "error": error},
        status=400 if error else 200)


# --- reports -------------------------------------------------------------------------------

@login_required
def overdue(request):
    require(request.user, "partymembers.dev_overdue")
    return report_response(request, selectors.overdue_report(request.user),
                           link="partymembers:dev_case")


@login_required
def review_overdue(request):
    require(request.user, "partymembers.dev_county")
    return report_response(request, selectors.review_overdue_report(request.user))


@login_required
def turnaround(request):
    require(request.user, "partymembers.dev_county")
    return report_response(request, selectors.turnaround_report(request.user))


@login_required
def structure(request):
    require(request.user, "partymembers.dev_view")
    year = year_of(request, services.common.today().year)
    return report_response(request, selectors.structure_report(request.user, year),
                           extra={"year": year})


@login_required
def plans(request):
    require(request.user, "partymembers.dev_view")
    year = year_of(request, services.common.today().year)
    return report_response(request, selectors.plan_report(request.user, year),
                           extra={"year": year})


@login_required
def joint_reviews(request):
    require(request.user, "partymembers.dev_view")
    return report_response(request, selectors.joint_review_report(
        request.user, limit=None if request.GET.get("format") else 500))


@login_required
def negative(request):
    require(request.user, "partymembers.dev_overdue")
    return report_response(request, selectors.negative_report(
        request.user, limit=None if request.GET.get("format") else 500),
        extra={"levels": selectors.town_levels(request.user),
               "level_labels": selectors.LEVEL_LABELS},
        template="partymembers/development/negative.html")


@login_required
@require_POST
def negative_close(request, pk):
    entry = get_for_user(NegativeListEntry.objects.all(), request.user, pk)
    try:
        services.negative_close(actor=request.user, entry=entry,
                                rectification=request.POST.get("rectification", ""),
                                accountability=request.POST.get("accountability", ""))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("partymembers:dev_negative")
