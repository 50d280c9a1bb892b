"""Writes on a member's profile: category, exemption, mobile, lost contact (search log,
suspension after 6 months, removal as 自行脱党 after 2 more years), assigned work. Every write
checks the actor through the policy, runs in one transaction and appends an event."""

from datetime import date

from django.db import transaction
from django.db.models import Q
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

from ..models import AssignedWork, ContactChannel, ContactSearch, MobileContact, PartyProbation
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
    suspended until his party membership is restored (``member_restore``)."""
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


def member_restore(*, actor, member: PartyMember, requested_on: date, review: str,
                   document: str = "") -> PartyMember:
    """恢复党籍: a suspended member got in touch again and asks to be restored; the branch
    reviewed his conduct during the suspension (kept discipline, accepts the Party's line,
    willing to fulfil a member's duties) and the upper organisation decides [S5 art. 24].
    Only while the suspension has not run its course: once the rule set's months after the
    suspension have passed he is to be removed as 自行脱党, not restored."""
    require(actor, "partymembers.member_decide", member)
    check_not_future(requested_on, field="requested_on", label=_("本人申请恢复党籍日期"))
    review = text_required(review, field="review", label=_("停止党籍期间表现的审查意见"),
                           max_length=200)
    document = (document or "").strip()[:60]
    day = today()
    with transaction.atomic():
        member = lock_member(member)
        if member.status != MemberStatus.SUSPENDED or member.suspended_on is None \
                or not member.is_active:
            raise ApplicationError(_("只有已停止党籍的党员才能恢复党籍。"))
        if requested_on < member.suspended_on:
            raise ApplicationError(_("恢复党籍的申请应在停止党籍之后提出。"), field="requested_on")
        rs = rule_set_in_force(RECORDS_FAMILY, day)
        rule_require(rs, "lost_contact.remove_after_months", day < add_natural_months(
            member.suspended_on, _months(rs, "lost_contact.remove_after_months")))
        old = member.status
        member.status = MemberStatus.FULL if member.full_on else MemberStatus.PROBATIONARY
        member.suspended_on = None
        member.is_lost_contact = False
        member.lost_contact_since = None
        member.increase_info = "恢复党籍"  # the national system's 党员增加信息 (data)
        member.save(update_fields=["status", "suspended_on", "is_lost_contact",
                                   "lost_contact_since", "increase_info"])
        event_record(subject=member, actor=actor, action="member_restored", from_state=old,
                     to_state=member.status, note=review,
                     extra={"change": "增加", "reason": "恢复党籍", "document": document,
                            "requested_on": requested_on.isoformat()})
    return member


def mobile_contact_log(*, actor, member: PartyMember, contacted_on: date, channel: str,
                       note: str) -> MobileContact:
    """The home branch kept contact with a mobile member (流动党员联系记录 [S5 art. 33])."""
    require(actor, "partymembers.member_manage", member)
    check_not_future(contacted_on, field="contacted_on", label=_("联系日期"))
    if channel not in ContactChannel.values:
        raise ApplicationError(_("请选择联系方式。"), field="channel")
    note = text_required(note, field="note", label=_("联系内容"), max_length=300)
    with transaction.atomic():
        member = lock_member(member)
        require_in_roll(member)
        if not member.is_mobile:
            raise ApplicationError(_("该党员不是流动党员。"))
        if member.mobile_since and contacted_on < member.mobile_since:
            raise ApplicationError(_("联系日期不能早于外出日期。"), field="contacted_on")
        contact = MobileContact.objects.create(member=member, contacted_on=contacted_on,
                                               channel=channel, note=note, recorded_by=actor)
        event_record(subject=member, actor=actor, action="member_mobile_contacted", note=note,
                     extra={"contact": contact.pk, "channel": channel,
                            "on": contacted_on.isoformat()})
    return contact


def party_probation_record(*, actor, member: PartyMember, start_on: date, end_on: date,
                           decision: str) -> PartyProbation:
    """留党察看 as decided by the discipline organs: recorded on the member so that he is not
    accepted as an introducer until his rights are restored [S1 art. 14]."""
    require(actor, "partymembers.member_decide", member)
    check_not_future(start_on, field="start_on", label=_("察看起始日期"))
    if end_on is None or end_on <= start_on:
        raise ApplicationError(_("察看期满日期应晚于起始日期。"), field="end_on")
    decision = text_required(decision, field="decision", label=_("处分决定"), max_length=200)
    with transaction.atomic():
        member = lock_member(member)
        require_in_roll(member)
        if PartyProbation.objects.filter(member=member, restored_on__isnull=True).exists():
            raise ApplicationError(_("该党员已在留党察看期间。"))
        probation = PartyProbation.objects.create(member=member, start_on=start_on,
                                                  end_on=end_on, decision=decision,
                                                  recorded_by=actor)
        event_record(subject=member, actor=actor, action="member_probation", note=decision,
                     extra={"start_on": start_on.isoformat(), "end_on": end_on.isoformat()})
    return probation


def party_probation_restore(*, actor, member: PartyMember, restored_on: date) -> PartyProbation:
    """The party rights restored at the end of 留党察看."""
    require(actor, "partymembers.member_decide", member)
    check_not_future(restored_on, field="restored_on", label=_("恢复党员权利日期"))
    with transaction.atomic():
        probation = (PartyProbation.objects.select_for_update()
                     .filter(member=member, restored_on__isnull=True).first())
        if probation is None:
            raise ApplicationError(_("该党员不在留党察看期间。"))
        if restored_on < probation.start_on:
            raise ApplicationError(_("恢复党员权利日期不能早于察看起始日期。"), field="restored_on")
        probation.restored_on = restored_on
        probation.save(update_fields=["restored_on"])
        event_record(subject=member, actor=actor, action="member_probation_restored",
                     extra={"probation": probation.pk, "on": restored_on.isoformat()})
    return probation


def under_party_probation(person, on: date) -> str | None:
    """The development pipeline's introducer check (``introducer_checks.register``): a member
    under 留党察看 whose rights are not restored on ``on`` cannot be an introducer."""
    busy = PartyProbation.objects.filter(member__person=person, start_on__lte=on).filter(
        Q(restored_on__isnull=True) | Q(restored_on__gt=on)).exists()
    if busy:
        return _("%(name)s受留党察看处分，尚未恢复党员权利，不能作入党介绍人。") % {
            "name": person.name}
    return None


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
