"""The county overview of sci-tech town heads, training bases and incubation (read-only)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from grassroots.core.policy import require

from .. import selectors
from ..models import IncubationCase, PostStatus, TrainingBase


@login_required
def overview(request):
    require(request.user, "talent.overview")
    labels = dict(PostStatus.choices)
    posts = [{**p, "status_label": labels.get(p["status"], p["status"])}
             for p in selectors.scitech_indicators()]
    return render(request, "talent/overview.html", {
        "posts": posts, "rates": selectors.training_rates(),
        "bases": TrainingBase.objects.select_related("town").order_by("town__code", "name"),
        "incubations": IncubationCase.objects.select_related("talent__person")
        .order_by("started_on")})
