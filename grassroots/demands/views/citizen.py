"""Citizen pages: registration, my demands, submitting, rating, and the public tracking page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from grassroots.core.forms import add_more_service_errors, add_service_error
from grassroots.core.idempotency import form_key, issue_key, run_once
from grassroots.core.policy import require
from grassroots.core.ratelimit import client_address, ratelimit
from grassroots.core.refusals import refusals

from .. import selectors, services
from ..forms import (
    ANONYMOUS_TYPE_VALUES,
    CitizenDemandForm,
    PhoneCodeForm,
    RegisterForm,
    TrackForm,
    division_choices,
)
from ..models import Channel, Demand, DemandStatus, Satisfaction
from .common import created_from_query, created_redirect, paginate
from .detail import demand_assignments


@ratelimit("citizen_submit")
def register(request):
    """Two steps on one page: "获取验证码" texts a code to the phone (the answer is the same
    whether or not the phone is registered), then the code, name and password open the account."""
    if request.user.is_authenticated:
        return redirect("demands:my_list")
    from grassroots.people import verification

    status = 200
    code_sent = ""
    if request.method == "POST" and request.POST.get("action") == "send_code":
        step = PhoneCodeForm(request.POST)
        form = RegisterForm(initial={"phone": request.POST.get("phone", ""),
                                     "name": request.POST.get("name", "")})
        if step.is_valid():
            with refusals(request, flash=False) as refused:
                masked = verification.citizen_register_start(
                    phone=step.cleaned_data["phone"], client_ip=client_address(request))
            if refused:
                form = RegisterForm(request.POST)
                form.errors.clear()
                add_service_error(form, refused.error)
                status = refused.status
            else:
                code_sent = _("验证码已发送至%(phone)s，%(minutes)s分钟内有效。") % {
                    "phone": masked, "minutes": max(1, settings.GRASSROOTS_PHONE_CODE_TTL // 60)}
        else:
            form = RegisterForm(request.POST)
            form.errors.clear()
            for message in step.errors.get("phone", []):
                form.add_error("phone", message)
            status = 400
    elif request.method == "POST":
        form = RegisterForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            with refusals(request, form=form) as refused:
                user = verification.citizen_register(
                    phone=d["phone"], code=d["code"], name=d["name"].strip(),
                    password=d["password"])
            if refused:
                status = refused.status
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, _("注册成功，您现在可以提交诉求了。"))
                return redirect("demands:my_list")
        else:
            status = 400
    else:
        form = RegisterForm()
    return render(request, "demands/register.html", {"form": form, "code_sent": code_sent},
                  status=status)


@login_required
@ratelimit("citizen_submit")
def my_phone(request):
    """An account made before SMS codes proves its phone; until then the demands recorded
    under the phone by staff and integrations do not show in it."""
    require(request.user, "demands.citizen_account")
    from grassroots.people import verification

    person = request.user.person
    status, code_sent, error = 200, "", ""
    if request.method == "POST":
        with refusals(request, flash=False) as refused:
            if request.POST.get("action") == "send_code":
                masked = verification.citizen_phone_verify_start(
                    actor=request.user, client_ip=client_address(request))
                code_sent = _("验证码已发送至%(phone)s，%(minutes)s分钟内有效。") % {
                    "phone": masked,
                    "minutes": max(1, settings.GRASSROOTS_PHONE_CODE_TTL // 60)}
            else:
                verification.citizen_phone_verify(actor=request.user,
                                                  code=request.POST.get("code", ""))
                messages.success(request, _("手机号验证成功。"))
                return redirect("demands:my_list")
        if refused:
            status, error = refused.status, refused.message
    return render(request, "demands/my_phone.html", {
        "person": person, "code_sent": code_sent, "error": error}, status=status)


@login_required
def my_list(request):
    require(request.user, "demands.citizen_account")
    page = paginate(request, selectors.citizen_demands(request.user)
                    .select_related("town", "division"))
    person = getattr(request.user, "person", None)
    return render(request, "demands/my_list.html", {
        "page": page,
        "phone_unverified": bool(person and person.phone_hash and not person.phone_verified_at)})


@login_required
@ratelimit("citizen_submit")
def my_new(request):
    require(request.user, "demands.citizen_account")
    status = 200
    if request.method == "POST":
        form = CitizenDemandForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            with refusals(request, form=form) as refused:
                outcome = run_once(
                    user=request.user, key=form_key(request), operation="demands.citizen_submit",
                    create=lambda: services.demand_submit_by_citizen(
                        actor=request.user, type=d["type"], title=d["title"], text=d["text"],
                        division=d["division"], address=d["address"], latitude=d["latitude"],
                        longitude=d["longitude"], is_anonymous=d["is_anonymous"],
                        photos=request.FILES.getlist("photos")),
                    result=lambda demand: {"pk": demand.pk})
            if refused:
                status = refused.status
            else:
                answer = created_redirect(request, "demands:my_new", outcome)
                # The citizen lands on the new demand (its number, progress and address); an
                # anonymous report keeps no link to its author and stays on the form's answer.
                pk = outcome.result["pk"]
                if selectors.citizen_demands(request.user).filter(pk=pk).exists():
                    if not outcome.repeated:
                        messages.success(request, _("已提交，请记下诉求编号，可随时查看办理进度。"))
                    return redirect("demands:my_detail", pk=pk)
                return answer
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
    require(request.user, "demands.citizen_view")
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
    require(request.user, "demands.citizen_view")
    demand = selectors.get_demand_for_user(request.user, pk)
    with refusals(request, flash=False) as refused:
        services.demand_follow_up(actor=request.user, demand=demand,
                                  satisfaction=request.POST.get("satisfaction", ""),
                                  comment=request.POST.get("comment", ""))
    if refused:
        context = _public_context(demand, request.user)
        context.update({
            "can_rate": demand.status == DemandStatus.REPLIED and demand.citizen_id is not None,
            "ratings": [(v, label) for v, label in Satisfaction.choices if v != "no_response"],
            "photos": list(selectors.public_attachments(demand)),
            "error": refused.message, "post": request.POST,
        })
        return render(request, "demands/my_detail.html", context, status=refused.status)
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
