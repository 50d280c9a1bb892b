"""Lists for staff: all demands (filterable, exportable) and the handler's inbox."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.policy import allows, require
from grassroots.orgs.models import Organization
from grassroots.places.models import Grid

from .. import exports, selectors
from ..filters import DemandFilter
from ..forms import category_choices, division_choices
from ..models import Channel, DemandStatus
from .common import audited_export, countdown, paginate


@login_required
def demand_list(request):
    scope = require(request.user, "demands.staff_view")
    flt, errors = DemandFilter.from_params(request.GET)
    qs = selectors.demand_list(request.user, flt=None if errors else flt)
    if errors:
        qs = qs.none()
    if request.GET.get("format") == "xlsx" and not errors:
        return audited_export(request, "demands", exports.demands_xlsx(qs))
    page = paginate(request, qs)
    # The overdue watch says who is late, the deadline and by how many working hours.
    overdue = (selectors.overdue_rows(list(page.object_list), timezone.now())
               if flt.overdue and not errors else {})
    rows = [{"d": d, "overdue": overdue.get(d.pk, [])} for d in page.object_list]
    return render(request, "demands/list.html", {
        "page": page, "rows": rows, "flt": flt, "errors": errors, "query": flt.as_query(),
        "statuses": [("open", _("未办结"))] + list(DemandStatus.choices),
        "channels": Channel.choices,
        "categories": category_choices(),
        "divisions": division_choices(),
        "units": Organization.objects.handling_units().order_by("code"),
        "grids": (Grid.objects.restrict(request.user).order_by("code")
                  if allows(scope, "demands.filter_by_grid")
                  else Grid.objects.none()),
        "params": request.GET,
    })


@login_required
def inbox(request):
    scope = require(request.user, "demands.inbox")
    qs = selectors.handler_inbox(request.user)
    if request.GET.get("format") == "xlsx":
        return audited_export(request, "inbox", exports.assignments_xlsx(qs))
    page = paginate(request, qs)
    now = timezone.now()
    rows = [{"a": a, "countdown": countdown(a.due_at, now=now)} for a in page.object_list]
    return render(request, "demands/inbox.html", {
        "page": page, "rows": rows, "read_only": not scope.unit_ids,
    })
