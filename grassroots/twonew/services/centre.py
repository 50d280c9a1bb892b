"""The service centre: rooms, bookings (no double booking), activities.

No double booking: the booking service locks the room row (``select_for_update``) and looks for
an overlapping active booking before it inserts, so two requests for one room are serialised
and the second sees the first; on PostgreSQL an exclusion constraint (migration 0002) refuses
any overlap that reaches the table by another way. Intervals are half-open: a booking ending at
10:00 and one starting at 10:00 do not overlap."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grassroots.core import clock
from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require

from ..models import CenterActivity, FunctionRoom, RoomBooking, ServiceCenter, Zone
from ..models.centre import ActivityKind
from .common import required_text

OVERLAP = gettext_lazy("该功能室在%(start)s至%(end)s已被预约（%(purpose)s），请换一个时段或功能室。")


def centre_create(*, actor, park, name: str, area_m2: int, zones) -> ServiceCenter:
    """``zones``: ``[(zone name, [(room name, purpose, capacity, equipment), …]), …]``."""
    require(actor, "twonew.manage", park)
    name = required_text(name, field="name", label=_("服务中心名称"), max_length=100)
    with transaction.atomic():
        if ServiceCenter.objects.filter(park=park).exists():
            raise ApplicationError(_("该园区已建立党群服务中心。"), field="park")
        centre = ServiceCenter.objects.create(park=park, name=name, area_m2=area_m2)
        for zone_name, rooms in zones:
            zone = Zone.objects.create(centre=centre, name=zone_name)
            FunctionRoom.objects.bulk_create([
                FunctionRoom(zone=zone, name=r[0], purpose=r[1], capacity=r[2], equipment=r[3])
                for r in rooms])
        event_record(subject=centre, actor=actor, action="twonew_centre_created")
    return centre


def room_book(*, actor, room: FunctionRoom, starts_at: datetime, ends_at: datetime,
              purpose: str, host=None) -> RoomBooking:
    require(actor, "twonew.centre", room)
    purpose = required_text(purpose, field="purpose", label=_("用途"), max_length=100)
    if not isinstance(starts_at, datetime) or not isinstance(ends_at, datetime):
        raise ApplicationError(_("请填写开始和结束时间。"), field="starts_at")
    # a time without a zone (an API client's "2026-06-01T09:00") is the county's local time
    starts_at, ends_at = (timezone.make_aware(t) if timezone.is_naive(t) else t
                          for t in (starts_at, ends_at))
    if ends_at <= starts_at:
        raise ApplicationError(_("结束时间应晚于开始时间。"), field="ends_at")
    if starts_at < clock.now().replace(second=0, microsecond=0):
        raise ApplicationError(_("不能预约已经过去的时段。"), field="starts_at")
    try:
        with transaction.atomic():
            FunctionRoom.objects.select_for_update().get(pk=room.pk)  # serialise this room
            clash = RoomBooking.objects.active().filter(
                room=room, starts_at__lt=ends_at, ends_at__gt=starts_at).first()
            if clash is not None:
                raise ApplicationError(str(OVERLAP) % {
                    "start": f"{clock_local(clash.starts_at):%m-%d %H:%M}",
                    "end": f"{clock_local(clash.ends_at):%H:%M}", "purpose": clash.purpose},
                    field="starts_at")
            booking = RoomBooking.objects.create(
                room=room, starts_at=starts_at, ends_at=ends_at, purpose=purpose, host=host,
                booked_by=actor if getattr(actor, "pk", None) else None)
            event_record(subject=booking, actor=actor, action="twonew_room_booked")
    except IntegrityError as exc:  # the PostgreSQL exclusion constraint
        if "twonew_booking_no_overlap" not in str(exc):
            raise
        raise ApplicationError(_("该功能室在此时段已被预约，请换一个时段或功能室。"),
                               field="starts_at") from None
    return booking


def clock_local(moment):
    return timezone.localtime(moment)


def booking_cancel(*, actor, booking: RoomBooking) -> RoomBooking:
    require(actor, "twonew.centre", booking)
    with transaction.atomic():
        updated = RoomBooking.objects.filter(pk=booking.pk, is_cancelled=False).update(
            is_cancelled=True)
        if not updated:
            raise ApplicationError(_("该预约已取消。"))
        booking.is_cancelled = True
        event_record(subject=booking, actor=actor, action="twonew_booking_cancelled")
    return booking


def activity_record(*, actor, centre: ServiceCenter, title: str, kind: str, held_on,
                    room: FunctionRoom | None = None, host=None, participant_count: int = 0,
                    participants=(), booking: RoomBooking | None = None) -> CenterActivity:
    require(actor, "twonew.centre", centre)
    title = required_text(title, field="title", label=_("活动名称"), max_length=100)
    if kind not in ActivityKind.values:
        raise ApplicationError(_("请选择活动类型。"), field="kind")
    if room is not None and room.zone.centre_id != centre.pk:
        raise ApplicationError(_("功能室不属于该服务中心。"), field="room")
    participants = list(participants)
    with transaction.atomic():
        activity = CenterActivity.objects.create(
            centre=centre, room=room, title=title, kind=kind, held_on=held_on, host=host,
            booking=booking, participant_count=max(int(participant_count), len(participants)))
        if participants:
            activity.participants.set(participants)
        event_record(subject=activity, actor=actor, action="twonew_activity_recorded")
    return activity
