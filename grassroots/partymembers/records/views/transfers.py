"""Transfers: the lists (open, expired, all, "口袋党员", lost contact), one transfer with its
actions, the letter as .docx and PDF, the register as .xlsx."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.files import MIME, download_response
from grassroots.core.policy import require
from grassroots.core.refusals import refusals
from grassroots.core.selectors import get_for_user
from grassroots.core.transitions import actions_for
from grassroots.rulesets.selectors import rule_param, rule_set_in_force

from .. import forms, services
from .. import selectors as sel
from ..documents import transfer_letter_docx, transfer_letter_pdf
from ..exports import transfers_workbook
from ..models import Transfer, TransferStatus
from ..rulesets import RECORDS_FAMILY
from ..services.common import today
from ..transitions import TRANSFER_TABLE

TABS = {"open": TransferStatus.ISSUED, "incoming": TransferStatus.ISSUED,
        "expired": TransferStatus.EXPIRED, "all": ""}


@login_required
def transfer_list(request):
    require(request.user, "partymembers.records_view")
    tab = request.GET.get("tab", "open")
    day = today()
    context = {"tab": tab, "today": day}
    if tab == "pocket":
        months = int(rule_param(rule_set_in_force(RECORDS_FAMILY, day),
                                "transfer.away_months").value)
        context.update(members=sel.pocket_members(request.user, day, months), months=months)
    elif tab == "mobile":
        months = int(rule_param(rule_set_in_force(RECORDS_FAMILY, day),
                                "mobile.contact_interval_months").value)
        context.update(members=sel.mobile_uncontacted(request.user, day, months)[:500],
                       months=months)
    elif tab == "lost":
        context["members"] = sel.lost_contact(request.user)
    elif tab in TABS:
        transfers = sel.transfers_for(request.user, status=TABS[tab],
                                      incoming=tab == "incoming")
        if request.GET.get("format") == "xlsx":
            return download_response(transfers_workbook(transfers),
                                     f"组织关系转接-{day:%Y%m%d}.xlsx", MIME["xlsx"])
        context["transfers"] = transfers[:500]
    else:
        raise Http404
    return render(request, "partymembers/records/transfer_list.html", context)


def _transfer(request, pk):
    return get_for_user(Transfer.objects.select_related("member__person", "from_org", "to_org"),
                        request.user, pk)


@login_required
def transfer_detail(request, pk):
    require(request.user, "partymembers.member_view")
    transfer = _transfer(request, pk)
    return render(request, "partymembers/records/transfer_detail.html", {
        "t": transfer, "note_form": forms.NoteForm(),
        "actions": [(a.removeprefix("transfer_"), TRANSFER_TABLE.action_label(a))
                    for a in actions_for(TRANSFER_TABLE, request.user, transfer)]})


ACTIONS = {
    "accept": lambda r, t: services.transfer_accept(actor=r.user, transfer=t),
    "return": lambda r, t: services.transfer_return(actor=r.user, transfer=t,
                                                    note=r.POST.get("note", "")),
    "cancel": lambda r, t: services.transfer_cancel(actor=r.user, transfer=t,
                                                    note=r.POST.get("note", "")),
}
RULES = {"accept": "transfer_receive", "return": "transfer_receive", "cancel": "transfer_cancel"}


@login_required
@require_POST
def transfer_action(request, pk, action):
    if action not in ACTIONS:
        raise Http404
    transfer = _transfer(request, pk)
    require(request.user, f"partymembers.{RULES[action]}", transfer)
    with refusals(request) as refused:
        ACTIONS[action](request, transfer)
    if not refused:
        messages.success(request, _("已办理。"))
    return redirect("partymembers:transfer_detail", pk=transfer.pk)


@login_required
def transfer_letter(request, pk, fmt):
    require(request.user, "partymembers.records_view")
    transfer = _transfer(request, pk)
    if fmt == "docx":
        data = transfer_letter_docx(transfer)
    elif fmt == "pdf":
        data = transfer_letter_pdf(transfer)
    else:
        raise Http404
    return download_response(data, f"{transfer.letter_no}.{fmt}", MIME[fmt])
