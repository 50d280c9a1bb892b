"""The unit leader's sign-off queue (办结把关) and the units' sign-off settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.parsing import id_or_none
from grassroots.core.policy import require
from grassroots.core.refusals import refusals
from grassroots.core.scope import get_scope
from grassroots.orgs.models import Organization
from grassroots.orgs.services import unit_signoff_set

from .. import selectors
from .common import countdown, paginate


def _settings_units(user):
    """The units whose sign-off settings this user may change: the dispatch centre (and the
    administrator) every handling unit, a unit leader their own units."""
    scope = get_scope(user)
    units = Organization.objects.handling_units().order_by("code")
    return units if scope.is_dispatcher else units.filter(pk__in=scope.ids("leader_unit"))


@login_required
def signoff_queue(request):
    require(request.user, "demands.sign_off")
    page = paginate(request, selectors.signoff_queue(request.user))
    now = timezone.now()
    rows = [{"a": a, "countdown": countdown(a.due_at, now=now)} for a in page.object_list]
    return render(request, "demands/signoff_queue.html", {
        "page": page, "rows": rows, "units": list(_settings_units(request.user))})


@login_required
def signoff_settings(request):
    require(request.user, "orgs.signoff_settings")
    return render(request, "demands/signoff_settings.html",
                  {"units": list(_settings_units(request.user))})


@login_required
@require_POST
def signoff_settings_save(request, pk):
    unit = _settings_units(request.user).filter(pk=id_or_none(pk)).first()
    if unit is None:
        raise Http404
    with refusals(request):
        unit_signoff_set(actor=request.user, unit=unit,
                         replies=request.POST.get("replies") == "on",
                         extensions=request.POST.get("extensions") == "on")
        messages.success(request, _("已保存“%(unit)s”的审核设置。") % {"unit": unit})
    back = request.POST.get("back")
    return redirect("demands:signoff_queue" if back == "queue" else "demands:signoff_settings")
