"""The party tree's pages: thin, every write through a service, every read through the
scope-filtered selectors (``get_for_user``: the same 404 for missing and not yours)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.idempotency import create_once
from grassroots.core.parsing import parse_id
from grassroots.core.policy import allows, require
from grassroots.core.refusals import refusals
from grassroots.core.selectors import get_for_user
from grassroots.core.xlsx import XLSX
from grassroots.places.models import Division

from . import selectors as sel
from . import services
from .exchange import export_workbook, import_workbook
from .forms import (
    ImportForm,
    MemberAddForm,
    MemberRemoveForm,
    OrganisationForm,
    SecretaryForm,
    TermForm,
)
from .models import MemberStatus, PartyMember, PartyOrganisation


def _managed(user):
    return PartyOrganisation.objects.restrict(user, "change").filter(is_active=True)


@login_required
def tree(request):
    scope = require(request.user, "party.view")
    orgs = sel.tree_for(request.user)
    due_only = request.GET.get("due") == "1"
    if due_only:
        orgs = sel.term_due_soon(orgs)
    due_by = sel.term_warning_date()
    return render(request, "party/tree.html", {
        "orgs": sel.with_counts(orgs), "due_by": due_by, "due_only": due_only, "today": timezone.localdate(),
        "can_manage": allows(scope, "party.manage"), "can_export": allows(scope, "party.export"),
        "can_import": scope.sees_all_party})


@login_required
def org_detail(request, pk):
    scope = require(request.user, "party.view")
    org = get_for_user(PartyOrganisation.objects.select_related("parent", "secretary",
                                                                 "division"), request.user, pk)
    members = list(sel.members_of(request.user, org))
    full = sum(1 for m in members if m.status == MemberStatus.FULL)
    warnings = services.size_warnings(org, sel.full_member_counts([org.pk]).get(org.pk, 0))
    may_manage = allows(scope, "party.manage", org)
    return render(request, "party/org_detail.html", {
        "org": org, "members": members, "full": full, "warnings": warnings,
        "children": sel.with_counts(sel.tree_for(request.user).filter(parent=org)),
        "due_soon": bool(org.term_due_on and org.term_due_on <= sel.term_warning_date()),
        "can_manage": may_manage,
        "term_form": TermForm(initial={"has_committee": org.has_committee}),
        "secretary_form": SecretaryForm(members=org.members.filter(
            is_active=True, status=MemberStatus.FULL).select_related("person")),
        "remove_form": MemberRemoveForm(initial={"ended_on": timezone.localdate()}),
    })


def _org_form(request, *, org=None):
    parents = _managed(request.user)
    if org is not None:
        initial = {f: getattr(org, f) for f in services.orgs.EDITABLE}
        return OrganisationForm(request.POST or None, initial=initial, parents=parents,
                                divisions=Division.objects.all(), editing=True)
    parent = parents.filter(pk=parse_id(request.GET.get("parent"))).first()
    return OrganisationForm(request.POST or None, initial={"parent": parent},
                            parents=parents, divisions=Division.objects.all())


@login_required
def org_new(request):
    require(request.user, "party.view")
    require(request.user, "party.manage")
    form = _org_form(request)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        with refusals(request, form=form) as refused:
            pk = create_once(request, operation="party.organisation_create",
                             create=lambda: services.organisation_create(actor=request.user, **cd))
        if not refused:
            messages.success(request, _("党组织已设立。"))
            return redirect("party:org", pk=pk)
    return render(request, "party/org_form.html", {"form": form, "org": None},
                  status=400 if request.method == "POST" else 200)


@login_required
def org_edit(request, pk):
    org = get_for_user(PartyOrganisation.objects.all(), request.user, pk)
    require(request.user, "party.manage", org)
    form = _org_form(request, org=org)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form=form) as refused:
            services.organisation_update(actor=request.user, org=org, **form.cleaned_data)
        if not refused:
            messages.success(request, _("已保存。"))
            return redirect("party:org", pk=org.pk)
    return render(request, "party/org_form.html", {"form": form, "org": org},
                  status=400 if request.method == "POST" else 200)


@login_required
def member_new(request, pk):
    org = get_for_user(PartyOrganisation.objects.all(), request.user, pk)
    require(request.user, "party.manage", org)
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form=form) as refused:
            create_once(request, operation="party.member_enrol",
                        create=lambda: services.member_enrol(
                            actor=request.user, org=org, **form.cleaned_data)[0])
        if not refused:
            messages.success(request, _("党员已增加。"))
            for warning in services.size_warnings(
                    org, sel.full_member_counts([org.pk]).get(org.pk, 0)):
                messages.warning(request, warning)
            return redirect("party:org", pk=org.pk)
    return render(request, "party/member_form.html", {"form": form, "org": org},
                  status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def org_term(request, pk):
    org = get_for_user(PartyOrganisation.objects.all(), request.user, pk)
    require(request.user, "party.manage", org)
    form = TermForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写选举日期。"))
        return redirect("party:org", pk=org.pk)
    with refusals(request) as refused:
        services.term_renew(actor=request.user, org=org, **form.cleaned_data)
    if not refused:
        messages.success(request, _("换届信息已登记。"))
    return redirect("party:org", pk=org.pk)


@login_required
@require_POST
def org_secretary(request, pk):
    org = get_for_user(PartyOrganisation.objects.all(), request.user, pk)
    require(request.user, "party.manage", org)
    form = SecretaryForm(request.POST, members=PartyMember.objects.filter(is_active=True))
    if not form.is_valid():
        messages.error(request, _("请选择书记。"))
        return redirect("party:org", pk=org.pk)
    with refusals(request) as refused:
        services.secretary_set(actor=request.user, org=org,
                               person=form.cleaned_data["member"].person)
    if not refused:
        messages.success(request, _("书记已设定。"))
    return redirect("party:org", pk=org.pk)


@login_required
@require_POST
def member_remove(request, pk):
    member = get_for_user(PartyMember.objects.select_related("organisation"), request.user, pk)
    require(request.user, "party.manage", member.organisation)
    form = MemberRemoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择减少原因并填写日期。"))
        return redirect("party:org", pk=member.organisation_id)
    with refusals(request) as refused:
        _m, warnings = services.member_remove(actor=request.user, member=member,
                                              **form.cleaned_data)
    if not refused:
        messages.success(request, _("党员已减少。"))
        for warning in warnings:
            messages.warning(request, warning)
    return redirect("party:org", pk=member.organisation_id)


@login_required
def export(request, what):
    require(request.user, "party.view")
    require(request.user, "party.export")
    if what not in ("orgs", "members"):
        raise PermissionDenied(_("没有这种导出。"))
    data = export_workbook(request.user, what, clear=request.GET.get("clear") == "1",
                           request=request)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="party-{what}-{stamp}.xlsx"'
    return response


@login_required
def import_view(request):
    require(request.user, "party.view")
    scope = require(request.user, "party.manage")
    if not scope.sees_all_party:
        raise PermissionDenied(_("只有县委组织部可以导入党组织和党员。"))
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        with refusals(request, form=form) as refused:
            result = import_workbook(actor=request.user, file=form.cleaned_data["file"])
        if not refused and result.ok:
            messages.success(request, _("导入完成。"))
    status = 400 if request.method == "POST" and (not form.is_valid() or
                                                   (result and not result.ok)) else 200
    return render(request, "party/import.html", {"form": form, "result": result},
                  status=status)
