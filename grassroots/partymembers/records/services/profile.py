"""Writes on a member's profile: category, exemption, mobile, lost contact (search log,
suspension after 6 months, removal as 自行脱党 after 2 more years), assigned work. Every write
checks the actor through the policy, runs in one transaction and appends an event."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.party.models import (
    DuesCategory,
    MemberEndReason,
    MemberStatus,
    PartyMember,
    PartyOrganisation,
    SpecialKind,
)
from grassroots.rulesets.checks import add_natural_months, rule_require
from grassroots.rulesets.selectors import rule_set_in_force

from ..models import AssignedWork, ContactSearch
from ..rulesets import RECORDS_FAMILY
from .common import (
    check_not_future,
    lock_member,
    require_in_roll,
    text_required,
    today,
)


def member_category_set(*, actor, member: PartyMember, category: str) -> PartyMember:
    require(actor, "partymembers.member_manage", member)
    if category not in DuesCategory.values:
        raise ApplicationError(_("请选择党费类别。"), field="category")
    with transaction.atomic():
        member = lock_member(member)
        require_in_roll(member)
        old = member.dues_category
        member.dues_category = category
        member.save(update_fields=["dues_category"])
        event_record(subject=member, actor=actor, action="member_profile_updated",
                     extra={"dues_category": [old, category]})
    return member


def member_exempt(*, actor, member: PartyMember, reason: str, approver,
                  approved_on: date) -> PartyMember:
    """Exemption from organisational life (elderly, sick [S5 art. 23]) with its approver: the
    member is left out of the organisational-life counter and participation rates."""
    require(actor, "partymembers.member_decide", member)
    reason = text_required(reason, field="reason", label=_("免于参加的原因"), max_length=100)
    check_not_future(approved_on, field="approved_on", label=_("批准日期"))
    if approver is None:
        raise ApplicationError(_("请填写批准人。"), field="approver")
    with transaction.atomic():
        member = lock_member(member)
        require_in_roll(member)
        member.exempt_reason = reason
        member.exempt_approved_by = approver
        member.exempt_approved_on = approved_on
        member.save(update_fields=["exempt_reason", "exempt_approved_by", "exempt_approved_on"])
        event_record(subject=member, actor=actor, action="member_exempted", note=reason,
                     extra={"approver": approver.pk, "approved_on": approved_on.isoformat()})
    return member


def member_mobile_set(*, actor, member: PartyMember, destination: str, since: date,
                      mobile_org: PartyOrganisation | None = None) -> PartyMember:
    """A member working away (流动党员): his relationship stays at home; he attends
    organisational life at the mobile members' organisation, if one is named."""
    require(actor, "partymembers.member_manage", member)
    destination = text_required(destination, field="destination", label=_("流动去向"),
                                max_length=120)
    check_not_future(since, field="since", label=_("外出日期"))
    if mobile_org is not None and mobile_org.special_kind != SpecialKind.MOBILE_MEMBERS:
        raise ApplicationError(_("请选择流动党员党组织。"), field="mobile_org")
    with transaction.atomic():
        member = lock_member(member)
        require_in_roll(member)
        member.is_mobile = True
        member.mobile_destination = destination
        member.mobile_since = since
        member.mobile_org = mobile_org
        member.save(update_fields=["is_mobile", "mobile_destination", "mobile_since",
                                   "mobile_org"])
        event_record(subject=member, actor=actor, action="member_mobile_set", note=destination,
                     extra={"since": since.isoformat(),
                            "mobile_org": mobile_org.pk if mobile_org else None})
    return member


def member_mobile_end(*, actor, member: PartyMember) -> PartyMember:
    require(actor, "partymembers.member_manage", member)
    with transaction.atomic():
        member = lock_member(member)
        if not member.is_mobile:
            raise ApplicationError(_("该党员不是流动党员。"))
        member.is_mobile = False
        member.mobile_destination, member.mobile_since, member.mobile_org = "", None, None
        member.save(update_fields=["is_mobile", "mobile_destination", "mobile_since",
                                   "mobile_org"])
        event_record(subject=member, actor=actor, action="member_mobile_ended")
    return member


def member_lost_contact(*, actor, member: PartyMember, since: date) -> PartyMember:
    require(actor, "partymembers.member_manage", member)
    check_not_future(since, field="since", label=_("失联日期"))
    with transaction.atomic():
        member = lock_member(member)
        require_in_roll(member)
        if member.lost_contact_since:
            raise ApplicationError(_("该党员已登记为失联党员。"))
        member.is_lost_contact = True
        member.lost_contact_since = since
        member.save(update_fields=["is_lost_contact", "lost_contact_since"])
        event_record(subject=member, actor=actor, action="member_lost_contact",
                     extra={"since": since.isoformat()})
    return member


def contact_search_log(*, actor, member: PartyMember, searched_on: date, method: str,
                       note: str) -> ContactSearch:
    require(actor, "partymembers.member_manage", member)
    check_not_future(searched_on, field="searched_on", label=_("查找日期"))
    if method not in dict(ContactSearch._meta.get_field("method").choices):
        raise ApplicationError(_("请选择查找方式。"), field="method")
    note = text_required(note, field="note", label=_("查找情况"), max_length=200)
    with transaction.atomic():
        member = lock_member(member)
        if not member.lost_contact_since:
            raise ApplicationError(_("该党员未登记为失联党员。"))
        search = ContactSearch.objects.create(member=member, searched_on=searched_on,
                                              method=method, note=note, recorded_by=actor)
        event_record(subject=member, actor=actor, action="member_contact_searched", note=note,
                     extra={"search": search.pk, "method": method})
    return search


def member_contact_restore(*, actor, member: PartyMember, note: str) -> PartyMember:
    """Contact found again: a lost member is no longer lost; a suspended one (停止党籍) stays
    suspended until his party membership is restored by the upper committee (not built)."""
    require(actor, "partymembers.member_manage", member)
    note = text_required(note, field="note", label=_("恢复联系的情况"), max_length=200)
    with transaction.atomic():
        member = lock_member(member)
        if not member.lost_contact_since:
            raise ApplicationError(_("该党员未登记为失联党员。"))
        member.is_lost_contact = False
        member.lost_contact_since = None
        member.save(update_fields=["is_lost_contact", "lost_contact_since"])
        event_record(subject=member, actor=actor, action="member_contact_restored", note=note)
    return member


def member_suspend(*, actor, member: PartyMember, document: str = "") -> PartyMember:
    """停止党籍: lost contact for ≥ 6 months (rule-set data) with at least one documented
    search [S5 art. 24]; decided by the upper organisation."""
    require(actor, "partymembers.member_decide", member)
    document = (document or "").strip()[:60]
    day = today()
    with transaction.atomic():
        member = lock_member(member)
        require_in_roll(member)
        if not member.lost_contact_since:
            raise ApplicationError(_("该党员未登记为失联党员。"))
        rs = rule_set_in_force(RECORDS_FAMILY, day)
        rule_require(rs, "lost_contact.suspend_after_months", day >= add_natural_months(
            member.lost_contact_since, _months(rs, "lost_contact.suspend_after_months")))
        if not member.contact_searches.exists():
            raise ApplicationError(_("停止党籍前须有查找记录（电话、走访或信函）。"))
        old = member.status
        member.status = MemberStatus.SUSPENDED
        member.suspended_on = day
        member.decrease_info = "停止党籍"  # the national system's 党员减少信息 (data)
        member.save(update_fields=["status", "suspended_on", "decrease_info"])
        event_record(subject=member, actor=actor, action="member_suspended", from_state=old,
                     to_state=member.status,
                     extra={"change": "减少", "reason": "停止党籍", "document": document})
    return member


def member_remove_lapsed(*, actor, member: PartyMember, document: str = "") -> PartyMember:
    """除名 (自行脱党): suspended and still unreachable 24 months (rule-set data) later."""
    require(actor, "partymembers.member_decide", member)
    document = (document or "").strip()[:60]
    day = today()
    with transaction.atomic():
        member = lock_member(member)
        if member.status != MemberStatus.SUSPENDED or member.suspended_on is None:
            raise ApplicationError(_("只有已停止党籍的党员才能按自行脱党除名。"))
        rs = rule_set_in_force(RECORDS_FAMILY, day)
        rule_require(rs, "lost_contact.remove_after_months", day >= add_natural_months(
            member.suspended_on, _months(rs, "lost_contact.remove_after_months")))
        old = member.status
        member.status = MemberStatus.REMOVED
        member.is_active = False
        member.ended_on = day
        member.end_reason = MemberEndReason.EXPELLED
        member.decrease_info = "出党（自行脱党除名）"  # the national system's column (data)
        member.save(update_fields=["status", "is_active", "ended_on", "end_reason",
                                   "decrease_info"])
        event_record(subject=member, actor=actor, action="member_lapsed_removed",
                     from_state=old, to_state=member.status,
                     extra={"change": "减少", "reason": "出党（自行脱党除名）",
                            "document": document})
    return member


def _months(rs, key) -> int:
    from grassroots.rulesets.selectors import rule_param

    return int(rule_param(rs, key).value)


def work_assign(*, actor, member: PartyMember, title: str, due_on: date) -> AssignedWork:
    require(actor, "partymembers.member_manage", member)
    title = text_required(title, field="title", label=_("工作任务"), max_length=100)
    day = today()
    if due_on is None or due_on < day:
        raise ApplicationError(_("完成期限不能早于今天。"), field="due_on")
    with transaction.atomic():
        member = lock_member(member)
        require_in_roll(member)
        work = AssignedWork.objects.create(member=member, title=title, assigned_on=day,
                                           due_on=due_on, assigned_by=actor)
        event_record(subject=member, actor=actor, action="member_work_assigned", note=title,
                     extra={"work": work.pk, "due_on": due_on.isoformat()})
    return work


def work_done(*, actor, work: AssignedWork, done_on: date) -> AssignedWork:
    require(actor, "partymembers.member_manage", work.member)
    check_not_future(done_on, field="done_on", label=_("完成日期"))
    with transaction.atomic():
        updated = AssignedWork.objects.filter(pk=work.pk, done_on__isnull=True).update(
            done_on=done_on)
        if updated != 1:
            raise ApplicationError(_("该任务已登记完成。"))
        work.done_on = done_on
        event_record(subject=work.member, actor=actor, action="member_work_done",
                     note=work.title, extra={"work": work.pk})
    return work
