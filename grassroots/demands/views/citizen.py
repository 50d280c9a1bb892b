"""Citizen pages: registration, my demands, submitting, rating, and the public tracking page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.forms import add_more_service_errors, add_service_error
from grassroots.core.idempotency import form_key, issue_key, run_once
from grassroots.core.ratelimit import ratelimit
from grassroots.core.scope import get_scope

from .. import selectors, services
from ..forms import (
    ANONYMOUS_TYPE_VALUES,
    CitizenDemandForm,
    RegisterForm,
    TrackForm,
    division_choices,
)
from ..models import Channel, Demand, DemandStatus, Satisfaction
from .common import created_from_query, created_redirect, paginate
from .detail import demand_assignments


def _require_citizen(user):
    if not get_scope(user).person_id:
        raise PermissionDenied(_("请使用群众账号登录。"))


def _require_citizen_account(user):
    """Submitting on the citizen channel is for citizens' own accounts; staff record demands
    through the visit or phone intake, where the channel says who took it."""
    if not get_scope(user).is_citizen:
        raise PermissionDenied(_("请使用群众账号登录。"))


@ratelimit("citizen_submit")
def register(request):
    if request.user.is_authenticated:
        return redirect("demands:my_list")
    status = 200
    if request.method == "POST":
        form = RegisterForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                from grassroots.people.services import citizen_register

                user = citizen_register(phone=d["phone"].strip(), name=d["name"].strip(),
                                        password=d["password"])
            except ApplicationError as exc:
                add_service_error(form, exc)
                status = 400
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, _("注册成功，您现在可以提交诉求了。"))
                return redirect("demands:my_list")
        else:
            status = 400
    else:
        form = RegisterForm()
    return render(request, "demands/register.html", {"form": form}, status=status)


@login_required
def my_list(request):
    _require_citizen_account(request.user)
    page = paginate(request, selectors.citizen_demands(request.user)
                    .select_related("town", "division"))
    return render(request, "demands/my_list.html", {"page": page})


@login_required
@ratelimit("citizen_submit")
def my_new(request):
    _require_citizen_account(request.user)
    status = 200
    if request.method == "POST":
        form = CitizenDemandForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                outcome = run_once(
                    user=request.user, key=form_key(request), operation="demands.citizen_submit",
                    create=lambda: services.demand_submit_by_citizen(
                        actor=request.user, type=d["type"], title=d["title"], text=d["text"],
                        division=d["division"], address=d["address"], latitude=d["latitude"],
                        longitude=d["longitude"], is_anonymous=d["is_anonymous"],
                        photos=request.FILES.getlist("photos")),
                    result=lambda demand: {"pk": demand.pk})
            except NotInScope as exc:
                raise PermissionDenied(exc.message)
            except ApplicationError as exc:
                add_service_error(form, exc)
                status = exc.status_code
            else:
                return created_redirect(request, "demands:my_new", outcome)
        else:
            status = 400
            p = request.POST
            add_more_service_errors(form, lambda: services.demand_check(
                channel=Channel.CITIZEN, type=p.get("type", ""), title=p.get("title", ""),
                text=p.get("text", ""), is_anonymous=bool(p.get("is_anonymous"))))
    else:
        form = CitizenDemandForm()
    created = created_from_query(request, selectors.citizen_demands(request.user))
    return render(request, "demands/my_new.html", {
        "form": form, "created": created, "divisions": division_choices(),
        "anonymous_types": ANONYMOUS_TYPE_VALUES,
        "idempotency_key": form_key(request) or issue_key(),
        # A browser cannot refill a file box: say so, or the demand goes in without them.
        "photos_dropped": len(request.FILES.getlist("photos")) if status != 200 else 0,
    }, status=status)


def _public_context(demand: Demand, viewer=None) -> dict:
    assignments = demand_assignments(demand)
    return {
        "demand": demand,
        "timeline": selectors.public_timeline(demand, viewer=viewer),
        "lead_unit": next((str(a.unit) for a in assignments
                           if a.role == "lead" and a.status != "returned"), ""),
    }


@login_required
def my_detail(request, pk):
    _require_citizen(request.user)
    demand = selectors.get_demand_for_user(request.user, pk)
    if not selectors.demand_is_own(request.user, demand):
        return redirect("demands:detail", pk=demand.pk)
    context = _public_context(demand, request.user)
    context.update({
        "can_rate": demand.status == DemandStatus.REPLIED and demand.citizen_id is not None,
        "ratings": [(v, label) for v, label in Satisfaction.choices if v != "no_response"],
        "photos": list(selectors.public_attachments(demand)),
        "error": "",
    })
    return render(request, "demands/my_detail.html", context)


@login_required
@require_POST
def my_rate(request, pk):
    _require_citizen(request.user)
    demand = selectors.get_demand_for_user(request.user, pk)
    try:
        services.demand_follow_up(actor=request.user, demand=demand,
                                  satisfaction=request.POST.get("satisfaction", ""),
                                  comment=request.POST.get("comment", ""))
    except NotInScope as exc:
        raise PermissionDenied(exc.message)
    except ApplicationError as exc:
        context = _public_context(demand, request.user)
        context.update({
            "can_rate": demand.status == DemandStatus.REPLIED and demand.citizen_id is not None,
            "ratings": [(v, label) for v, label in Satisfaction.choices if v != "no_response"],
            "photos": list(selectors.public_attachments(demand)),
            "error": exc.message, "post": request.POST,
        })
        return render(request, "demands/my_detail.html", context, status=exc.status_code)
    messages.success(request, _("感谢您的评价。"))
    return redirect("demands:my_detail", pk=demand.pk)


NOT_FOUND = gettext_noop("未查到该诉求，请核对诉求编号和手机号。")


@ratelimit("track", methods=("GET", "POST"))
def track(request):
    """Public: number + phone. "Not found" and "wrong phone" give the same answer."""
    form = TrackForm(request.POST or None)
    context = {"form": form, "found": None, "not_found": ""}
    status = 200
    if request.method == "POST" and form.is_valid():
        demand = selectors.track_demand(form.cleaned_data["number"], form.cleaned_data["phone"])
        if demand is None:
            context["not_found"] = _(NOT_FOUND)
        else:
            context["found"] = _public_context(demand)
    elif request.method == "POST":
        status = 400
    return render(request, "demands/track.html", context, status=status)
