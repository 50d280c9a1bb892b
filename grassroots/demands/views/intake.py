"""Intake pages: the staff phone intake (and the old address of the visit form)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from grassroots.core.forms import add_more_service_errors
from grassroots.core.idempotency import form_key, issue_key, run_once
from grassroots.core.policy import require
from grassroots.core.refusals import refusals

from .. import services
from ..forms import (
    PhoneIntakeForm,
    category_choices,
    division_choices,
)
from ..models import Channel, Demand
from .common import created_from_query, created_redirect


@login_required
def visit_new(request):
    """The old visit-demand form: a visit is recorded with its demands on the grid-work visit
    form (a Visit row, so the grid's coverage counts it); old links land there."""
    require(request.user, "demands.visit_page")
    target = reverse("gridwork:visit_new")
    if request.GET:
        target = f"{target}?{request.GET.urlencode()}"
    return redirect(target)


@login_required
def phone_new(request):
    require(request.user, "demands.intake_phone",
            message=_("只有派单中心和镇街工作人员可以登记电话诉求。"))
    status = 200
    if request.method == "POST":
        form = PhoneIntakeForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            with refusals(request, form=form) as refused:
                outcome = run_once(
                    user=request.user, key=form_key(request), operation="demands.phone_intake",
                    create=lambda: services.demand_record_from_phone(
                        actor=request.user, citizen_name=d["citizen_name"],
                        citizen_phone=d["citizen_phone"], type=d["type"], grade=d["grade"],
                        category=d["category"], division=d["division"], address=d["address"],
                        title=d["title"], text=d["text"], is_anonymous=d["is_anonymous"],
                        solved_on_spot=d["solved_on_spot"],
                        on_spot_note=d["on_spot_note"] if d["solved_on_spot"] else ""),
                    result=lambda demand: {"pk": demand.pk})
            if refused:
                status = refused.status
            else:
                return created_redirect(request, "demands:phone_new", outcome)
        else:
            status = 400
            p = request.POST
            add_more_service_errors(form, lambda: services.demand_check(
                channel=Channel.PHONE, type=p.get("type", ""), title=p.get("title", ""),
                text=p.get("text", ""), grade=p.get("grade", ""),
                is_anonymous=bool(p.get("is_anonymous")),
                solved_on_spot=bool(p.get("solved_on_spot")),
                on_spot_note=p.get("on_spot_note", ""), citizen_phone=p.get("citizen_phone", "")))
    else:
        form = PhoneIntakeForm()
    created = created_from_query(request, Demand.objects.restrict(request.user))
    return render(request, "demands/phone_new.html", {
        "form": form, "created": created, "categories": category_choices(),
        "divisions": division_choices(), "idempotency_key": form_key(request) or issue_key(),
    }, status=status)
