"""A member's profile (a member sees his own on a phone), the branch roster with its
counters and export, and the profile's actions (one POST route per action)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.events import events_for
from grassroots.core.files import MIME, download_response
from grassroots.core.policy import allows, require
from grassroots.core.refusals import refusals
from grassroots.core.selectors import get_for_user
from grassroots.core.timeline import action_display, event_row
from grassroots.party.models import MemberStatus, PartyMember, PartyOrganisation
from grassroots.rulesets.selectors import rule_param, rule_set_in_force

from .. import forms, services
from .. import selectors as sel
from ..exports import roster_workbook
from ..models import DuesBill, DuesReduction, Transfer
from ..rulesets import RECORDS_FAMILY
from ..services.common import today


def _threshold(day) -> int:
    return int(rule_param(rule_set_in_force(RECORDS_FAMILY, day), "counter.disposal_months").value)


def _history(member) -> list[dict]:
    """The member's change history (增加/减少 with reason, document and actor) and every other
    event on his record, newest first."""
    states = dict(MemberStatus.choices)
    rows = []
    for e in events_for(member).select_related("actor__person").order_by("-at", "-pk")[:50]:
        extra = e.extra or {}
        parts = [str(extra[k]) for k in ("change", "reason", "document") if extra.get(k)]
        note = " · ".join(parts + ([e.note] if e.note else []))
        rows.append(event_row(e, label=action_display(e.action),
                              from_label=states.get(e.from_state, ""),
                              to_label=states.get(e.to_state, ""), note=note))
    return rows


@login_required
def member_profile(request, pk):
    require(request.user, "partymembers.member_view")
    member = get_for_user(PartyMember.objects.select_related(
        "person", "organisation", "mobile_org", "exempt_approved_by"), request.user, pk)
    require(request.user, "partymembers.member_view", member)
    day = today()
    counted = sel.with_counters(PartyMember.objects.filter(pk=member.pk), day).get()
    scope = require(request.user, "partymembers.member_view", member)
    may_manage = allows(scope, "partymembers.member_manage", member)
    may_decide = allows(scope, "partymembers.member_decide", member)
    context = {
        "member": member, "counted": counted, "threshold": _threshold(day),
        "party_age": member.party_age_on(day),
        "bills": DuesBill.objects.filter(member=member).order_by("-month")[:12],
        "paid_through": services.paid_through(member.pk),
        "transfers": Transfer.objects.filter(member=member).select_related("from_org", "to_org"),
        "reductions": DuesReduction.objects.filter(member=member),
        "history": _history(member) if may_manage else [],
        "searches": member.contact_searches.all()[:10] if may_manage else [],
        "work": member.assigned_work.all()[:10],
        "may_manage": may_manage, "may_decide": may_decide,
    }
    if may_manage:
        context.update({
            "category_form": forms.CategoryForm(initial={"category": member.dues_category}),
            "base_form": forms.BaseForm(initial={"month_from": day.replace(day=1)}),
            "transfer_form": forms.TransferForm(),
            "lost_form": forms.DayForm(), "search_form": forms.SearchForm(),
            "note_form": forms.NoteForm(), "mobile_form": forms.MobileForm(),
            "reduction_form": forms.ReductionForm(), "work_form": forms.WorkForm(),
        })
    if may_decide:
        context["exempt_form"] = forms.ExemptForm()
    return render(request, "partymembers/records/member_profile.html", context)


@login_required
def member_roster(request, pk):
    require(request.user, "partymembers.records_view")
    org = get_for_user(PartyOrganisation.objects.all(), request.user, pk)
    require(request.user, "partymembers.records_view", org)
    day = today()
    members = list(sel.roster(request.user, org, day))
    if request.GET.get("format") == "xlsx":
        data = roster_workbook(members, org=org, day=day)
        return download_response(data, f"{org.name}-党员名册-{day:%Y%m%d}.xlsx", MIME["xlsx"])
    return render(request, "partymembers/records/roster.html", {
        "org": org, "members": members, "threshold": _threshold(day), "today": day})


def _member_for_action(request, pk):
    member = get_for_user(PartyMember.objects.select_related("organisation", "person"),
                          request.user, pk)
    require(request.user, "partymembers.member_manage", member)
    return member


def _category(request, member):
    form = forms.CategoryForm(request.POST)
    if form.is_valid():
        return services.member_category_set(actor=request.user, member=member, **form.cleaned_data)
    return form


def _base(request, member):
    form = forms.BaseForm(request.POST)
    if form.is_valid():
        return services.dues_base_declare(actor=request.user, member=member, **form.cleaned_data)
    return form


def _transfer(request, member):
    form = forms.TransferForm(request.POST)
    if form.is_valid():
        return services.transfer_issue(actor=request.user, member=member, **form.cleaned_data)
    return form


def _lost(request, member):
    form = forms.DayForm(request.POST)
    if form.is_valid():
        return services.member_lost_contact(actor=request.user, member=member,
                                            since=form.cleaned_data["since"])
    return form


def _search(request, member):
    form = forms.SearchForm(request.POST)
    if form.is_valid():
        return services.contact_search_log(actor=request.user, member=member, **form.cleaned_data)
    return form


def _restore(request, member):
    form = forms.NoteForm(request.POST)
    if form.is_valid():
        return services.member_contact_restore(actor=request.user, member=member,
                                               note=form.cleaned_data["note"])
    return form


def _suspend(request, member):
    form = forms.NoteForm(request.POST)
    if form.is_valid():
        return services.member_suspend(actor=request.user, member=member,
                                       document=form.cleaned_data["note"])
    return form


def _remove(request, member):
    form = forms.NoteForm(request.POST)
    if form.is_valid():
        return services.member_remove_lapsed(actor=request.user, member=member,
                                             document=form.cleaned_data["note"])
    return form


def _mobile(request, member):
    form = forms.MobileForm(request.POST)
    if form.is_valid():
        return services.member_mobile_set(actor=request.user, member=member, **form.cleaned_data)
    return form


def _mobile_end(request, member):
    return services.member_mobile_end(actor=request.user, member=member)


def _exempt(request, member):
    form = forms.ExemptForm(request.POST)
    if form.is_valid():
        person = getattr(request.user, "person", None)
        return services.member_exempt(actor=request.user, member=member, approver=person,
                                      **form.cleaned_data)
    return form


def _reduction(request, member):
    form = forms.ReductionForm(request.POST)
    if form.is_valid():
        return services.dues_reduction_propose(actor=request.user, member=member,
                                               **form.cleaned_data)
    return form


def _work(request, member):
    form = forms.WorkForm(request.POST)
    if form.is_valid():
        return services.work_assign(actor=request.user, member=member, **form.cleaned_data)
    return form


ACTIONS = {
    "category": _category, "base": _base, "transfer": _transfer, "lost": _lost,
    "search": _search, "restore": _restore, "suspend": _suspend, "remove": _remove,
    "mobile": _mobile, "mobile-end": _mobile_end, "exempt": _exempt,
    "reduction": _reduction, "work": _work,
}


@login_required
@require_POST
def member_action(request, pk, action):
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404
    member = _member_for_action(request, pk)
    result = None
    with refusals(request) as refused:
        result = handler(request, member)
    if not refused:
        if hasattr(result, "errors") and result.errors:
            for field, errors in result.errors.items():
                label = result.fields[field].label if field in result.fields else ""
                messages.error(request, f"{label}：{' '.join(errors)}" if label else " ".join(errors))
        else:
            messages.success(request, _("已办理。"))
    if action == "transfer" and isinstance(result, Transfer):
        return redirect("partymembers:transfer_detail", pk=result.pk)
    return redirect("partymembers:member_profile", pk=member.pk)
