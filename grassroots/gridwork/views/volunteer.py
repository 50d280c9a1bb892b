
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from grassroots.core.idempotency import create_once
from grassroots.core.parsing import date_or_none
from grassroots.core.policy import allows, require
from grassroots.core.refusals import refusals
from grassroots.core.selectors import get_for_user
from grassroots.places.models import Division

from ..forms import VolunteerEntryForm
from ..models import VolunteerActivity, VolunteerKind
from ..selectors import volunteer as sel
from ..selectors.visits import recordable_grids
from ..services.volunteer import volunteer_activity_record


def _date(value):
    return date_or_none(value)


def can_record_activity(scope) -> bool:
    """Who gets the activity form (the service refuses others too)."""
    return allows(scope, "gridwork.volunteering_form")


@login_required
def volunteer_list(request):
    scope = require(request.user, "core.staff")
    start, end = _date(request.GET.get("start")), _date(request.GET.get("end"))
    kind = request.GET.get("kind", "")
    qs = sel.activities_for(request.user, start=start, end=end, kind=kind)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "gridwork/volunteer_list.html", {
        "page": page, "totals": sel.totals(qs), "kinds": VolunteerKind.choices, "kind": kind,
        "start": start, "end": end, "can_record": can_record_activity(scope),
        "extra": f"&kind={kind}&start={start or ''}&end={end or ''}"})


@login_required
def volunteer_new(request):
    scope = require(request.user, "core.staff")
    require(request.user, "gridwork.volunteering_form")
    grids = recordable_grids(request.user)
    divisions = Division.objects.villages()
    if not scope.is_admin:
        divisions = divisions.filter(town_id__in=scope.town_ids) if scope.town_ids else \
            divisions.filter(grids__in=grids).distinct()
    form = VolunteerEntryForm(request.POST or None, grids=grids, divisions=divisions)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        with refusals(request, form=form) as refused:
            pk = create_once(request, operation="gridwork.volunteer_record",
                             create=lambda: volunteer_activity_record(actor=request.user, **cd))
        if not refused:
            messages.success(request, _("志愿服务活动已登记。"))
            return redirect("gridwork:volunteer_detail", pk=pk)
    return render(request, "gridwork/volunteer_new.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


@login_required
def volunteer_detail(request, pk):
    require(request.user, "gridwork.overview")
    activity = get_for_user(VolunteerActivity.objects.select_related("grid", "division"),
                            request.user, pk)
    return render(request, "gridwork/volunteer_detail.html",
                  {"a": activity, "participants": activity.participants.all()[:200]})
