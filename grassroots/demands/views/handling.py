"""The detail page and every action taken on it (htmx posts that swap the panel)."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.errors import ApplicationError
from grassroots.core.parsing import id_or_none
from grassroots.core.policy import allows
from grassroots.core.refusals import refusals
from grassroots.core.scope import get_scope
from grassroots.orgs.models import Organization
from grassroots.workcal.services import end_of_working_day

from .. import selectors, services
from ..models import Category, Demand
from .common import is_htmx, keep_refused_form, pop_refused_form, redirect_next
from .detail import panel_context

DISPATCHER_FORMS = {"decide_return", "decide_extension"}


@login_required
def demand_detail(request, pk):
    demand = selectors.get_demand_for_user(request.user, pk)
    scope = get_scope(request.user)
    if allows(scope, "demands.citizen_account") and not allows(scope, "demands.staff_view"):
        return redirect("demands:my_detail", pk=demand.pk)
    refused = pop_refused_form(request, demand.pk)
    if refused is None:
        return render(request, "demands/detail.html", panel_context(request, demand))
    context = panel_context(request, demand, error=refused["error"], post=refused["post"])
    context["next"] = refused["next"]
    return render(request, "demands/detail.html", context)


def _render_result(request, demand: Demand, *, error: dict | None = None, done: str = "",
                   status: int = 200):
    if is_htmx(request):
        return render(request, "demands/_panel.html",
                      panel_context(request, demand, error=error, done=done), status=status)
    if error:
        # Back to the demand's page, where the refused form shows its message, what was typed
        # and the way back; a redirect, so reloading that page cannot post the form again (a
        # flash message on the page the form came from would lose the input).
        keep_refused_form(request, demand.pk, error)
        return redirect(f"/demands/{demand.pk}/")
    return redirect_next(request, f"/demands/{demand.pk}/", done)


def _run(request, demand: Demand, key: str, func, done: str):
    """Call one service; its refusal becomes the form's message (400/409), scope → 403
    (core.refusals: out of scope propagates as Django's 403)."""
    with refusals(request, flash=False) as refused:
        func()
    if refused:
        error = {"key": key, "field": refused.field, "message": refused.message}
        return _render_result(request, demand, error=error, status=refused.status)
    demand = selectors.get_demand_for_user(request.user, demand.pk)
    return _render_result(request, demand, done=done)


def _units(request, name: str, *, many: bool = False):
    """Handling units picked in a form; unknown ids are refused with the field's message."""
    raw = request.POST.getlist(name) if many else [request.POST.get(name, "")]
    ids = [id_or_none(v) for v in raw if v]
    if None in ids:
        raise ApplicationError(_("所选单位不存在。"), field=name)
    found = {u.pk: u for u in Organization.objects.filter(pk__in=ids)}
    if len(found) != len(set(ids)):
        raise ApplicationError(_("所选单位不存在。"), field=name)
    units = [found[v] for v in ids]
    return units if many else (units[0] if units else None)


def _category(request):
    """The category picked for an unclassified demand in the dispatch form (None: not given)."""
    raw = (request.POST.get("category") or "").strip()
    if not raw:
        return None
    pk = id_or_none(raw)
    category = Category.objects.filter(pk=pk).first() if pk else None
    if category is None:
        raise ApplicationError(_("所选分类不存在。"), field="category")
    return category


def _until(raw: str):
    try:
        day = datetime.strptime((raw or "").strip(), "%Y-%m-%d").date()
    except ValueError:
        raise ApplicationError(_("请选择申请延期到的日期。"), field="until")
    return end_of_working_day(day)


def _assignment_service(form: str, request, assignment):
    p, user = request.POST, request.user
    if form == "acknowledge":
        return lambda: services.assignment_acknowledge(actor=user, assignment=assignment), \
            _("已签收，请尽快办理。")
    if form == "return":
        return lambda: services.assignment_return(actor=user, assignment=assignment,
                                                  reason=p.get("reason", "")), \
            _("已提交退单，等待派单中心裁定。")
    if form == "escalate_return":
        return lambda: services.assignment_escalate_return(actor=user, assignment=assignment,
                                                           reason=p.get("reason", "")), \
            _("已申请升级协调。")
    if form == "note":
        return lambda: services.assignment_add_note(
            actor=user, assignment=assignment, kind=p.get("kind", ""), text=p.get("text", ""),
            photos=request.FILES.getlist("photos")), _("已记录办理情况。")
    if form == "request_extension":
        return lambda: services.assignment_request_extension(
            actor=user, assignment=assignment, reason=p.get("reason", ""),
            until=_until(p.get("until", ""))), _("已提交延期申请，等待派单中心审核。")
    if form == "reply":
        return lambda: services.assignment_reply(
            actor=user, assignment=assignment, outcome=p.get("outcome", ""),
            text=p.get("text", ""), photos=request.FILES.getlist("photos"),
            unconsolidated_reason=p.get("unconsolidated_reason", "")), _("已答复。")
    if form == "decide_return":
        approve = p.get("decision") == "approve"

        def decide():
            new_lead = _units(request, "new_lead_unit") if approve else None
            assists = _units(request, "assisting_units", many=True) if new_lead else []
            services.assignment_decide_return(
                actor=user, assignment=assignment, approve=approve, note=p.get("note", ""),
                new_lead_unit=new_lead, assisting_units=assists)
        return decide, (_("已同意退单。") if approve else _("已裁定由该单位承办。"))
    if form == "decide_extension":
        approve = p.get("decision") == "approve"
        return lambda: services.assignment_decide_extension(
            actor=user, assignment=assignment, approve=approve, note=p.get("note", "")), \
            (_("已同意延期。") if approve else _("已不同意延期，按原时限办理。"))
    if form == "sign_off":
        approve = p.get("decision") == "approve"
        return lambda: services.assignment_sign_off(
            actor=user, assignment=assignment, approve=approve, note=p.get("note", "")), \
            (_("已审核通过。") if approve else _("已退回承办人修改。"))
    raise Http404


@login_required
@require_POST
def assignment_action(request, pk, apk, form):
    if form not in {"acknowledge", "return", "escalate_return", "note", "request_extension",
                    "reply", "decide_return", "decide_extension", "sign_off"}:
        raise Http404
    demand = selectors.get_demand_for_user(request.user, pk)
    assignment = selectors.get_assignment_for_user(
        request.user, apk, "decide" if form in DISPATCHER_FORMS else "change")
    if assignment.demand_id != demand.pk:
        raise Http404
    func, done = _assignment_service(form, request, assignment)
    return _run(request, demand, f"{form}-{assignment.pk}", func, done)


@login_required
@require_POST
def demand_dispatch(request, pk):
    demand = selectors.get_demand_for_user(request.user, pk, "change")

    def go():
        lead = _units(request, "lead_unit")
        assists = _units(request, "assisting_units", many=True)
        services.demand_dispatch(actor=request.user, demand=demand, lead_unit=lead,
                                 assisting_units=assists, note=request.POST.get("note", ""),
                                 category=_category(request))
    return _run(request, demand, "dispatch", go, _("已派单。"))


@login_required
@require_POST
def demand_merge(request, pk):
    demand = selectors.get_demand_for_user(request.user, pk, "change")

    def go():
        number = (request.POST.get("into") or "").strip().upper()
        into = Demand.objects.restrict(request.user).filter(number=number).first()
        if into is None:
            raise ApplicationError(_("未找到编号为“%(n)s”的诉求。") % {"n": number}, field="into")
        services.demand_merge(actor=request.user, demand=demand, into=into,
                              note=request.POST.get("note", ""))
    return _run(request, demand, "merge", go, _("已并单。"))


@login_required
@require_POST
def demand_follow_up(request, pk):
    # Fetched for viewing: supervisors record phone follow-ups without changing the demand
    # otherwise; the service re-checks who may rate.
    demand = selectors.get_demand_for_user(request.user, pk)
    return _run(request, demand, "follow_up", lambda: services.demand_follow_up(
        actor=request.user, demand=demand, satisfaction=request.POST.get("satisfaction", ""),
        comment=request.POST.get("comment", ""),
        close_reason=request.POST.get("close_reason", "")), _("已记录回访结果。"))
