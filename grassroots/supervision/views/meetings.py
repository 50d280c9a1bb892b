from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.errors import ApplicationError
from grassroots.core.idempotency import create_once

from .. import selectors
from ..forms import MeetingForm, MeetingItemForm
from ..services import reports as svc
from .common import require_office, require_staff


@login_required
def meeting_list(request):
    scope = require_staff(request)
    return render(request, "supervision/meeting_list.html", {
        "meetings": selectors.meeting_list(request.user)[:200], "can_create": scope.is_supervisor,
    })


@login_required
def meeting_create(request):
    require_office(request)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            pk = create_once(request, operation="supervision.meeting_create", create=lambda: (
                svc.meeting_create(actor=request.user, held_on=d["held_on"], topic=d["topic"],
                                   category=d["category"], units=d["units"],
                                   demands=d["demand_numbers"], decisions=d["decisions"])))
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return redirect("supervision:meeting", pk=pk)
    return render(request, "supervision/meeting_form.html", {"form": form})


@login_required
def meeting_detail(request, pk):
    scope = require_staff(request)
    m = selectors.get_meeting_for_user(request.user, pk)
    form = MeetingItemForm(request.POST or None)
    if request.method == "POST":
        require_office(request)
        if form.is_valid():
            try:
                svc.meeting_item_add(actor=request.user, meeting=m, **form.cleaned_data)
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                return redirect("supervision:meeting", pk=pk)
    items = list(m.items.select_related("owner"))
    for item in items:
        item.can_complete = item.done_at is None and (
            item.owner_id in scope.unit_ids or scope.is_supervisor)
    return render(request, "supervision/meeting_detail.html", {
        "m": m, "items": items, "form": form, "can_add": scope.is_supervisor,
        "units": m.units.all(), "demands": m.demands.all(), "today": timezone.localdate(),
    })


@login_required
@require_POST
def meeting_item_complete(request, pk):
    require_staff(request)
    item = selectors.get_meeting_item_for_user(request.user, pk, "complete")
    try:
        svc.meeting_item_complete(actor=request.user, item=item, note=request.POST.get("note", ""))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已登记完成。"))
    return redirect("supervision:meeting", pk=item.meeting_id)
