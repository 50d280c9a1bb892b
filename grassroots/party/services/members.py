"""Writes on the roll: add, transfer and remove members; grant and end organisation officers'
posts. A member service returns ``(member, warnings)``: the soft rule findings of the
organisations whose size changed."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.events import event_record
from grassroots.core.scope import get_scope

from ..models import (
    BRANCH_KINDS,
    COMMITTEE_KINDS,
    ENTRY_STATUSES,
    MemberEndReason,
    MemberStatus,
    PartyMember,
    PartyOrganisation,
    PartyPost,
)
from ..policy import manages
from .checks import full_member_count, size_warnings

# The national-system columns a caller may set on a member beside the core fields.
EXTRA_FIELDS = ("ethnicity", "birth_date", "education", "degree", "category", "job",
                "technical_title", "social_stratum", "is_migrant_worker", "residence",
                "hukou_place", "is_lost_contact", "is_mobile", "party_age_correction", "join_type",
                "branch_when_joined", "probation_extension", "registered_on", "increase_info",
                "decrease_info")


def _require_manage(actor, org, message=None):
    if not manages(get_scope(actor), org):
        raise NotInScope(message or _("只有县委组织部或上级党（工）委的组织委员可以管理该党组织的党员。"))


def check_dates(status, joined_on, full_on) -> None:
    today = timezone.localdate()
    if status not in ENTRY_STATUSES:
        raise ApplicationError(_("请选择正式党员或预备党员。"), field="status")
    if joined_on is None:
        raise ApplicationError(_("请填写入党日期。"), field="joined_on")
    if joined_on > today:
        raise ApplicationError(_("入党日期不能晚于今天。"), field="joined_on")
    if status == MemberStatus.PROBATIONARY and full_on:
        raise ApplicationError(_("预备党员没有转正日期。"), field="full_on")
    if status == MemberStatus.FULL:
        if full_on is None:
            raise ApplicationError(_("正式党员请填写转正日期。"), field="full_on")
        if full_on < joined_on or full_on > today:
            raise ApplicationError(_("转正日期应在入党日期之后、今天之前。"), field="full_on")


def _check_target(org: PartyOrganisation) -> None:
    if not org.is_active:
        raise ApplicationError(_("该党组织已撤销。"), field="organisation")
    if org.kind not in BRANCH_KINDS:
        raise ApplicationError(_("党员应编入党支部，党委、党总支不直接管理党员。"),
                               field="organisation")


def member_add(*, actor, org: PartyOrganisation, person, status: str, joined_on: date,
               full_on: date | None = None, **extra) -> tuple[PartyMember, list[str]]:
    _require_manage(actor, org)
    unknown = set(extra) - set(EXTRA_FIELDS)
    if unknown:
        raise ApplicationError(_("不能填写这些项目：%(f)s。") % {"f": "、".join(sorted(unknown))})
    _check_target(org)
    check_dates(status, joined_on, full_on)
    with transaction.atomic():
        existing = PartyMember.objects.select_for_update().filter(person=person).first()
        if existing is not None and existing.is_active:
            raise ApplicationError(_("%(name)s已是%(org)s的党员。") % {
                "name": person.name, "org": existing.organisation.name}, field="person")
        values = dict(organisation=org, status=status, joined_on=joined_on, full_on=full_on,
                      is_active=True, ended_on=None, end_reason="", **extra)
        if existing is None:
            member = PartyMember.objects.create(person=person, **values)
        else:  # a member who left and comes back keeps his one record
            for key, value in values.items():
                setattr(existing, key, value)
            existing.save(update_fields=list(values))
            member = existing
        event_record(subject=member, actor=actor, action="party_member_added",
                     to_state=status, extra={"organisation": org.pk})
    return member, size_warnings(org, full_member_count(org))


def member_transfer(*, actor, member: PartyMember, to_org: PartyOrganisation,
                    ) -> tuple[PartyMember, list[str]]:
    scope = get_scope(actor)
    if not manages(scope, member.organisation):
        raise NotInScope(_("只能转出本级管理范围内的党员。"))
    if not manages(scope, to_org):
        raise NotInScope(_("只能在本级管理范围内转接组织关系；跨镇街（园区）转接请由县委组织部办理。"))
    if not member.is_active:
        raise ApplicationError(_("该党员已不在册。"))
    if to_org.pk == member.organisation_id:
        raise ApplicationError(_("转入党组织与现所在党组织相同。"), field="organisation")
    _check_target(to_org)
    with transaction.atomic():
        source = member.organisation
        member.organisation = to_org
        member.save(update_fields=["organisation"])
        event_record(subject=member, actor=actor, action="party_member_transferred",
                     extra={"from": source.pk, "to": to_org.pk})
    warnings = size_warnings(source, full_member_count(source))
    return member, warnings + size_warnings(to_org, full_member_count(to_org))


def member_convert(*, actor, member: PartyMember, full_on: date) -> PartyMember:
    """A probationary member becomes a full member from ``full_on`` (the end of probation,
    even when approved later)."""
    _require_manage(actor, member.organisation)
    with transaction.atomic():
        member = PartyMember.objects.select_for_update().get(pk=member.pk)
        if not member.is_active or member.status != MemberStatus.PROBATIONARY:
            raise ApplicationError(_("只有在册的预备党员可以转为正式党员。"))
        check_dates(MemberStatus.FULL, member.joined_on, full_on)
        member.status, member.full_on = MemberStatus.FULL, full_on
        member.save(update_fields=["status", "full_on"])
        event_record(subject=member, actor=actor, action="party_member_converted",
                     from_state=MemberStatus.PROBATIONARY, to_state=MemberStatus.FULL)
    return member


def member_remove(*, actor, member: PartyMember, reason: str, ended_on: date | None = None,
                  ) -> tuple[PartyMember, list[str]]:
    _require_manage(actor, member.organisation)
    if not member.is_active:
        raise ApplicationError(_("该党员已不在册。"))
    if reason not in MemberEndReason.values:
        raise ApplicationError(_("请选择减少原因。"), field="reason")
    ended_on = ended_on or timezone.localdate()
    if ended_on > timezone.localdate() or ended_on < member.joined_on:
        raise ApplicationError(_("减少日期应在入党日期之后、今天之前。"), field="ended_on")
    org = member.organisation
    with transaction.atomic():
        member.is_active = False
        member.ended_on = ended_on
        member.end_reason = reason
        member.save(update_fields=["is_active", "ended_on", "end_reason"])
        if org.secretary_id == member.person_id:
            org.secretary = None
            org.save(update_fields=["secretary"])
        event_record(subject=member, actor=actor, action="party_member_removed",
                     to_state=reason, extra={"organisation": org.pk})
    return member, size_warnings(org, full_member_count(org))


def post_grant(*, actor, org: PartyOrganisation, person, title: str = "") -> PartyPost:
    """Make ``person`` an organisation officer (组织委员/组织员) of a committee: he manages
    its subtree. Granted by the county organisation department or the parent's officer."""
    scope = get_scope(actor)
    if not (scope.sees_all_party or (org.parent is not None and manages(scope, org.parent))):
        raise NotInScope(_("只有县委组织部或上级党组织可以任命组织委员。"))
    if org.kind not in (*COMMITTEE_KINDS, "general_branch"):
        raise ApplicationError(_("组织委员（组织员）设在党委或党总支。"), field="organisation")
    with transaction.atomic():
        post, created = PartyPost.objects.get_or_create(
            person=person, organisation=org, is_active=True,
            defaults={"title": (title or _("组织委员"))[:30]})
        if not created:
            raise ApplicationError(_("%(name)s已是该党组织的组织委员。") % {"name": person.name})
        event_record(subject=org, actor=actor, action="party_post_granted",
                     extra={"person": person.pk, "post": post.pk})
    return post


def post_end(*, actor, post: PartyPost) -> PartyPost:
    scope = get_scope(actor)
    org = post.organisation
    if not (scope.sees_all_party or (org.parent is not None and manages(scope, org.parent))):
        raise NotInScope(_("只有县委组织部或上级党组织可以免去组织委员。"))
    if not post.is_active:
        raise ApplicationError(_("该任职已结束。"))
    with transaction.atomic():
        post.is_active = False
        post.ended_on = timezone.localdate()
        post.save(update_fields=["is_active", "ended_on"])
        event_record(subject=org, actor=actor, action="party_post_ended",
                     extra={"person": post.person_id, "post": post.pk})
    return post


def find_person(*, name: str, id_number: str = "", phone: str = ""):
    """The existing person a roll entry means: same name and ID number, or same name and phone.
    ID numbers are encrypted at rest, so candidates are narrowed by name first."""
    from grassroots.people.models import Person
    from grassroots.people.pii import hash_phone

    candidates = Person.objects.filter(name=name)
    if id_number:
        for person in candidates.exclude(id_number_masked=""):
            if (person.id_number or "").upper() == id_number:
                return person
    if phone:
        return candidates.filter(phone_hash=hash_phone(phone)).first()
    return None


def member_enrol(*, actor, org: PartyOrganisation, name: str, gender: str = "",
                 id_number: str = "", phone: str = "", status: str, joined_on: date,
                 full_on: date | None = None, **extra) -> tuple[PartyMember, list[str]]:
    """Add a member given as a roll entry (name, ID number, phone): the existing person is
    found, or a profile is created, in the same transaction as the membership."""
    from grassroots.core.text import clean_text
    from grassroots.people.models import Person, PersonKind
    from grassroots.people.pii import hash_phone
    from grassroots.people.services import is_valid_id_number
    from grassroots.people.validators import clean_mobile, mobile_error_message, visible_length

    _require_manage(actor, org)
    name = clean_text(name or "")
    if visible_length(name) < 2 or len(name) > 40:
        raise ApplicationError(_("请填写姓名（2至40个字）。"), field="name")
    id_number = (id_number or "").strip().upper()
    if id_number and not is_valid_id_number(id_number):
        raise ApplicationError(_("身份证号格式不正确或校验码错误。"), field="id_number")
    try:
        phone = clean_mobile(phone) if (phone or "").strip() else ""
    except ValidationError:
        raise ApplicationError(mobile_error_message(), field="phone") from None
    if gender not in ("", "男", "女"):
        raise ApplicationError(_("性别应为男或女。"), field="gender")
    with transaction.atomic():
        person = find_person(name=name, id_number=id_number, phone=phone)
        if person is None:
            if phone and Person.objects.filter(phone_hash=hash_phone(phone)).exists():
                raise ApplicationError(_("该手机号已被其他人员使用。"), field="phone")
            person = Person(name=name, kind=PersonKind.CITIZEN, gender=gender)
            person.set_phone(phone)
            person.set_id_number(id_number)
            person.save()
            event_record(subject=person, actor=actor, action="person_created",
                         to_state=person.kind)
        return member_add(actor=actor, org=org, person=person, status=status,
                          joined_on=joined_on, full_on=full_on, **extra)


def member_columns_update(*, actor, member: PartyMember, **values) -> PartyMember:
    """Update the national-system columns of a member (an import of a newer export)."""
    _require_manage(actor, member.organisation)
    unknown = set(values) - set(EXTRA_FIELDS)
    if unknown:
        raise ApplicationError(_("不能填写这些项目：%(f)s。") % {"f": "、".join(sorted(unknown))})
    changed = [k for k, v in values.items() if getattr(member, k) != v]
    if not changed:
        return member
    with transaction.atomic():
        for key in changed:
            setattr(member, key, values[key])
        member.save(update_fields=changed)
        event_record(subject=member, actor=actor, action="party_member_updated",
                     extra={"fields": sorted(changed)})
    return member
