"""Two people booking one room for overlapping times at once: exactly one wins (the room row
lock, and behind it the exclusion constraint). PostgreSQL only."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection
from django.utils import timezone

from grassroots.testing.race import race

from ..models import RoomBooking
from ..services import room_book
from .world import build_twonew_world

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]



def test_two_overlapping_bookings_at_once_one_wins(county):
    w = build_twonew_world(county)
    start = timezone.now().replace(microsecond=0) + timedelta(days=3)
    room = w.rooms[0]
    outcomes = race(*[
        (lambda i=i, u=u: room_book(actor=u, room=room, starts_at=start + timedelta(minutes=10 * i),
                               ends_at=start + timedelta(hours=2), purpose=f"活动{i}"))
        for i, u in enumerate((w.manager_a, w.officer_a, w.committee_user))])
    assert outcomes.count("ok") == 1
    assert all("已被预约" in o for o in outcomes if o != "ok")
    assert RoomBooking.objects.filter(room=room).count() == 1


def test_the_exclusion_constraint_refuses_an_overlap_written_past_the_service(county):
    w = build_twonew_world(county)
    start = timezone.now() + timedelta(days=3)
    RoomBooking.objects.create(room=w.rooms[0], starts_at=start,
                               ends_at=start + timedelta(hours=2), purpose="甲")
    with pytest.raises(IntegrityError, match="twonew_booking_no_overlap"):
        RoomBooking.objects.create(room=w.rooms[0], starts_at=start + timedelta(hours=1),
                                   ends_at=start + timedelta(hours=3), purpose="乙")
