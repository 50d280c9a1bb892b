
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError
from grassroots.core.idempotency import create_once
from grassroots.core.parsing import date_or_none
from grassroots.core.selectors import get_for_user
from grassroots.places.models import Division

from ..forms import VolunteerEntryForm
from ..models import VolunteerActivity, VolunteerKind
from ..selectors import volunteer as sel
from ..selectors.visits import recordable_grids
from ..services.volunteer import volunteer_activity_record
from .common import require_overview, require_staff


def _date(value):
    return date_or_none(value)


def can_record_activity(scope) -> bool:
    """Who gets the activity form (the service refuses others too)."""
    return scope.is_admin or bool(scope.town_ids) or scope.is_secretary


@login_required
def volunteer_list(request):
    scope = require_staff(request)
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
    scope = require_staff(request)
    if not can_record_activity(scope):
        raise PermissionDenied(_("只有平台管理员、镇街工作人员和民情书记可以登记志愿服务活动。"))
    grids = recordable_grids(request.user)
    divisions = Division.objects.villages()
    if not scope.is_admin:
        divisions = divisions.filter(town_id__in=scope.town_ids) if scope.town_ids else \
            divisions.filter(grids__in=grids).distinct()
    form = VolunteerEntryForm(request.POST or None, grids=grids, divisions=divisions)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            pk = create_once(request, operation="gridwork.volunteer_record",
                             create=lambda: volunteer_activity_record(actor=request.user, **cd))
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("志愿服务活动已登记。"))
            return redirect("gridwork:volunteer_detail", pk=pk)
    return render(request, "gridwork/volunteer_new.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


@login_required
def volunteer_detail(request, pk):
    require_overview(request)
    activity = get_for_user(VolunteerActivity.objects.select_related("grid", "division"),
                            request.user, pk)
    return render(request, "gridwork/volunteer_detail.html",
                  {"a": activity, "participants": activity.participants.all()[:200]})
