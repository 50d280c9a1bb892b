"""The county organisation department's configuration: the review departments of the
16-department political review and the annual development plans (S2 §4.1, §4.4)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError
from grassroots.core.policy import require
from grassroots.orgs.models import Organization, OrganizationKind
from grassroots.party.models import PartyOrganisation

from .. import services
from ..models import DevelopmentPlan, ReviewDepartment
from .common import form_int, year_of


def _department(request):
    org = Organization.objects.filter(
        pk=form_int(request.POST.get("organization"), "organization") or 0,
        kind=OrganizationKind.DEPARTMENT).first()
    if org is None:
        raise ApplicationError(_("请选择县直部门。"), field="organization")
    services.department_set(actor=request.user, organization=org,
                            question=request.POST.get("question", ""),
                            order=form_int(request.POST.get("order"), "order") or 0,
                            is_active=bool(request.POST.get("is_active")))


def _plan(request):
    org = PartyOrganisation.objects.filter(
        pk=form_int(request.POST.get("organisation"), "organisation") or 0,
        is_active=True).first()
    if org is None:
        raise ApplicationError(_("请选择党组织。"), field="organisation")
    year = form_int(request.POST.get("year"), "year")
    if year is None or not 2000 <= year <= 2100:
        raise ApplicationError(_("请填写年度。"), field="year")
    quota = form_int(request.POST.get("quota"), "quota")
    services.plan_set(actor=request.user, year=year, organisation=org,
                      quota=quota if quota is not None else -1)


FORMS = {"department": _department, "plan": _plan}


@login_required
def configure(request):
    """Departments and plans on one page; county organisation department only."""
    require(request.user, "partymembers.dev_configure")
    year = year_of(request, services.common.today().year)
    error = None
    if request.method == "POST":
        handler = FORMS.get(request.POST.get("what", ""))
        try:
            if handler is None:
                raise ApplicationError(_("未知的配置事项。"))
            handler(request)
        except ApplicationError as exc:
            error = exc.message
        else:
            messages.success(request, _("已保存。"))
            posted = form_int(request.POST.get("year"), "year") if handler is _plan else None
            return redirect(f"{request.path}?year={posted or year}")
    return render(request, "partymembers/development/config.html", {
        "year": year, "error": error,
        "departments": ReviewDepartment.objects.select_related("organization")
        .order_by("order", "pk"),
        "plans": DevelopmentPlan.objects.filter(year=year).select_related("organisation")
        .order_by("organisation__path"),
        "department_choices": Organization.objects.filter(
            kind=OrganizationKind.DEPARTMENT, is_active=True).order_by("name"),
        "org_choices": PartyOrganisation.objects.filter(
            is_active=True, kind__in=("county_committee", "base_committee", "general_branch",
                                      "branch")).order_by("path")[:2000],
    }, status=400 if error else 200)
