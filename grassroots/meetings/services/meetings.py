"""Meetings: record (planned or held), hold, minutes, cancel; attendance; photos and documents."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core import clock, uploads
from grassroots.core.errors import ApplicationError, FieldErrors
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.core.text import clean_text
from grassroots.core.transitions import transition_apply
from grassroots.party.models import MemberStatus, PartyMember
from grassroots.people.validators import visible_length

from ..models import (
    AttachmentKind,
    AttendanceRole,
    Meeting,
    MeetingAttachment,
    MeetingAttendance,
    MeetingKind,
    MeetingStatus,
)
from ..transitions import MEETING_TABLE, Action
from .calendar import expected_fulfil

GUEST_ROLES = (AttendanceRole.INVITED, AttendanceRole.GUEST, AttendanceRole.OBSERVER)


def _text(value, limit: int) -> str:
    return clean_text(value)[:limit]


def meeting_create(*, actor, org, kind: str, title: str, held_at: datetime, place: str = "",
                   host: str = "", recorder: str = "", minutes: str = "",
                   democratic_appraisal: bool = False, held: bool = False) -> Meeting:
    """A meeting of ``org``: planned, or (``held``) already held. The org's current members are
    its expected attendees (full members and probationary members)."""
    require(actor, "meetings.record", org)
    if timezone.is_naive(held_at):  # a time without a zone is the county's local time
        held_at = timezone.make_aware(held_at, timezone.get_current_timezone())
    errors: dict[str, list[str]] = {}
    title = _text(title, 120)
    if visible_length(title) < 2:
        errors["title"] = [_("请填写会议主题（至少2个字）。")]
    if kind not in MeetingKind.values:
        errors["kind"] = [_("请选择会议类型。")]
    elif kind == MeetingKind.COMMITTEE and not org.has_committee:
        errors["kind"] = [_("“%(org)s”未设支部委员会，不能登记支部委员会会议。") % {"org": org.name}]
    if not org.is_active:
        errors["org"] = [_("该党组织已撤销，不能登记会议。")]
    if held and held_at > clock.now():
        errors["held_at"] = [_("会议尚未召开，召开时间不能晚于现在。")]
    if democratic_appraisal and kind not in (MeetingKind.LIFE_MEETING, MeetingKind.GENERAL_MEETING):
        errors["democratic_appraisal"] = [_("民主评议党员在组织生活会或支部党员大会上开展。")]
    if errors:
        raise FieldErrors(field_errors=errors)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            org=org, kind=kind, title=title, held_at=held_at, place=_text(place, 100),
            host=_text(host, 40), recorder=_text(recorder, 40), minutes=clean_text(minutes),
            democratic_appraisal=democratic_appraisal,
            created_by=actor if getattr(actor, "pk", None) else None)
        members = PartyMember.objects.filter(organisation=org, is_active=True)
        MeetingAttendance.objects.bulk_create([
            MeetingAttendance(meeting=meeting, person_id=person_id,
                              role=(AttendanceRole.MEMBER if status == MemberStatus.FULL
                                    else AttendanceRole.PROBATIONARY))
            for person_id, status in members.values_list("person_id", "status")])
        event_record(subject=meeting, actor=actor, action="meeting_plan", to_state=meeting.status)
        if held:
            transition_apply(MEETING_TABLE, meeting, action=Action.HOLD, who="recorder",
                             actor=actor)
            expected_fulfil(meeting)
    return meeting


def _transition(actor, meeting, action, fields=None):
    require(actor, "meetings.record", meeting)
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if action == Action.HOLD and locked.held_at > clock.now():
            raise ApplicationError(_("会议尚未到召开时间，不能登记为已召开。"), field="held_at")
        transition_apply(MEETING_TABLE, locked, action=action, who="recorder", actor=actor,
                         fields=fields)
        if action == Action.HOLD:
            expected_fulfil(locked)
    return locked


def meeting_hold(*, actor, meeting: Meeting) -> Meeting:
    return _transition(actor, meeting, Action.HOLD)


def meeting_cancel(*, actor, meeting: Meeting) -> Meeting:
    return _transition(actor, meeting, Action.CANCEL)


def meeting_record_minutes(*, actor, meeting: Meeting, minutes: str) -> Meeting:
    minutes = clean_text(minutes)
    if visible_length(minutes) < 10:
        raise ApplicationError(_("请填写会议纪要（至少10个字）。"), field="minutes")
    return _transition(actor, meeting, Action.RECORD_MINUTES, {"minutes": minutes[:20000]})


def _require_held(meeting, what):
    if meeting.status not in (MeetingStatus.HELD, MeetingStatus.MINUTED):
        raise ApplicationError(_("会议召开后才能%(what)s。") % {"what": what})


def attendance_record(*, actor, meeting: Meeting, marks: dict[int, dict]) -> int:
    """``marks``: {attendance id: {"present", "absence_reason", "leave_approved"}} for rows of
    this meeting. Returns how many rows changed."""
    require(actor, "meetings.record", meeting)
    _require_held(meeting, _("登记到会情况"))
    rows = {a.pk: a for a in meeting.attendance.all()}
    errors: dict[str, list[str]] = {}
    changed = []
    for pk, mark in marks.items():
        row = rows.get(pk)
        if row is None:
            raise ApplicationError(_("参会人员不属于本次会议。"), field="attendance")
        present = bool(mark.get("present"))
        reason = _text(mark.get("absence_reason", ""), 100)
        leave = bool(mark.get("leave_approved"))
        if present and (reason or leave):
            errors.setdefault(f"reason_{pk}", []).append(
                _("到会人员不需要填写缺席原因或准假。"))
            continue
        if (row.present, row.absence_reason, row.leave_approved) != (present, reason, leave):
            row.present, row.absence_reason, row.leave_approved = present, reason, leave
            changed.append(row)
    if errors:
        raise FieldErrors(field_errors=errors)
    with transaction.atomic():
        MeetingAttendance.objects.bulk_update(
            changed, ["present", "absence_reason", "leave_approved"])
        event_record(subject=meeting, actor=actor, action="meeting_attendance_record",
                     extra={"changed": len(changed),
                            "present": sum(1 for r in rows.values() if r.present)})
    return len(changed)


def attendee_add(*, actor, meeting: Meeting, person, role: str,
                 present: bool = True) -> MeetingAttendance:
    """An invited guest, a person sitting in (列席) or an observer; never a voter."""
    require(actor, "meetings.record", meeting)
    if role not in GUEST_ROLES:
        raise ApplicationError(_("只能增加特邀、列席或旁听人员；党员按党组织名册自动列入。"), field="role")
    if meeting.attendance.filter(person=person).exists():
        raise ApplicationError(_("%(name)s已在参会名单中。") % {"name": person.name}, field="person")
    with transaction.atomic():
        row = MeetingAttendance.objects.create(meeting=meeting, person=person, role=role,
                                               present=present)
        event_record(subject=meeting, actor=actor, action="meeting_attendee_add",
                     extra={"role": role})
    return row


def attachment_add(*, actor, meeting: Meeting, upload, kind: str) -> MeetingAttachment:
    require(actor, "meetings.record", meeting)
    if kind not in AttachmentKind.values:
        raise ApplicationError(_("请选择附件类别。"), field="kind")
    # A photo must be a picture; a document may be a PDF, Office file or a scan's picture.
    kinds = uploads.IMAGES if kind == AttachmentKind.PHOTO else MeetingAttachment.upload_kinds
    (accepted,) = uploads.uploads_accept(
        [upload], field="file", kinds=kinds, max_bytes=MeetingAttachment.upload_max_bytes,
        max_count=MeetingAttachment.upload_max_count, existing=meeting.attachments.count(),
        too_many=_("每次会议最多上传%(n)s个附件。") % {"n": MeetingAttachment.upload_max_count})
    with transaction.atomic():
        att = MeetingAttachment.store(accepted, uploaded_by=actor, meeting=meeting, kind=kind)
        event_record(subject=meeting, actor=actor, action="meeting_attachment_add",
                     extra={"kind": kind, "attachment": att.pk})
    return att
