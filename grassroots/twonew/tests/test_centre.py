"""The service centre: no double booking (half-open intervals; a cancelled booking frees its
slot), who may book, usage per room per month."""

from datetime import timedelta

import pytest
from django.utils import timezone

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.testing.refusals import refused

from ..models import RoomBooking
from ..selectors import room_usage
from ..services import activity_record, booking_cancel, room_book
from ..services.common import today


def _at(days, hour):
    base = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return base + timedelta(days=days, hours=hour)


@pytest.mark.django_db
def test_a_room_is_never_booked_twice_for_one_time(w):
    room = w.rooms[0]
    first = room_book(actor=w.manager_a, room=room, starts_at=_at(2, 9), ends_at=_at(2, 11),
                      purpose="政治生日")
    msg = (f"该功能室在{_at(2, 9):%m-%d %H:%M}至{_at(2, 11):%H:%M}已被预约（政治生日），"
           "请换一个时段或功能室。")
    with refused(ApplicationError, msg):
        room_book(actor=w.officer_a, room=room, starts_at=_at(2, 10), ends_at=_at(2, 12),
                  purpose="党性体检")
    # back to back is fine; another room is fine
    room_book(actor=w.manager_a, room=room, starts_at=_at(2, 11), ends_at=_at(2, 12),
              purpose="书记讲堂")
    room_book(actor=w.manager_a, room=w.rooms[1], starts_at=_at(2, 9), ends_at=_at(2, 11),
              purpose="党性体检")
    booking_cancel(actor=w.manager_a, booking=first)
    room_book(actor=w.manager_a, room=room, starts_at=_at(2, 10), ends_at=_at(2, 11),
              purpose="读书分享")
    assert RoomBooking.objects.active().filter(room=room).count() == 2


@pytest.mark.django_db
def test_bookings_are_checked(w):
    with refused(ApplicationError, "结束时间应晚于开始时间。"):
        room_book(actor=w.manager_a, room=w.rooms[0], starts_at=_at(2, 9), ends_at=_at(2, 9),
                  purpose="政治生日")
    with refused(ApplicationError, "不能预约已经过去的时段。"):
        room_book(actor=w.manager_a, room=w.rooms[0], starts_at=_at(-1, 9),
                  ends_at=_at(-1, 10), purpose="政治生日")
    with refused(NotInScope, "只有本园区党群服务中心管理员或园区党委工作人员可以预约和登记活动。"):
        room_book(actor=w.officer_b, room=w.rooms[0], starts_at=_at(2, 9), ends_at=_at(2, 10),
                  purpose="政治生日")
    with refused(NotInScope, "只有本园区党群服务中心管理员或园区党委工作人员可以预约和登记活动。"):
        room_book(actor=w.instructor_user, room=w.rooms[0], starts_at=_at(2, 9),
                  ends_at=_at(2, 10), purpose="政治生日")
    assert not RoomBooking.objects.exists()


@pytest.mark.django_db
def test_usage_per_room_per_month_and_activities(w):
    for day in (2, 3):
        room_book(actor=w.manager_a, room=w.rooms[2], starts_at=_at(day, 14),
                  ends_at=_at(day, 16), purpose="书记讲堂")
    rows = room_usage(w.manager_a, start=today(), end=today() + timedelta(days=40))
    assert sum(r["bookings"] for r in rows if r["room__name"] == "书记讲堂") == 2
    assert room_usage(w.officer_b, start=today(), end=today() + timedelta(days=40)) == []
    activity = activity_record(actor=w.manager_a, centre=w.centre, title="党史知识竞赛",
                               kind="quiz", held_on=today(), room=w.rooms[2],
                               participant_count=60)
    assert activity.participant_count == 60
