"""A member's profile (a member sees his own on a phone), the branch roster with its
counters and export, and the profile's actions (one POST route per action)."""

from collections.abc import Callable
from dataclasses import dataclass, field

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
        "contacts": member.mobile_contacts.all()[:10] if may_manage else [],
        "probations": member.party_probations.all() if may_manage else [],
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
            "contact_form": forms.MobileContactForm(initial={"contacted_on": day}),
        })
    if may_decide:
        context.update({
            "exempt_form": forms.ExemptForm(),
            "reinstate_form": forms.ReinstateForm(),
            "probation_form": forms.ProbationForm(),
            "probation_end_form": forms.ProbationEndForm(initial={"restored_on": day}),
        })
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


@dataclass(frozen=True)
class ProfileAction:
    """One of the profile's actions: the form that parses the POST, the service it calls and
    how the form's fields map onto the service's keywords (``rename``: form field → keyword;
    ``extra``: more keywords from the request)."""

    service: Callable
    form: type | None = None
    rename: dict = field(default_factory=dict)
    extra: Callable | None = None


def _approver(request) -> dict:
    return {"approver": getattr(request.user, "person", None)}


ACTIONS = {
    "category": ProfileAction(services.member_category_set, forms.CategoryForm),
    "base": ProfileAction(services.dues_base_declare, forms.BaseForm),
    "transfer": ProfileAction(services.transfer_issue, forms.TransferForm),
    "lost": ProfileAction(services.member_lost_contact, forms.DayForm),
    "search": ProfileAction(services.contact_search_log, forms.SearchForm),
    "restore": ProfileAction(services.member_contact_restore, forms.NoteForm),
    "suspend": ProfileAction(services.member_suspend, forms.NoteForm,
                             rename={"note": "document"}),
    "remove": ProfileAction(services.member_remove_lapsed, forms.NoteForm,
                            rename={"note": "document"}),
    "reinstate": ProfileAction(services.member_restore, forms.ReinstateForm),
    "mobile": ProfileAction(services.member_mobile_set, forms.MobileForm),
    "mobile-end": ProfileAction(services.member_mobile_end),
    "mobile-contact": ProfileAction(services.mobile_contact_log, forms.MobileContactForm),
    "exempt": ProfileAction(services.member_exempt, forms.ExemptForm, extra=_approver),
    "reduction": ProfileAction(services.dues_reduction_propose, forms.ReductionForm),
    "work": ProfileAction(services.work_assign, forms.WorkForm),
    "probation": ProfileAction(services.party_probation_record, forms.ProbationForm),
    "probation-end": ProfileAction(services.party_probation_restore, forms.ProbationEndForm),
}


def _run(request, member, action: ProfileAction):
    """Bind the form, call the service; the unbound-invalid form is returned for its errors."""
    kwargs = {}
    if action.form is not None:
        form = action.form(request.POST)
        if not form.is_valid():
            return form
        kwargs = {action.rename.get(k, k): v for k, v in form.cleaned_data.items()}
    if action.extra is not None:
        kwargs.update(action.extra(request))
    return action.service(actor=request.user, member=member, **kwargs)


@login_required
@require_POST
def member_action(request, pk, action):
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404
    member = _member_for_action(request, pk)
    result = None
    with refusals(request) as refused:
        result = _run(request, member, handler)
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
