from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from grassroots.core.errors import ApplicationError
from grassroots.core.selectors import get_for_user
from grassroots.core.transitions import actions_for

from . import services
from .models import Errand
from .transitions import ERRAND_TABLE


@login_required
def errand_detail(request, pk):
    errand = get_for_user(Errand.objects.all(), request.user, pk)
    return render(request, "example/errand.html", {
        "errand": errand, "actions": actions_for(ERRAND_TABLE, request.user, errand)})


@login_required
@require_POST
def errand_act(request, pk):
    errand = get_for_user(Errand.objects.all(), request.user, pk)
    try:
        services.errand_transition(actor=request.user, errand=errand,
                                   action=request.POST.get("action", ""))
    except ApplicationError as exc:
        return render(request, "example/errand.html", {
            "errand": errand, "actions": actions_for(ERRAND_TABLE, request.user, errand),
            "error": exc.message}, status=exc.status_code)
    return redirect("example:errand", pk=errand.pk)
