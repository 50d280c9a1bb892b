"""Entries by hand (the branch organiser proposes, the secretary confirms) and the member's
dispute with the branch committee's ruling (upheld: the entry stands; voided)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError, NotInScope, NotVisible
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.core.transitions import transition_apply, transition_check
from grassroots.party.models import PartyMember

from ..models import EntryStatus, ItemKind, PointEntry, PointsScheme, SchemeStatus, ScoringItem
from ..transitions import ENTRY_TABLE, EntryAction, entry_who
from .common import text_of, today


def entry_propose(*, actor, member: PartyMember, item: ScoringItem, occurred_on: date,
                  evidence: str = "", quantity: int = 1) -> PointEntry:
    """A manual entry for ``member`` (proposed; the secretary confirms it)."""
    require(actor, "partymembers.points_record", member)
    scheme = PointsScheme.objects.get(pk=item.scheme_id)  # its status now, not a cached one
    if scheme.status != SchemeStatus.PUBLISHED:
        raise ApplicationError(_("积分方案尚未发布或已结束，不能登记积分。"))
    if not isinstance(occurred_on, date) or occurred_on.year != scheme.year:
        raise ApplicationError(_("发生日期应在%(y)s年内。") % {"y": scheme.year},
                               field="occurred_on")
    if occurred_on > today():
        raise ApplicationError(_("发生日期不能晚于今天。"), field="occurred_on")
    field = member.organisation.field
    if item.fields and field and field not in item.fields:
        raise ApplicationError(_("该积分项目不适用于本支部所在领域。"), field="item")
    evidence = text_of(evidence, field="evidence", label=_("佐证"),
                       required=item.evidence_required)
    if not 1 <= int(quantity) <= 20:
        raise ApplicationError(_("次数应为1至20。"), field="quantity")
    points = item.points * int(quantity)
    with transaction.atomic():
        entry = PointEntry.objects.create(
            scheme=scheme, member=member, item=item, aspect=item.aspect,
            points=points if item.kind == ItemKind.ADD else -points, occurred_on=occurred_on,
            evidence=evidence, source_kind="manual", source_label=item.label,
            recorded_by=actor)
        event_record(subject=entry, actor=actor, action="points_entry_propose",
                     to_state=entry.status, extra={"item": item.code, "points": str(points)})
    return entry


def _lock(entry) -> PointEntry:
    return (PointEntry.objects.select_for_update(of=("self",))
            .select_related("member", "member__person").get(pk=entry.pk))


def _act(actor, entry, action, who, *, fields=None, note="") -> PointEntry:
    with transaction.atomic():
        entry = _lock(entry)
        if who not in entry_who(actor, entry):
            if not PointEntry.objects.restrict(actor, "view").filter(pk=entry.pk).exists():
                raise NotVisible(_("未找到该积分记录。"))
            raise NotInScope(_("您不能对该积分执行此操作。"))
        transition_check(ENTRY_TABLE, entry.status, action, who)
        transition_apply(ENTRY_TABLE, entry, action=action, who=who, actor=actor,
                         fields=fields, note=note)
    return entry


def entry_confirm(*, actor, entry: PointEntry) -> PointEntry:
    return _act(actor, entry, EntryAction.CONFIRM, "branch")


def entry_dispute(*, actor, entry: PointEntry, reason: str) -> PointEntry:
    """The member's own objection to one of his entries, with a reason."""
    reason = text_of(reason, field="reason", label=_("异议理由"))
    return _act(actor, entry, EntryAction.DISPUTE, "member",
                fields={"dispute_reason": reason}, note=reason)


def entry_rule(*, actor, entry: PointEntry, uphold: bool, ruling: str = "") -> PointEntry:
    """The branch committee's ruling on a dispute, or the secretary voiding a proposal."""
    ruling = text_of(ruling, field="ruling", label=_("处理意见"), required=False)
    if entry.status == EntryStatus.DISPUTED and not ruling:
        raise ApplicationError(_("请填写处理意见。"), field="ruling")
    action = EntryAction.UPHOLD if uphold else EntryAction.VOID
    return _act(actor, entry, action, "branch", fields={"ruling": ruling}, note=ruling)


def entries_confirm(*, actor, entries) -> int:
    """Confirm many proposed entries of the actor's branches at once."""
    done = 0
    for entry in entries:
        if entry.status == EntryStatus.PROPOSED:
            entry_confirm(actor=actor, entry=entry)
            done += 1
    return done

