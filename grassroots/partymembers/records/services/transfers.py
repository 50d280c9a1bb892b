"""Transfers of the organisational relationship (组织关系转接): the three-part letter is issued
by the sending branch's officers, accepted or returned by the receiving side, cancelled by the
sender, expired by the daily job. Issuing does not move the member; acceptance does, in the
same transaction, and calls the transfer listeners (the development pipeline moves an open
case with the person)."""

from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.numbering import series_next
from grassroots.core.policy import require
from grassroots.core.transitions import transition_apply
from grassroots.party.models import BRANCH_KINDS, PartyMember, PartyOrganisation
from grassroots.rulesets.checks import add_natural_months, rule_check
from grassroots.rulesets.selectors import rule_set_in_force

from ..models import Transfer, TransferStatus
from ..rulesets import RECORDS_FAMILY
from ..transitions import TRANSFER_TABLE, TransferAction
from .common import lock_member, require_in_roll, text_required, today
from .dues import paid_through

TransferListener = Callable[[PartyMember, PartyOrganisation, PartyOrganisation, object], None]
_listeners: list[TransferListener] = []


def register_transfer_listener(fn: TransferListener) -> None:
    """``fn(member, from_org, to_org, actor)`` is called inside the acceptance's transaction,
    after the member has moved (register it from an AppConfig.ready(); an exception rolls the
    acceptance back)."""
    if fn not in _listeners:
        _listeners.append(fn)


def transfer_issue(*, actor, member: PartyMember, to_org: PartyOrganisation,
                   valid_months: int = 3, reason: str = "") -> Transfer:
    require(actor, "partymembers.member_manage", member)
    reason = text_required(reason, field="reason", label=_("转接原因"), max_length=100)
    if not to_org.is_active or to_org.kind not in BRANCH_KINDS:
        raise ApplicationError(_("请选择接收的党支部。"), field="to_org")
    if to_org.pk == member.organisation_id:
        raise ApplicationError(_("转入党组织与现所在党组织相同。"), field="to_org")
    day = today()
    rs = rule_set_in_force(RECORDS_FAMILY, day)
    if not isinstance(valid_months, int) or valid_months < 1:
        raise ApplicationError(_("有效期应为整月数。"), field="valid_months")
    rule_check(rs, "transfer.valid_max_months", valid_months, field="valid_months")
    with transaction.atomic():
        member = lock_member(member)
        require_in_roll(member)
        if Transfer.objects.filter(member=member, status=TransferStatus.ISSUED).exists():
            raise ApplicationError(_("该党员已有未办结的组织关系介绍信。"))
        number = series_next("party_transfer", str(day.year))
        transfer = Transfer.objects.create(
            member=member, from_org=member.organisation, to_org=to_org,
            letter_no=f"组转〔{day.year}〕{number}号",
            issued_on=day, valid_until=add_natural_months(day, valid_months),
            dues_paid_through=paid_through(member.pk), reason=reason, issued_by=actor)
        event_record(subject=transfer, actor=actor, action="transfer_issue",
                     to_state=transfer.status, note=reason,
                     extra={"member": member.pk, "from": member.organisation_id,
                            "to": to_org.pk})
    return transfer


def _locked(transfer: Transfer) -> Transfer:
    return (Transfer.objects.select_for_update()
            .select_related("member__person", "from_org", "to_org").get(pk=transfer.pk))


def transfer_accept(*, actor, transfer: Transfer) -> Transfer:
    require(actor, "partymembers.transfer_receive", transfer)
    day = today()
    with transaction.atomic():
        transfer = _locked(transfer)
        if transfer.status == TransferStatus.ISSUED and transfer.valid_until < day:
            raise ApplicationError(_("介绍信已于%(d)s过期，请转出党组织重新开具。") % {
                "d": transfer.valid_until.isoformat()})
        transition_apply(TRANSFER_TABLE, transfer, action=TransferAction.ACCEPT, who="receiver",
                         actor=actor, fields={"closed_on": day})
        member = lock_member(transfer.member)
        from_org, to_org = member.organisation, transfer.to_org
        member.organisation = to_org
        member.save(update_fields=["organisation"])
        event_record(subject=member, actor=actor, action="party_member_transferred",
                     extra={"from": from_org.pk, "to": to_org.pk, "transfer": transfer.pk,
                            "change": "转入", "reason": transfer.reason,
                            "document": transfer.letter_no})
        if from_org.secretary_id == member.person_id:
            from_org.secretary = None
            from_org.save(update_fields=["secretary"])
        for listener in _listeners:
            listener(member, from_org, to_org, actor)
    return transfer


def transfer_return(*, actor, transfer: Transfer, note: str) -> Transfer:
    require(actor, "partymembers.transfer_receive", transfer)
    note = text_required(note, field="note", label=_("退回原因"), max_length=200)
    with transaction.atomic():
        transfer = _locked(transfer)
        transition_apply(TRANSFER_TABLE, transfer, action=TransferAction.RETURN, who="receiver",
                         actor=actor, fields={"closed_on": today(), "note": note}, note=note)
    return transfer


def transfer_cancel(*, actor, transfer: Transfer, note: str) -> Transfer:
    require(actor, "partymembers.transfer_cancel", transfer)
    note = text_required(note, field="note", label=_("撤销原因"), max_length=200)
    with transaction.atomic():
        transfer = _locked(transfer)
        transition_apply(TRANSFER_TABLE, transfer, action=TransferAction.CANCEL, who="sender",
                         actor=actor, fields={"closed_on": today(), "note": note}, note=note)
    return transfer


def transfers_expire(*, on: date | None = None) -> int:
    """The daily job: issued letters past their validity become ``expired`` (each with its
    event); the member stays where he was and is listed until a new letter is issued."""
    day = on or today()
    done = 0
    for pk in Transfer.objects.filter(status=TransferStatus.ISSUED,
                                      valid_until__lt=day).values_list("pk", flat=True):
        with transaction.atomic():
            transfer = Transfer.objects.select_for_update().get(pk=pk)
            if transfer.status != TransferStatus.ISSUED:
                continue
            transition_apply(TRANSFER_TABLE, transfer, action=TransferAction.EXPIRE,
                             who="system", actor=None, fields={"closed_on": day})
            done += 1
    return done
