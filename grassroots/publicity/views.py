"""The public page (anonymous, phone-first) and the officers' pages; thin: services decide."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.errors import ApplicationError
from grassroots.core.idempotency import form_key, issue_key
from grassroots.core.parsing import id_or_none
from grassroots.core.policy import allows, require
from grassroots.core.ratelimit import ratelimit
from grassroots.core.refusals import refusals
from grassroots.core.scope import Role, get_scope
from grassroots.core.selectors import get_for_user
from grassroots.core.transitions import actions_for
from grassroots.orgs.models import Organization
from grassroots.people.pii import mask_phone

from . import services
from .forms import ENTRY_ROWS, ObjectionForm, PublicityForm, StaffObjectionForm
from .models import Objection, ObjectionStatus, Publicity, PublicityStatus
from .selectors import objections_for, publicities_for, publicities_in_force
from .subjects import subject_type
from .timeline import objection_timeline, publicity_timeline
from .transitions import OBJECTION_TABLE, PUBLICITY_TABLE


def _public_context(request, *, form=None, failed_pk=None):
    return {"publicities": publicities_in_force(), "form": form or ObjectionForm(),
            "failed_pk": failed_pk, "idempotency_key": form_key(request) or issue_key()}


def public_list(request):
    """The publicities in force, for anyone (only in force: ended ones are the officers')."""
    return render(request, "publicity/public_list.html", _public_context(request))


@require_POST
@ratelimit("citizen_submit")
def public_object(request, pk):
    publicity = publicities_in_force().filter(pk=id_or_none(pk) or 0).first()
    if publicity is None:
        raise Http404(_("未找到"))
    form = ObjectionForm(request.POST)
    status = 400
    if form.is_valid():
        d = form.cleaned_data
        with refusals(request, form=form) as refused:
            objection, _created = services.objection_receive(
                actor=request.user, publicity=publicity, content=d["content"],
                entry_key=d["entry_key"], submitter_name=d["submitter_name"],
                submitter_contact=d["submitter_contact"], submit_key=form_key(request))
        if not refused:
            messages.success(request, _("异议已受理，回执编号：%(receipt)s。请妥善保存，发布单位将核实处理。")
                             % {"receipt": objection.receipt})
            return redirect("publicity:public_list")
        status = refused.status
    return render(request, "publicity/public_list.html",
                  _public_context(request, form=form, failed_pk=publicity.pk), status=status)


# --- officers ---------------------------------------------------------------------------------

def _organizations_for(user):
    """The organisations the user may publish for (the subject and owner of a new publicity)."""
    scope = get_scope(user)
    qs = Organization.objects.filter(is_active=True)
    if scope.sees_all_party:
        return qs
    ids = set(scope.unit_ids)
    if Role.TOWN_STAFF in scope.roles and scope.town_ids:
        ids |= set(qs.filter(division__town_id__in=scope.town_ids).values_list("pk", flat=True))
    return qs.filter(pk__in=ids)


@login_required
def officer_list(request):
    scope = require(request.user, "publicity.officer_pages")
    status = request.GET.get("status", "")
    status = status if status in PublicityStatus.values else ""
    open_only = request.GET.get("objections") == "open"
    return render(request, "publicity/officer_list.html", {
        "publicities": publicities_for(request.user, status=status)[:100],
        "objections": objections_for(request.user, open_only=True)
        .select_related("publicity")[:100] if open_only else None,
        "statuses": PublicityStatus.choices, "status": status,
        "can_publish": allows(scope, "publicity.publish")})


@login_required
def officer_new(request):
    require(request.user, "publicity.officer_pages")
    require(request.user, "publicity.publish")
    organizations = _organizations_for(request.user)
    kind = subject_type("orgs.organization")
    status = 200
    if request.method == "POST":
        form = PublicityForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            org = organizations.filter(pk=d["organization"]).first()
            with refusals(request, form=form) as refused:
                if org is None:
                    raise ApplicationError(_("请选择发布单位。"), field="organization")
                publicity = services.publicity_create(
                    actor=request.user, subject=org, kind=d["kind"], scope=d["scope"],
                    title=d["title"], fields=form.entries(request.POST), start_on=d["start_on"],
                    contact_phone=d["contact_phone"], contact_address=d["contact_address"],
                    organization=org, town=org.division.town if org.division_id else None,
                    min_working_days=d["min_working_days"], publish=d["publish"])
            if not refused:
                messages.success(request, _("公示已保存。"))
                return redirect("publicity:officer_detail", pk=publicity.pk)
            status = refused.status
        else:
            status = 400
    else:
        form = PublicityForm()
    return render(request, "publicity/officer_new.html", {
        "form": form, "organizations": organizations.order_by("code")[:500],
        "labels": kind.labels if kind else (), "rows": range(ENTRY_ROWS)}, status=status)


def _masked(objection: Objection) -> str:
    return mask_phone(objection.submitter_contact or "") if objection.submitter_contact else ""


@login_required
def officer_detail(request, pk, *, staff_form=None, status=200):
    require(request.user, "publicity.officer_pages")
    publicity = get_for_user(Publicity.objects.all(), request.user, pk)
    objections = list(publicity.objections.select_related("handled_by"))
    for o in objections:
        o.contact_masked = _masked(o)
        o.actions = [(a, OBJECTION_TABLE.action_label(a))
                     for a in actions_for(OBJECTION_TABLE, request.user, o)]
        o.events = objection_timeline(o)
    actions = actions_for(PUBLICITY_TABLE, request.user, publicity)
    return render(request, "publicity/officer_detail.html", {
        "publicity": publicity, "objections": objections,
        "actions": [(a, PUBLICITY_TABLE.action_label(a)) for a in actions],
        "events": publicity_timeline(publicity),
        "can_record": publicity.status == PublicityStatus.PUBLISHED
        and allows(get_scope(request.user), "publicity.run", publicity),
        "staff_form": staff_form or StaffObjectionForm(),
        "open_status": (ObjectionStatus.RECEIVED, ObjectionStatus.INVESTIGATING)},
        status=status)


@login_required
@require_POST
def officer_act(request, pk):
    require(request.user, "publicity.officer_pages")
    publicity = get_for_user(Publicity.objects.all(), request.user, pk)
    with refusals(request) as refused:
        services.publicity_transition(actor=request.user, publicity=publicity,
                                      action=request.POST.get("action", ""),
                                      note=request.POST.get("note", ""))
    if not refused:
        messages.success(request, _("已更新。"))
    return redirect("publicity:officer_detail", pk=publicity.pk)


@login_required
@require_POST
def objection_record(request, pk):
    """An officer records an objection received by letter, phone or visit."""
    require(request.user, "publicity.officer_pages")
    publicity = get_for_user(Publicity.objects.all(), request.user, pk)
    form = StaffObjectionForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        with refusals(request, form=form) as refused:
            objection, created = services.objection_receive(
                actor=request.user, publicity=publicity, content=d["content"],
                channel=d["channel"], entry_key=d["entry_key"],
                submitter_name=d["submitter_name"], submitter_contact=d["submitter_contact"],
                submit_key=form_key(request))
        if not refused:
            messages.success(request, _("已登记，回执编号：%(receipt)s。") % {"receipt": objection.receipt})
            return redirect("publicity:officer_detail", pk=publicity.pk)
        return officer_detail(request, publicity.pk, staff_form=form, status=refused.status)
    return officer_detail(request, publicity.pk, staff_form=form, status=400)


@login_required
@require_POST
def objection_act(request, pk):
    require(request.user, "publicity.officer_pages")
    objection = get_for_user(Objection.objects.all(), request.user, pk)
    with refusals(request) as refused:
        services.objection_transition(actor=request.user, objection=objection,
                                      action=request.POST.get("action", ""),
                                      finding=request.POST.get("finding", ""))
    if not refused:
        messages.success(request, _("已更新。"))
    return redirect("publicity:officer_detail", pk=objection.publicity_id)
