"""The officers' pages of the title evaluation: rounds, applications, the committee's work."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.idempotency import create_once
from grassroots.core.parsing import id_or_none
from grassroots.core.policy import allows, require
from grassroots.core.refusals import refusals
from grassroots.core.scope import get_scope
from grassroots.core.selectors import get_for_user
from grassroots.core.timeline import subject_timeline
from grassroots.core.transitions import actions_for
from grassroots.publicity.gate import publicity_of

from .. import selectors
from ..models import (
    Application,
    ApplicationStatus,
    EvaluationRound,
    Expert,
    ExpertAssignment,
    Score,
    ScoreStage,
)
from ..services import applications as app_services
from ..services import award, review
from ..transitions import APPLICATION_TABLE, Action

S = ApplicationStatus


def _rounds_for(user):
    """County staff see every round; a town or an expert the rounds of their applications."""
    if allows(get_scope(user), "talent.county_all"):
        return EvaluationRound.objects.all()
    return EvaluationRound.objects.filter(
        pk__in=Application.objects.restrict(user).values("round_id"))


@login_required
def index(request):
    require(request.user, "talent.pages")
    scope = get_scope(request.user)
    mine = (ExpertAssignment.objects.filter(expert__person_id=scope.person_id)
            .select_related("application__talent__person", "application__level",
                            "application__specialty").order_by("-pk")[:50]
            if scope.person_id else [])
    return render(request, "talent/index.html", {
        "rounds": _rounds_for(request.user).select_related("committee"),
        "assignments": mine, "statuses": S.choices,
        "can_manage": allows(scope, "talent.manage")})


@login_required
def application_list(request):
    require(request.user, "talent.pages")
    qs = (Application.objects.restrict(request.user)
          .select_related("talent__person", "town", "level", "specialty", "round"))
    status = request.GET.get("status", "")
    if status in S.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "talent/application_list.html", {
        "page": page, "status": status, "statuses": S.choices})


def _scores_visible(request, application) -> bool:
    """Officers see the scores; the applicant only once the results are publicised."""
    scope = get_scope(request.user)
    if allows(scope, "talent.pages"):
        return True
    return application.status in (S.PUBLICISED, S.AWARDED, S.SUBSIDISED)


def _detail_context(request, application):
    scope = get_scope(request.user)
    is_manager = allows(scope, "talent.manage")
    assignments = list(application.assignments.select_related("expert__person"))
    my_assignment = next((a for a in assignments if a.expert.person_id == scope.person_id), None)
    experts = []
    if is_manager and application.status in (S.ELIGIBLE, S.SHOWCASED):
        taken = {a.expert_id for a in assignments}
        experts = [e for e in Expert.objects.filter(committee_id=application.round.committee_id)
                   .select_related("person") if e.pk not in taken]
    return {
        "application": application,
        "actions": [(a, APPLICATION_TABLE.action_label(a))
                    for a in actions_for(APPLICATION_TABLE, request.user, application)],
        "is_manager": is_manager,
        "is_town": "town" in APPLICATION_TABLE.who_of(request.user, application),
        "may_award": allows(scope, "talent.award") and application.status == S.PUBLICISED,
        "may_lower": is_manager and application.also_applies_lower
        and application.status in (S.INELIGIBLE, S.REJECTED),
        "may_pay": allows(scope, "talent.pay") and application.status == S.AWARDED,
        "assignments": assignments if is_manager else [],
        "my_assignment": my_assignment, "experts": experts,
        "scores": (Score.objects.filter(application=application).select_related("expert__person")
                   if _scores_visible(request, application) and is_manager else []),
        "show_totals": _scores_visible(request, application),
        "vote": getattr(application, "vote", None) if is_manager else None,
        "stages": ScoreStage.choices,
        "events": subject_timeline(application, actions=Action.choices, states=S.choices)
        if allows(scope, "talent.pages") else [],
    }


@login_required
def application_detail(request, pk):
    application = get_for_user(
        Application.objects.select_related("talent__person", "town", "level", "specialty",
                                           "round__committee"), request.user, pk)
    return render(request, "talent/application_detail.html",
                  _detail_context(request, application))


def _int(request, name):
    value = id_or_none(request.POST.get(name))
    return value if value is not None else -1


@login_required
@require_POST
def application_act(request, pk):
    """One POST endpoint for the application's actions; each calls its service."""
    application = get_for_user(Application.objects.select_related("round", "talent"),
                               request.user, pk)
    action, post = request.POST.get("action", ""), request.POST
    with refusals(request):
        if action in (Action.SUBMIT, Action.WITHDRAW, Action.RECOMMEND, Action.NOT_RECOMMEND):
            app_services.application_transition(actor=request.user, application=application,
                                                action=action, reason=post.get("reason", ""))
        elif action == Action.CHECK_PASS:
            app_services.application_check(actor=request.user, application=application)
        elif action == "assign":
            expert = Expert.objects.filter(pk=_int(request, "expert"),
                                           committee_id=application.round.committee_id).first()
            if expert is None:
                raise Http404(_("未找到"))
            review.expert_assign(actor=request.user, application=application, expert=expert)
        elif action == "score":
            review.score_record(actor=request.user, application=application,
                                stage=post.get("stage", ""), score=post.get("score", ""),
                                comment=post.get("comment", ""))
        elif action == "recuse":
            scope = get_scope(request.user)
            assignment = application.assignments.filter(
                expert__person_id=scope.person_id).select_related("expert").first()
            if assignment is None:
                raise Http404(_("未找到"))
            review.recusal_record(actor=request.user, application=application,
                                  expert=assignment.expert, reason=post.get("reason", ""))
        elif action in (Action.SHOWCASE_CLOSE, Action.INTERVIEW_CLOSE):
            review.stage_close(actor=request.user, application=application,
                               stage=ScoreStage.SHOWCASE if action == Action.SHOWCASE_CLOSE
                               else ScoreStage.INTERVIEW)
        elif action == "vote":
            review.committee_vote(actor=request.user, application=application,
                                  present=_int(request, "present"), yes=_int(request, "yes"),
                                  no=_int(request, "no"), abstain=_int(request, "abstain"))
        elif action == "lower_level":
            from ..services.lower import lower_level_open

            lower = lower_level_open(actor=request.user, application=application)
            messages.success(request, _("已转评%(level)s。") % {"level": lower.level.name})
            return redirect("talent:application_detail", pk=lower.pk)
        elif action == Action.AWARD:
            award.title_award(actor=request.user, application=application)
        elif action == Action.SUBSIDY_PAY:
            award.subsidy_pay(actor=request.user, application=application,
                              bank_ref=post.get("bank_ref", ""))
        else:
            messages.error(request, _("未知操作。"))
    if get_scope(request.user).person_id == application.talent.person_id \
            and not allows(get_scope(request.user), "talent.pages"):
        return redirect("talent:my")
    return redirect("talent:application_detail", pk=application.pk)


@login_required
def round_new(request):
    """Open an annual round (the call's document is then on the round's page)."""
    from ..forms import RoundForm
    from ..models import Committee, Specialty, TitleLevel
    from ..services import setup

    require(request.user, "talent.pages")
    require(request.user, "talent.manage")
    form = RoundForm(request.POST or None, committees=Committee.objects.order_by("pk"),
                     levels=TitleLevel.objects.order_by("scheme", "rank"),
                     specialties=Specialty.objects.order_by("code"))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            with refusals(request, form=form) as refused:
                pk = create_once(request, operation="talent.round_create", create=lambda: (
                    setup.round_create(actor=request.user, committee=data["committee"],
                                       year=data["year"], apply_from=data["apply_from"],
                                       apply_to=data["apply_to"], quotas=form.quotas(),
                                       specialties=data["specialties"],
                                       title=data["title"])))
            if not refused:
                messages.success(request, _("年度评审已发布，请下载评审通知。"))
                return redirect("talent:round_detail", pk=pk)
            status = refused.status
    return render(request, "talent/programme_form.html", {
        "form": form, "title": _("发布年度职称评审"), "back": "talent:index", "once": True},
        status=status)


@login_required
def round_detail(request, pk):
    require(request.user, "talent.pages")
    rnd = _round_or_404(request.user, pk)
    apps = (Application.objects.restrict(request.user).filter(round=rnd)
            .select_related("talent__person", "town", "level", "specialty")
            .order_by("level__rank", "-composite_score", "pk"))
    return render(request, "talent/round_detail.html", {
        "round": rnd, "applications": apps, "quotas": selectors.quota_use(rnd),
        "publicity": publicity_of(rnd),
        "can_manage": allows(get_scope(request.user), "talent.manage")})


def _round_or_404(user, pk):
    rnd = _rounds_for(user).select_related("committee").filter(pk=pk).first()
    if rnd is None:
        raise Http404(_("未找到"))
    return rnd


@login_required
@require_POST
def round_publicise(request, pk):
    rnd = _round_or_404(request.user, pk)
    with refusals(request) as refused:
        listed = award.round_publicise(actor=request.user, round=rnd,
                                       contact_phone=request.POST.get("contact_phone", ""))
    if not refused:
        messages.success(request, _("已公示%(n)s人。") % {"n": len(listed)})
    return redirect("talent:round_detail", pk=rnd.pk)


@login_required
def statistics(request):
    require(request.user, "talent.pages")
    visible = Application.objects.restrict(request.user)
    return render(request, "talent/statistics.html", {
        "pass_rates": selectors.pass_rates(visible),
        "subsidies": selectors.subsidy_totals(visible),
        "by_town": selectors.holders_by_town(visible),
        "later": selectors.holders_later(visible)})
