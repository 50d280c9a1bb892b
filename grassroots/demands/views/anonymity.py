"""The security auditor's look-up of who submitted an anonymous demand (every look logged)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from grassroots.core.policy import can
from grassroots.core.ratelimit import ratelimit
from grassroots.core.refusals import refusals

from .. import services


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
@ratelimit("pii_reveal", per_user=True)
def anonymous_submitter(request):
    """GET: the form (number + reason); POST: the submitter, logged. Anyone but the security
    auditor gets the same 404 as for a missing page (a POST is logged as denied first)."""
    is_auditor = can(request.user, "demands.reveal_anonymous")
    if request.method == "GET" and not is_auditor:
        raise Http404(_("未找到"))
    context = {"post": {}, "error": "", "field": "", "found": None}
    status = 200
    if request.method == "POST":
        context["post"] = request.POST
        # Anyone but the auditor: the service's NotVisible (logged as denied) is the 404.
        with refusals(request, flash=False) as refused:
            context["found"] = services.anonymous_submitter_reveal(
                actor=request.user, number=request.POST.get("number", ""),
                reason=request.POST.get("reason", ""), request=request)
        if refused:
            context.update(error=refused.message, field=refused.field)
            status = refused.status
    return render(request, "demands/anonymous_submitter.html", context, status=status)
