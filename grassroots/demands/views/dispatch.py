"""The dispatch centre's queue: one-click dispatch from the catalogue, batch dispatch, disputes."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.parsing import ids_of
from grassroots.core.policy import require
from grassroots.orgs.models import Organization

from .. import exports, selectors, services
from ..advisors import dispatch_suggestions, duplicates_for_demands
from ..models import AssignmentRole, AssignmentStatus, Category, Demand, DispatchRule
from .common import audited_export, countdown, paginate


def catalogue_defaults(demands) -> dict[int, DispatchRule]:
    """``services.catalogue_rule_for`` for a page of demands at once (constant queries).

    Same resolution: walk the category up to the root; at each level the town's own rule
    wins over the county-wide one.
    """
    parents = dict(Category.objects.values_list("id", "parent_id"))
    rules = DispatchRule.objects.select_related("unit").prefetch_related("assisting_units")
    index = {(r.category_id, r.town_id): r for r in rules}
    found = {}
    for d in demands:
        category_id, seen = d.category_id, set()
        while category_id and category_id not in seen:
            seen.add(category_id)
            rule = index.get((category_id, d.town_id)) or index.get((category_id, None))
            if rule is not None:
                found[d.pk] = rule
                break
            category_id = parents.get(category_id)
    return found


@login_required
def queue(request):
    require(request.user, "demands.dispatch", message=_("只有派单中心可以使用派单页面。"))
    qs = selectors.dispatch_queue(request.user)
    if request.GET.get("format") == "xlsx":
        return audited_export(request, "dispatch_queue", exports.dispatch_queue_xlsx(qs))
    page = paginate(request, qs)
    demands = list(page.object_list)
    defaults = catalogue_defaults(demands)
    # A demand the catalogue covers shows "按目录派给 X" folded; its form (60 units twice, the
    # suggestions) is fetched when the dispatcher unfolds it, so a page of 50 stays light.
    open_forms = [d for d in demands if d.pk not in defaults]
    suggestions = dispatch_suggestions(open_forms)
    duplicates = duplicates_for_demands(demands)
    now = timezone.now()
    rows = []
    for d in demands:
        rule = defaults.get(d.pk)
        rows.append({
            "d": d, "countdown": countdown(d.dispatch_due_at, now=now), "rule": rule,
            "suggestions": suggestions.get(d.pk, {}),  # {}: asked, none to show
            "duplicates": duplicates.get(d.pk, []),
        })
    disputes = list(selectors.disputes_queue(request.user)[:200])
    # The unit list serves the open dispatch forms and the re-dispatch choice of a lead
    # return under ruling (as on the demand page): load it once when either needs it.
    needs_units = bool(open_forms) or any(
        a.role == AssignmentRole.LEAD and a.status == AssignmentStatus.RETURN_REQUESTED
        for a in disputes)
    return render(request, "demands/dispatch_queue.html", {
        "page": page, "rows": rows, "disputes": disputes,
        "units": (list(Organization.objects.handling_units().order_by("code"))
                  if needs_units else []),
    })


@login_required
def assisting_units(request):
    """The assisting-unit checkboxes of a queue row's dispatch form, fetched when unfolded."""
    require(request.user, "demands.dispatch", message=_("只有派单中心可以使用派单页面。"))
    return render(request, "demands/_assisting_units.html", {
        "units": list(Organization.objects.handling_units().order_by("code"))})


@login_required
def queue_form(request, pk):
    """The dispatch form of one waiting demand, for the queue row the dispatcher unfolds.

    A demand that is not waiting (any more) or not the dispatcher's reads the same: a short
    note instead of a form."""
    require(request.user, "demands.dispatch", message=_("只有派单中心可以使用派单页面。"))
    demand = selectors.dispatch_queue(request.user).filter(pk=pk).first()
    if demand is None:
        return render(request, "demands/_queue_form_gone.html", status=200)
    rule = services.catalogue_rule_for(demand)
    return render(request, "demands/_dispatch_form.html", {
        "demand": demand, "htmx": False, "next": reverse("demands:dispatch_queue"),
        "error": None, "post": None,
        "default_lead_id": rule.unit_id if rule else None,
        "default_assisting_ids": [u.pk for u in rule.assisting_units.all()] if rule else [],
        "suggestions": dispatch_suggestions([demand]).get(demand.pk, {}),
        "units": list(Organization.objects.handling_units().order_by("code")),
    })


@login_required
@require_POST
def batch(request):
    require(request.user, "demands.dispatch", message=_("只有派单中心可以使用派单页面。"))
    ids = ids_of(request.POST.getlist("demand"))
    demands = list(Demand.objects.restrict(request.user, "change").filter(pk__in=ids)
                   .select_related("category", "town").order_by("dispatch_due_at", "id"))
    results = services.demand_dispatch_batch(actor=request.user, demands=demands,
                                             note=request.POST.get("note", ""))
    rows = [{"d": d, "ok": created is not None,
             "units": [str(a.unit) for a in created] if created else [], "message": msg}
            for d, created, msg in results]
    status = 200 if rows else 400
    return render(request, "demands/dispatch_batch_result.html", {
        "rows": rows, "nothing": not rows,
        "ok_count": sum(1 for r in rows if r["ok"]),
    }, status=status)
