"""The administrator's pages: list the sets, read one with its params, add a local set, confirm
a draft. Thin: the rules are in services/selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.idempotency import create_once
from grassroots.core.policy import allows, require
from grassroots.core.refusals import refusals
from grassroots.core.transitions import actions_for

from . import selectors, services
from .forms import LocalSetForm
from .models import RuleSet
from .transitions import RULE_SET_TABLE


def _get(pk) -> RuleSet:
    try:
        return selectors.rule_set_detail(pk)
    except RuleSet.DoesNotExist:
        raise Http404 from None


@login_required
def rule_set_list(request):
    scope = require(request.user, "rulesets.view")
    today = timezone.localdate()
    family = request.GET.get("family", "")
    families = selectors.rule_set_families()
    if family not in families:
        family = ""
    in_force = selectors.rule_set_ids_in_force(families, today)
    return render(request, "rulesets/list.html", {
        "sets": selectors.rule_sets_list(family=family), "families": families,
        "family": family, "in_force": in_force, "today": today,
        "can_manage": allows(scope, "rulesets.manage")})


@login_required
def rule_set_detail(request, pk):
    scope = require(request.user, "rulesets.view")
    rule_set = _get(pk)
    return render(request, "rulesets/detail.html", {
        "rule_set": rule_set, "params": rule_set.params.all(),
        "actions": actions_for(RULE_SET_TABLE, request.user, rule_set),
        "can_localise": allows(scope, "rulesets.manage") and not rule_set.is_local
        and not rule_set.is_draft})


@login_required
def rule_set_local_new(request, pk):
    require(request.user, "rulesets.view")
    require(request.user, "rulesets.manage")
    base = _get(pk)
    form = LocalSetForm(request.POST or None, base=base)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form=form) as refused:
            new_pk = create_once(request, operation="rulesets.local_create", create=lambda: (
                services.rule_set_create_local(actor=request.user, base=base,
                                               **form.service_kwargs())))
        if not refused:
            messages.success(request, _("本地规则已保存为草案，确认后施行。"))
            return redirect("rulesets:detail", pk=new_pk)
    return render(request, "rulesets/local_new.html", {"form": form, "base": base},
                  status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def rule_set_confirm(request, pk):
    require(request.user, "rulesets.view")
    require(request.user, "rulesets.manage")
    rule_set = _get(pk)
    with refusals(request) as refused:
        services.rule_set_confirm(actor=request.user, rule_set=rule_set)
    if not refused:
        messages.success(request, _("规则已确认，按施行日期生效。"))
    return redirect("rulesets:detail", pk=rule_set.pk)
