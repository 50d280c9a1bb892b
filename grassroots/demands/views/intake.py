"""Intake pages: the grid secretary's visit form and the staff phone intake."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.scope import get_scope
from grassroots.places.models import Grid

from .. import services
from ..forms import (
    PhoneIntakeForm,
    VisitForm,
    add_service_error,
    category_choices,
    division_choices,
)


def _visit_grids(user):
    scope = get_scope(user)
    q = Q(pk__in=scope.grid_ids)
    if scope.town_ids:
        q |= Q(division__town_id__in=scope.town_ids)
    qs = Grid.objects.all() if scope.is_admin else Grid.objects.filter(q)
    return qs.select_related("division").order_by("code")


@login_required
def visit_new(request):
    scope = get_scope(request.user)
    if not (scope.is_secretary or scope.town_ids or scope.is_admin):
        raise PermissionDenied(_("只有民情书记和镇街工作人员可以登记走访诉求。"))
    grids = _visit_grids(request.user)
    created = None
    status = 200
    if request.method == "POST":
        form = VisitForm(request.POST, grids=grids)
        if form.is_valid():
            d = form.cleaned_data
            try:
                created = services.demand_record_from_visit(
                    actor=request.user, grid=d["grid"], type=d["type"], title=d["title"],
                    text=d["text"], address=d["address"], citizen_name=d["citizen_name"],
                    citizen_phone=d["citizen_phone"], solved_on_spot=d["solved_on_spot"],
                    on_spot_note=d["on_spot_note"] if d["solved_on_spot"] else "",
                    photos=request.FILES.getlist("photos"))
            except NotInScope as exc:
                raise PermissionDenied(exc.message)
            except ApplicationError as exc:
                add_service_error(form, exc)
                status = exc.status_code
            else:
                form = VisitForm(grids=grids, initial={"grid": d["grid"].pk})
        else:
            status = 400
    else:
        grid_list = list(grids[:2])
        form = VisitForm(grids=grids,
                         initial={"grid": grid_list[0].pk} if len(grid_list) == 1 else {})
    return render(request, "demands/visit_new.html",
                  {"form": form, "grids": grids, "created": created}, status=status)


@login_required
def phone_new(request):
    scope = get_scope(request.user)
    if not (scope.is_dispatcher or scope.town_ids):
        raise PermissionDenied(_("只有派单中心和镇街工作人员可以登记电话诉求。"))
    created = None
    status = 200
    if request.method == "POST":
        form = PhoneIntakeForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                created = services.demand_record_from_phone(
                    actor=request.user, citizen_name=d["citizen_name"],
                    citizen_phone=d["citizen_phone"], type=d["type"], grade=d["grade"],
                    category=d["category"], division=d["division"], address=d["address"],
                    title=d["title"], text=d["text"], is_anonymous=d["is_anonymous"],
                    solved_on_spot=d["solved_on_spot"],
                    on_spot_note=d["on_spot_note"] if d["solved_on_spot"] else "")
            except NotInScope as exc:
                raise PermissionDenied(exc.message)
            except ApplicationError as exc:
                add_service_error(form, exc)
                status = exc.status_code
            else:
                form = PhoneIntakeForm()
        else:
            status = 400
    else:
        form = PhoneIntakeForm()
    return render(request, "demands/phone_new.html", {
        "form": form, "created": created, "categories": category_choices(),
        "divisions": division_choices(),
    }, status=status)
