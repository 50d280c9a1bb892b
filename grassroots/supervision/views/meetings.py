from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.idempotency import create_once
from grassroots.core.policy import allows, require
from grassroots.core.refusals import refusals

from .. import selectors
from ..forms import MeetingForm, MeetingItemForm
from ..services import reports as svc


@login_required
def meeting_list(request):
    scope = require(request.user, "core.staff")
    return render(request, "supervision/meeting_list.html", {
        "meetings": selectors.meeting_list(request.user)[:200], "can_create": allows(scope, "supervision.office"),
    })


@login_required
def meeting_create(request):
    require(request.user, "core.staff")
    require(request.user, "supervision.office")
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        with refusals(request, form=form) as refused:
            pk = create_once(request, operation="supervision.meeting_create", create=lambda: (
                svc.meeting_create(actor=request.user, held_on=d["held_on"], topic=d["topic"],
                                   category=d["category"], units=d["units"],
                                   demands=d["demand_numbers"], decisions=d["decisions"])))
        if not refused:
            return redirect("supervision:meeting", pk=pk)
    return render(request, "supervision/meeting_form.html", {"form": form})


@login_required
def meeting_detail(request, pk):
    scope = require(request.user, "core.staff")
    m = selectors.get_meeting_for_user(request.user, pk)
    form = MeetingItemForm(request.POST or None)
    if request.method == "POST":
        require(request.user, "supervision.office")
        if form.is_valid():
            with refusals(request, form=form) as refused:
                svc.meeting_item_add(actor=request.user, meeting=m, **form.cleaned_data)
            if not refused:
                return redirect("supervision:meeting", pk=pk)
    items = list(m.items.select_related("owner"))
    for item in items:
        item.can_complete = item.done_at is None and allows(
            scope, "supervision.complete_item", item)
    return render(request, "supervision/meeting_detail.html", {
        "m": m, "items": items, "form": form, "can_add": allows(scope, "supervision.office"),
        "units": m.units.all(), "demands": m.demands.all(), "today": timezone.localdate(),
    })


@login_required
@require_POST
def meeting_item_complete(request, pk):
    require(request.user, "core.staff")
    item = selectors.get_meeting_item_for_user(request.user, pk, "complete")
    with refusals(request) as refused:
        svc.meeting_item_complete(actor=request.user, item=item, note=request.POST.get("note", ""))
    if not refused:
        messages.success(request, _("已登记完成。"))
    return redirect("supervision:meeting", pk=item.meeting_id)
