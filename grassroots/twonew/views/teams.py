"""Red teams and their problems, worker matters, shared resources; the problem and matter
actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.errors import ApplicationError
from grassroots.core.parsing import parse_date
from grassroots.core.policy import can, require
from grassroots.core.refusals import refusals
from grassroots.core.selectors import get_for_user
from grassroots.core.transitions import actions_for

from .. import services
from ..models import RedTeam, RedTeamKind, SharedResource, TeamProblem, TwoNewOrg, WorkerMatter
from ..models.teams import MatterStatus, ProblemStatus
from ..selectors import matters_for, problems_for
from ..transitions import PROBLEM_TABLE, ProblemAction


@login_required
def teams_page(request):
    require(request.user, "twonew.view")
    user = request.user
    status = request.GET.get("status", "")
    status = status if status in ProblemStatus.values else ""
    kinds = RedTeamKind.objects.filter(is_active=True).annotate(
        teams_n=Count("teams", filter=Q(teams__in=RedTeam.objects.restrict(user)),
                      distinct=True))
    problems = [(p, [(a, PROBLEM_TABLE.action_label(a))
                     for a in actions_for(PROBLEM_TABLE, user, p)])
                for p in problems_for(user, status=status)[:60]]
    return render(request, "twonew/teams.html", {
        "kinds": kinds, "problems": problems, "status": status,
        "statuses": ProblemStatus.choices,
        "solved": problems_for(user, status=ProblemStatus.SOLVED).count(),
        "teams": RedTeam.objects.restrict(user).select_related("kind", "org", "leader")
        .annotate(n=Count("members"))[:60],
        "matters": matters_for(user)[:60],
        "matters_solved": matters_for(user, status=MatterStatus.SOLVED).count(),
        "resources": SharedResource.objects.filter(
            host__in=TwoNewOrg.objects.restrict(user)).select_related("host")[:30],
        "may_manage": can(user, "twonew.manage")})


def _date(value):
    try:
        return parse_date(value or "")
    except ApplicationError:
        return None


@login_required
@require_POST
def problem_act(request, pk):
    require(request.user, "twonew.view")
    problem = get_for_user(TeamProblem.objects.select_related("team__org"), request.user, pk)
    action = request.POST.get("action", "")
    with refusals(request) as refused:
        if action == ProblemAction.SOLVE:
            services.problem_solve(actor=request.user, problem=problem,
                                   solved_on=_date(request.POST.get("solved_on")),
                                   benefit=request.POST.get("benefit", ""),
                                   benefit_yuan=request.POST.get("benefit_yuan") or None)
        else:
            services.problem_act(actor=request.user, problem=problem, action=action,
                                 note=request.POST.get("note", ""))
    if not refused:
        messages.success(request, _("已办理。"))
    return redirect("twonew:teams")


@login_required
@require_POST
def matter_act(request, pk):
    require(request.user, "twonew.view")
    matter = get_for_user(WorkerMatter.objects.select_related("org"), request.user, pk)
    action = request.POST.get("action", "")
    with refusals(request) as refused:
        if action == "solve":
            services.matter_solve(actor=request.user, matter=matter,
                                  result=request.POST.get("result", ""),
                                  solved_on=_date(request.POST.get("solved_on")))
        elif action == "demand":
            demand = services.matter_to_demand(actor=request.user, matter=matter)
            messages.info(request, _("已转为民意诉求 %(n)s。") % {"n": demand.number})
        else:
            raise ApplicationError(_("未知操作。"))
    if not refused:
        messages.success(request, _("已办理。"))
    return redirect("twonew:teams")
