"""A theme party day: planned from the branch's final menu, invitations both ways, held (sign-in,
attendance, lectures, minutes, photos, the guide's comments). The meeting itself is the shared
block's (``meetings``): its services plan, hold and record the attendance."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from grassroots.core import clock
from grassroots.core.errors import ApplicationError, FieldErrors
from grassroots.core.events import event_record
from grassroots.core.i18n import Message
from grassroots.core.notifications import notify
from grassroots.core.policy import require
from grassroots.core.scope import get_scope
from grassroots.core.text import clean_text
from grassroots.core.transitions import transition_apply, transition_check
from grassroots.meetings import services as meetings
from grassroots.meetings.models import AttendanceRole, Meeting, MeetingAttendance, MeetingKind
from grassroots.party.models import BRANCH_KINDS, BaseType, OrgKind, PartyMember, PartyOrganisation
from grassroots.people.models import Person, PersonKind, User
from grassroots.people.validators import visible_length

from ..models import (
    ActivityMenu,
    DayStatus,
    GuideComment,
    Invitation,
    InvitationResponse,
    InviteeKind,
    Lecture,
    LecturerKind,
    MenuItem,
    MenuLevel,
    MenuStatus,
    ThemePartyDay,
)
from ..rules import rights_of
from ..transitions import DAY_TABLE, DayAction


def month_start(day: date) -> date:
    return day.replace(day=1)


def town_committee_of(branch: PartyOrganisation) -> PartyOrganisation | None:
    ids = branch.ancestor_ids()
    return (PartyOrganisation.objects.filter(pk__in=ids, kind=OrgKind.BASE_COMMITTEE,
                                             base_type=BaseType.TOWN).first()
            if ids else None)


def is_town_secretary_branch(branch: PartyOrganisation) -> bool:
    """The branch the town (street) party secretary is a member of: it invites upwards."""
    town = town_committee_of(branch)
    return bool(town and town.secretary_id and PartyMember.objects.filter(
        organisation=branch, person_id=town.secretary_id, is_active=True).exists())


def final_menu(branch, year: int) -> ActivityMenu | None:
    return ActivityMenu.objects.filter(owner_org=branch, year=year, level=MenuLevel.VILLAGE,
                                       status=MenuStatus.PUBLISHED).first()


def themeday_plan(*, actor, branch: PartyOrganisation, month: date, theme: str,
                  planned_on: date, items=(), place: str = "", host: str = "") -> ThemePartyDay:
    """One theme party day per branch per month, its items from the branch's final menu."""
    require(actor, "partyday.record", branch)
    month = month_start(month)
    theme = clean_text(theme)[:120]
    items = list(items)
    errors: dict[str, list[str]] = {}
    if branch.kind not in BRANCH_KINDS or not branch.is_active:
        errors["branch"] = [_("主题党日由党支部开展，请选择一个有效的党支部。")]
    if visible_length(theme) < 2:
        errors["theme"] = [_("请填写活动主题（至少2个字）。")]
    if month_start(planned_on) != month:
        errors["planned_on"] = [_("计划日期应在%(y)s年%(m)s月内。") % {"y": month.year, "m": month.month}]
    menu = final_menu(branch, month.year)
    if items:
        if menu is None:
            errors["items"] = [_("本支部%(y)s年度村级菜单尚未发布，不能从菜单选择事项。")
                               % {"y": month.year}]
        elif any(i.menu_id != menu.pk for i in items):
            errors["items"] = [_("活动事项须从本支部已发布的村级菜单中选择。")]
    elif menu is not None:
        errors["items"] = [_("请从本支部村级菜单中至少选择一个活动事项。")]
    if ThemePartyDay.objects.filter(branch=branch, month=month).exists():
        errors["month"] = [_("本支部%(y)s年%(m)s月已有主题党日计划（每月一次）。")
                           % {"y": month.year, "m": month.month}]
    if errors:
        raise FieldErrors(field_errors=errors)
    tz = timezone.get_current_timezone()
    try:
        with transaction.atomic():
            meeting = meetings.meeting_create(
                actor=actor, org=branch, kind=MeetingKind.THEME_DAY, title=theme,
                held_at=timezone.make_aware(datetime.combine(planned_on, time(9)), tz),
                place=place, host=host)
            day = ThemePartyDay.objects.create(
                branch=branch, month=month, meeting=meeting, theme=theme, planned_on=planned_on,
                place=clean_text(place)[:100], host=clean_text(host)[:40],
                town_id=branch.division.town_id if branch.division_id else None,
                is_town_secretary_branch=is_town_secretary_branch(branch),
                created_by=actor if getattr(actor, "pk", None) else None)
            day.menu_items.set(items)
            event_record(subject=day, actor=actor, action="themeday_plan",
                         to_state=DayStatus.PLANNED, note=theme)
    except IntegrityError:
        raise ApplicationError(_("本支部本月已有主题党日计划（每月一次）。"), field="month") from None
    return day


def _lock(day) -> ThemePartyDay:
    return ThemePartyDay.objects.select_for_update().select_related("branch", "meeting").get(
        pk=day.pk)


def themeday_invite(*, actor, day: ThemePartyDay, invitees: list[dict]) -> list[Invitation]:
    """``invitees``: [{"person" or "name", "kind", "lecturer_kind"?}] (a name alone: a person
    without an account is recorded). Each sits in as a guest of the meeting (never a voter);
    upward invitations only from the town secretary's branch."""
    require(actor, "partyday.record", day)
    errors: dict[str, list[str]] = {}
    for entry in invitees:
        kind = entry.get("kind")
        if entry.get("person") is None and visible_length(clean_text(entry.get("name", ""))) < 2:
            errors["name"] = [_("请填写受邀人姓名。")]
        if kind not in InviteeKind.values:
            errors["kind"] = [_("请选择列席类别。")]
        elif kind == InviteeKind.COUNTY_STAFF and not day.is_town_secretary_branch:
            errors["kind"] = [_("县委组织部工作人员列席乡镇党委书记所在支部的主题党日。")]
        elif kind == InviteeKind.LECTURER and entry.get("lecturer_kind") not in LecturerKind.values:
            errors["lecturer_kind"] = [_("邀请讲师请选择讲师类别。")]
    if not invitees:
        errors["invitees"] = [_("请至少邀请一人。")]
    if errors:
        raise FieldErrors(field_errors=errors)
    today = timezone.localdate(clock.now())
    with transaction.atomic():
        day = _lock(day)
        transition_check(DAY_TABLE, day.status, DayAction.INVITE, "branch")
        invited = set(day.invitations.values_list("person_id", flat=True))
        members = set(day.meeting.attendance.values_list("person_id", flat=True))
        rows = []
        for entry in invitees:
            person = entry.get("person") or Person.objects.create(
                name=clean_text(entry["name"])[:40], kind=PersonKind.CITIZEN)
            if person.pk in invited or person.pk in members:
                raise ApplicationError(_("%(name)s已在参会名单中。") % {"name": person.name},
                                       field="invitees")
            invited.add(person.pk)
            rows.append(Invitation(theme_day=day, person=person, kind=entry["kind"],
                                   lecturer_kind=entry.get("lecturer_kind", ""),
                                   rights=rights_of(entry["kind"]), sent_on=today))
        Invitation.objects.bulk_create(rows)
        MeetingAttendance.objects.bulk_create([
            MeetingAttendance(meeting_id=day.meeting_id, person_id=r.person_id,
                              role=AttendanceRole.GUEST) for r in rows])
        transition_apply(DAY_TABLE, day, action=DayAction.INVITE, who="branch", actor=actor,
                         extra={"invited": len(rows),
                                "kinds": sorted({r.kind for r in rows})})
        _notify_invitees(day, rows)
    return rows


def _notify_invitees(day: ThemePartyDay, rows: list[Invitation]) -> None:
    """Each invitee with an account is told in the app (an email copy after the commit) and
    answers on ``/partyday/invitations/``; one without an account is invited by the branch in
    person or by phone, as before."""
    users = User.objects.filter(is_active=True, person__pk__in=[r.person_id for r in rows])
    notify(recipients=users, kind="partyday_invitation",
           title=Message(gettext_noop("%(branch)s邀请您列席主题党日"), branch=day.branch.name),
           body=Message(gettext_noop("%(date)s　%(theme)s"), date=f"{day.planned_on:%Y-%m-%d}",
                        theme=day.theme),
           url="/partyday/invitations/", dedup_key=f"partyday:invitation:{day.pk}")


def invitation_reply(*, actor, invitation: Invitation, response: str) -> Invitation:
    """The invitee accepts or declines (on his phone), or the branch records the answer he gave
    by phone. Until the day is held; answering again changes the answer (an event each time)."""
    require(actor, "partyday.reply", invitation)
    if response not in (InvitationResponse.ACCEPTED, InvitationResponse.DECLINED):
        raise ApplicationError(_("请选择接受或谢绝。"), field="response")
    with transaction.atomic():
        inv = (Invitation.objects.select_for_update(of=("self",))
               .select_related("theme_day", "person").get(pk=invitation.pk))
        if inv.theme_day.status not in (DayStatus.PLANNED, DayStatus.INVITED):
            raise ApplicationError(_("主题党日已开展，不能再答复邀请。"))
        if inv.response == response:
            return inv
        old = inv.response
        inv.response, inv.responded_at = response, clock.now()
        inv.save(update_fields=["response", "responded_at"])
        event_record(subject=inv.theme_day, actor=actor, action="invitation_reply",
                     note=f"{inv.person.name}：{inv.get_response_display()}",
                     extra={"invitation": inv.pk, "kind": inv.kind, "from": old,
                            "response": response,
                            "by_invitee": get_scope(actor).person_id == inv.person_id})
    return inv


def themeday_sign_in(*, actor, invitation: Invitation) -> Invitation:
    """Sign-in on a phone, on the day (or when the record is entered afterwards)."""
    day = invitation.theme_day
    require(actor, "partyday.record", day)
    if day.status == DayStatus.CLOSED:
        raise ApplicationError(_("主题党日已办结，不能再签到。"))
    if timezone.localdate(clock.now()) < day.planned_on:
        raise ApplicationError(_("主题党日尚未开始，%(d)s当天才能签到。") % {"d": day.planned_on})
    with transaction.atomic():
        inv = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if inv.attended:
            return inv
        inv.attended, inv.signed_in_at = True, clock.now()
        inv.save(update_fields=["attended", "signed_in_at"])
        MeetingAttendance.objects.filter(meeting_id=day.meeting_id, person_id=inv.person_id) \
            .update(present=True)
        event_record(subject=day, actor=actor, action="themeday_sign_in",
                     extra={"invitation": inv.pk, "kind": inv.kind})
    return inv


def themeday_hold(*, actor, day: ThemePartyDay, present_person_ids, minutes: str,
                  held_at: datetime | None = None, photos=()) -> ThemePartyDay:
    """The record of the day: the members present (feeding member points through the
    meeting's attendance), the minutes, photos (the meeting's stored files)."""
    require(actor, "partyday.record", day)
    minutes = clean_text(minutes)
    if visible_length(minutes) < 10:
        raise ApplicationError(_("请填写活动记录（至少10个字）。"), field="minutes")
    held_at = held_at or clock.now()
    if held_at > clock.now():
        raise ApplicationError(_("活动尚未开展，开展时间不能晚于现在。"), field="held_at")
    present = set(present_person_ids)
    with transaction.atomic():
        day = _lock(day)
        transition_apply(DAY_TABLE, day, action=DayAction.HOLD, who="branch", actor=actor,
                         fields={"held_at": held_at, "minutes": minutes[:20000]})
        Meeting.objects.filter(pk=day.meeting_id).update(held_at=held_at)
        day.meeting.held_at = held_at
        meeting = meetings.meeting_hold(actor=actor, meeting=day.meeting)
        day.meeting = meeting
        rows = meeting.attendance.filter(
            role__in=(AttendanceRole.MEMBER, AttendanceRole.PROBATIONARY))
        meetings.attendance_record(actor=actor, meeting=meeting, marks={
            pk: {"present": person_id in present}
            for pk, person_id in rows.values_list("pk", "person_id")})
        Invitation.objects.filter(theme_day=day, person_id__in=present, attended=False).update(
            attended=True, signed_in_at=held_at)
        MeetingAttendance.objects.filter(meeting_id=day.meeting_id, person_id__in=present,
                                         role=AttendanceRole.GUEST).update(present=True)
        for photo in photos:
            meetings.attachment_add(actor=actor, meeting=day.meeting, upload=photo, kind="photo")
    return day


def _require_held(day):
    if day.status not in (DayStatus.HELD, DayStatus.SUGGESTIONS_RECORDED):
        raise ApplicationError(_("主题党日开展后才能登记。"))


def lecture_add(*, actor, day: ThemePartyDay, lecturer: str, lecturer_kind: str,
                topic: str) -> Lecture:
    require(actor, "partyday.record", day)
    _require_held(day)
    lecturer, topic = clean_text(lecturer)[:40], clean_text(topic)[:120]
    errors = {}
    if visible_length(lecturer) < 2:
        errors["lecturer"] = [_("请填写讲师姓名。")]
    if lecturer_kind not in LecturerKind.values:
        errors["lecturer_kind"] = [_("请选择讲师类别。")]
    if visible_length(topic) < 2:
        errors["topic"] = [_("请填写讲课题目。")]
    if errors:
        raise FieldErrors(field_errors=errors)
    with transaction.atomic():
        lecture = Lecture.objects.create(theme_day=day, lecturer=lecturer,
                                         lecturer_kind=lecturer_kind, topic=topic,
                                         given_on=timezone.localdate(day.held_at))
        event_record(subject=day, actor=actor, action="themeday_lecture_add",
                     extra={"lecture": lecture.pk, "kind": lecturer_kind})
    return lecture


def comment_add(*, actor, day: ThemePartyDay, member: PartyMember, text: str) -> GuideComment:
    """点评 by the guide on a member of the branch."""
    require(actor, "partyday.record", day)
    _require_held(day)
    if member.organisation_id != day.branch_id:
        raise ApplicationError(_("只能点评本支部党员。"), field="member")
    text = clean_text(text)
    if visible_length(text) < 4:
        raise ApplicationError(_("请填写点评内容（至少4个字）。"), field="text")
    with transaction.atomic():
        comment = GuideComment.objects.create(
            theme_day=day, member=member, text=text[:2000],
            author=actor if getattr(actor, "pk", None) else None)
        event_record(subject=day, actor=actor, action="themeday_comment_add",
                     extra={"member": member.pk})
    return comment


def menu_items_for(branch, year: int):
    menu = final_menu(branch, year)
    return MenuItem.objects.filter(menu=menu) if menu else MenuItem.objects.none()
